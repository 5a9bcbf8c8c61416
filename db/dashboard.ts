// Every query of the dashboard pages (overview, place, fact, article). Aggregates over a district (or
// over everything) read the rollups of migration 0003 (district_months, district_streets: kept up to date
// by triggers on facts), a few thousand rows instead of up to every fact; the others (a street or
// community, a date range, a qualifier, a source) aggregate facts, shaped so the covering
// indexes of migration 0002 answer them without reading the table. Both give the same numbers
// (db/rollups.test.ts); `npm run bench dashboard` times them at a million facts.
import { factConditions, type FactConditions, type Pick } from './factWhere';
import type { Filters } from '../lib/filters';
import type { Db, Dialect, Params } from './client';

export type PlaceLevel = 'district' | 'street' | 'community';

export type { Pick } from './factWhere';

/** The figures shown on the dashboard; rejected ones are left out everywhere. */
export interface FactListRow {
  id: number;
  value: number;          // the reviewed value when a reviewer corrected it
  unit: string;
  qualifier: string;
  metric: string;
  text: string;
  district: string | null; districtCode: string | null;
  street: string | null; streetCode: string | null;
  community: string | null; communityCode: string | null;
  date: string | null;
  articleId: number;
  articleTitle: string | null;
  source: string | null;
  reviewStatus: string;
}

export interface Bucket {
  key: string | null;     // place code or YYYY-MM; null = not placed at this level
  label: string | null;   // place name (null for months and unplaced buckets)
  figures: number;
  approximate: number;    // how many of them carry 余/超/约/近/不到
  total: number | null;   // sum of values (or mean for percentages); null when counting only
  approximateTotal: number | null; // the part of a sum that approximate figures make up (charted hatched)
}

export interface UnitCount { unit: string; figures: number }

// ── SQL building ─────────────────────────────────────────────────────────────────────────────────

const VALUE = 'coalesce(f.corrected_value, f.value)';
// Percentages are averaged, never added: three streets at 90% are not 270%.
const AVERAGED_UNITS = new Set(['percent', 'percentage_point']);

const whereSql = (w: FactConditions) => `WHERE ${w.clauses.join(' AND ')}`;

// ── rollups (migration 0003) ─────────────────────────────────────────────────────────────────────
// district_months (district, metric, unit, month) and district_streets (district, metric, unit, street),
// kept by triggers on facts: per district, what the aggregates below compute from facts. Every figure
// that is not rejected is in one row of each ('' for a missing district, street or month), so the
// overview of everything is the sum over all districts.

let rollupsEnabled = true;
/** Tests and the benchmark turn the rollups off to compare with (and time) aggregating the facts. */
export function setRollups(enabled: boolean): void { rollupsEnabled = enabled; }

/**
 * The rollup rows that hold exactly the figures a filter set selects: a district's (a code), every
 * district's (''), or null when the filters cut finer than the rollups (a street or community, days,
 * a qualifier, a source). Streets and communities have no rollup: their indexes answer in tens of ms.
 */
function rollupDistrict(db: { dialect: Dialect }, filters: Filters): string | null {
  // the rollup tables are kept by SQLite triggers; PostgreSQL aggregates the facts
  if (!rollupsEnabled || db.dialect !== 'sqlite') return null;
  if (filters.street || filters.community || filters.from || filters.to || filters.qualifier || filters.source) return null;
  return filters.district ?? '';
}

/** The WHERE of rollup rows: the leading columns of their primary key. */
function rollupWhere(district: string, metric?: string | null, unit?: string | null): FactConditions {
  const clauses = ['1 = 1'];
  const params: (string | number)[] = [];
  if (district) { clauses.push('r.district_code = ?'); params.push(district); }
  if (metric) { clauses.push('r.metric = ?'); params.push(metric); }
  if (unit) { clauses.push('r.unit = ?'); params.push(unit); }
  return { clauses, params };
}

// A rollup row's sum is total + total_err (compensated summation, see the migration).
const R_TOTAL = '(sum(r.total) + sum(r.total_err))';
const R_APPROX_TOTAL = '(sum(r.approximate_total) + sum(r.approximate_total_err))';

// ── results cache ────────────────────────────────────────────────────────────────────────────────
// Aggregates over a whole district or the whole database read up to every fact; the same view is
// asked for again and again (every official, every morning), so results are kept until the data
// changes. data_version moves when another connection commits, total_changes() when this one writes.

const CACHE_SIZE = 500;
const caches = new WeakMap<Db, { version: string; entries: Map<string, unknown> }>();

/** What changes whenever any connection commits (SQLite), or null where it cannot be known cheaply (no cache). */
function dataVersion(db: Db): string | null {
  if (!db.sqlite) return null;
  const version = db.sqlite.pragma('data_version', { simple: true }) as number;
  const changes = db.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number };
  return `${version}:${changes.n}`;
}

let cacheEnabled = true;
/** The benchmark turns the cache off to time what a first visitor waits. */
export function setResultCache(enabled: boolean): void { cacheEnabled = enabled; }

async function cachedAll<T>(db: Db, sql: string, params: Params): Promise<T[]> {
  const version = cacheEnabled ? dataVersion(db) : null;
  if (version === null) return db.all<T>(sql, params);
  let cache = caches.get(db);
  if (!cache || cache.version !== version) { cache = { version, entries: new Map() }; caches.set(db, cache); }
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  const hit = cache.entries.get(key) as T[] | undefined;
  if (hit) {
    // refresh its place: a Map iterates in insertion order, so the first entry is the least recently used
    cache.entries.delete(key); cache.entries.set(key, hit);
    return structuredClone(hit);
  }
  const rows = await db.all<T>(sql, params);
  cache.entries.set(key, rows);
  if (cache.entries.size > CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value as string);
  return structuredClone(rows);
}

// ── overview ─────────────────────────────────────────────────────────────────────────────────────

/** How many figures of the filtered metric each unit has, most first: the first is the dominant unit. */
export async function unitsOf(db: Db, filters: Filters): Promise<UnitCount[]> {
  const district = rollupDistrict(db, filters);
  if (district !== null) {
    const r = rollupWhere(district, filters.metric);
    return cachedAll<UnitCount>(db, `SELECT r.unit AS unit, sum(r.figures) AS figures FROM district_months r ${whereSql(r)} GROUP BY r.unit ORDER BY figures DESC, unit`, r.params);
  }
  const w = factConditions(filters);
  return cachedAll<UnitCount>(db, `SELECT f.unit AS unit, count(*) AS figures FROM facts f ${whereSql(w)} GROUP BY f.unit ORDER BY figures DESC, unit`, w.params);
}

/** The SQL of byPlace: rollup rows when they hold the view, else the facts. */
function byPlaceQuery(db: { dialect: Dialect }, filters: Filters, level: 'street' | 'community', unit: string | null): [string, (string | number)[]] {
  const averaged = unit !== null && AVERAGED_UNITS.has(unit);
  const district = rollupDistrict(db, filters);
  if (district !== null && level === 'street') {
    const r = rollupWhere(district, filters.metric, unit);
    const total = unit ? (averaged ? `${R_TOTAL} / sum(r.figures)` : R_TOTAL) : 'NULL';
    return [`SELECT nullif(r.street_code, '') AS key, NULL AS label, sum(r.figures) AS figures, sum(r.approximate) AS approximate,
        ${total} AS total, ${unit ? R_APPROX_TOTAL : 'NULL'} AS "approximateTotal"
      FROM district_streets r ${whereSql(r)} GROUP BY r.street_code ORDER BY r.street_code`, r.params];
  }
  const w = factConditions(filters, { unit });
  const column = level === 'street' ? 'f.street_code' : 'f.community_code';
  const total = unit ? (averaged ? `avg(${VALUE})` : `sum(${VALUE})`) : 'NULL';
  const approximateTotal = unit ? `sum(CASE WHEN f.qualifier <> 'exact' THEN ${VALUE} ELSE 0 END)` : 'NULL';
  return [`SELECT ${column} AS key, NULL AS label, count(*) AS figures, sum(CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END) AS approximate,
      ${total} AS total, ${approximateTotal} AS "approximateTotal"
    FROM facts f ${whereSql(w)} GROUP BY ${column}`, w.params];
}

/**
 * Figures per street (or per community, when the view is narrowed to a street), in one unit.
 * Without a unit (no metric chosen) it only counts: figures of different units are never added.
 */
export async function byPlace(db: Db, filters: Filters, level: 'street' | 'community', unit: string | null): Promise<Bucket[]> {
  const [sql, params] = byPlaceQuery(db, filters, level, unit);
  const rows = await cachedAll<Bucket>(db, sql, params);
  const names = await placeNames(db, level, rows.map((r) => r.key).filter((k): k is string => k !== null));
  for (const r of rows) r.label = r.key ? names.get(r.key) ?? r.key : null;
  // biggest first, the unplaced bucket last: a ranking is what the chart is read for
  return rows.sort((a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || (b.total ?? b.figures) - (a.total ?? a.figures));
}

/** Figures per month (YYYY-MM) of their date, oldest first; undated figures are left out. */
export async function byMonth(db: Db, filters: Filters, unit: string | null): Promise<Bucket[]> {
  const averaged = unit !== null && AVERAGED_UNITS.has(unit);
  const district = rollupDistrict(db, filters);
  if (district !== null) {
    const r = rollupWhere(district, filters.metric, unit);
    r.clauses.push("r.month <> ''"); // '' holds the undated
    const months = await cachedAll<Bucket>(db, `SELECT r.month AS key, NULL AS label, sum(r.figures) AS figures, sum(r.approximate) AS approximate,
        ${unit ? R_TOTAL : 'NULL'} AS total, ${unit ? R_APPROX_TOTAL : 'NULL'} AS "approximateTotal"
      FROM district_months r ${whereSql(r)} GROUP BY r.month ORDER BY r.month`, r.params);
    if (averaged) for (const m of months) { m.total = m.figures ? (m.total ?? 0) / m.figures : null; m.approximateTotal = null; }
    return months;
  }
  const w = factConditions(filters, { unit });
  w.clauses.push('f.date IS NOT NULL');
  // Grouped by day, which the indexes deliver in order (no sort of a million rows), then rolled up
  // to months here: a few thousand days at most.
  const days = await cachedAll<{ day: string; figures: number; approximate: number; total: number | null; approximateTotal: number | null }>(db,
    `SELECT f.date AS day, count(*) AS figures, sum(CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END) AS approximate, ${unit ? `sum(${VALUE})` : 'NULL'} AS total,
       ${unit ? `sum(CASE WHEN f.qualifier <> 'exact' THEN ${VALUE} ELSE 0 END)` : 'NULL'} AS "approximateTotal"
     FROM facts f ${whereSql(w)} GROUP BY f.date ORDER BY f.date`, w.params);
  const months: Bucket[] = [];
  for (const d of days) {
    const key = d.day.slice(0, 7);
    let last = months[months.length - 1];
    if (!last || last.key !== key) { last = { key, label: null, figures: 0, approximate: 0, total: unit ? 0 : null, approximateTotal: unit ? 0 : null }; months.push(last); }
    last.figures += d.figures;
    last.approximate += d.approximate;
    if (last.total !== null) last.total += d.total ?? 0;
    if (last.approximateTotal !== null) last.approximateTotal += d.approximateTotal ?? 0;
  }
  if (averaged) for (const m of months) { m.total = m.figures ? (m.total ?? 0) / m.figures : null; m.approximateTotal = null; }
  return months;
}

const LIST_COLUMNS = `f.id AS id, ${VALUE} AS value, f.unit AS unit, f.qualifier AS qualifier, f.metric AS metric, f.text AS text,
  f.district AS district, f.district_code AS "districtCode", f.street AS street, f.street_code AS "streetCode",
  f.community AS community, f.community_code AS "communityCode", f.date AS date, f.article_id AS "articleId",
  a.title AS "articleTitle", s.name AS source, f.review_status AS "reviewStatus"`;

/** One page of the filtered figures, newest first (undated last). */
export async function factList(db: Db, filters: Filters, options: { unit?: string | null; pick?: Pick | null; limit: number; offset: number }): Promise<FactListRow[]> {
  const w = factConditions(filters, options);
  return db.all<FactListRow>(`SELECT ${LIST_COLUMNS}
    FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN sources s ON s.id = a.source_id
    ${whereSql(w)} ORDER BY f.date DESC NULLS LAST, f.id DESC LIMIT ? OFFSET ?`, [...w.params, options.limit, options.offset]);
}

/** How many figures a filter set (and pick) selects. */
export async function factCount(db: Db, filters: Filters, options: { unit?: string | null; pick?: Pick | null } = {}): Promise<number> {
  const w = factConditions(filters, options);
  return (await cachedAll<{ n: number }>(db, `SELECT count(*) AS n FROM facts f ${whereSql(w)}`, w.params))[0].n;
}

// ── places ───────────────────────────────────────────────────────────────────────────────────────

export interface PlaceOption { code: string; name: string }

const PLACE_COLUMNS: Record<PlaceLevel, { code: string; name: string }> = {
  district: { code: 'district_code', name: 'district' },
  street: { code: 'street_code', name: 'street' },
  community: { code: 'community_code', name: 'community' },
};

export function levelOfCode(code: string): PlaceLevel | null {
  return code.length === 6 ? 'district' : code.length === 9 ? 'street' : code.length === 12 ? 'community' : null;
}

/** Names of places by code, as the facts write them (one index seek per code). */
export async function placeNames(db: Db, level: PlaceLevel, codes: string[]): Promise<Map<string, string>> {
  const { code, name } = PLACE_COLUMNS[level];
  const sql = `SELECT ${name} AS name FROM facts WHERE ${code} = ? AND ${name} IS NOT NULL LIMIT 1`;
  const names = new Map<string, string>();
  for (const c of codes) {
    const row = await db.get<{ name: string }>(sql, [c]);
    if (row) names.set(c, row.name);
  }
  return names;
}

/**
 * The places of a level that have figures, optionally within a parent (official codes share their
 * parent's prefix). A loose index scan — one seek per distinct code — so it costs the number of
 * places, not the number of facts.
 */
export async function placesWithFigures(db: Db, level: PlaceLevel, parentCode?: string | null): Promise<PlaceOption[]> {
  const { code } = PLACE_COLUMNS[level];
  const low = parentCode ?? '';
  const high = parentCode ? `${parentCode}~` : '~'; // '~' sorts after every digit
  const rows = await db.all<{ code: string }>(`WITH RECURSIVE walk(code) AS (
      SELECT (SELECT min(${code}) FROM facts WHERE ${code} > ? AND ${code} < ?)
      UNION ALL
      SELECT (SELECT min(${code}) FROM facts WHERE ${code} > walk.code AND ${code} < ?) FROM walk WHERE walk.code IS NOT NULL
    ) SELECT code FROM walk WHERE code IS NOT NULL`, [low, high, high]);
  const names = await placeNames(db, level, rows.map((r) => r.code));
  return rows.map((r) => ({ code: r.code, name: names.get(r.code) ?? r.code }));
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
  const column = PLACE_COLUMNS[level].code;
  const row = await db.get<{ district: string | null; districtCode: string | null; street: string | null; streetCode: string | null; community: string | null }>(
    `SELECT district, district_code AS "districtCode", street, street_code AS "streetCode", community FROM facts WHERE ${column} = ? LIMIT 1`, [code]);
  if (!row) return null;
  const name = level === 'district' ? row.district : level === 'street' ? row.street : row.community;
  return {
    code, level, name: name ?? code,
    district: level !== 'district' && row.districtCode ? { code: row.districtCode, name: row.district ?? row.districtCode } : null,
    street: level === 'community' && row.streetCode ? { code: row.streetCode, name: row.street ?? row.streetCode } : null,
  };
}

export interface MetricTotal { metric: string; unit: string; figures: number; approximate: number; total: number }

/** A place's figures per metric and unit (sum, or mean for percentages), most figures first. */
export async function metricTotals(db: Db, filters: Filters): Promise<MetricTotal[]> {
  const district = rollupDistrict(db, filters);
  if (district !== null) {
    const r = rollupWhere(district, filters.metric);
    return cachedAll<MetricTotal>(db, `SELECT r.metric AS metric, r.unit AS unit, sum(r.figures) AS figures, sum(r.approximate) AS approximate,
        CASE WHEN r.unit IN ('percent', 'percentage_point') THEN ${R_TOTAL} / sum(r.figures) ELSE ${R_TOTAL} END AS total
      FROM district_months r ${whereSql(r)} GROUP BY r.metric, r.unit ORDER BY figures DESC, metric, unit`, r.params);
  }
  const w = factConditions(filters);
  return cachedAll<MetricTotal>(db, `SELECT f.metric AS metric, f.unit AS unit, count(*) AS figures, sum(CASE WHEN f.qualifier <> 'exact' THEN 1 ELSE 0 END) AS approximate,
      CASE WHEN f.unit IN ('percent', 'percentage_point') THEN avg(${VALUE}) ELSE sum(${VALUE}) END AS total
    FROM facts f ${whereSql(w)} GROUP BY f.metric, f.unit ORDER BY figures DESC, metric, unit`, w.params);
}

// ── one fact, one article ────────────────────────────────────────────────────────────────────────

export interface FactDetail extends FactListRow {
  originalValue: number;
  low: number | null; high: number | null;
  start: number; end: number; sentenceStart: number; sentenceEnd: number;
  datePrecision: string | null;
  placeProvenance: string; dateProvenance: string;
  cumulative: number;
  cues: string;
  uid: string;
  correctedUnit: string | null; correctedMetric: string | null;
  articleText: string;
  publishedOn: string | null;
  url: string | null;
  page: string | null;
  issue: string | null;
  extractorVersion: string;
}

export async function factDetail(db: Db, id: number): Promise<FactDetail | null> {
  const row = await db.get<FactDetail>(`SELECT ${LIST_COLUMNS}, f.value AS "originalValue", f.low AS low, f.high AS high,
      f.start AS start, f."end" AS "end", f.sentence_start AS "sentenceStart", f.sentence_end AS "sentenceEnd",
      f.date_precision AS "datePrecision", f.place_provenance AS "placeProvenance", f.date_provenance AS "dateProvenance",
      f.cumulative AS cumulative, f.cues AS cues, f.uid AS uid, f.corrected_unit AS "correctedUnit", f.corrected_metric AS "correctedMetric",
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

export interface ArticleFigure {
  id: number; value: number; unit: string; qualifier: string; metric: string; text: string;
  start: number; end: number; sentenceStart: number; sentenceEnd: number;
  street: string | null; community: string | null; district: string | null; date: string | null; reviewStatus: string;
}

export async function articleDetail(db: Db, id: number): Promise<ArticleDetail | null> {
  const row = await db.get<ArticleDetail>(`SELECT a.id AS id, a.title AS title, a.text AS text, a.published_on AS "publishedOn", a.url AS url,
      a.page AS page, a.issue AS issue, s.name AS source, a.file_name AS "fileName"
    FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?`, [id]);
  return row ?? null;
}

/** All figures of an article in text order, rejected ones included (the article page shows what was extracted). */
export async function articleFigures(db: Db, articleId: number): Promise<ArticleFigure[]> {
  return db.all<ArticleFigure>(`SELECT f.id AS id, ${VALUE} AS value, f.unit AS unit, f.qualifier AS qualifier, f.metric AS metric, f.text AS text,
      f.start AS start, f."end" AS "end", f.sentence_start AS "sentenceStart", f.sentence_end AS "sentenceEnd",
      f.street AS street, f.community AS community, f.district AS district, f.date AS date, f.review_status AS "reviewStatus"
    FROM facts f WHERE f.article_id = ? ORDER BY f.start, f.id`, [articleId]);
}

/** For `npm run bench` and tests: the plan SQLite picks for a query, one line per step. */
export async function explain(db: Db, sql: string, params: (string | number)[]): Promise<string[]> {
  if (db.dialect === 'postgres') return (await db.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']);
  return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail);
}

/** The SQL and parameters of the per-place aggregate, for EXPLAIN in the benchmark. */
export function byPlaceSql(db: { dialect: Dialect }, filters: Filters, level: 'street' | 'community', unit: string | null): [string, (string | number)[]] {
  return byPlaceQuery(db, filters, level, unit);
}

/** The sources (publications) that have articles, by name: a short table. */
export async function sourceNames(db: Db): Promise<string[]> {
  return (await db.all<{ name: string }>('SELECT name FROM sources ORDER BY synthetic, name')).map((r) => r.name);
}

