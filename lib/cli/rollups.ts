// `figures rollups [--db PATH]`: derives every figure's effective value, unit, metric and period again and
// rebuilds the rollups, from the facts as they are: after edits that went around the app (a database shell).
import { locationOf, openDb } from '../../db/client';
import { rederiveAll } from '../../db/derived';
import { parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { db: { type: 'string' } });
  const db = await openDb(locationOf(values.db as string | undefined));
  try {
    const t0 = performance.now();
    await rederiveAll(db);
    console.log(`rollups rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await db.close();
  }
}
