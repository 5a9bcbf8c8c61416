import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from '../../db/client';
import { countRows } from '../../db/ingest';
import { storeDocument } from './store';
import { runChecksForArticle, runCrossChecks } from '../checks';

/** The product's own sample: 上城报 of 2020-04-21, a district newspaper page with six articles. */
export const SAMPLE = {
  file: join(process.cwd(), 'data', 'sample', 'shangcheng-bao-2020-04-21.txt'),
  sourceName: '上城报',
  district: '上城区',
  published: '2020-04-21',
};

/** Loads the sample when the database holds no articles at all, so a restart never loads it twice. */
export async function loadSampleIfEmpty(db: Sql): Promise<{ loaded: boolean; articles: number; facts: number }> {
  if ((await countRows(db)).articles > 0) return { loaded: false, articles: 0, facts: 0 };
  const stored = await storeDocument(db, {
    text: readFileSync(SAMPLE.file, 'utf8'), sourceName: SAMPLE.sourceName, district: SAMPLE.district,
    published: SAMPLE.published, fileName: 'shangcheng-bao-2020-04-21.txt', issue: '1492',
  });
  // fact-checks of the sample (idempotent: they replace any the store step already computed)
  for (const article of stored) if (!article.duplicate) await runChecksForArticle(db, article.id);
  await runCrossChecks(db);
  return { loaded: true, articles: stored.length, facts: stored.reduce((n, a) => n + a.facts, 0) };
}
