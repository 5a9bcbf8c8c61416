// `figures db copy`: a whole database into an empty one, SQLite or PostgreSQL either way (a dialect module:
// the catalogue reads and sequence updates of both engines live here).
//
// What is copied: every table the two databases share — sources, users, articles, facts, checks and their
// links, the review trail, crawl state, whatever later migrations add — with the ids kept, in the order their
// foreign keys need. Sessions only when asked (signing in again is cheap); sign-in throttling never. What is
// derived is rebuilt by the target instead: the search index (FTS5 or tsvector) by db/search.ts, and the
// rollups from the copied figures by db/rollups.ts.
//
// Each page of rows is one transaction on the target together with the copy's progress (table
// figures_db_copy), so an interrupted copy — killed, a lost connection — continues after the last committed
// page when started again with the same source. At the end every copied table is compared row for row by a
// checksum of its values in key order, and the derived ones by their row counts.
import { createHash } from 'node:crypto';
import type { Db, Param, Sql } from './client';
import { rebuildRollups } from './rollups';
import { indexArticle } from './search';

/** Never copied: rebuilt by the target (search, rollups), bookkeeping of each database, or transient. */
const DERIVED = new Set(['search_passages', 'search_pending', 'rollup_periods', 'rollup_streets', 'rollup_distributions', 'rollup_places', 'rollup_state']);
const NEVER = new Set(['__drizzle_migrations', 'sign_in_attempts', 'sign_in_throttles', 'figures_db_copy', 'sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4']);
const isFtsTable = (name: string) => /^search_fts/.test(name);
const STATE_TABLE = 'figures_db_copy';

export interface CopyOptions {
  /** copy signed-in sessions too (default: editors sign in again on the target) */
  sessions?: boolean;
  /** rows per page (one target transaction each) */
  pageRows?: number;
  /** after each committed page: what was copied so far; throwing here stops the copy (it can be resumed) */
  onProgress?: (p: { table: string; rows: number; phase: 'copy' | 'search' }) => void;
}

export interface TableReport {
  table: string;
  kind: 'copied' | 'derived';
  sourceRows: number;
  targetRows: number;
  /** copied tables: whether the checksums of their values, in key order, agree */
  checksumsMatch: boolean | null;
  ok: boolean;
}

export interface CopyReport { tables: TableReport[]; resumed: boolean; ok: boolean; seconds: number }

export class CopyRefused extends Error {}

// ── catalogue ────────────────────────────────────────────────────────────────────────────────────

interface TableInfo { name: string; columns: string[]; key: string[]; references: string[] }

async function tableNames(db: Sql): Promise<string[]> {
  const rows = db.dialect === 'postgres'
    ? await db.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
    : await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => r.name).filter((n) => !NEVER.has(n) && !isFtsTable(n)).sort();
}

async function tableInfo(db: Sql, name: string): Promise<TableInfo> {
  if (db.dialect === 'postgres') {
    const columns = await db.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`, [name]);
    const key = await db.all<{ name: string }>(`SELECT a.attname AS name FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`, [`public."${name}"`]);
    const references = await db.all<{ name: string }>(`SELECT DISTINCT ccu.table_name AS name FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.table_schema = 'public' AND tc.table_name = ? AND tc.constraint_type = 'FOREIGN KEY'`, [name]);
    return { name, columns: columns.map((c) => c.name), key: key.map((k) => k.name), references: references.map((r) => r.name) };
  }
  const columns = await db.all<{ name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid', [name]);
  const references = await db.all<{ name: string }>('SELECT DISTINCT "table" AS name FROM pragma_foreign_key_list(?)', [name]);
  return {
    name, columns: columns.map((c) => c.name),
    key: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    references: references.map((r) => r.name),
  };
}

/** Tables in an order where every table comes after those its foreign keys point at. */
function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of t.references) { const target = byName.get(r); if (target && r !== t.name) visit(target, path); }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rowCount(db: Sql, table: string): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${quoted(table)}`))!.n;
}

// ── sequences ────────────────────────────────────────────────────────────────────────────────────

/** The last id a table's counter handed out (AUTOINCREMENT's sqlite_sequence, an identity's sequence), or null. */
async function lastIssuedId(db: Sql, table: string): Promise<number | null> {
  if (db.dialect === 'postgres') {
    const seq = await db.get<{ seq: string | null }>("SELECT pg_get_serial_sequence(?, 'id') AS seq", [quoted(table)]);
    if (!seq?.seq) return null;
    const row = await db.get<{ last: number | null }>(`SELECT CASE WHEN is_called THEN last_value ELSE NULL END AS last FROM ${seq.seq}`);
    return row?.last ?? null;
  }
  const hasSequence = await db.get("SELECT 1 AS found FROM sqlite_master WHERE name = 'sqlite_sequence'");
  if (!hasSequence) return null;
  return (await db.get<{ seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?', [table]))?.seq ?? null;
}

/** Moves a table's id counter past every copied id and past the last id the source handed out. */
async function advanceIds(db: Sql, table: string, sourceLast: number | null): Promise<void> {
  const max = (await db.get<{ n: unknown }>(`SELECT max(id) AS n FROM ${quoted(table)}`))?.n ?? null;
  if (max !== null && typeof max !== 'number') return; // a text key (sessions): no counter
  const last = Math.max(max ?? 0, sourceLast ?? 0);
  if (last === 0) return;
  if (db.dialect === 'postgres') {
    const seq = await db.get<{ seq: string | null }>("SELECT pg_get_serial_sequence(?, 'id') AS seq", [quoted(table)]);
    if (seq?.seq) await db.get('SELECT setval(?::regclass, ?, true)', [seq.seq, last]);
    return;
  }
  const autoincrement = await db.get("SELECT 1 AS found FROM sqlite_master WHERE name = 'sqlite_sequence'");
  if (!autoincrement) return;
  const updated = await db.run('UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?', [last, table, last]);
  if (!updated && !(await db.get('SELECT 1 AS found FROM sqlite_sequence WHERE name = ?', [table]))) {
    await db.run('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', [table, last]);
  }
}

// ── progress ─────────────────────────────────────────────────────────────────────────────────────

interface State { source: string; tables: Record<string, { after: Param[] | null; done: boolean; rows: number }>; searchAfter: number; searchDone: boolean }

async function readState(db: Sql): Promise<State | null> {
  const exists = db.dialect === 'postgres'
    ? await db.get("SELECT 1 AS found FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ?", [STATE_TABLE])
    : await db.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [STATE_TABLE]);
  if (!exists) return null;
  const row = await db.get<{ value: string }>(`SELECT value FROM ${STATE_TABLE} WHERE name = 'state'`);
  return row ? JSON.parse(row.value) as State : null;
}

async function writeState(tx: Sql, state: State): Promise<void> {
  await tx.run(`INSERT INTO ${STATE_TABLE} (name, value) VALUES ('state', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [JSON.stringify(state)]);
}

// ── checksums ────────────────────────────────────────────────────────────────────────────────────

/** A row's values as text both engines' drivers agree on (numbers as JavaScript writes them, -0 as 0). */
function rowText(row: unknown[]): string {
  return JSON.stringify(row.map((v) => (typeof v === 'number' && Object.is(v, -0) ? 0 : typeof v === 'bigint' ? Number(v) : v)));
}

async function* pages(db: Sql, t: TableInfo, columns: string[], pageRows: number, after: Param[] | null): AsyncGenerator<unknown[][]> {
  const list = columns.map(quoted).join(', ');
  const key = t.key.map(quoted).join(', ');
  if (!t.key.length) {
    // no primary key (none of the app's tables): the whole table at once
    yield await db.rows(`SELECT ${list} FROM ${quoted(t.name)}`);
    return;
  }
  const keyIndexes = t.key.map((k) => columns.indexOf(k));
  let last = after;
  for (;;) {
    const where = last ? `WHERE (${key}) > (${last.map(() => '?').join(', ')})` : '';
    const rows = await db.rows(`SELECT ${list} FROM ${quoted(t.name)} ${where} ORDER BY ${key} LIMIT ${pageRows}`, last ?? []);
    if (!rows.length) return;
    yield rows;
    if (rows.length < pageRows) return;
    last = keyIndexes.map((i) => rows[rows.length - 1][i] as Param);
  }
}

async function checksum(db: Sql, t: TableInfo, columns: string[], pageRows: number): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of pages(db, t, columns, pageRows, null)) {
    for (const row of page) { hash.update(rowText(row)); hash.update('\n'); rows++; }
  }
  return { rows, sha256: hash.digest('hex') };
}

// ── the copy ─────────────────────────────────────────────────────────────────────────────────────

/** Bound parameters per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMS_PER_INSERT = 30_000;

async function insertRows(tx: Sql, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perInsert = Math.max(1, Math.floor(PARAMS_PER_INSERT / columns.length));
  const list = columns.map(quoted).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let from = 0; from < rows.length; from += perInsert) {
    const slice = rows.slice(from, from + perInsert);
    await tx.run(`INSERT INTO ${quoted(table)} (${list}) VALUES ${slice.map(() => tuple).join(', ')}`, slice.flat() as Param[]);
  }
}

/**
 * Copies `source` into `target` (both opened and migrated by the caller) and verifies the result. Refuses a
 * target holding data, unless it holds an unfinished copy of the same source, which it then continues.
 */
export async function copyDatabase(source: Db, target: Db, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  const pageRows = Math.max(1, options.pageRows ?? 2000);
  if (source.location === target.location) throw new CopyRefused('the source and the target are the same database');
  const sourceNames = await tableNames(source);
  const targetNames = new Set(await tableNames(target));
  const wanted = sourceNames.filter((n) => !DERIVED.has(n) && (options.sessions || n !== 'sessions'));
  const missing = wanted.filter((n) => !targetNames.has(n));
  if (missing.length) throw new CopyRefused(`the target has no table ${missing.join(', ')}: it is of an older version of the app (update it, then copy)`);
  const tables = foreignKeyOrder(await Promise.all(wanted.map((n) => tableInfo(source, n))));
  const targetInfo = new Map(await Promise.all(tables.map(async (t) => [t.name, await tableInfo(target, t.name)] as const)));
  for (const t of tables) {
    const extra = t.columns.filter((c) => !targetInfo.get(t.name)!.columns.includes(c));
    if (extra.length) throw new CopyRefused(`the target's ${t.name} has no column ${extra.join(', ')}: it is of an older version of the app`);
  }

  let state = await readState(target);
  const resumed = state !== null;
  if (state && state.source !== source.location) {
    throw new CopyRefused(`the target holds an unfinished copy of another database (${state.source}); copy into an empty database`);
  }
  if (!state) {
    const occupied = [];
    for (const name of [...targetNames].filter((n) => !DERIVED.has(n))) if (await rowCount(target, name)) occupied.push(name);
    if (occupied.length) throw new CopyRefused(`the target is not empty (${occupied.join(', ')} hold rows): copy into an empty database`);
    await target.exec(`CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (name text PRIMARY KEY, value text NOT NULL)`);
    state = { source: source.location, tables: {}, searchAfter: 0, searchDone: false };
    await writeState(target, state);
  }

  for (const t of tables) {
    const progress = state.tables[t.name] ??= { after: null, done: false, rows: 0 };
    if (progress.done) continue;
    const keyIndexes = t.key.map((k) => t.columns.indexOf(k));
    for await (const rows of pages(source, t, t.columns, pageRows, progress.after)) {
      progress.rows += rows.length;
      progress.after = t.key.length ? keyIndexes.map((i) => rows[rows.length - 1][i] as Param) : null;
      await target.transaction(async (tx) => {
        await insertRows(tx, t.name, t.columns, rows);
        await writeState(tx, state!);
      });
      options.onProgress?.({ table: t.name, rows: progress.rows, phase: 'copy' });
    }
    progress.done = true;
    if (t.columns.includes('id')) await advanceIds(target, t.name, await lastIssuedId(source, t.name));
    await writeState(target, state);
  }

  // the search index, in the target's own form; articles of synthetic sources are never indexed
  if (!state.searchDone) {
    for (;;) {
      const batch = await target.all<{ id: number; title: string | null; text: string; districtCode: string | null }>(`SELECT a.id, a.title, a.text,
          a.district_code AS "districtCode" FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.id > ? AND coalesce(s.synthetic, 0) = 0 ORDER BY a.id LIMIT 200`, [state.searchAfter]);
      if (!batch.length) break;
      state.searchAfter = batch[batch.length - 1].id;
      await target.transaction(async (tx) => {
        for (const article of batch) await indexArticle(tx, article);
        await writeState(tx, state!);
      });
      options.onProgress?.({ table: 'search_passages', rows: state.searchAfter, phase: 'search' });
    }
    state.searchDone = true;
    await writeState(target, state);
  }
  // the rollups from the copied figures (their effective values and periods are copied columns)
  await target.transaction((tx) => rebuildRollups(tx));

  const reports: TableReport[] = [];
  for (const t of tables) {
    const [a, b] = [await checksum(source, t, t.columns, pageRows), await checksum(target, t, t.columns, pageRows)];
    reports.push({ table: t.name, kind: 'copied', sourceRows: a.rows, targetRows: b.rows, checksumsMatch: a.sha256 === b.sha256, ok: a.sha256 === b.sha256 && a.rows === b.rows });
  }
  for (const name of sourceNames.filter((n) => DERIVED.has(n) && targetNames.has(n))) {
    // search is compared only where the source indexed every article (nothing pending)
    if (name === 'search_pending') continue;
    if (name === 'search_passages' && await rowCount(source, 'search_pending')) continue;
    const [sourceRows, targetRows] = [await rowCount(source, name), await rowCount(target, name)];
    reports.push({ table: name, kind: 'derived', sourceRows, targetRows, checksumsMatch: null, ok: sourceRows === targetRows });
  }
  const ok = reports.every((r) => r.ok);
  // finished and verified: the bookkeeping goes; a failed verification keeps it, to look at
  if (ok) await target.exec(`DROP TABLE ${STATE_TABLE}`);
  return { tables: reports, resumed, ok, seconds: (performance.now() - started) / 1000 };
}
