// Queries of the researcher API and the exports: facts of a filtered view with their article, source and
// sentence, in id order; counts; the places present in the data. Every value is a bound parameter.
import type { Filters } from '../lib/filters';
import { COLUMNS, RAW, RAW_SELECT, type ExportRow, type RawFact } from '../lib/export/columns';
import { metricByKey } from '../lib/vocab/metrics';
import { factConditions, type FactScope, type Pick } from './factWhere';

export type { RawFact };
import type { Db, Sql, Snapshot } from './client';

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

/** A cursor over rows of a SELECT of our own columns (FROM facts f) of a query, with the articles and full raw rows it needs. */
export interface FactRowCursor<R> {
  /** the next page of rows (empty once done, and the cursor has then closed itself) */
  nextPage(): Promise<R[]>;
  /** the article of a row of the current page */
  article(id: number): ArticleInfo;
  /** the full raw row of a fact of the current page that `needsRaw` picked, or undefined for the others */
  raw(id: number): RawFact | undefined;
  close(): Promise<void>;
}

/**
 * Every fact of a query, in id order, a page at a time (keyset pagination on id), with `select` of the
 * caller's (`SELECT … FROM facts f`, constant text, no user input). It reads in a snapshot of its own
 * connection: a download held back by a slow client holds no lock of the app's, and sees one state of the
 * data from its first row to its last, so it matches its count. For each page it loads the articles of
 * its rows, and the full raw row of the rows `needsRaw` picks (the streaming writers' odd rows).
 */
export async function openFactRows<R extends unknown[]>(db: Db, q: FactQuery, select: string, articleIndex: number, needsRaw?: (row: R) => boolean): Promise<FactRowCursor<R>> {
  const snapshot: Snapshot = await db.snapshot();
  const w = factWhere(q);
  const sql = `${select} WHERE f.id > ? AND ${w.sql} ORDER BY f.id LIMIT ${PAGE_ROWS}`;
  let lastId = 0;
  let done = false;
  let articles = new Map<number, ArticleInfo>();
  let raws = new Map<number, RawFact>();
  const close = async () => {
    if (done) return;
    done = true;
    await snapshot.close();
  };
  return {
    async nextPage() {
      if (done) return [];
      try {
        const rows = await snapshot.rows<R>(sql, [lastId, ...w.params]);
        if (!rows.length) { await close(); return rows; }
        lastId = rows[rows.length - 1][0] as number;
        // the articles of the previous page are kept when this one continues them
        const previous = articles;
        articles = new Map();
        for (const r of rows) {
          const id = r[articleIndex] as number;
          const kept = previous.get(id);
          if (kept) articles.set(id, kept);
        }
        await loadArticles(snapshot, rows.map((r) => r[articleIndex] as number), articles);
        raws = new Map();
        const odd = needsRaw ? rows.filter(needsRaw).map((r) => r[0] as number) : [];
        for (let i = 0; i < odd.length; i += 500) {
          const slice = odd.slice(i, i + 500);
          for (const raw of await snapshot.rows<RawFact>(`${RAW_SELECT} WHERE f.id IN (${slice.map(() => '?').join(', ')})`, slice)) raws.set(raw[RAW.id] as number, raw);
        }
        if (rows.length < PAGE_ROWS) await close();
        return rows;
      } catch (error) {
        await close();
        throw error;
      }
    },
    article: (id) => articles.get(id) ?? EMPTY_ARTICLE,
    raw: (id) => raws.get(id),
    close,
  };
}

/** Every raw fact of a query, in id order (see openFactRows). */
export function openRawFactCursor(db: Db, q: FactQuery): Promise<FactRowCursor<RawFact>> {
  return openFactRows<RawFact>(db, q, RAW_SELECT, RAW.article_id);
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
