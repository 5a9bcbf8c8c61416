// The rollups (rollup_periods, rollup_streets, rollup_places; db/schema.ts) hold what the dashboard
// aggregates per district, so the overview of a district or of everything reads a few thousand rows
// instead of every figure. The app's writers keep them: each transaction that changes figures (ingest,
// review, re-extraction, delete, synth) collects the keys it touched (RollupTouch) and recomputes exactly
// those rows from the facts before it commits (refreshRollups) — exact, and right for "latest" figures,
// which no running sum can keep. SQL both engines read (window functions, row-value joins on a VALUES list).
import type { Param, Sql } from './client';
import { aggregationFingerprint, measureSql } from '../lib/vocab/metrics';
import { finestPlaceSql, type PlaceLevel } from '../lib/vocab/places';
import { lockKeys } from './locks';

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

type Table = 'rollup_periods' | 'rollup_streets' | 'rollup_distributions';
/** The key column of a table beyond district, metric and unit (none: rollup_distributions). */
const KEY_OF: Record<Table, string | null> = { rollup_periods: 'period', rollup_streets: 'street_code', rollup_distributions: null };
const FACT_KEY_OF: Record<Table, string | null> = { rollup_periods: 'f.period', rollup_streets: 'f.street_code', rollup_distributions: null };

/**
 * The aggregate rows of a table, for the facts `where` selects (`from`: facts as f, or joined to keys): per key and measure, the count, the
 * approximate count and the total (flows and plans summed; levels the latest of each place — by date, then
 * the larger value, then the later row — summed over places; distributions and counts have no total).
 */
function aggregateSql(table: Table, from: string, where: string, whole = false): string {
  if (table === 'rollup_distributions') return distributionSql(from, where);
  const key = `coalesce(${FACT_KEY_OF[table]}, '')`;
  const figures = (measure: string) => `SELECT coalesce(f.district_code, '') AS d, f.effective_metric AS m, f.effective_unit AS u, ${key} AS k,
          ${measureSql('f')} AS measure, ${finestPlaceSql('f')} AS place,
          CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END AS approx, f.effective_value AS v, f.date AS ord_date, f.id AS id
        FROM ${from} WHERE f.review_status <> 'rejected' AND f.effective_metric IS NOT NULL AND ${measure} AND ${where}`;
  // Only levels need each place's latest figure. Over the whole table, ranking the levels apart spares sorting
  // every other figure for the window (a third of a rebuild's time); for a few keys, two reads of their figures
  // cost more than the small sort they spare, so all are ranked together there. Either gives the same rows.
  const ranked = whole
    ? `SELECT y.*, row_number() OVER (PARTITION BY y.d, y.m, y.u, y.k, y.place ORDER BY y.ord_date DESC NULLS LAST, y.v DESC, y.id DESC) AS rn
      FROM (${figures(`${measureSql('f')} = 'level'`)}) y
      UNION ALL
      SELECT y.*, 1 AS rn FROM (${figures(`${measureSql('f')} <> 'level'`)}) y`
    : `SELECT y.*, row_number() OVER (PARTITION BY y.d, y.m, y.u, y.k, y.measure, y.place ORDER BY y.ord_date DESC NULLS LAST, y.v DESC, y.id DESC) AS rn
      FROM (${figures('1 = 1')}) y`;
  return `SELECT x.d, x.m, x.u, x.measure, x.k, count(*) AS figures, sum(x.approx) AS approximate,
      CASE WHEN x.measure IN ('flow', 'plan') THEN sum(x.v) WHEN x.measure = 'level' THEN sum(CASE WHEN x.rn = 1 THEN x.v ELSE 0 END) ELSE NULL END AS total,
      CASE WHEN x.measure IN ('flow', 'plan') THEN sum(x.approx * x.v) WHEN x.measure = 'level' THEN sum(CASE WHEN x.rn = 1 THEN x.approx * x.v ELSE 0 END) ELSE NULL END AS approximate_total
    FROM (${ranked}) x
    GROUP BY x.d, x.m, x.u, x.measure, x.k`;
}

/** Rates and durations of each district, metric and unit: count, range and median (the middle one or two, by one sorting window). */
function distributionSql(from: string, where: string): string {
  return `SELECT x.d, x.m, x.u, count(*) AS figures, sum(x.approx) AS approximate, min(x.v) AS low, max(x.v) AS high,
      avg(CASE WHEN x.rn = (x.n + 1) / 2 OR x.rn = (x.n + 2) / 2 THEN x.v END) AS median
    FROM (
      SELECT coalesce(f.district_code, '') AS d, f.effective_metric AS m, f.effective_unit AS u, CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END AS approx,
        f.effective_value AS v, row_number() OVER ranked AS rn, count(*) OVER ranked AS n
      FROM ${from} WHERE f.review_status <> 'rejected' AND ${measureSql('f')} = 'distribution' AND ${where}
      WINDOW ranked AS (PARTITION BY coalesce(f.district_code, ''), f.effective_metric, f.effective_unit ORDER BY f.effective_value
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    ) x
    GROUP BY x.d, x.m, x.u`;
}

function insertSql(table: Table, select: string): string {
  if (table === 'rollup_distributions') {
    return `INSERT INTO rollup_distributions (district_code, metric, unit, figures, approximate, low, high, median)
      ${select}
      ON CONFLICT (district_code, metric, unit) DO UPDATE SET figures = excluded.figures, approximate = excluded.approximate,
        low = excluded.low, high = excluded.high, median = excluded.median`;
  }
  return `INSERT INTO ${table} (district_code, metric, unit, measure, ${KEY_OF[table]}, figures, approximate, total, approximate_total)
    ${select}
    ON CONFLICT (district_code, metric, unit, measure, ${KEY_OF[table]}) DO UPDATE SET figures = excluded.figures,
      approximate = excluded.approximate, total = excluded.total, approximate_total = excluded.approximate_total`;
}

/** Keys per statement: up to four parameters each. */
const KEYS_PER_STATEMENT = 200;

/**
 * Recomputes the rows of the given keys (district, metric, unit and, but for rollup_distributions, the table's
 * key). Keys are joined to facts by a VALUES list on the leading columns of facts_dash_district (district,
 * metric, unit, period) or facts_dash_street (street, metric, unit); a missing district, period or street ('' in
 * the rollups) is NULL in facts, so those keys go by their own statements.
 */
async function refreshKeys(tx: Sql, table: Table, keys: Iterable<string>): Promise<void> {
  const keyColumn = KEY_OF[table];
  const factKey = FACT_KEY_OF[table];
  const columns = ['district_code', 'metric', 'unit', ...(keyColumn ? [keyColumn] : [])];
  const groups = new Map<string, string[][]>();
  for (const key of keys) {
    const parts = key.split(SEP).slice(0, columns.length);
    const shape = parts.map((p, i) => (i === 1 || i === 2 || p ? 'v' : '-')).join('');
    const list = groups.get(shape) ?? [];
    list.push(parts);
    groups.set(shape, list);
  }
  for (const [shape, list] of groups) {
    for (let i = 0; i < list.length; i += KEYS_PER_STATEMENT) {
      const slice = list.slice(i, i + KEYS_PER_STATEMENT);
      const values = slice.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
      const params = slice.flat();
      await tx.run(`DELETE FROM ${table} WHERE (${columns.join(', ')}) IN (SELECT * FROM (VALUES ${values}) AS t)`, params);
      const factColumns = ['f.district_code', 'f.effective_metric', 'f.effective_unit', ...(factKey ? [factKey] : [])];
      const match = factColumns.map((c, k) => (shape[k] === 'v' ? `${c} = t.column${k + 1}` : `${c} IS NULL`)).join(' AND ');
      // the keys drive the join (CROSS JOIN keeps them outer on SQLite), so each key's figures are found by
      // the index; an EXISTS over the keys would be tested against every figure. Keys are distinct (a Set)
      // and of one shape, so no figure is joined twice.
      await tx.run(insertSql(table, aggregateSql(table, `(VALUES ${values}) AS t CROSS JOIN facts f`, match)), params);
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
  for (const table of ['rollup_periods', 'rollup_streets', 'rollup_distributions'] as const) {
    await tx.run(`DELETE FROM ${table}`);
    await tx.run(insertSql(table, aggregateSql(table, 'facts f', '1 = 1', true)));
  }
  await tx.run('DELETE FROM rollup_places');
  // One pass over the figures groups them by their whole place; each level's counts and names come from those
  // few thousand groups (min of the groups' mins is the min), instead of a pass per level. The codes are grouped
  // as expressions (|| '' keeps a NULL NULL) so that the pass reads the table in order: grouped by the bare
  // columns, SQLite walks an index of them and looks up every figure's row for its names, a few times slower.
  const arm = (level: PlaceLevel) => `SELECT g.${level}_code, '${level}', min(g.${level}), ${level === 'district' ? 'g.district_code' : 'min(g.district_code)'},
      ${level === 'community' ? 'min(g.street_code)' : 'NULL'}, sum(g.figures)
    FROM places g WHERE g.${level}_code IS NOT NULL GROUP BY g.${level}_code`;
  await tx.run(`INSERT INTO rollup_places (code, level, name, district_code, street_code, figures)
    WITH places AS (
      SELECT f.district_code || '' AS district_code, f.street_code || '' AS street_code, f.community_code || '' AS community_code,
        min(f.district) AS district, min(f.street) AS street, min(f.community) AS community, count(*) AS figures
      FROM facts f WHERE f.review_status <> 'rejected' GROUP BY f.district_code || '', f.street_code || '', f.community_code || ''
    )
    ${(['community', 'street', 'district'] as const).map(arm).join('\n    UNION ALL\n    ')}`);
  await setRollupRules(tx, aggregationFingerprint());
}

/** Recomputes what a transaction touched; call it inside that transaction, after its last write to facts. */
export async function refreshRollups(tx: Sql, touch: RollupTouch): Promise<void> {
  if (touch.all) { await rebuildRollups(tx); return; }
  if (touch.empty) return;
  // PostgreSQL writers run at once: each recomputes a key from the figures it can see, so two writers of one
  // key take turns, and the later one (a new statement, a new snapshot) sees the earlier one's committed rows
  await lockKeys(tx, 'rollup', [...new Set([...touch.periods].map((k) => k.split(SEP).slice(0, 3).join(SEP))), ...touch.streets, ...touch.places.keys()]);
  await refreshKeys(tx, 'rollup_periods', touch.periods);
  await refreshKeys(tx, 'rollup_streets', touch.streets);
  // the distributions' keys are the periods' without the period (refreshKeys reads only the first three parts)
  await refreshKeys(tx, 'rollup_distributions', new Set([...touch.periods].map((k) => k.split(SEP).slice(0, 3).join(SEP))));
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
