import { databasePath, openDb } from '../../db/client';
import { loadSampleIfEmpty } from '../ingest/sample';
import { ensureAdmin } from '../auth/users';

export async function run(): Promise<number> {
  const path = databasePath();
  const db = openDb(path);
  // First start: create the admin editor before anything else can fail; a generated password is shown only now.
  const admin = await ensureAdmin(db);
  if (admin.created) {
    console.log(admin.passwordFrom === 'env'
      ? `created editor "${admin.name}" with the password of FIGURES_ADMIN_PASSWORD`
      : `created editor "${admin.name}" — password (shown this once, write it down): ${admin.password}`);
  }
  const sample = loadSampleIfEmpty(db);
  console.log(sample.loaded
    ? `database ${path}: loaded the sample page (${sample.articles} articles, ${sample.facts} figures)`
    : `database ${path}: up to date`);
  db.$client.close();
  return 0;
}
