import { databaseLocation, describeLocation, isReadReplica, openDb } from '../../db/client';
import { indexPendingArticles } from '../../db/search';
import { loadSampleIfEmpty } from '../ingest/sample';
import { ensureAdmin } from '../auth/users';

export async function run(): Promise<number> {
  const path = describeLocation(databaseLocation());
  const db = await openDb();
  if (await isReadReplica(db)) {
    // its primary was prepared; a replica serves what it replicates
    console.log(`database ${path}: a read replica: nothing to prepare`);
    await db.close();
    return 0;
  }
  // First start: create the admin editor before anything else can fail; a generated password is shown only now.
  const admin = await ensureAdmin(db);
  if (admin.created) {
    console.log(admin.passwordFrom === 'env'
      ? `created editor "${admin.name}" with the password of FIGURES_ADMIN_PASSWORD`
      : `created editor "${admin.name}" — password (shown this once, write it down): ${admin.password}`);
  }
  // articles stored before search was indexed with them (an upgrade) are indexed now, never by a reader
  const indexed = await indexPendingArticles(db);
  if (indexed) console.log(`search: indexed ${indexed} stored articles`);
  const sample = await loadSampleIfEmpty(db);
  console.log(sample.loaded
    ? `database ${path}: loaded the sample page (${sample.articles} articles, ${sample.facts} figures)`
    : `database ${path}: up to date`);
  await db.close();
  return 0;
}
