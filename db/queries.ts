import type { Db } from './client';

/**
 * What /api/health shows: that the database answers, and the newest article and figure ids. Two index
 * seeks, whatever the size: a liveness probe polled every few seconds must never count a million rows.
 */
export async function latestIds(db: Db): Promise<{ latestArticleId: number | null; latestFactId: number | null }> {
  const row = await db.get<{ latestArticleId: number | null; latestFactId: number | null }>(
    'SELECT (SELECT max(id) FROM articles) AS "latestArticleId", (SELECT max(id) FROM facts) AS "latestFactId"');
  return { latestArticleId: row?.latestArticleId ?? null, latestFactId: row?.latestFactId ?? null };
}
