import { databaseLocation, describeLocation, isReadReplica, openDb } from '../../db/client';
import { indexPendingArticles } from '../../db/search';
import { loadSampleIfEmpty } from '../ingest/sample';
import { ensureAdmin } from '../auth/users';
import { configuredPublicUrl } from '../public-url';
import { taxonomyInForce } from '../extract/taxonomy';
import { settingProblems } from '../settings.mjs';
import { CliError } from './args';
import { framed } from './table';

export async function run(): Promise<number> {
  // a malformed public address is refused now, before the server starts, not on a reader's first citation
  try { configuredPublicUrl(); } catch (error) { throw new CliError((error as Error).message); }
  // likewise a numeric setting that is not a number it allows
  const problems = settingProblems();
  if (problems.length) throw new CliError(problems.join('\n'));
  // likewise a bad FIGURES_TAXONOMY file (the taxonomy is otherwise read on first use)
  try { taxonomyInForce(); } catch (error) { throw new CliError((error as Error).message); }
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
    // framed, so it is found in the scroll; `npm start` holds the frame back and prints it just before the ready line
    console.log(admin.passwordFrom === 'env'
      ? `created editor "${admin.name}" with the password of FIGURES_ADMIN_PASSWORD`
      : framed([`Editor "${admin.name}" created. Sign in at /login with the password`, '', `    ${admin.password}`, '', 'It is shown this once: write it down. (Set another with: npm run -s figures -- editor NAME)']));
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
