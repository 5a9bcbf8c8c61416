// The SQL of ingestion (lib/ingest): writing articles and their facts, recognising duplicates, and the reads
// re-extraction needs. The fact columns are listed once (FACT_COLUMNS): the insert, the update of a
// re-extracted fact and the row type all follow that list.
import type { Param, Sql } from './client';
import type { Placed } from '../lib/vocab/places';
import { DERIVED_COLUMNS, derivedCells, refreshDerived } from './derived';
import { touchFactIds, type RollupTouch } from './rollups';

export interface NewArticleRow {
  sourceId: number | null;
  title: string | null;
  publishedOn: string | null;
  page: string | null;
  issue: string | null;
  url: string | null;
  fileName: string | null;
  text: string;
  sha256: string;
  extractorVersion: string;
  /** the source's district, the column a distributed database shards articles by */
  districtCode?: string | null;
}

/** A fact row before its article has an id (what extraction makes of a figure). */
export interface NewFactRow extends Placed {
  uid: string;
  value: number; low: number | null; high: number | null;
  unit: string; qualifier: string; metric: string;
  text: string; start: number; end: number; sentenceStart: number; sentenceEnd: number;
  placeProvenance: string;
  date: string | null; datePrecision: string | null; dateProvenance: string;
  cumulative: boolean;
  /** JSON array of the words that decided the metric */
  cues: string;
  extractorVersion: string;
  /** the unit or measure word as written (万元, 亩, 户, 个) */
  unitWord: string | null;
  /** measured | attribute | plan | stock */
  role: string;
  object: string | null; objectClass: string | null;
  action: string | null; actionClass: string | null;
  aspect: string | null; unitClass: string | null; measureClass: string | null;
  metricConfidence: number | null;
  /** facets | fallback */
  metricSource: string | null;
  // review decisions, carried over by re-extraction
  reviewStatus?: string;
  correctedValue?: number | null;
  correctedUnit?: string | null;
  correctedMetric?: string | null;
}

type ExtractedKey = Exclude<keyof NewFactRow, 'reviewStatus' | 'correctedValue' | 'correctedUnit' | 'correctedMetric'>;

/** Every extracted column of facts, in insert order: [row field, column]. */
export const FACT_COLUMNS: readonly (readonly [ExtractedKey, string])[] = [
  ['uid', 'uid'], ['value', 'value'], ['low', 'low'], ['high', 'high'], ['unit', 'unit'],
  ['qualifier', 'qualifier'], ['metric', 'metric'], ['text', 'text'], ['start', 'start'], ['end', 'end'],
  ['sentenceStart', 'sentence_start'], ['sentenceEnd', 'sentence_end'], ['district', 'district'],
  ['districtCode', 'district_code'], ['street', 'street'], ['streetCode', 'street_code'], ['community', 'community'],
  ['communityCode', 'community_code'], ['placeProvenance', 'place_provenance'], ['date', 'date'],
  ['datePrecision', 'date_precision'], ['dateProvenance', 'date_provenance'], ['cumulative', 'cumulative'],
  ['cues', 'cues'], ['extractorVersion', 'extractor_version'], ['unitWord', 'unit_word'], ['role', 'role'],
  ['object', 'object'], ['objectClass', 'object_class'], ['action', 'action'], ['actionClass', 'action_class'],
  ['aspect', 'aspect'], ['unitClass', 'unit_class'], ['measureClass', 'measure_class'],
  ['metricConfidence', 'metric_confidence'], ['metricSource', 'metric_source'],
];

const REVIEW_COLUMNS = [
  ['reviewStatus', 'review_status'], ['correctedValue', 'corrected_value'], ['correctedUnit', 'corrected_unit'], ['correctedMetric', 'corrected_metric'],
] as const;

function cell(row: NewFactRow, key: ExtractedKey): Param {
  const v = row[key];
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === undefined ? null : v;
}

/** Runs `work` in a transaction; inside another one it becomes a savepoint, so only its own rows roll back. */
export function inTransaction<T>(db: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

/** Stores an article unless its text is already stored: its new id, or null for a duplicate. */
export async function insertArticleUnlessStored(db: Sql, row: NewArticleRow): Promise<number | null> {
  // ON CONFLICT: a concurrent writer (the web server while the CLI runs) may store the same text first
  const inserted = await db.get<{ id: number }>(`INSERT INTO articles
      (source_id, title, published_on, page, issue, url, file_name, text, sha256, ingested_at, extractor_version, district_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (sha256) DO NOTHING RETURNING id`,
  [row.sourceId, row.title, row.publishedOn, row.page, row.issue, row.url, row.fileName, row.text, row.sha256,
    new Date().toISOString().slice(0, 19) + 'Z', row.extractorVersion, row.districtCode ?? null]);
  return inserted?.id ?? null;
}

export async function articleIdByHash(db: Sql, sha256: string): Promise<number | null> {
  return (await db.get<{ id: number }>('SELECT id FROM articles WHERE sha256 = ?', [sha256]))?.id ?? null;
}

/** The article already stored under a hash: what a duplicate is a duplicate of. */
export async function articleByHash(db: Sql, sha256: string): Promise<{ id: number; title: string | null } | undefined> {
  return db.get<{ id: number; title: string | null }>('SELECT id, title FROM articles WHERE sha256 = ?', [sha256]);
}

/** Rows per multi-row fact INSERT: an article's figures go in one statement (or a few), not one each. */
const FACT_ROWS_PER_INSERT = 24;
const COLUMN_LIST = ['article_id', ...FACT_COLUMNS.map(([, c]) => c), ...DERIVED_COLUMNS].map((c) => `"${c}"`).join(', ');
const ROW_PLACEHOLDERS = `(${['?', ...FACT_COLUMNS.map(() => '?'), ...DERIVED_COLUMNS.map(() => '?')].join(', ')})`;
const insertSql: string[] = [];

/**
 * Stores an article's fact rows (new, so unreviewed), a few dozen per statement, and returns their ids in the
 * order of `rows`; their rollup keys go into `touch` (the caller refreshes the rollups before it commits; none
 * during a bulk load, which rebuilds them at its end).
 */
export async function insertFactRows(db: Sql, articleId: number, rows: readonly NewFactRow[], touch: RollupTouch | null): Promise<number[]> {
  const ids: number[] = new Array(rows.length);
  for (let from = 0; from < rows.length; from += FACT_ROWS_PER_INSERT) {
    const n = Math.min(FACT_ROWS_PER_INSERT, rows.length - from);
    const params: Param[] = [];
    for (let k = 0; k < n; k++) {
      const row = rows[from + k];
      params.push(articleId);
      for (const [key] of FACT_COLUMNS) params.push(cell(row, key));
      const derived = derivedCells({ value: row.value, unit: row.unit, metric: row.metric, reviewStatus: 'unreviewed', date: row.date, datePrecision: row.datePrecision });
      params.push(...derived);
      touch?.add({
        districtCode: row.districtCode, streetCode: row.streetCode, communityCode: row.communityCode,
        effectiveMetric: derived[2] as string, effectiveUnit: derived[1] as string, period: derived[3] as string | null,
      });
    }
    insertSql[n] ??= `INSERT INTO facts (${COLUMN_LIST}) VALUES ${Array.from({ length: n }, () => ROW_PLACEHOLDERS).join(', ')} RETURNING id, uid`;
    // uids are unique, so each returned id is matched to its row by uid, whatever order the engine returns them in
    const returned = await db.rows<[number, string]>(insertSql[n], params);
    const idByUid = new Map(returned.map(([id, uid]) => [uid, id]));
    for (let k = 0; k < n; k++) ids[from + k] = idByUid.get(rows[from + k].uid)!;
  }
  return ids;
}

/** Which of these source names no source has yet. */
export async function sourcesToCreate(db: Sql, names: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(names)];
  const found = new Set<string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const slice = wanted.slice(i, i + 500);
    for (const r of await db.all<{ name: string }>(`SELECT name FROM sources WHERE name IN (${slice.map(() => '?').join(', ')})`, slice)) found.add(r.name);
  }
  return wanted.filter((n) => !found.has(n));
}

export class SourceConflictError extends Error {}

/** The id of a source, created on first use. Synthetic and real articles never share a source. */
export async function sourceIdFor(db: Sql, name: string, district: string | null, synthetic: boolean): Promise<number> {
  const select = () => db.get<{ id: number; synthetic: number }>('SELECT id, synthetic FROM sources WHERE name = ?', [name]);
  let found = await select();
  if (!found) {
    // ON CONFLICT: another process may create it between the SELECT and the INSERT; either row serves
    await db.run('INSERT INTO sources (name, district, synthetic) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [name, district, synthetic ? 1 : 0]);
    found = await select();
    if (!found) throw new Error(`source "${name}" could not be created`);
  }
  if (Boolean(found.synthetic) !== synthetic) {
    throw new SourceConflictError(`source "${name}" holds ${found.synthetic ? 'synthetic' : 'real'} articles; ${synthetic ? 'synthetic' : 'real'} ones cannot join it`);
  }
  return found.id;
}

// ── Re-extraction ──

export interface StaleArticle {
  id: number;
  text: string;
  sha256: string;
  title: string | null;
  publishedOn: string | null;
  extractorVersion: string;
  sourceDistrict: string | null;
  synthetic: boolean | null;
  /** the article's district code (the shard key its search passages are stored under) */
  districtCode: string | null;
}

/** Articles in id order after `afterId`, a page at a time, with their source's district (the default place). */
export async function articlesAfter(db: Sql, afterId: number, limit: number): Promise<StaleArticle[]> {
  const rows = await db.all<Omit<StaleArticle, 'synthetic'> & { synthetic: number | null }>(`SELECT a.id, a.text, a.sha256, a.title,
      a.published_on AS "publishedOn", a.extractor_version AS "extractorVersion", s.district AS "sourceDistrict", s.synthetic,
      a.district_code AS "districtCode"
    FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id > ? ORDER BY a.id LIMIT ?`, [afterId, limit]);
  return rows.map((r) => ({ ...r, synthetic: r.synthetic === null ? null : r.synthetic === 1 }));
}

/** A stored fact as re-extraction reads it: the extracted columns with the review decision. */
export interface StoredFact extends NewFactRow {
  id: number;
  articleId: number;
  reviewStatus: string;
  correctedValue: number | null;
  correctedUnit: string | null;
  correctedMetric: string | null;
}

const STORED_FACT_SELECT = `SELECT id, article_id AS "articleId", ${FACT_COLUMNS.map(([key, column]) => `"${column}" AS "${key}"`).join(', ')},
  ${REVIEW_COLUMNS.map(([key, column]) => `${column} AS "${key}"`).join(', ')} FROM facts`;

export async function factsOfArticle(db: Sql, articleId: number): Promise<StoredFact[]> {
  const rows = await db.all<Omit<StoredFact, 'cumulative'> & { cumulative: number }>(`${STORED_FACT_SELECT} WHERE article_id = ? ORDER BY start`, [articleId]);
  return rows.map((r) => ({ ...r, cumulative: r.cumulative === 1 }));
}

export async function deleteFactsByIds(db: Sql, ids: readonly number[], touch: RollupTouch): Promise<void> {
  await touchFactIds(db, touch, ids);
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    await db.run(`DELETE FROM facts WHERE id IN (${slice.map(() => '?').join(', ')})`, slice);
  }
}

const UPDATE_EXTRACTED = `UPDATE facts SET ${FACT_COLUMNS.map(([, column]) => `"${column}" = ?`).join(', ')} WHERE id = ?`;

/**
 * Replaces the extracted fields (and uid, when the figure's span moved) of a fact found again, keeping its id
 * (checks point at it) and its review decision; its derived columns follow, its rollup keys (before and after) go into `touch`.
 */
export async function updateExtractedFact(db: Sql, id: number, row: NewFactRow, touch: RollupTouch): Promise<void> {
  await touchFactIds(db, touch, [id]);
  await db.run(UPDATE_EXTRACTED, [...FACT_COLUMNS.map(([key]) => cell(row, key)), id]);
  await refreshDerived(db, 'id = ?', [id]);
  await touchFactIds(db, touch, [id]);
}

export async function setArticleExtractorVersion(db: Sql, articleId: number, version: string, title?: string | null): Promise<void> {
  if (title !== undefined) await db.run('UPDATE articles SET extractor_version = ?, title = ? WHERE id = ?', [version, title, articleId]);
  else await db.run('UPDATE articles SET extractor_version = ? WHERE id = ?', [version, articleId]);
}

// ── Reading back what was stored, for the ingest page and API ──

export interface StoredArticle {
  id: number; title: string | null; publishedOn: string | null; text: string; fileName: string | null; url: string | null; source: string | null;
}

export async function storedArticle(db: Sql, id: number): Promise<StoredArticle | undefined> {
  return db.get<StoredArticle>(`SELECT a.id, a.title, a.published_on AS "publishedOn", a.text, a.file_name AS "fileName", a.url, s.name AS source
    FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?`, [id]);
}

export interface StoredFactSummary {
  id: number; uid: string; start: number; end: number; text: string; value: number; unit: string; qualifier: string;
  metric: string; district: string | null; street: string | null; community: string | null; date: string | null; reviewStatus: string;
}

export async function storedFacts(db: Sql, articleId: number): Promise<StoredFactSummary[]> {
  return db.all<StoredFactSummary>(`SELECT id, uid, start, "end", text, value, unit, qualifier, metric, district, street, community, date,
      review_status AS "reviewStatus" FROM facts WHERE article_id = ? ORDER BY start`, [articleId]);
}

export async function countRows(db: Sql): Promise<{ articles: number; facts: number; sources: number }> {
  const row = await db.get<{ articles: number; facts: number; sources: number }>(
    'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM sources) AS sources');
  return row!;
}

export async function factCountOfArticle(db: Sql, articleId: number): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM facts WHERE article_id = ?', [articleId]))?.n ?? 0;
}
