// The rollups (rollup_periods, rollup_streets, rollup_places; db/schema.ts) hold what the dashboard
// aggregates per district, so the overview of a district or of everything reads a few thousand rows
// instead of every figure. The app's writers keep them: each transaction that changes figures (ingest,
// review, re-extraction, delete, synth) collects the keys it touched (RollupTouch) and recomputes exactly
// those rows from the facts before it commits (refreshRollups) — exact, and right for "latest" figures,
// which no running sum can keep. SQL both engines read (window functions, row-value joins on a VALUES list).
import type { Param, Sql } from './client';
import { aggregationFingerprint, measureSql } from '../lib/vocab/metrics';
import { finestPlaceSql, type PlaceLevel } from '../lib/vocab/places';

/** The figure a rollup row is keyed by, as a writer knows it (a fact row before or after its change). */
export interface RollupFact {
  districtCode: string | null;
  streetCode: string | null;
  communityCode: string | null;
  effectiveMetric: string | null;
  effectiveUnit: string | null;
  period: string | null;
}

const SEP = '\u0000';

/** The rollup keys a transaction touched: add every figure before and after its change. */
export class RollupTouch {
  readonly periods = new Set<string>();
  readonly streets = new Set<string>();
  readonly places = new Map<string, PlaceLevel>();
  /** everything: rebuild the rollups whole (a bulk load) */
  all = false;

  add(f: RollupFact): void {
    if (f.districtCode) this.places.set(f.districtCode, 'district');
    if (f.streetCode) this.places.set(f.streetCode, 'street');
    if (f.communityCode) this.places.set(f.communityCode, 'community');
    if (!f.effectiveMetric || !f.effectiveUnit) return;
    const head = [f.districtCode ?? '', f.effectiveMetric, f.effectiveUnit].join(SEP);
    this.periods.add(`${head}${SEP}${f.period ?? ''}`);
    this.streets.add(`${head}${SEP}${f.streetCode ?? ''}`);
  }

  get empty(): boolean {
    return !this.all && !this.periods.size && !this.streets.size && !this.places.size;
  }
}

const KEY_COLUMNS = `f.district_code AS "districtCode", f.street_code AS "streetCode", f.community_code AS "communityCode",
  f.effective_metric AS "effectiveMetric", f.effective_unit AS "effectiveUnit", f.period AS period`;

/** Adds the keys of stored figures (read before a change deletes or moves them, and after it). */
export async function touchStored(db: Sql, touch: RollupTouch, where: string, params: readonly Param[]): Promise<void> {
  for (const f of await db.all<RollupFact>(`SELECT DISTINCT ${KEY_COLUMNS} FROM facts f WHERE ${where}`, params)) touch.add(f);
}

/** Adds the keys of stored figures by id (in slices: a statement has a bounded number of parameters). */
export async function touchFactIds(db: Sql, touch: RollupTouch, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    await touchStored(db, touch, `f.id IN (${slice.map(() => '?').join(', ')})`, slice);
  }
}

// ── recomputing rows from facts ─────────────────────────────────────────────────────────────────────

type Table = 'rollup_periods' | 'rollup_streets';
const KEY_OF: Record<Table, string> = { rollup_periods: 'period', rollup_streets: 'street_code' };

/**
 * The aggregate rows of a table, for the facts `where` selects: per key and measure, the count, the
 * approximate count and the total (flows and plans summed; levels the latest of each place — by date, then
 * the larger value, then the later row — summed over places; distributions and counts have no total).
 */
function aggregateSql(table: Table, where: string): string {
  const key = table === 'rollup_periods' ? "coalesce(f.period, '')" : "coalesce(f.street_code, '')";
  return `SELECT x.d, x.m, x.u, x.measure, x.k, count(*) AS figures, sum(x.approx) AS approximate,
      CASE WHEN x.measure IN ('flow', 'plan') THEN sum(x.v) WHEN x.measure = 'level' THEN sum(CASE WHEN x.rn = 1 THEN x.v ELSE 0 END) ELSE NULL END AS total,
      CASE WHEN x.measure IN ('flow', 'plan') THEN sum(x.approx * x.v) WHEN x.measure = 'level' THEN sum(CASE WHEN x.rn = 1 THEN x.approx * x.v ELSE 0 END) ELSE NULL END AS approximate_total
    FROM (
      SELECT y.*, row_number() OVER (PARTITION BY y.d, y.m, y.u, y.k, y.measure, y.place ORDER BY y.ord_date DESC NULLS LAST, y.v DESC, y.id DESC) AS rn
      FROM (
        SELECT coalesce(f.district_code, '') AS d, f.effective_metric AS m, f.effective_unit AS u, ${key} AS k,
          ${measureSql('f')} AS measure, ${finestPlaceSql('f')} AS place,
          CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END AS approx, f.effective_value AS v, f.date AS ord_date, f.id AS id
        FROM facts f WHERE f.review_status <> 'rejected' AND f.effective_metric IS NOT NULL AND ${where}
      ) y
    ) x
    GROUP BY x.d, x.m, x.u, x.measure, x.k`;
}

function insertSql(table: Table, select: string): string {
  return `INSERT INTO ${table} (district_code, metric, unit, measure, ${KEY_OF[table]}, figures, approximate, total, approximate_total)
    ${select}
    ON CONFLICT (district_code, metric, unit, measure, ${KEY_OF[table]}) DO UPDATE SET figures = excluded.figures,
      approximate = excluded.approximate, total = excluded.total, approximate_total = excluded.approximate_total`;
}

/** Keys per statement: four parameters each. */
const KEYS_PER_STATEMENT = 200;

/**
 * Recomputes the rows of the given keys. Keys are joined to facts by a VALUES list on the leading columns of
 * facts_dash_district (district, metric, unit, period) or facts_dash_street (street, metric, unit); a missing
 * district, period or street ('' in the rollups) is NULL in facts, so those keys go by their own statements.
 */
async function refreshKeys(tx: Sql, table: Table, keys: Iterable<string>): Promise<void> {
  const keyColumn = KEY_OF[table];
  const factKey = table === 'rollup_periods' ? 'f.period' : 'f.street_code';
  const groups = new Map<string, string[][]>();
  for (const key of keys) {
    const [d, m, u, k] = key.split(SEP);
    const shape = `${d ? 'd' : '-'}${k ? 'k' : '-'}`;
    const list = groups.get(shape) ?? [];
    list.push([d, m, u, k]);
    groups.set(shape, list);
  }
  for (const [shape, list] of groups) {
    for (let i = 0; i < list.length; i += KEYS_PER_STATEMENT) {
      const slice = list.slice(i, i + KEYS_PER_STATEMENT);
      const values = slice.map(() => '(?, ?, ?, ?)').join(', ');
      const params = slice.flat();
      await tx.run(`DELETE FROM ${table} WHERE (district_code, metric, unit, ${keyColumn}) IN (SELECT * FROM (VALUES ${values}) AS t)`, params);
      const match = [
        shape[0] === 'd' ? 'f.district_code = t.column1' : 'f.district_code IS NULL',
        'f.effective_metric = t.column2', 'f.effective_unit = t.column3',
        shape[1] === 'k' ? `${factKey} = t.column4` : `${factKey} IS NULL`,
      ].join(' AND ');
      const where = `EXISTS (SELECT 1 FROM (VALUES ${values}) AS t WHERE ${match})`;
      await tx.run(insertSql(table, aggregateSql(table, where)), params);
    }
  }
}

/** Recounts the places touched: districts from rollup_streets, streets and communities from their facts. */
async function refreshPlaces(tx: Sql, places: Map<string, PlaceLevel>): Promise<void> {
  const codes = [...places.keys()];
  for (let i = 0; i < codes.length; i += 500) {
    const slice = codes.slice(i, i + 500);
    await tx.run(`DELETE FROM rollup_places WHERE code IN (${slice.map(() => '?').join(', ')})`, slice);
  }
  for (const [code, level] of places) {
    const count = level === 'district'
      ? await tx.get<{ n: number | null }>('SELECT sum(figures) AS n FROM rollup_streets WHERE district_code = ?', [code])
      : await tx.get<{ n: number }>(`SELECT count(*) AS n FROM facts WHERE ${level}_code = ? AND review_status <> 'rejected'`, [code]);
    const figures = Number(count?.n ?? 0);
    if (!figures) continue;
    const row = await tx.get<{ name: string | null; districtCode: string | null; streetCode: string | null }>(
      `SELECT ${level} AS name, district_code AS "districtCode", street_code AS "streetCode" FROM facts
       WHERE ${level}_code = ? AND ${level} IS NOT NULL LIMIT 1`, [code]);
    await tx.run('INSERT INTO rollup_places (code, level, name, district_code, street_code, figures) VALUES (?, ?, ?, ?, ?, ?)',
      [code, level, row?.name ?? null, level === 'district' ? code : row?.districtCode ?? code.slice(0, 6), level === 'community' ? row?.streetCode ?? code.slice(0, 9) : null, figures]);
  }
}

/** Rebuilds every rollup row from the facts (a bulk load, a migration, other aggregation rules). */
export async function rebuildRollups(tx: Sql): Promise<void> {
  for (const table of ['rollup_periods', 'rollup_streets'] as const) {
    await tx.run(`DELETE FROM ${table}`);
    await tx.run(insertSql(table, aggregateSql(table, '1 = 1')));
  }
  await tx.run('DELETE FROM rollup_places');
  for (const level of ['community', 'street', 'district'] as const) {
    await tx.run(`INSERT INTO rollup_places (code, level, name, district_code, street_code, figures)
      SELECT f.${level}_code, '${level}', min(f.${level}), ${level === 'district' ? `f.district_code` : 'min(f.district_code)'},
        ${level === 'community' ? 'min(f.street_code)' : 'NULL'}, count(*)
      FROM facts f WHERE f.${level}_code IS NOT NULL AND f.review_status <> 'rejected' GROUP BY f.${level}_code`);
  }
  await setRollupRules(tx, aggregationFingerprint());
}

/** Recomputes what a transaction touched; call it inside that transaction, after its last write to facts. */
export async function refreshRollups(tx: Sql, touch: RollupTouch): Promise<void> {
  if (touch.all) { await rebuildRollups(tx); return; }
  if (touch.empty) return;
  await refreshKeys(tx, 'rollup_periods', touch.periods);
  await refreshKeys(tx, 'rollup_streets', touch.streets);
  await refreshPlaces(tx, touch.places);
}

// ── state ───────────────────────────────────────────────────────────────────────────────────────────

async function setRollupRules(tx: Sql, rules: string): Promise<void> {
  await tx.run(`INSERT INTO rollup_state (name, value) VALUES ('rules', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [rules]);
}

/** Marks the rollups as not to be read (a bulk load is under way; it rebuilds them when done). */
export async function setRollupsStale(db: Sql): Promise<void> {
  await setRollupRules(db, 'stale');
}

/** Whether the rollups were built with the aggregation rules in force (else the dashboard reads the facts). */
export async function rollupsCurrent(db: Sql): Promise<boolean> {
  const row = await db.get<{ value: string }>("SELECT value FROM rollup_state WHERE name = 'rules'");
  return row?.value === aggregationFingerprint();
}

/** Builds the rollups when they are missing or were built with other rules: on every open of a database. */
export async function ensureRollups(db: Sql): Promise<boolean> {
  if (await rollupsCurrent(db)) return false;
  await db.transaction(async (tx) => {
    // another process may have built them while this one waited for the lock
    if (!(await rollupsCurrent(tx))) await rebuildRollups(tx);
  });
  return true;
}
