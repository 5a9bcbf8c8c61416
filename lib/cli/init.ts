import { databasePath, openDb } from '../../db/client';
import { loadSampleIfEmpty } from '../ingest/sample';

export async function run(): Promise<number> {
  const path = databasePath();
  const db = openDb(path);
  const sample = loadSampleIfEmpty(db);
  console.log(sample.loaded
    ? `database ${path}: loaded the sample page (${sample.articles} articles, ${sample.facts} figures)`
    : `database ${path}: up to date`);
  db.$client.close();
  return 0;
}
