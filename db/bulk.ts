// Bulk loading (a dialect module): rows written many to a statement, the secondary indexes of a table set
// aside while it fills and built once afterwards, and what each engine needs after a load so the next queries
// run as they will in service.
import { openDb, type Db, type Param, type Sql } from './client';
import { lockTask } from './locks';
import { rebuildRollups, setRollupsStale } from './rollups';
import { openSqliteConnection, sqliteDb } from './sql';

/** Most parameters one statement may bind: SQLite's default limit is 32,766, PostgreSQL's 65,535. */
const MAX_PARAMETERS = 32_000;

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The multi-row INSERT of `rows` rows of `columns`, made once per shape. */
const insertTexts = new Map<string, string>();
function insertText(table: string, columns: readonly string[], rows: number, returning: string): string {
  const key = `${table}\u0000${columns.join('\u0000')}\u0000${rows}\u0000${returning}`;
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${quoteName(table)} (${columns.map(quoteName).join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}${returning ? ` RETURNING ${returning}` : ''}`;
    if (insertTexts.size > 64) insertTexts.clear();
    insertTexts.set(key, sql);
  }
  return sql;
}

/** Rows per statement for a table of `columns` columns: as many as the engines' parameter limit allows, at most `cap`. */
export function rowsPerStatement(columns: number, cap = 1000): number {
  return Math.max(1, Math.min(cap, Math.floor(MAX_PARAMETERS / columns)));
}

/**
 * Inserts rows given as one flat list of cells (row after row, `columns.length` cells each), as many rows to
 * a statement as the parameter limit allows. The column names are the caller's constants, never input.
 */
export async function insertCells(tx: Sql, table: string, columns: readonly string[], cells: readonly Param[]): Promise<void> {
  const width = columns.length;
  if (cells.length % width !== 0) throw new Error(`${cells.length} cells are not whole rows of ${width} columns`);
  const total = cells.length / width;
  const per = rowsPerStatement(width);
  for (let from = 0; from < total; from += per) {
    const n = Math.min(per, total - from);
    await tx.run(insertText(table, columns, n, ''), from === 0 && n === total ? cells : cells.slice(from * width, (from + n) * width));
  }
}

/**
 * Inserts rows like insertCells and returns the generated id of each, in row order. `keyColumn` holds a value
 * unique among these rows: RETURNING pairs each id with it, since neither engine promises the rows' order.
 */
export async function insertCellsReturningIds(tx: Sql, table: string, columns: readonly string[], cells: readonly Param[], keyColumn: string): Promise<number[]> {
  const width = columns.length;
  const keyAt = columns.indexOf(keyColumn);
  if (keyAt < 0) throw new Error(`${keyColumn} is not among the columns`);
  if (cells.length % width !== 0) throw new Error(`${cells.length} cells are not whole rows of ${width} columns`);
  const total = cells.length / width;
  const per = rowsPerStatement(width, 500);
  const ids: number[] = new Array(total);
  for (let from = 0; from < total; from += per) {
    const n = Math.min(per, total - from);
    const returned = await tx.rows<[number, Param]>(insertText(table, columns, n, `id, ${quoteName(keyColumn)}`), cells.slice(from * width, (from + n) * width));
    const idByKey = new Map(returned.map(([id, key]) => [key, Number(id)]));
    for (let k = 0; k < n; k++) {
      const id = idByKey.get(cells[(from + k) * width + keyAt]);
      if (id === undefined) throw new Error(`${table}: no id returned for a row`);
      ids[from + k] = id;
    }
  }
  return ids;
}

/** The non-unique indexes of a table, with the statement that makes each again. */
async function secondaryIndexes(tx: Sql, table: string): Promise<{ name: string; sql: string }[]> {
  if (tx.dialect === 'postgres') {
    return tx.all<{ name: string; sql: string }>(`SELECT indexname AS name, indexdef AS sql FROM pg_indexes
      WHERE tablename = ? AND indexdef NOT LIKE 'CREATE UNIQUE%'`, [table]);
  }
  return tx.all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
    AND sql NOT LIKE 'CREATE UNIQUE%'`, [table]);
}

/**
 * Drops the non-unique indexes of `table` and returns what builds them again. An index whose keys arrive in
 * random order costs a few page writes per row; built once, from sorted keys, it costs a fraction of that.
 * Call inside the transaction that loads the table and rebuild before it commits, so a failure leaves the
 * schema as it was.
 */
export async function setIndexesAside(tx: Sql, table: string): Promise<() => Promise<void>> {
  const indexes = await secondaryIndexes(tx, table);
  for (const index of indexes) await tx.exec(`DROP INDEX ${quoteName(index.name)}`);
  return async () => {
    for (const index of indexes) await tx.exec(index.sql);
  };
}

// A load of many transactions (a bulk ingest) sets indexes aside across its commits: what it dropped is
// recorded in the database (rollup_state, the database's small key-value table) in the transaction that drops
// it, so that a process that dies before building them again leaves the record, and the next open builds them.
const ASIDE = 'indexes set aside';

async function recordedAside(tx: Sql): Promise<{ name: string; sql: string }[]> {
  const row = await tx.get<{ value: string }>('SELECT value FROM rollup_state WHERE name = ?', [ASIDE]);
  return row ? JSON.parse(row.value) as { name: string; sql: string }[] : [];
}

async function indexExists(tx: Sql, name: string): Promise<boolean> {
  const row = tx.dialect === 'postgres'
    ? await tx.get('SELECT 1 AS found FROM pg_indexes WHERE indexname = ?', [name])
    : await tx.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'index' AND name = ?", [name]);
  return row !== undefined;
}

/** Builds every index a load set aside and did not build again (it died, or another process opened the database meanwhile). */
export async function restoreIndexesSetAside(db: Sql): Promise<number> {
  // read first: opening a database takes no write lock when nothing was set aside
  if (!(await recordedAside(db)).length) return 0;
  return db.transaction(async (tx) => {
    // PostgreSQL: two processes opening at once would both build the same index
    await lockTask(tx, ASIDE);
    const aside = await recordedAside(tx);
    let built = 0;
    for (const index of aside) {
      if (await indexExists(tx, index.name)) continue;
      await tx.exec(index.sql);
      built++;
    }
    if (aside.length) await tx.run('DELETE FROM rollup_state WHERE name = ?', [ASIDE]);
    return built;
  });
}

export interface BulkLoad {
  /** builds the indexes set aside and the rollups; call once, when the load is over (failed or not) */
  finish(): Promise<void>;
}

/**
 * Starts a load of many transactions into facts: the rollups are marked stale (the dashboard reads the facts
 * meanwhile; each transaction of the load marks them stale again, in case another process rebuilt them in
 * between) and the non-unique indexes of facts but `keep` are set aside; finish() builds both once. Meant for
 * loads that at least double the table: building an index costs a sort of the whole table.
 */
export async function beginBulkLoad(db: Db, keep: readonly string[]): Promise<BulkLoad> {
  await setRollupsStale(db);
  await db.transaction(async (tx) => {
    // PostgreSQL: loads starting at once take turns, so the later one finds the indexes gone and the record made
    await lockTask(tx, ASIDE);
    const indexes = (await secondaryIndexes(tx, 'facts')).filter((index) => !keep.includes(index.name));
    if (!indexes.length) return;
    const aside = await recordedAside(tx);
    await tx.run(`INSERT INTO rollup_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [ASIDE, JSON.stringify([...aside, ...indexes])]);
    for (const index of indexes) await tx.exec(`DROP INDEX ${quoteName(index.name)}`);
  });
  return {
    async finish() {
      const untune = tuneForBulkLoad(db);
      try {
        await restoreIndexesSetAside(db);
        await db.transaction((tx) => rebuildRollups(tx));
      } finally {
        untune();
      }
      await afterBulkLoad(db, ['articles', 'facts']);
    },
  };
}

/**
 * Opens a database (migrated, as openDb does) for a load that writes it alone. A SQLite file nobody else has
 * open leaves write-ahead logging for the load: in WAL mode every page is written twice (to the log, then by the
 * checkpoint into the file, 10 s of a million-figure synth), while a rollback journal keeps only the pages that
 * held data before, which for a fresh file is next to nothing, and stays as safe against a crash (the next open
 * rolls a half-done load back). Nobody else has it open when SQLite lets the connection leave WAL mode: it
 * refuses while any other connection, of this process or another, has the file open. Until the load commits,
 * other connections then wait for it (at most their busy timeout) instead of reading the data as it was; close()
 * goes back to WAL mode. Otherwise (the file is open elsewhere, or PostgreSQL) the database as openDb gives it.
 */
export async function openForBulkLoad(location: string): Promise<Db> {
  const opened = await openDb(location);
  if (!opened.sqlite || location === ':memory:' || location === '') return opened;
  // openDb's connections (a writer and a reader) would hold the file open
  await opened.close();
  const connection = openSqliteConnection(location);
  let alone = false;
  try {
    connection.pragma('busy_timeout = 0');
    alone = connection.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    // SQLITE_BUSY: another connection has the file open; it stays in WAL mode
  } finally {
    connection.pragma('busy_timeout = 15000');
  }
  const db = sqliteDb(location, connection);
  if (!alone) return db;
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      if (connection.open) connection.pragma('journal_mode = WAL');
    } catch {
      // another connection holds the file now: the next open of the app sets WAL mode again
    }
    await close();
  };
  return db;
}

/**
 * SQLite settings for a long load on this connection, undone by the function returned: a page cache large
 * enough to hold the hot index pages between batches, and helper threads for the sorts that build indexes
 * and rollups. PostgreSQL: nothing (its server has its own settings).
 */
export function tuneForBulkLoad(db: Db): () => void {
  const sqlite = db.sqlite;
  if (!sqlite) return () => {};
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const threads = sqlite.pragma('threads', { simple: true }) as number;
  sqlite.pragma('cache_size = -400000');
  sqlite.pragma('threads = 2');
  return () => {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`threads = ${threads}`);
  };
}

/**
 * After a bulk load. PostgreSQL plans by table statistics and answers index-only scans from the visibility
 * map, which autovacuum fills in only a while after a load; a loader that hands the database over at once
 * (synth, the benchmark) builds both now. SQLite's plans do not depend on statistics the app gathers; the
 * write-ahead log that held the load is folded into the database file and its space given back.
 */
export async function afterBulkLoad(db: Db, tables: readonly string[]): Promise<void> {
  if (db.sqlite) { db.sqlite.pragma('wal_checkpoint(TRUNCATE)'); return; }
  if (!tables.length) return;
  await db.exec(`VACUUM (ANALYZE) ${tables.map(quoteName).join(', ')}`);
}
