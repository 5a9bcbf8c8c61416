import type { Db } from './client';

export async function totals(db: Db): Promise<{ articles: number; facts: number }> {
  const row = await db.get<{ articles: number; facts: number }>(
    'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM facts) AS facts');
  return { articles: Number(row?.articles ?? 0), facts: Number(row?.facts ?? 0) };
}
