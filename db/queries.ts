import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { articles, facts } from './schema';

export function totals(db: Db): { articles: number; facts: number } {
  const a = db.select({ n: sql<number>`count(*)` }).from(articles).get()?.n ?? 0;
  const f = db.select({ n: sql<number>`count(*)` }).from(facts).get()?.n ?? 0;
  return { articles: a, facts: f };
}
