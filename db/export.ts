// Queries of the researcher API and the exports: facts of a filtered view with their article, source and
// sentence, in id order; counts; the places present in the data. Every value is a bound parameter.
import type { Filters } from '../lib/filters';
import type { ExportRow } from '../lib/export/columns';
import { metricByKey } from '../lib/extract/taxonomy';
import { factConditions, type FactScope, type Pick } from './factWhere';
import type { Db, Sql, Snapshot } from './client';

/** A view's filters plus what only exports take: one unit (a chart's), a drilled-in bar, and rejected figures. */
export interface FactQuery extends Filters, Omit<FactScope, 'unit' | 'pick'> {
  unit?: string;
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

// Facts only: the article and source of a fact are looked up once per page of rows (loadArticles), not joined
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

/** One page of a query: up to `limit` facts with id greater than `afterId`, in id order. */
export async function factsAfter(db: Sql, q: FactQuery, afterId: number, limit: number, options: RowOptions = {}): Promise<ExportRow[]> {
  const w = factWhere(q);
  const raws = await db.rows<RawFact>(`${SELECT} WHERE f.id > ? AND ${w.sql} ORDER BY f.id LIMIT ?`, [afterId, ...w.params, limit]);
  const articles = await loadArticles(db, raws.map((r) => r[22]));
  const base = factUrlBase(options);
  return raws.map((r) => shapeRow(r, articles.get(r[22]) ?? EMPTY_ARTICLE, base));
}

/** Rows per page of a cursor: one keyset query each. */
const PAGE_ROWS = 4000;

/** A cursor over rows of a SELECT of our own columns (FROM facts f) of a query, with the articles and full raw rows it needs. */
export interface FactRowCursor<R> {
  /** the next page of rows (empty once done, and the cursor has then closed itself) */
  nextPage(): Promise<R[]>;
  /** the article of a row of the current page */
  article(id: number): ArticleInfo;
  /** the full raw row of a fact of the current page that `needsRaw` picked */
  raw(id: number): RawFact;
  close(): Promise<void>;
}

/**
 * Every fact of a query, in id order, a page at a time (keyset pagination on id), with `select` of the
 * caller's (`SELECT … FROM facts f`, constant text, no user input). It reads in a snapshot of its own
 * connection: a download held back by a slow client holds no lock of the app's, and sees one state of the
 * data from its first row to its last, so it matches its count. For each page it loads the articles of
 * its rows, and the full raw row of the rows `needsRaw` picks (the streaming writers' odd rows).
 */
export async function openFactRows<R extends unknown[]>(db: Db, q: FactQuery, select: string, needsRaw?: (row: R) => boolean): Promise<FactRowCursor<R>> {
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
          const id = r[articleColumnOf(select)] as number;
          const kept = previous.get(id);
          if (kept) articles.set(id, kept);
        }
        await loadArticles(snapshot, rows.map((r) => r[articleColumnOf(select)] as number), articles);
        raws = new Map();
        const odd = needsRaw ? rows.filter(needsRaw).map((r) => r[0] as number) : [];
        for (let i = 0; i < odd.length; i += 500) {
          const slice = odd.slice(i, i + 500);
          for (const raw of await snapshot.rows<RawFact>(`${SELECT} WHERE f.id IN (${slice.map(() => '?').join(', ')})`, slice)) raws.set(raw[0], raw);
        }
        if (rows.length < PAGE_ROWS) await close();
        return rows;
      } catch (error) {
        await close();
        throw error;
      }
    },
    article: (id) => articles.get(id) ?? EMPTY_ARTICLE,
    raw(id) {
      const raw = raws.get(id);
      if (!raw) throw new Error(`fact ${id} was not read in full: needsRaw must pick every row raw() is asked for`);
      return raw;
    },
    close,
  };
}

/** Where article_id sits in a select of ours: the column after sentence_end. */
const articleColumns = new Map<string, number>();
function articleColumnOf(select: string): number {
  let index = articleColumns.get(select);
  if (index === undefined) {
    const columns = select.replace(/^SELECT\s+/i, '').replace(/\s+FROM facts f\s*$/i, '');
    index = splitColumns(columns).findIndex((c) => /(^|\.)article_id$/.test(c.trim()));
    if (index < 0) throw new Error('a fact select must include f.article_id');
    articleColumns.set(select, index);
  }
  return index;
}

/** The top-level comma-separated items of a select list (commas inside parentheses or quotes belong to their item). */
function splitColumns(list: string): string[] {
  const items: string[] = [];
  let depth = 0, quote: string | null = null, start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (quote) { if (ch === quote) quote = null; continue; }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) { items.push(list.slice(start, i)); start = i + 1; }
  }
  items.push(list.slice(start));
  return items;
}

/** Every raw fact of a query, in id order (see openFactRows). */
export function openRawFactCursor(db: Db, q: FactQuery): Promise<FactRowCursor<RawFact>> {
  return openFactRows<RawFact>(db, q, SELECT);
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
export async function placesInData(db: Sql): Promise<PlaceCount[]> {
  return db.all<PlaceCount>(`
    SELECT 'district' AS level, district_code AS code, min(district) AS name, district_code, NULL AS street_code, count(*) AS facts
      FROM facts WHERE district_code IS NOT NULL AND review_status <> 'rejected' GROUP BY district_code
    UNION ALL
    SELECT 'street', street_code, min(street), min(district_code), street_code, count(*)
      FROM facts WHERE street_code IS NOT NULL AND review_status <> 'rejected' GROUP BY street_code
    UNION ALL
    SELECT 'community', community_code, min(community), min(district_code), min(street_code), count(*)
      FROM facts WHERE community_code IS NOT NULL AND review_status <> 'rejected' GROUP BY community_code
    ORDER BY code`);
}

/** Whether a source of this name exists (a filter naming an unknown source is a mistake, not an empty view). */
export async function sourceExists(db: Sql, name: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM sources WHERE name = ?', [name])) !== undefined;
}
