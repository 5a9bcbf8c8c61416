// `figures checks`: recomputes every fact check (after a change to the checks themselves).
import { sql } from 'drizzle-orm';
import { databasePath, openDb } from '../../db/client';
import { articles } from '../../db/schema';
import { countChecks, runChecksForArticle, runCrossChecks } from '../checks';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {});
  if (positionals.length) throw new CliError('checks takes no arguments');
  const db = openDb(databasePath());
  try {
    const ids = db.select({ id: articles.id }).from(articles).orderBy(sql`${articles.id}`).all();
    db.transaction(() => { for (const { id } of ids) runChecksForArticle(db, id); });
    runCrossChecks(db);
    const n = countChecks(db, {});
    console.log(`checks: ${ids.length} articles — ${n.holds} hold, ${n.off} off, ${n.cannot_tell} cannot tell`);
  } finally {
    db.$client.close();
  }
  return 0;
}
