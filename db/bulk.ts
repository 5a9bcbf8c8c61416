// After a bulk load (a dialect module): what each engine needs so the next queries run as they will in
// service. PostgreSQL plans by table statistics and answers index-only scans from the visibility map, which
// autovacuum fills in only a while after a load; a loader that hands the database over at once (synth, the
// benchmark) builds both now. SQLite needs nothing: its plans do not depend on statistics the app gathers.
import type { Sql } from './client';

export async function afterBulkLoad(db: Sql, tables: readonly string[]): Promise<void> {
  if (db.dialect !== 'postgres' || !tables.length) return;
  await db.exec(`VACUUM (ANALYZE) ${tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(', ')}`);
}
