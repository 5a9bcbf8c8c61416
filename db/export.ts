// Queries of the researcher API and the exports: facts of a filtered view with their article, source and
// sentence, in id order; counts; the places present in the data. Every value is a bound parameter.
import Database, { type Statement } from 'better-sqlite3';
import type { Filters } from '../lib/filters';
import type { ExportRow } from '../lib/export/columns';
import { metricByKey } from '../lib/extract/taxonomy';
import { factConditions, type FactScope, type Pick } from './factWhere';
import type { Db } from './client';

/** A view's filters plus what only exports take: one unit (a chart's), a drilled-in bar, and rejected figures. */
export interface FactQuery extends Filters, Omit<FactScope, 'unit' | 'pick'> {
  unit?: string;
  pick?: Pick;
}

interface Where { sql: string; params: (string | number)[] }

/** The WHERE of a fact query: the dashboard's conditions (db/factWhere.ts). */
export function factWhere(q: FactQuery): Where {
  const { clauses, params } = factConditions(q, q);
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}

const statements = new WeakMap<Database.Database, Map<string, Statement>>();

function prepared(sqlite: Database.Database, sql: string): Statement {
  let byText = statements.get(sqlite);
  if (!byText) { byText = new Map(); statements.set(sqlite, byText); }
  let stmt = byText.get(sql);
  if (!stmt) { stmt = sqlite.prepare(sql); byText.set(sql, stmt); }
  return stmt;
}

/** How many facts a query selects: what a download button shows before the download. */
export function countFacts(db: Db, q: FactQuery): number {
  const w = factWhere(q);
  return (prepared(db.$client, `SELECT count(*) AS n FROM facts f WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
}

// Facts only: the article and source of a fact are looked up once per article (ArticleReader), not joined
// into every row, which halves the cost of a million-row export.
const SELECT = `SELECT f.id, f.uid, f.value, f.low, f.high, f.unit, f.qualifier, f.metric,
  f.district, f.district_code, f.street, f.street_code, f.community, f.community_code, f.place_provenance,
  f.date, f.date_precision, f.date_provenance, f.cumulative, f.text,
  f.sentence_start, f.sentence_end, f.article_id,
  f.extractor_version, f.review_status, f.corrected_value, f.corrected_unit, f.corrected_metric
FROM facts f`;

/** A row of SELECT in raw (array) mode: arrays are much cheaper than objects at a million rows. */
export type RawFact = [
  id: number, uid: string, value: number, low: number | null, high: number | null, unit: string, qualifier: string, metric: string,
  district: string | null, districtCode: string | null, street: string | null, streetCode: string | null,
  community: string | null, communityCode: string | null, placeProvenance: string,
  date: string | null, datePrecision: string | null, dateProvenance: string, cumulative: number, text: string,
  sentenceStart: number, sentenceEnd: number, articleId: number,
  extractorVersion: string, reviewStatus: string, correctedValue: number | null, correctedUnit: string | null, correctedMetric: string | null,
];

/** The article and source of a fact: one object per article, the same object for all its facts in a row. */
export interface ArticleInfo { text: string; title: string | null; url: string | null; published_on: string | null; source: string | null; synthetic: number }

/**
 * The article of the facts being written. Facts come in id order, so one article's facts arrive together
 * and each article is read once. Sentences are cut here, in JavaScript, because the stored offsets count
 * UTF-16 units, which SQL's substr() does not (it counts characters; they differ past the BMP).
 */
class ArticleReader {
  private id = -1;
  private info: ArticleInfo = { text: '', title: null, url: null, published_on: null, source: null, synthetic: 0 };
  private readonly statement: Statement;
  constructor(sqlite: Database.Database) {
    this.statement = prepared(sqlite, `SELECT a.text, a.title, a.url, a.published_on, s.name AS source, coalesce(s.synthetic, 0) AS synthetic
      FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?`);
  }
  article(id: number): ArticleInfo {
    if (id !== this.id) {
      this.info = (this.statement.get(id) as ArticleInfo | undefined) ?? { text: '', title: null, url: null, published_on: null, source: null, synthetic: 0 };
      this.id = id;
    }
    return this.info;
  }
}

export interface RowOptions {
  /** prefixed to /facts/ID in fact_url, e.g. https://figures.example.org; a bare path when empty */
  baseUrl?: string;
}

/** The prefix of fact_url: the base URL without trailing slashes. */
export function factUrlBase(options: RowOptions): string {
  return (options.baseUrl ?? '').replace(/\/+$/, '');
}

/**
 * One exported fact from a raw row and its article. The reference shape of a row: the streaming
 * writers of lib/export/writers.ts write the same cells straight from the raw row (tested against this).
 */
export function shapeRow(r: RawFact, a: ArticleInfo, base: string): ExportRow {
  const metric = metricByKey(r[7]);
  return {
    id: r[0], uid: r[1], value: r[2], low: r[3], high: r[4], unit: r[5], qualifier: r[6], metric: r[7],
    metric_zh: metric?.zh ?? null, metric_en: metric?.en ?? null, metric_group: metric?.group.key ?? null,
    district: r[8], district_code: r[9], street: r[10], street_code: r[11],
    community: r[12], community_code: r[13], place_provenance: r[14],
    date: r[15], date_precision: r[16], date_provenance: r[17], cumulative: r[18] === 1,
    figure_text: r[19], sentence: a.text.slice(r[20], r[21]),
    article_id: r[22], article_title: a.title, article_url: a.url,
    source: a.source, synthetic: a.synthetic === 1, published_on: a.published_on,
    fact_url: `${base}/facts/${r[0]}`, extractor_version: r[23], review_status: r[24],
    corrected_value: r[25], corrected_unit: r[26], corrected_metric: r[27],
  };
}

function rowMaker(sqlite: Database.Database, options: RowOptions): (raw: RawFact) => ExportRow {
  const articles = new ArticleReader(sqlite);
  const base = factUrlBase(options);
  return (r) => shapeRow(r, articles.article(r[22]), base);
}

/** One page of a query: up to `limit` facts with id greater than `afterId`, in id order. */
export function factsAfter(db: Db, q: FactQuery, afterId: number, limit: number, options: RowOptions = {}): ExportRow[] {
  const w = factWhere(q);
  const raws = prepared(db.$client, `${SELECT} WHERE f.id > ? AND ${w.sql} ORDER BY f.id LIMIT ?`).raw(true)
    .all(afterId, ...w.params, limit) as RawFact[];
  const make = rowMaker(db.$client, options);
  return raws.map(make);
}

/** Every raw fact of a query in id order, with the article of each (see openRawFactCursor). */
export interface RawFactCursor {
  /** the next raw row; undefined once done (the cursor has then closed itself) */
  next(): RawFact | undefined;
  /** the article of a row's article_id (r[22]); read once per run of facts of one article */
  article(id: number): ArticleInfo;
  close(): void;
}

/**
 * Every fact of a query, in id order, as raw rows for a stream to pull. It reads through a
 * connection of its own, opened read-only: an open better-sqlite3 iterator makes its connection refuse
 * writes, and a download held back by a slow client must not stall the app's shared connection. The
 * export also sees one snapshot of the data from its first row to its last, so it matches its count.
 */
export function openRawFactCursor(db: Db, q: FactQuery): RawFactCursor {
  return openFactRows<RawFact>(db, q, SELECT);
}

/** A cursor over rows of a SELECT of our own columns (FROM facts f) of a query, with the full raw row of any fact. */
export interface FactRowCursor<R> {
  /** the next row; undefined once done (the cursor has then closed itself) */
  next(): R | undefined;
  /** the article of an article id; read once per run of facts of one article */
  article(id: number): ArticleInfo;
  /** the full raw row of a fact, read in the same snapshot as the rest */
  raw(id: number): RawFact;
  close(): void;
}

/**
 * openRawFactCursor with a select of the caller's (`SELECT … FROM facts f`, constant text, no user
 * input): the streaming writers fetch fewer, pre-joined columns and fall back to raw() for odd rows.
 */
export function openFactRows<R extends unknown[]>(db: Db, q: FactQuery, select: string): FactRowCursor<R> {
  const file = db.$client.name;
  const separate = file !== ':memory:' && file !== '';
  const sqlite = separate ? new Database(file, { readonly: true, fileMustExist: true }) : db.$client;
  // (a memory map would read ~10% faster, but its pages count as the process's memory: a 256 MB map
  // showed as 300 MB of RSS growth during a million-row export)
  if (separate) sqlite.pragma('busy_timeout = 5000');
  const w = factWhere(q);
  const sql = `${select} WHERE ${w.sql} ORDER BY f.id`;
  // raw(true) sets a mode on the statement; a statement of our own keeps the cached one in object mode
  const statement = sqlite.prepare(sql).raw(true);
  const iterator = statement.iterate(...w.params) as IterableIterator<R>;
  const articles = new ArticleReader(sqlite);
  let byId: Statement | null = null;
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    iterator.return?.();
    if (separate) sqlite.close();
  };
  return {
    next() {
      if (done) return undefined;
      let step: IteratorResult<R>;
      try {
        step = iterator.next();
      } catch (error) {
        close();
        throw error;
      }
      if (step.done) { close(); return undefined; }
      return step.value;
    },
    article: (id) => articles.article(id),
    raw(id) {
      byId ??= sqlite.prepare(`${SELECT} WHERE f.id = ?`).raw(true);
      return byId.get(id) as RawFact;
    },
    close,
  };
}

export interface FactCursor {
  /** the next chunk of rows (fewer than asked only at the end; empty once done) */
  next(size?: number): ExportRow[];
  close(): void;
}

/** Every fact of a query, in id order, as export rows handed out in chunks (see openRawFactCursor). */
export function openFactCursor(db: Db, q: FactQuery, options: RowOptions = {}): FactCursor {
  const raw = openRawFactCursor(db, q);
  const base = factUrlBase(options);
  return {
    next(size = 2000) {
      const rows: ExportRow[] = [];
      try {
        while (rows.length < size) {
          const r = raw.next();
          if (!r) break;
          rows.push(shapeRow(r, raw.article(r[22]), base));
        }
      } catch (error) {
        raw.close();
        throw error;
      }
      return rows;
    },
    close: raw.close,
  };
}

export interface PlaceCount {
  level: 'district' | 'street' | 'community';
  code: string;
  name: string | null;
  district_code: string | null;
  street_code: string | null;
  facts: number;
}

/** Every district, street and community that facts are placed in, with how many facts each holds (rejected ones left out). */
export function placesInData(db: Db): PlaceCount[] {
  return prepared(db.$client, `
    SELECT 'district' AS level, district_code AS code, min(district) AS name, district_code, NULL AS street_code, count(*) AS facts
      FROM facts WHERE district_code IS NOT NULL AND review_status <> 'rejected' GROUP BY district_code
    UNION ALL
    SELECT 'street', street_code, min(street), min(district_code), street_code, count(*)
      FROM facts WHERE street_code IS NOT NULL AND review_status <> 'rejected' GROUP BY street_code
    UNION ALL
    SELECT 'community', community_code, min(community), min(district_code), min(street_code), count(*)
      FROM facts WHERE community_code IS NOT NULL AND review_status <> 'rejected' GROUP BY community_code
    ORDER BY code`).all() as PlaceCount[];
}

/** Whether a source of this name exists (a filter naming an unknown source is a mistake, not an empty view). */
export function sourceExists(db: Db, name: string): boolean {
  return prepared(db.$client, 'SELECT 1 FROM sources WHERE name = ?').get(name) !== undefined;
}
