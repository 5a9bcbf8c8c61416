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

const FACT_INDEX = Object.fromEntries(FACT_COLUMNS.map(([key], i) => [key, i])) as Record<(typeof FACT_COLUMNS)[number][0], number>;

interface Statements {
  insertArticle: Database.Statement;
  articleIdByHash: Database.Statement;
  insertFact: Database.Statement;
  sourceByName: Database.Statement;
  insertSource: Database.Statement;
}

const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  const client = db.$client;
  let s = cache.get(client);
  if (!s) {
    s = {
      // ON CONFLICT: a concurrent writer (the web server while the CLI runs) may store the same text first
      insertArticle: client.prepare(`INSERT INTO articles
        (source_id, title, published_on, page, issue, url, file_name, text, sha256, extractor_version)
        VALUES (@sourceId, @title, @publishedOn, @page, @issue, @url, @fileName, @text, @sha256, @extractorVersion)
        ON CONFLICT(sha256) DO NOTHING RETURNING id`),
      articleIdByHash: client.prepare('SELECT id FROM articles WHERE sha256 = ?'),
      insertFact: client.prepare(`INSERT INTO facts (${FACT_COLUMNS.map(([, c]) => `"${c}"`).join(', ')})
        VALUES (${FACT_COLUMNS.map(() => '?').join(', ')})`),
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
  const inserted = statements(db).insertArticle.get(row) as { id: number } | undefined;
  return inserted?.id ?? null;
}

export function articleIdByHash(db: Db, sha256: string): number | null {
  return (statements(db).articleIdByHash.get(sha256) as { id: number } | undefined)?.id ?? null;
}

export function insertFactRows(db: Db, articleId: number, rows: readonly NewFactRow[]): void {
  const insert = statements(db).insertFact;
  const params: unknown[] = new Array(FACT_COLUMNS.length);
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    FACT_COLUMNS.forEach(([key], i) => { params[i] = r[key] ?? null; });
    params[FACT_INDEX.articleId] = articleId;
    params[FACT_INDEX.cumulative] = row.cumulative ? 1 : 0;
    params[FACT_INDEX.placeProvenance] ??= 'default';
    params[FACT_INDEX.dateProvenance] ??= 'default';
    params[FACT_INDEX.cues] ??= '[]';
    insert.run(params);
  }
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
