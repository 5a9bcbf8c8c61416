// Queries of the researcher API and the exports: facts of a filtered view with their article, source and
// sentence, in id order; counts; the places present in the data. Every value is a bound parameter.
import type { Filters } from '../lib/filters';
import { COLUMNS, RAW, RAW_SELECT, type ExportRow, type RawFact } from '../lib/export/columns';
import { metricByKey } from '../lib/vocab/metrics';
import { factConditions, type FactScope, type Pick } from './factWhere';

export type { RawFact };
import type { Sql, Snapshot } from './client';

/** A view's filters plus what only exports take: a chart's unit and measure, a drilled-in bar, rejected figures, one article or figure. */
export interface FactQuery extends Filters, Omit<FactScope, 'unit' | 'pick' | 'measure'> {
  unit?: string;
  measure?: FactScope['measure'];
  pick?: Pick;
}

interface Where { sql: string; params: (string | number)[] }

/** The WHERE of a fact query: the dashboard's conditions (db/factWhere.ts). */
export function factWhere(q: FactQuery): Where {
  const { clauses, params } = factConditions(q, q);
  return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}

/** How many facts a query selects: what a download button shows before the download. */
export async function countFacts(db: Sql, q: FactQuery): Promise<number> {
  const w = factWhere(q);
  return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM facts f WHERE ${w.sql}`, w.params))!.n;
}

/** The article and source of a fact: one object per article, the same object for all its facts in a row. */
export interface ArticleInfo { text: string; title: string | null; url: string | null; published_on: string | null; source: string | null; synthetic: number }

const EMPTY_ARTICLE: ArticleInfo = { text: '', title: null, url: null, published_on: null, source: null, synthetic: 0 };

/**
 * The articles of a run of facts, read in one query. Sentences are cut from their text in JavaScript,
 * because the stored offsets count UTF-16 units, which SQL's substr() does not.
 */
async function loadArticles(db: { all: Sql['all'] }, ids: Iterable<number>, into: Map<number, ArticleInfo> = new Map()): Promise<Map<number, ArticleInfo>> {
  const wanted = [...new Set(ids)].filter((id) => !into.has(id));
  for (let i = 0; i < wanted.length; i += 500) {
    const slice = wanted.slice(i, i + 500);
    const rows = await db.all<ArticleInfo & { id: number }>(`SELECT a.id, a.text, a.title, a.url, a.published_on, s.name AS source, coalesce(s.synthetic, 0) AS synthetic
      FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN (${slice.map(() => '?').join(', ')})`, slice);
    for (const { id, ...info } of rows) into.set(id, info);
  }
  return into;
}

export interface RowOptions {
  /** prefixed to /facts/ID in fact_url, e.g. https://figures.example.org; a bare path when empty */
  baseUrl?: string;
}

/** The prefix of fact_url: the base URL without trailing slashes. */
export function factUrlBase(options: RowOptions): string {
  return (options.baseUrl ?? '').replace(/\/+$/, '');
}

/** The most characters of a sentence an API row carries: a window around the figure, … where it is cut. */
export const SENTENCE_WINDOW = 240;

/** The sentence [start, end) of `text` around the figure [figureStart, figureEnd): whole when short, else a window of `max` characters. */
export function sentenceWindow(text: string, start: number, end: number, figureStart: number, figureEnd: number, max = SENTENCE_WINDOW): string {
  if (end - start <= max) return text.slice(start, end);
  const room = Math.max(0, max - (figureEnd - figureStart));
  let from = Math.max(start, figureStart - Math.floor(room / 2));
  const to = Math.min(end, from + max);
  from = Math.max(start, to - max);
  return `${from > start ? '…' : ''}${text.slice(from, to)}${to < end ? '…' : ''}`;
}

export interface ShapeOptions extends RowOptions {
  /** API rows: the sentence as a bounded window (the files and the figure's page keep it whole) */
  sentenceWindow?: boolean;
}

/**
 * One exported fact from a raw row and its article, column by column as COLUMNS says. The reference shape of
 * a row: the streaming writers of lib/export/writers.ts write the same cells (tested against this).
 */
export function shapeRow(r: RawFact, a: ArticleInfo, base: string, options: ShapeOptions = {}): ExportRow {
  const row: Record<string, unknown> = {};
  const metric = metricByKey(r[RAW.metric] as string);
  for (const c of COLUMNS) {
    const src = c.source as { fact?: string; metric?: 'zh' | 'en' | 'group'; article?: keyof ArticleInfo; computed?: 'sentence' | 'fact_url' };
    let v: unknown;
    if (src.fact) v = r[RAW[src.fact]];
    else if (src.metric) v = metric ? (src.metric === 'group' ? metric.group.key : metric[src.metric]) : null;
    else if (src.article) v = a[src.article];
    else if (src.computed === 'sentence') {
      const [s, e] = [r[RAW.sentence_start] as number, r[RAW.sentence_end] as number];
      v = options.sentenceWindow ? sentenceWindow(a.text, s, e, r[RAW.start] as number, r[RAW.end] as number) : a.text.slice(s, e);
    } else v = `${base}/facts/${r[RAW.id]}`;
    row[c.name] = c.type === 'boolean' ? v === 1 || v === true : v;
  }
  return row as ExportRow;
}

/** One page of a query: up to `limit` facts with id greater than `afterId`, in id order. */
export async function factsAfter(db: Sql, q: FactQuery, afterId: number, limit: number, options: ShapeOptions = {}): Promise<ExportRow[]> {
  const w = factWhere(q);
  const raws = await db.rows<RawFact>(`${RAW_SELECT} WHERE f.id > ? AND ${w.sql} ORDER BY f.id LIMIT ?`, [afterId, ...w.params, limit]);
  const articles = await loadArticles(db, raws.map((r) => r[RAW.article_id] as number));
  const base = factUrlBase(options);
  return raws.map((r) => shapeRow(r, articles.get(r[RAW.article_id] as number) ?? EMPTY_ARTICLE, base, options));
}

/** The export rows of one figure or of one article's figures (in text order, rejected ones included): a view's data twin. */
export async function exportRowsOf(db: Sql, of: { factId: number } | { articleId: number }, options: ShapeOptions = {}): Promise<ExportRow[]> {
  const [clause, id] = 'factId' in of ? ['f.id = ?', of.factId] : ['f.article_id = ?', of.articleId];
  const raws = await db.rows<RawFact>(`${RAW_SELECT} WHERE ${clause} ORDER BY f.start, f.id`, [id]);
  const articles = await loadArticles(db, raws.map((r) => r[RAW.article_id] as number));
  const base = factUrlBase(options);
  return raws.map((r) => shapeRow(r, articles.get(r[RAW.article_id] as number) ?? EMPTY_ARTICLE, base, options));
}

/**
 * Rows per page of a cursor: one keyset query each. A page is live while it is written, and every young-generation
 * collection copies what is live: 1,000 rows cost ~8 % less CPU per row than 4,000 (bench/drain.ts, best of 4).
 */
const PAGE_ROWS = 1000;

/** What a writer needs beside a row of its page: the row's article, and its full raw row when it is an odd one. */
export interface RowContext {
  /** the article of a row of the current page */
  article(id: number): ArticleInfo;
  /** the full raw row of a fact of the current page that `needsRaw` picked, or undefined for the others */
  raw(id: number): RawFact | undefined;
}

/** What a page reader reads: the caller's `select` (`SELECT … FROM facts f`, constant text, no user input) of a query. */
export interface FactRowSelect<R> {
  select: string;
  /** where article_id is in a row of `select` (id is first) */
  articleIndex: number;
  /** the rows whose full raw row the writer needs (the streaming writers' odd rows) */
  needsRaw?: (row: R) => boolean;
}

/**
 * Pages of the facts of a query in a snapshot (Db.snapshot: a download held back by a slow client holds no lock
 * of the app's, and sees one state of the data from its first row to its last, so it matches its count), in id
 * order, by keyset (ids after the last one read, up to a bound when given): one export's cursor, or the ranges of
 * ids an export shares out between threads. For each page it loads the articles of its rows and the full raw rows
 * `needsRaw` picks.
 */
export class FactPages<R extends unknown[]> implements RowContext {
  // one per range being written: two ranges written by turns on one thread must not share their pages' articles
  private readonly where: Where;
  private readonly open: string;
  private readonly bounded: string;
  private articles = new Map<number, ArticleInfo>();
  private raws = new Map<number, RawFact>();
  constructor(private readonly snapshot: Snapshot, q: FactQuery, private readonly of: FactRowSelect<R>) {
    this.where = factWhere(q);
    this.open = `${of.select} WHERE f.id > ? AND ${this.where.sql} ORDER BY f.id LIMIT ${PAGE_ROWS}`;
    this.bounded = `${of.select} WHERE f.id > ? AND f.id <= ? AND ${this.where.sql} ORDER BY f.id LIMIT ${PAGE_ROWS}`;
  }

  /** Up to PAGE_ROWS rows with after < id (≤ upTo when given), in id order; fewer than PAGE_ROWS: the last page. */
  async next(after: number, upTo?: number): Promise<R[]> {
    const rows = upTo === undefined
      ? await this.snapshot.rows<R>(this.open, [after, ...this.where.params])
      : await this.snapshot.rows<R>(this.bounded, [after, upTo, ...this.where.params]);
    const at = this.of.articleIndex;
    // the articles of the previous page are kept when this one continues them
    const previous = this.articles;
    this.articles = new Map();
    for (const r of rows) {
      const id = r[at] as number;
      const kept = previous.get(id);
      if (kept) this.articles.set(id, kept);
    }
    await loadArticles(this.snapshot, rows.map((r) => r[at] as number), this.articles);
    this.raws = new Map();
    const odd = this.of.needsRaw ? rows.filter(this.of.needsRaw).map((r) => r[0] as number) : [];
    for (let i = 0; i < odd.length; i += 500) {
      const slice = odd.slice(i, i + 500);
      for (const raw of await this.snapshot.rows<RawFact>(`${RAW_SELECT} WHERE f.id IN (${slice.map(() => '?').join(', ')})`, slice)) this.raws.set(raw[RAW.id] as number, raw);
    }
    return rows;
  }

  article(id: number): ArticleInfo { return this.articles.get(id) ?? EMPTY_ARTICLE; }
  raw(id: number): RawFact | undefined { return this.raws.get(id); }
}

export { PAGE_ROWS };

/** The highest id of a fact (0 when there is none): where the ranges of an export end. */
export async function lastFactId(db: Snapshot): Promise<number> {
  return Number((await db.get<{ id: number | null }>('SELECT max(id) AS id FROM facts'))?.id ?? 0);
}

export interface PlaceCount {
  level: 'district' | 'street' | 'community';
  code: string;
  name: string | null;
  district_code: string | null;
  street_code: string | null;
  facts: number;
}

/**
 * Every district, street and community that facts are placed in, with how many facts each holds (rejected ones
 * left out): the rollups' place table (db/rollups.ts), a row a place, not a scan of the facts.
 */
export async function placesInData(db: Sql, level?: PlaceCount['level']): Promise<PlaceCount[]> {
  const rows = await db.all<PlaceCount>(`SELECT level, code, name, district_code, CASE WHEN level = 'district' THEN NULL WHEN level = 'street' THEN code ELSE street_code END AS street_code,
      figures AS facts FROM rollup_places ${level ? 'WHERE level = ?' : ''} ORDER BY code`, level ? [level] : []);
  return rows.map((r) => ({ ...r, facts: Number(r.facts) }));
}

/** Whether a source of this name exists (a filter naming an unknown source is a mistake, not an empty view). */
export async function sourceExists(db: Sql, name: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM sources WHERE name = ?', [name])) !== undefined;
}
