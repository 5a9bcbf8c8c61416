// The SQL of ingestion (lib/ingest): writing articles and their facts, recognising duplicates, and the reads
// re-extraction needs. The hot path uses prepared better-sqlite3 statements, cached per connection, because
// a bulk ingest writes tens of thousands of rows a second from one writer.
import type Database from 'better-sqlite3';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { articles, facts, sources, type NewFact } from './schema';

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
}

/** A fact row before its article has an id. */
export type NewFactRow = Omit<NewFact, 'id' | 'articleId'>;

const FACT_COLUMNS = [
  ['uid', 'uid'], ['articleId', 'article_id'], ['value', 'value'], ['low', 'low'], ['high', 'high'], ['unit', 'unit'],
  ['qualifier', 'qualifier'], ['metric', 'metric'], ['text', 'text'], ['start', 'start'], ['end', 'end'],
  ['sentenceStart', 'sentence_start'], ['sentenceEnd', 'sentence_end'], ['district', 'district'],
  ['districtCode', 'district_code'], ['street', 'street'], ['streetCode', 'street_code'], ['community', 'community'],
  ['communityCode', 'community_code'], ['placeProvenance', 'place_provenance'], ['date', 'date'],
  ['datePrecision', 'date_precision'], ['dateProvenance', 'date_provenance'], ['cumulative', 'cumulative'],
  ['cues', 'cues'], ['extractorVersion', 'extractor_version'],
] as const;

// insertFactRows fills its parameters in this order, by position: keep the two in step.

interface Statements {
  insertArticle: Database.Statement;
  articleIdByHash: Database.Statement;
  /** insertFacts[n]: one INSERT of n fact rows (prepared on first use) */
  insertFacts: Database.Statement[];
  sourceByName: Database.Statement;
  insertSource: Database.Statement;
}

/** Rows per multi-row fact INSERT: an article's figures go in one statement (or a few), not one each. */
const FACT_ROWS_PER_INSERT = 32;

const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  const client = db.$client;
  let s = cache.get(client);
  if (!s) {
    s = {
      // ON CONFLICT: a concurrent writer (the web server while the CLI runs) may store the same text first
      insertArticle: client.prepare(`INSERT INTO articles
        (source_id, title, published_on, page, issue, url, file_name, text, sha256, extractor_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(sha256) DO NOTHING RETURNING id`),
      articleIdByHash: client.prepare('SELECT id FROM articles WHERE sha256 = ?'),
      insertFacts: [],
      sourceByName: client.prepare('SELECT id, synthetic FROM sources WHERE name = ?'),
      insertSource: client.prepare('INSERT INTO sources (name, district, synthetic) VALUES (?, ?, ?) RETURNING id'),
    };
    cache.set(client, s);
  }
  return s;
}

/** Runs `work` in a transaction; inside another one it becomes a savepoint, so only its own rows roll back. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work)();
}

const savepoints = new WeakMap<Database.Database, { open: Database.Statement; release: Database.Statement; rollback: Database.Statement }>();

/**
 * Runs `work` inside a savepoint of the open transaction: on an error its rows alone are rolled back and
 * the error is rethrown. (Cheaper than a nested better-sqlite3 transaction, which builds a wrapper per call;
 * the writer takes one per document.)
 */
export function inSavepoint<T>(db: Db, work: () => T): T {
  const client = db.$client;
  let s = savepoints.get(client);
  if (!s) {
    s = { open: client.prepare('SAVEPOINT ingest_document'), release: client.prepare('RELEASE ingest_document'), rollback: client.prepare('ROLLBACK TO ingest_document') };
    savepoints.set(client, s);
  }
  s.open.run();
  try {
    const result = work();
    s.release.run();
    return result;
  } catch (error) {
    s.rollback.run();
    s.release.run();
    throw error;
  }
}

/** Stores an article unless its text is already stored: its new id, or null for a duplicate. */
export function insertArticleUnlessStored(db: Db, row: NewArticleRow): number | null {
  const inserted = statements(db).insertArticle.get(
    row.sourceId, row.title, row.publishedOn, row.page, row.issue, row.url, row.fileName, row.text, row.sha256, row.extractorVersion,
  ) as { id: number } | undefined;
  return inserted?.id ?? null;
}

export function articleIdByHash(db: Db, sha256: string): number | null {
  return (statements(db).articleIdByHash.get(sha256) as { id: number } | undefined)?.id ?? null;
}

function insertFactsStatement(db: Db, rows: number): Database.Statement {
  const s = statements(db);
  let statement = s.insertFacts[rows];
  if (!statement) {
    const row = `(${FACT_COLUMNS.map(() => '?').join(', ')})`;
    statement = db.$client.prepare(`INSERT INTO facts (${FACT_COLUMNS.map(([, c]) => `"${c}"`).join(', ')})
      VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
    s.insertFacts[rows] = statement;
  }
  return statement;
}

/**
 * Stores an article's fact rows, up to FACT_ROWS_PER_INSERT in one statement, and returns their ids in the
 * order of `rows`. (facts.id is AUTOINCREMENT and this connection holds the write lock, so the rows of one
 * INSERT get consecutive ids ending at its last_insert_rowid; a failing row fails the whole statement.)
 */
export function insertFactRows(db: Db, articleId: number, rows: readonly NewFactRow[]): number[] {
  const ids: number[] = new Array(rows.length);
  const width = FACT_COLUMNS.length;
  for (let from = 0; from < rows.length; from += FACT_ROWS_PER_INSERT) {
    const n = Math.min(FACT_ROWS_PER_INSERT, rows.length - from);
    const params: unknown[] = new Array(n * width);
    for (let k = 0; k < n; k++) {
      const r = rows[from + k];
      const o = k * width;
      params[o] = r.uid; params[o + 1] = articleId; params[o + 2] = r.value; params[o + 3] = r.low ?? null;
      params[o + 4] = r.high ?? null; params[o + 5] = r.unit; params[o + 6] = r.qualifier; params[o + 7] = r.metric;
      params[o + 8] = r.text; params[o + 9] = r.start; params[o + 10] = r.end; params[o + 11] = r.sentenceStart;
      params[o + 12] = r.sentenceEnd; params[o + 13] = r.district ?? null; params[o + 14] = r.districtCode ?? null;
      params[o + 15] = r.street ?? null; params[o + 16] = r.streetCode ?? null; params[o + 17] = r.community ?? null;
      params[o + 18] = r.communityCode ?? null; params[o + 19] = r.placeProvenance ?? 'default'; params[o + 20] = r.date ?? null;
      params[o + 21] = r.datePrecision ?? null; params[o + 22] = r.dateProvenance ?? 'default'; params[o + 23] = r.cumulative ? 1 : 0;
      params[o + 24] = r.cues ?? '[]'; params[o + 25] = r.extractorVersion;
    }
    const last = Number(insertFactsStatement(db, n).run(params).lastInsertRowid);
    for (let k = 0; k < n; k++) ids[from + k] = last - n + 1 + k;
  }
  return ids;
}

export class SourceConflictError extends Error {}

/** The id of a source, created on first use. Synthetic and real articles never share a source. */
export function sourceIdFor(db: Db, name: string, district: string | null, synthetic: boolean): number {
  const s = statements(db);
  const found = s.sourceByName.get(name) as { id: number; synthetic: number } | undefined;
  if (found) {
    if (Boolean(found.synthetic) !== synthetic) {
      throw new SourceConflictError(`source "${name}" holds ${found.synthetic ? 'synthetic' : 'real'} articles; ${synthetic ? 'synthetic' : 'real'} ones cannot join it`);
    }
    return found.id;
  }
  return (s.insertSource.get(name, district, synthetic ? 1 : 0) as { id: number }).id;
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
}

/** Articles in id order after `afterId`, a page at a time, with their source's district (the default place). */
export function articlesAfter(db: Db, afterId: number, limit: number): StaleArticle[] {
  return db.select({
    id: articles.id, text: articles.text, sha256: articles.sha256, title: articles.title, publishedOn: articles.publishedOn,
    extractorVersion: articles.extractorVersion, sourceDistrict: sources.district, synthetic: sources.synthetic,
  }).from(articles).leftJoin(sources, eq(sources.id, articles.sourceId))
    .where(gt(articles.id, afterId)).orderBy(asc(articles.id)).limit(limit).all();
}

export function factsOfArticle(db: Db, articleId: number) {
  return db.select().from(facts).where(eq(facts.articleId, articleId)).orderBy(asc(facts.start)).all();
}

export function deleteFactsByIds(db: Db, ids: number[]): void {
  for (let i = 0; i < ids.length; i += 500) db.delete(facts).where(inArray(facts.id, ids.slice(i, i + 500))).run();
}

/**
 * Replaces the extracted fields (and uid, when the figure's span moved) of a fact found again, keeping its id
 * (checks point at it) and its review decision.
 */
export function updateExtractedFact(db: Db, id: number, row: NewFactRow): void {
  const { reviewStatus: _s, correctedValue: _v, correctedUnit: _u, correctedMetric: _m, ...fields } = row;
  db.update(facts).set(fields).where(eq(facts.id, id)).run();
}

export function setArticleExtractorVersion(db: Db, articleId: number, version: string, title?: string | null): void {
  db.update(articles).set({ extractorVersion: version, ...(title !== undefined ? { title } : {}) }).where(eq(articles.id, articleId)).run();
}

// ── Reading back what was stored, for the ingest page and API ──

export function storedArticle(db: Db, id: number) {
  return db.select({
    id: articles.id, title: articles.title, publishedOn: articles.publishedOn, text: articles.text, fileName: articles.fileName,
    url: articles.url, source: sources.name,
  }).from(articles).leftJoin(sources, eq(sources.id, articles.sourceId)).where(eq(articles.id, id)).get();
}

export function storedFacts(db: Db, articleId: number) {
  return db.select({
    id: facts.id, uid: facts.uid, start: facts.start, end: facts.end, text: facts.text, value: facts.value, unit: facts.unit,
    qualifier: facts.qualifier, metric: facts.metric, district: facts.district, street: facts.street,
    community: facts.community, date: facts.date, reviewStatus: facts.reviewStatus,
  }).from(facts).where(eq(facts.articleId, articleId)).orderBy(asc(facts.start)).all();
}

export function countRows(db: Db): { articles: number; facts: number; sources: number } {
  const n = (table: typeof articles | typeof facts | typeof sources) => db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
  return { articles: n(articles), facts: n(facts), sources: n(sources) };
}

export function factCountOfArticle(db: Db, articleId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(facts).where(and(eq(facts.articleId, articleId))).get()?.n ?? 0;
}
