// `figures checks`: recomputes every fact check (after a change to the checks themselves).
import { openDb } from '../../db/client';
import { countChecks, runChecksForArticle, runCrossChecks } from '../checks';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {});
  if (positionals.length) throw new CliError('checks takes no arguments');
  const db = await openDb();
  try {
    const ids = await db.all<{ id: number }>('SELECT id FROM articles ORDER BY id');
    await db.transaction(async (tx) => { for (const { id } of ids) await runChecksForArticle(tx, id); });
    await runCrossChecks(db);
    const n = await countChecks(db, {});
    console.log(`checks: ${ids.length} articles — ${n.holds} hold, ${n.off} off, ${n.cannot_tell} cannot tell`);
  } finally {
    await db.close();
  }
  return 0;
}
