// Every query of the dashboard's views (overview, place, figure, article). A chart draws one SERIES: a
// metric's figures in one unit and one measure (lib/vocab/metrics.ts) — flows summed, levels (running
// totals, stocks) the latest of each place and period summed over places, plans summed apart, rates and
// durations as their median and range, the catch-all only counted — so nothing is added that may not be.
// Figures are read as reviewed (effective metric, unit and value). Aggregates over a district or over
// everything read the rollups (db/rollups.ts); narrower views (a street, days, a qualifier, a source)
// aggregate the facts through the covering indexes of migration 0008. Both give the same numbers
// (db/rollups.test.ts); `npm run bench dashboard` times them at a million facts.
import { anyOfSql, factConditions, whereSql, type FactConditions, type FactScope, type Pick } from './factWhere';
import { factsNewestFirst } from './dialect';
import { rollupsCurrent } from './rollups';
import { only, type Filters } from '../lib/filters';
import type { ChartMeasure, Measure } from '../lib/vocab/codes';
import { bucketSql, periodAt, type Granularity } from '../lib/vocab/dates';
import { measureSql } from '../lib/vocab/metrics';
import { finestPlaceSql, levelOfCode, PLACE_LEVEL_DEFINITIONS, type Placed, type PlaceLevel } from '../lib/vocab/places';
import type Database from 'better-sqlite3';
import type { Db, Params } from './client';

export type { Pick, PlaceLevel };
export { levelOfCode };

/** What a chart draws: one metric's figures (null: every metric's, counted) in one unit and one measure. */
export interface Series { metric: string | null; unit: string | null; measure: ChartMeasure }

/** A chart bucket: a place (code; null = not placed at this level) or a period. */
export interface Bucket {
  key: string | null;
  label: string | null;
  /** streets of several districts: the district a street (or the district-level bar, key null) belongs to */
  group?: { code: string | null; label: string | null };
  figures: number;
  /** how many of them carry 余/超/约/近/不到 */
  approximate: number;
  /** flows and plans: the sum; levels: the latest of each place, summed; distributions: the median; counts: null */
  value: number | null;
  /** the part of value that approximate figures make up (charted hatched); null for medians and counts */
  approximateValue: number | null;
  /** distributions: the smallest and largest figure */
  low: number | null;
  high: number | null;
}

/** The figures of a view by unit and measure: the series a chart of the view can draw. */
export interface SeriesOption { unit: string; measure: Measure; figures: number }

// ── SQL building ─────────────────────────────────────────────────────────────────────────────────

const APPROX = "CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END";
/** The latest figure of each place first: by date, then the larger (a running total only grows), then the later row. */
const LATEST_FIRST = 'f.date DESC NULLS LAST, f.effective_value DESC, f.id DESC';

let rollupsEnabled = true;
/** Tests and the benchmark turn the rollups off to compare with (and time) aggregating the facts. */
export function setRollups(enabled: boolean): void { rollupsEnabled = enabled; }

/**
 * The district whose rollup rows hold exactly the figures a filter set selects ('' = every district), or
 * null when the filters cut finer than the rollups (a street or community, days, a qualifier, a source, an
 * object or action class: the rollups are keyed by metric only) or
 * the rollups are being rebuilt.
 */
async function rollupDistrict(db: Db, filters: Filters): Promise<string | null> {
  if (!rollupsEnabled) return null;
  if (filters.street || filters.community || filters.from || filters.to || filters.qualifier || filters.source || filters.review_status
    || filters.object_class || filters.action_class) return null;
  if (filters.district && filters.district.length > 1) return null;
  if (!(await rollupsReady(db))) return null;
  return filters.district?.[0] ?? '';
}

/** The WHERE of rollup rows of a series (or of every figure but attributes, for a count). */
function rollupWhere(district: string, filters: Filters, series: Series | null): FactConditions {
  const clauses = ['1 = 1'];
  const params: (string | number)[] = [];
  if (district) { clauses.push('r.district_code = ?'); params.push(district); }
  const metrics = series?.metric ? [series.metric] : filters.metric;
  if (metrics?.length) { clauses.push(anyOfSql('r.metric', metrics)); params.push(...metrics); }
  if (series?.unit) { clauses.push('r.unit = ?'); params.push(series.unit); }
  if (series && series.measure !== 'count') { clauses.push('r.measure = ?'); params.push(series.measure); } else if (series) clauses.push("r.measure <> 'attribute'");
  return { clauses, params };
}

function seriesScope(series: Series, extra: FactScope = {}): FactScope {
  return { ...extra, unit: series.unit, measure: series.measure };
}

/** Filters narrowed to a series' metric. */
const withMetric = (filters: Filters, series: Series): Filters => (series.metric ? { ...filters, metric: [series.metric] } : filters);

// ── results cache ────────────────────────────────────────────────────────────────────────────────
// Aggregates over a whole district or the whole database read up to every fact; the same view is
// asked for again and again (every official, every morning), so results are kept until the data
// changes. data_version moves when another connection commits, total_changes() when this one writes.

const CACHE_SIZE = 500;
const caches = new WeakMap<Db, { version: string; entries: Map<string, unknown> }>();

/** Per connection, its statement reading the data version: prepared once (preparing took most of each check). */
const versionStatements = new WeakMap<Database.Database, Database.Statement>();

/** What changes whenever any connection commits (SQLite), or null where it cannot be known cheaply (no cache). */
function dataVersion(db: Db): string | null {
  if (!db.sqlite) return null;
  let statement = versionStatements.get(db.sqlite);
  if (!statement) {
    statement = db.sqlite.prepare('SELECT (SELECT data_version FROM pragma_data_version()) AS version, total_changes() AS changes');
    versionStatements.set(db.sqlite, statement);
  }
  const { version, changes } = statement.get() as { version: number; changes: number };
  return `${version}:${changes}`;
}

let cacheEnabled = true;
/** The benchmark turns the cache off to time what a first visitor waits. */
export function setResultCache(enabled: boolean): void { cacheEnabled = enabled; }

/**
 * What `load` gives, kept until the data changes (the same keys and least-recently-used bound as every cached
 * result). Callers get their own copy: they sort and label what they get.
 */
async function cached<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const version = cacheEnabled ? dataVersion(db) : null;
  if (version === null) return load();
  let cache = caches.get(db);
  if (!cache || cache.version !== version) { cache = { version, entries: new Map() }; caches.set(db, cache); }
  if (cache.entries.has(key)) {
    const hit = cache.entries.get(key) as T;
    // refresh its place: a Map iterates in insertion order, so the first entry is the least recently used
    cache.entries.delete(key); cache.entries.set(key, hit);
    return structuredClone(hit);
  }
  const value = await load();
  cache.entries.set(key, value);
  if (cache.entries.size > CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value as string);
  return structuredClone(value);
}

function cachedAll<T>(db: Db, sql: string, params: Params): Promise<T[]> {
  return cached(db, `${sql}\u0000${JSON.stringify(params)}`, () => db.all<T>(sql, params));
}

/** rollupsCurrent, asked once per data version (every chart, list and place name asks it). */
function rollupsReady(db: Db): Promise<boolean> {
  return cached(db, 'rollups current', () => rollupsCurrent(db));
}

/**
 * A dated view of some metrics, charted in no one unit, reads its figures through the metric index (metric,
 * unit, date…) one unit at a time, so the dates are a range of that index rather than a test of each of the
 * metrics' figures (a year of six: a sixth read). `w` gains \`f.effective_unit IN (…)\` listing every unit
 * the metrics' figures come in, which selects the same figures; unchanged when a figure of them has no unit.
 */
async function withUnitsOfDatedMetrics(db: Db, filters: Filters, w: FactConditions, unit: string | null | undefined): Promise<FactConditions> {
  if (unit || !(filters.from || filters.to) || !filters.metric?.length) return w;
  const units: string[] = [];
  for (const metric of filters.metric) {
    const unitless = await cachedAll(db, 'SELECT 1 AS one FROM facts WHERE effective_metric = ? AND effective_unit IS NULL LIMIT 1', [metric]);
    if (unitless.length) return w;
    // one index seek per unit (a loose index scan), however many figures the metric has
    const rows = await cachedAll<{ unit: string }>(db, `WITH RECURSIVE walk(unit) AS (
        SELECT (SELECT min(effective_unit) FROM facts WHERE effective_metric = ?)
        UNION ALL
        SELECT (SELECT min(effective_unit) FROM facts WHERE effective_metric = ? AND effective_unit > walk.unit) FROM walk WHERE walk.unit IS NOT NULL
      ) SELECT unit FROM walk WHERE unit IS NOT NULL`, [metric, metric]);
    for (const r of rows) if (!units.includes(r.unit)) units.push(r.unit);
  }
  if (!units.length) return w;
  return { clauses: [...w.clauses, anyOfSql('f.effective_unit', units)], params: [...w.params, ...units] };
}

// ── series ───────────────────────────────────────────────────────────────────────────────────────

/** The figures a view's filters select, by (effective) unit and measure, most figures first. */
export async function seriesOptions(db: Db, filters: Filters): Promise<SeriesOption[]> {
  const district = await rollupDistrict(db, filters);
  let rows: SeriesOption[];
  if (district !== null) {
    const r = rollupWhere(district, filters, null);
    // every figure is in one street row of its key: the smaller table answers for all dates
    rows = await cachedAll<SeriesOption>(db, `SELECT r.unit AS unit, r.measure AS measure, sum(r.figures) AS figures
      FROM rollup_streets r ${whereSql(r)} GROUP BY r.unit, r.measure`, r.params);
  } else {
    const w = await withUnitsOfDatedMetrics(db, filters, factConditions(filters), null);
    rows = await cachedAll<SeriesOption>(db, `SELECT f.effective_unit AS unit, ${measureSql('f')} AS measure, count(*) AS figures
      FROM facts f ${whereSql(w)} GROUP BY f.effective_unit, ${measureSql('f')}`, w.params);
  }
  return rows.map((r) => ({ ...r, figures: Number(r.figures) })).sort((a, b) => b.figures - a.figures || a.unit.localeCompare(b.unit) || a.measure.localeCompare(b.measure));
}

// ── by place ─────────────────────────────────────────────────────────────────────────────────────

interface RawBucket { key: string | null; group?: string | null; figures: number; approximate: number; value: number | null; approximateValue: number | null; low?: number | null; high?: number | null }

function asBuckets(rows: RawBucket[]): Bucket[] {
  return rows.map((r) => ({
    key: r.key, label: null, ...(r.group !== undefined ? { group: { code: r.group, label: null } } : {}), figures: Number(r.figures), approximate: Number(r.approximate ?? 0),
    value: r.value === null || r.value === undefined ? null : Number(r.value),
    approximateValue: r.approximateValue === null || r.approximateValue === undefined ? null : Number(r.approximateValue),
    low: r.low ?? null, high: r.high ?? null,
  }));
}

/**
 * Buckets of the facts `w` selects, grouped by `key` (a column or expression over facts f), aggregated as
 * `measure` does: sums; the latest of each place (levels; places lie inside one bucket key, or `partition`
 * names what else a place's latest figure is per, such as the period); or median and range.
 */
function aggregateFactsSql(w: FactConditions, key: string, measure: ChartMeasure, partition: string[] = [], group: string | null = null): string {
  // `group` (a column or expression over facts f): buckets per group and key, the group named in each row
  const groupOut = group ? ', x.grp AS "group"' : '';
  const groupIn = group ? `, ${group} AS grp` : '';
  const groupBy = group ? 'x.grp, x.key' : 'x.key';
  if (measure === 'level') {
    return `SELECT x.key AS key${groupOut}, count(*) AS figures, sum(x.approx) AS approximate,
        sum(CASE WHEN x.rn = 1 THEN x.v ELSE 0 END) AS value, sum(CASE WHEN x.rn = 1 THEN x.approx * x.v ELSE 0 END) AS "approximateValue"
      FROM (SELECT ${key} AS key${groupIn}, ${APPROX} AS approx, f.effective_value AS v,
          row_number() OVER (PARTITION BY ${[...partition, finestPlaceSql('f')].join(', ')} ORDER BY ${LATEST_FIRST}) AS rn
        FROM facts f ${whereSql(w)}) x
      GROUP BY ${groupBy}`;
  }
  if (measure === 'distribution') {
    // one window (one sort): the rank of each value and, over the whole partition, how many there are
    return `SELECT x.key AS key${groupOut}, count(*) AS figures, sum(x.approx) AS approximate, min(x.v) AS low, max(x.v) AS high,
        avg(CASE WHEN x.rn = (x.n + 1) / 2 OR x.rn = (x.n + 2) / 2 THEN x.v END) AS value, NULL AS "approximateValue"
      FROM (SELECT ${key} AS key${groupIn}, ${APPROX} AS approx, f.effective_value AS v, row_number() OVER ranked AS rn, count(*) OVER ranked AS n
        FROM facts f ${whereSql(w)}
        WINDOW ranked AS (PARTITION BY ${group ? `${group}, ` : ''}${key} ORDER BY f.effective_value ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) x
      GROUP BY ${groupBy}`;
  }
  const summed = measure !== 'count';
  return `SELECT ${key} AS key${group ? `, ${group} AS "group"` : ''}, count(*) AS figures, sum(${APPROX}) AS approximate,
      ${summed ? 'sum(f.effective_value)' : 'NULL'} AS value, ${summed ? `sum(${APPROX} * f.effective_value)` : 'NULL'} AS "approximateValue"
    FROM facts f ${whereSql(w)} GROUP BY ${group ? `${group}, ` : ''}${key}`;
}

/**
 * Streets are charted per district unless the view is one district's: streets of two cities never stand
 * unnamed side by side, and figures placed no lower than a district make one bar per district.
 */
const groupedByDistrict = (filters: Filters, level: 'street' | 'community') => level === 'street' && only(filters.district) === null;

/** The SQL of byPlace: rollup rows when they hold the view, else the facts. */
async function byPlaceQuery(db: Db, filters: Filters, level: 'street' | 'community', series: Series): Promise<[string, (string | number)[]]> {
  const district = series.measure === 'distribution' ? null : await rollupDistrict(db, filters);
  const grouped = groupedByDistrict(filters, level);
  if (district !== null && level === 'street') {
    const r = rollupWhere(district, filters, series);
    const summed = series.measure !== 'count';
    return [`SELECT nullif(r.street_code, '') AS key${grouped ? ', nullif(r.district_code, \'\') AS "group"' : ''}, sum(r.figures) AS figures, sum(r.approximate) AS approximate,
        ${summed ? 'sum(r.total)' : 'NULL'} AS value, ${summed ? 'sum(r.approximate_total)' : 'NULL'} AS "approximateValue"
      FROM rollup_streets r ${whereSql(r)} GROUP BY ${grouped ? 'r.district_code, ' : ''}r.street_code`, r.params];
  }
  const w = factConditions(withMetric(filters, series), seriesScope(series));
  return [aggregateFactsSql(w, `f.${PLACE_LEVEL_DEFINITIONS[level].codeColumn}`, series.measure, [], grouped ? 'f.district_code' : null), w.params];
}

/**
 * A series per street (or per community, when the view is narrowed to a street), largest first, the unplaced
 * last; streets of several districts grouped by district (the districts by their largest bar), each
 * district's own figures (placed no lower) last in its group.
 */
export async function byPlace(db: Db, filters: Filters, level: 'street' | 'community', series: Series): Promise<Bucket[]> {
  const [sql, params] = await byPlaceQuery(db, filters, level, series);
  const rows = asBuckets(await cachedAll<RawBucket>(db, sql, params));
  const names = await placeNames(db, level, rows.map((r) => r.key).filter((k): k is string => k !== null));
  for (const r of rows) r.label = r.key ? names.get(r.key) ?? r.key : null;
  const groupCodes = [...new Set(rows.map((r) => r.group?.code).filter((c): c is string => !!c))];
  const districtNames = await placeNames(db, 'district', groupCodes);
  for (const r of rows) if (r.group) r.group.label = r.group.code ? districtNames.get(r.group.code) ?? r.group.code : null;
  const size = (b: Bucket) => b.value ?? b.figures;
  // a ranking is what the chart is read for: the biggest group first, inside it the biggest place first
  const groupSize = new Map<string, number>();
  for (const r of rows) { const g = String(r.group?.code); groupSize.set(g, Math.max(groupSize.get(g) ?? -Infinity, size(r))); }
  const byGroup = (a: Bucket, b: Bucket) => (a.group?.code === b.group?.code ? 0
    : (a.group?.code ? 0 : 1) - (b.group?.code ? 0 : 1) || groupSize.get(String(b.group?.code))! - groupSize.get(String(a.group?.code))! || String(a.group?.code).localeCompare(String(b.group?.code)));
  return rows.sort((a, b) => byGroup(a, b) || (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || size(b) - size(a) || String(a.key).localeCompare(String(b.key)));
}

// ── by period ────────────────────────────────────────────────────────────────────────────────────

export interface PeriodChart {
  granularity: Granularity;
  /** every period from the first to the last that has figures, empty ones included, oldest first */
  buckets: Bucket[];
  /** figures dated only more coarsely than the chart (a year on a monthly chart): left out, and said so */
  coarser: number;
  /** figures without a date */
  undated: number;
}

/** The most buckets a time axis is filled to; a longer span shows only the periods that have figures. */
const MAX_FILLED_BUCKETS = 1200;

function nextBucket(bucket: string, granularity: Granularity): string {
  const year = Number(bucket.slice(0, 4));
  if (granularity === 'year') return String(year + 1);
  if (granularity === 'quarter') {
    const q = Number(bucket.slice(6));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  }
  const m = Number(bucket.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The buckets with empty periods between them filled in, so the axis is a real time axis. */
function fillPeriods(buckets: Bucket[], granularity: Granularity): Bucket[] {
  if (buckets.length < 2) return buckets;
  const byKey = new Map(buckets.map((b) => [b.key, b]));
  const filled: Bucket[] = [];
  for (let key = buckets[0].key!; filled.length <= MAX_FILLED_BUCKETS; key = nextBucket(key, granularity)) {
    filled.push(byKey.get(key) ?? { key, label: null, figures: 0, approximate: 0, value: null, approximateValue: null, low: null, high: null });
    if (key === buckets[buckets.length - 1].key) return filled;
  }
  return buckets;
}

/** A series over time, at a granularity: each figure in the period its date names, never on a single day. */
export async function byPeriod(db: Db, filters: Filters, granularity: Granularity, series: Series): Promise<PeriodChart> {
  // figures per period as stored (rollup rows or a GROUP BY on the indexed period): counts and sums
  const district = await rollupDistrict(db, filters);
  let perPeriod: RawBucket[];
  if (district !== null) {
    const r = rollupWhere(district, filters, series);
    const summed = series.measure !== 'count' && series.measure !== 'distribution';
    perPeriod = await cachedAll<RawBucket>(db, `SELECT r.period AS key, sum(r.figures) AS figures, sum(r.approximate) AS approximate,
        ${summed ? 'sum(r.total)' : 'NULL'} AS value, ${summed ? 'sum(r.approximate_total)' : 'NULL'} AS "approximateValue"
      FROM rollup_periods r ${whereSql(r)} GROUP BY r.period`, r.params);
    for (const p of perPeriod) if (p.key === '') p.key = null;
  } else {
    const w = factConditions(withMetric(filters, series), seriesScope(series));
    perPeriod = await cachedAll<RawBucket>(db, aggregateFactsSql(w, 'f.period', series.measure === 'level' ? 'flow' : series.measure), w.params);
  }
  const buckets = new Map<string, Bucket>();
  let coarser = 0, undated = 0;
  for (const p of asBuckets(perPeriod)) {
    if (p.key === null) { undated += p.figures; continue; }
    const key = periodAt(p.key, granularity);
    if (key === null) { coarser += p.figures; continue; }
    const b = buckets.get(key) ?? { key, label: null, figures: 0, approximate: 0, value: p.value === null ? null : 0, approximateValue: p.approximateValue === null ? null : 0, low: null, high: null };
    b.figures += p.figures;
    b.approximate += p.approximate;
    if (b.value !== null) b.value += p.value ?? 0;
    if (b.approximateValue !== null) b.approximateValue += p.approximateValue ?? 0;
    buckets.set(key, b);
  }
  // levels (the latest of each place per bucket, unless the rollups hold monthly ones) and medians need the figures themselves
  const fromRollups = district !== null && granularity === 'month';
  if (series.measure === 'distribution' || (series.measure === 'level' && !fromRollups)) {
    const w = factConditions(withMetric(filters, series), seriesScope(series));
    const key = bucketSql(granularity);
    w.clauses.push(`${key} IS NOT NULL`);
    const rows = asBuckets(await cachedAll<RawBucket>(db, aggregateFactsSql(w, key, series.measure, [key]), w.params));
    for (const r of rows) {
      const b = buckets.get(r.key!);
      if (b) Object.assign(b, { value: r.value, approximateValue: r.approximateValue, low: r.low, high: r.high });
    }
  }
  const sorted = [...buckets.values()].sort((a, b) => a.key!.localeCompare(b.key!));
  return { granularity, buckets: fillPeriods(sorted, granularity), coarser, undated };
}

// ── figure lists ─────────────────────────────────────────────────────────────────────────────────

/** The figures shown in lists: as reviewed (effective value, unit, metric); rejected ones are left out. */
export interface FactListRow extends Placed {
  id: number;
  value: number;
  unit: string;
  metric: string;
  qualifier: string;
  text: string;
  date: string | null;
  datePrecision: string | null;
  period: string | null;
  cumulative: number;
  role: string;
  articleId: number;
  articleTitle: string | null;
  source: string | null;
  reviewStatus: string;
}

const LIST_COLUMNS = `f.id AS id, f.effective_value AS value, f.effective_unit AS unit, f.effective_metric AS metric, f.qualifier AS qualifier, f.text AS text,
  f.district AS district, f.district_code AS "districtCode", f.street AS street, f.street_code AS "streetCode",
  f.community AS community, f.community_code AS "communityCode", f.date AS date, f.date_precision AS "datePrecision", f.period AS period,
  f.cumulative AS cumulative, f.role AS role, f.article_id AS "articleId", a.title AS "articleTitle", s.name AS source, f.review_status AS "reviewStatus"`;

export interface ListOptions {
  series?: Series | null;
  pick?: Pick | null;
  limit: number;
  offset: number;
  /** how many figures the filters select, when the caller knows it (from the aggregates): lets a list walk the date index */
  selected?: number;
}

function listScope(options: Omit<ListOptions, 'limit' | 'offset'>): FactScope {
  return options.series ? seriesScope(options.series, { pick: options.pick }) : { pick: options.pick };
}

/**
 * One page of the filtered figures (of a series and a picked bar, when given), newest first (undated last).
 * The page's ids are found in a covering index first and only they are joined to their articles: joining
 * every match before sorting read a whole district's articles for fifty rows.
 */
export async function factList(db: Db, filters: Filters, options: ListOptions): Promise<FactListRow[]> {
  const w = await withUnitsOfDatedMetrics(db, filters, factConditions(filters, listScope(options)), options.series?.unit);
  const order = 'ORDER BY f.date DESC NULLS LAST, f.id DESC';
  const from = (await walksDateIndex(db, options)) ? factsNewestFirst(db.dialect) : 'facts f';
  // the page's own columns order the joined rows: ordered by f's, SQLite (which plans LIMIT ? without its value) walked
  // facts_dash_date, being in that order, across every figure and joined the page to each (10M facts: 92 s)
  return cachedAll<FactListRow>(db, `SELECT ${LIST_COLUMNS}
    FROM (SELECT f.id, f.date FROM ${from} ${whereSql(w)} ${order} LIMIT ? OFFSET ?) page
    JOIN facts f ON f.id = page.id JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
    ORDER BY page.date DESC NULLS LAST, page.id DESC`, [...w.params, options.limit, options.offset]);
}

/**
 * Whether a page of a list is found sooner by walking every figure newest first (the date index, whose
 * entries hold every filter column), checking the filters on the way, than by reading the selected figures
 * through a filter's index and sorting them all. A share s of n figures selected: the walk reads about
 * (offset + limit) / s entries, the sort s * n; the walk wins when s * s * n > offset + limit.
 */
async function walksDateIndex(db: Db, options: ListOptions): Promise<boolean> {
  if (options.selected === undefined || options.selected === 0) return false;
  // the highest id counts deleted figures too: near enough for a choice of plan
  const n = Number((await cachedAll<{ n: number | null }>(db, 'SELECT max(id) AS n FROM facts', []))[0]?.n ?? 0);
  if (n === 0) return false;
  const share = Math.min(1, options.selected / n);
  return share * share * n > options.offset + options.limit;
}

/** How many figures a filter set (and series and pick) selects. */
export async function factCount(db: Db, filters: Filters, options: Omit<ListOptions, 'limit' | 'offset'> = {}): Promise<number> {
  const w = factConditions(filters, listScope(options));
  return Number((await cachedAll<{ n: number }>(db, `SELECT count(*) AS n FROM facts f ${whereSql(w)}`, w.params))[0].n);
}

// ── per metric: a place's summary ────────────────────────────────────────────────────────────────

export interface MetricSummary {
  metric: string; unit: string; measure: Measure;
  figures: number; approximate: number;
  /** as Bucket.value: sum, latest levels summed over places, median; null for counts and attributes */
  value: number | null;
  approximateValue: number | null;
  low: number | null; high: number | null;
}

/** A view's figures per metric, unit and measure, each aggregated as its measure allows; most figures first. */
export async function metricSummaries(db: Db, filters: Filters): Promise<MetricSummary[]> {
  type Row = Omit<MetricSummary, 'low' | 'high'>;
  const district = await rollupDistrict(db, filters);
  let rows: Row[];
  const levels = new Map<string, { value: number; approximateValue: number }>();
  if (district !== null) {
    // the street rows hold each key over all dates: sums, and levels as the latest of each place
    const r = rollupWhere(district, filters, null);
    rows = await cachedAll<Row>(db, `SELECT r.metric AS metric, r.unit AS unit, r.measure AS measure, sum(r.figures) AS figures, sum(r.approximate) AS approximate,
        sum(r.total) AS value, sum(r.approximate_total) AS "approximateValue"
      FROM rollup_streets r ${whereSql(r)} GROUP BY r.metric, r.unit, r.measure`, r.params);
  } else {
    const w = factConditions(filters);
    rows = await cachedAll<Row>(db, `SELECT f.effective_metric AS metric, f.effective_unit AS unit, ${measureSql('f')} AS measure, count(*) AS figures,
        sum(${APPROX}) AS approximate, sum(f.effective_value) AS value, sum(${APPROX} * f.effective_value) AS "approximateValue"
      FROM facts f ${whereSql(w)} GROUP BY f.effective_metric, f.effective_unit, ${measureSql('f')}`, w.params);
    const lw = factConditions(filters, { measure: 'level' });
    for (const l of await cachedAll<RawBucket & { unit: string }>(db, aggregateFactsSql(lw, "f.effective_metric || '|' || f.effective_unit", 'level', ['f.effective_metric', 'f.effective_unit']), lw.params)) {
      levels.set(l.key!, { value: Number(l.value), approximateValue: Number(l.approximateValue) });
    }
  }
  const distributions = district ? new Map((await cachedAll<{ metric: string; unit: string; value: number; low: number; high: number }>(db,
    'SELECT metric, unit, median AS value, low, high FROM rollup_distributions WHERE district_code = ?', [district])).map((d) => [`${d.metric}|${d.unit}`, d])) : null;
  const out: MetricSummary[] = [];
  for (const row of rows) {
    const s: MetricSummary = { ...row, figures: Number(row.figures), approximate: Number(row.approximate), value: row.value === null ? null : Number(row.value), approximateValue: row.approximateValue === null ? null : Number(row.approximateValue), low: null, high: null };
    if (s.measure === 'level') Object.assign(s, levels.get(`${s.metric}|${s.unit}`) ?? {});
    if (s.measure === 'count' || s.measure === 'attribute') { s.value = null; s.approximateValue = null; }
    if (s.measure === 'distribution') {
      // rates and durations: their median and range — a district's are rollup rows; others come from their figures
      const d = distributions?.get(`${s.metric}|${s.unit}`) ?? (distributions ? undefined : await medianOfFigures(db, filters, s.metric, s.unit));
      Object.assign(s, { value: d?.value ?? null, approximateValue: null, low: d?.low ?? null, high: d?.high ?? null });
    }
    out.push(s);
  }
  return out.sort((a, b) => b.figures - a.figures || a.metric.localeCompare(b.metric) || a.unit.localeCompare(b.unit) || a.measure.localeCompare(b.measure));
}

/** The median and range of a metric's rates or durations in one unit, from the figures a view selects. */
async function medianOfFigures(db: Db, filters: Filters, metric: string, unit: string): Promise<Bucket | undefined> {
  const w = factConditions({ ...filters, metric: [metric] }, seriesScope({ metric, unit, measure: 'distribution' }));
  return asBuckets(await cachedAll<RawBucket>(db, aggregateFactsSql(w, 'f.effective_unit', 'distribution'), w.params))[0];
}

// ── places ───────────────────────────────────────────────────────────────────────────────────────

export interface PlaceOption { code: string; name: string }

/** Names of places by code, as the figures write them (the rollups' place table, else one index seek per code). */
export async function placeNames(db: Db, level: PlaceLevel, codes: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!codes.length) return names;
  if (await rollupsReady(db)) {
    for (let i = 0; i < codes.length; i += 500) {
      const slice = codes.slice(i, i + 500);
      for (const r of await cachedAll<{ code: string; name: string | null }>(db, `SELECT code, name FROM rollup_places WHERE code IN (${slice.map(() => '?').join(', ')})`, slice)) {
        if (r.name) names.set(r.code, r.name);
      }
    }
    return names;
  }
  const { codeColumn, nameColumn } = PLACE_LEVEL_DEFINITIONS[level];
  const sql = `SELECT ${nameColumn} AS name FROM facts WHERE ${codeColumn} = ? AND ${nameColumn} IS NOT NULL LIMIT 1`;
  for (const c of codes) {
    const row = await db.get<{ name: string }>(sql, [c]);
    if (row) names.set(c, row.name);
  }
  return names;
}

/**
 * The places of a level that have figures, optionally within a parent (official codes share their parent's
 * prefix): from the rollups' place table, else by a loose index scan of facts (one seek per distinct code).
 */
export async function placesWithFigures(db: Db, level: PlaceLevel, parentCode?: string | null): Promise<PlaceOption[]> {
  const low = parentCode ?? '';
  const high = parentCode ? `${parentCode}~` : '~'; // '~' sorts after every digit
  if (await rollupsReady(db)) {
    const rows = await cachedAll<{ code: string; name: string | null }>(db, `SELECT code, name FROM rollup_places
      WHERE level = ? AND code > ? AND code < ? ORDER BY code`, [level, low, high]);
    return rows.map((r) => ({ code: r.code, name: r.name ?? r.code }));
  }
  const { codeColumn: code } = PLACE_LEVEL_DEFINITIONS[level];
  const rows = await cachedAll<{ code: string }>(db, `WITH RECURSIVE walk(code) AS (
      SELECT (SELECT min(${code}) FROM facts WHERE ${code} > ? AND ${code} < ?)
      UNION ALL
      SELECT (SELECT min(${code}) FROM facts WHERE ${code} > walk.code AND ${code} < ?) FROM walk WHERE walk.code IS NOT NULL
    ) SELECT code FROM walk WHERE code IS NOT NULL`, [low, high, high]);
  const names = await placeNames(db, level, rows.map((r) => r.code));
  return rows.map((r) => ({ code: r.code, name: names.get(r.code) ?? r.code }));
}

/** The places a filter form offers: every district, the streets of the one chosen (else all), the communities of the one street or district chosen. */
export async function filterPlaces(db: Db, filters: Filters): Promise<{ districts: PlaceOption[]; streets: PlaceOption[]; communities: PlaceOption[] }> {
  const district = only(filters.district);
  const parent = only(filters.street) ?? district;
  return {
    districts: await placesWithFigures(db, 'district'),
    streets: await placesWithFigures(db, 'street', district),
    communities: parent ? await placesWithFigures(db, 'community', parent) : [],
  };
}

export interface PlaceSummary {
  code: string;
  level: PlaceLevel;
  name: string;
  district: PlaceOption | null;   // the district above (for a street or community)
  street: PlaceOption | null;     // the street above (for a community)
}

/** A place that has figures, with its parents; null when no figure names it. */
export async function placeSummary(db: Db, code: string): Promise<PlaceSummary | null> {
  const level = levelOfCode(code);
  if (!level) return null;
  const column = PLACE_LEVEL_DEFINITIONS[level].codeColumn;
  const row = await db.get<Omit<Placed, 'communityCode'>>(
    `SELECT district, district_code AS "districtCode", street, street_code AS "streetCode", community FROM facts WHERE ${column} = ? LIMIT 1`, [code]);
  if (!row) return null;
  const name = level === 'district' ? row.district : level === 'street' ? row.street : row.community;
  return {
    code, level, name: name ?? code,
    district: level !== 'district' && row.districtCode ? { code: row.districtCode, name: row.district ?? row.districtCode } : null,
    street: level === 'community' && row.streetCode ? { code: row.streetCode, name: row.street ?? row.streetCode } : null,
  };
}

// ── one fact, one article ────────────────────────────────────────────────────────────────────────

export interface FactDetail extends FactListRow {
  uid: string;
  originalValue: number; originalUnit: string; originalMetric: string;
  low: number | null; high: number | null;
  start: number; end: number; sentenceStart: number; sentenceEnd: number;
  placeProvenance: string; dateProvenance: string;
  cues: string;
  unitWord: string | null;
  correctedValue: number | null; correctedUnit: string | null; correctedMetric: string | null;
  articleText: string;
  publishedOn: string | null;
  url: string | null;
  page: string | null;
  issue: string | null;
  extractorVersion: string;
}

export async function factDetail(db: Db, id: number): Promise<FactDetail | null> {
  const row = await db.get<FactDetail>(`SELECT ${LIST_COLUMNS}, f.uid AS uid, f.value AS "originalValue", f.unit AS "originalUnit", f.metric AS "originalMetric",
      f.low AS low, f.high AS high, f.start AS start, f."end" AS "end", f.sentence_start AS "sentenceStart", f.sentence_end AS "sentenceEnd",
      f.place_provenance AS "placeProvenance", f.date_provenance AS "dateProvenance", f.cues AS cues, f.unit_word AS "unitWord",
      f.corrected_value AS "correctedValue", f.corrected_unit AS "correctedUnit", f.corrected_metric AS "correctedMetric",
      a.text AS "articleText", a.published_on AS "publishedOn", a.url AS url, a.page AS page, a.issue AS issue,
      f.extractor_version AS "extractorVersion"
    FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
    WHERE f.id = ?`, [id]);
  return row ?? null;
}

export interface ArticleDetail {
  id: number; title: string | null; text: string; publishedOn: string | null; url: string | null;
  page: string | null; issue: string | null; source: string | null; fileName: string | null;
}

export async function articleDetail(db: Db, id: number): Promise<ArticleDetail | null> {
  const row = await db.get<ArticleDetail>(`SELECT a.id AS id, a.title AS title, a.text AS text, a.published_on AS "publishedOn", a.url AS url,
      a.page AS page, a.issue AS issue, s.name AS source, a.file_name AS "fileName"
    FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?`, [id]);
  return row ?? null;
}

export interface ArticleFigure extends FactListRow {
  start: number; end: number; sentenceStart: number; sentenceEnd: number;
}

/** All figures of an article in text order, rejected ones included (the article page shows what was extracted). */
export async function articleFigures(db: Db, articleId: number): Promise<ArticleFigure[]> {
  return db.all<ArticleFigure>(`SELECT ${LIST_COLUMNS}, f.start AS start, f."end" AS "end", f.sentence_start AS "sentenceStart", f.sentence_end AS "sentenceEnd"
    FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
    WHERE f.article_id = ? ORDER BY f.start, f.id`, [articleId]);
}

/** For `npm run bench` and tests: the plan the engine picks for a query, one line per step. */
export async function explain(db: Db, sql: string, params: (string | number)[]): Promise<string[]> {
  if (db.dialect === 'postgres') return (await db.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']);
  return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail);
}

/** The SQL and parameters of the per-place aggregate, for EXPLAIN in the benchmark. */
export function byPlaceSql(db: Db, filters: Filters, level: 'street' | 'community', series: Series): Promise<[string, (string | number)[]]> {
  return byPlaceQuery(db, filters, level, series);
}

/** The sources (publications) that have articles, by name: a short table. */
export async function sourceNames(db: Db): Promise<string[]> {
  return (await cachedAll<{ name: string }>(db, 'SELECT name FROM sources ORDER BY synthetic, name', [])).map((r) => r.name);
}
