// The streaming row writers of /export/facts.csv, /export/facts.jsonl and `figures export`: one text line
// per fact, written straight from the raw database row (db/export.ts RawFact) and its article, with no
// ExportRow object in between. They write exactly what csvRow(shapeRow(…)) and jsonlRow(shapeRow(…))
// write (lib/export/writers.test.ts holds them to it), at a fraction of the cost:
// - a cell needing no quoting or escaping (nearly all) costs one regex test and is copied as is;
// - what is the same for every fact of an article (title, url, source, …) or of a metric (its labels)
//   is written once per article or metric and reused;
// - numbers and booleans are written inline; the general functions (csvText, csvNumber,
//   JSON.stringify) handle only the cells the fast test refuses, so odd values behave as before.
import { factUrlBase, type ArticleInfo, type FactRowCursor, type RawFact, type RowOptions } from '../../db/export';
import { metricByKey } from '../extract/taxonomy';
import { COLUMN_NAMES } from './columns';
import { csvNumber, csvText } from './csv';
import type { ExportFormat } from './urls';

/** Writes one fact as one line (with its line end). */
export type RowWriter = (r: RawFact, a: ArticleInfo) => string;

// The writers below spell the columns out in this order; a column added to COLUMNS must be added here too.
const WRITTEN_COLUMNS = ['id', 'uid', 'value', 'low', 'high', 'unit', 'qualifier', 'metric', 'metric_zh', 'metric_en', 'metric_group',
  'district', 'district_code', 'street', 'street_code', 'community', 'community_code', 'place_provenance', 'date', 'date_precision',
  'date_provenance', 'cumulative', 'figure_text', 'sentence', 'article_id', 'article_title', 'article_url', 'source', 'synthetic',
  'published_on', 'fact_url', 'extractor_version', 'review_status', 'corrected_value', 'corrected_unit', 'corrected_metric'];
if (WRITTEN_COLUMNS.join() !== COLUMN_NAMES.join()) throw new Error('lib/export/writers.ts is out of step with COLUMNS (lib/export/columns.ts)');

// What is the same for every fact of a metric or of an article is written once and reused.

/** Cells of a metric key, computed once per key. */
function perMetric(cells: (key: string) => string): (key: string) => string {
  const seen = new Map<string, string>();
  return (key) => {
    let written = seen.get(key);
    if (written === undefined) { written = cells(key); seen.set(key, written); }
    return written;
  };
}

/** Cells of an article, computed again only when the article changes (rows come article by article). */
function perArticle(cells: (a: ArticleInfo) => string): (a: ArticleInfo) => string {
  let last: ArticleInfo | null = null;
  let written = '';
  return (a) => {
    if (a !== last) { last = a; written = cells(a); }
    return written;
  };
}

// ── CSV ──

/** A text cell csvText would change: a formula start, or a character that needs quoting. */
const CSV_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/** A text cell, as csvRow writes it (null is empty). */
function ct(v: unknown): string {
  if (typeof v === 'string') return CSV_SPECIAL.test(v) ? csvText(v) : v;
  return v == null ? '' : csvText(String(v));
}

/** A numeric cell, as csvRow writes it (csvNumber throws on what is not a finite number). */
function cn(v: unknown): string {
  return typeof v === 'number' && v - v === 0 ? `${v}` : csvNumber(v as number | null);
}

function csvMetricCells(key: string): string {
  const m = metricByKey(key);
  return `${ct(key)},${ct(m?.zh ?? null)},${ct(m?.en ?? null)},${ct(m?.group.key ?? null)}`;
}

function csvArticleCells(a: ArticleInfo): string {
  return `${ct(a.title)},${ct(a.url)},${ct(a.source)},${a.synthetic === 1 ? 'true' : 'false'},${ct(a.published_on)}`;
}

/** The CSV writer: header order, CRLF line ends (the header is CSV_HEADER of ./csv). */
export function csvWriter(options: RowOptions = {}): RowWriter {
  const base = factUrlBase(options);
  // fact_url is base + /facts/ID; when the base needs no quoting, neither does the cell
  // (an id's digits never do, and the cell starts with the base)
  const plainBase = !CSV_SPECIAL.test(`${base}/facts/`);
  const urlPrefix = `${base}/facts/`;
  const metricCells = perMetric(csvMetricCells);
  const articleCells = perArticle(csvArticleCells);
  return (r, a) => `${cn(r[0])},${ct(r[1])},${cn(r[2])},${cn(r[3])},${cn(r[4])},${ct(r[5])},${ct(r[6])},${metricCells(r[7])},${ct(r[8])},${ct(r[9])},${ct(r[10])},${ct(r[11])},${ct(r[12])},${ct(r[13])},${ct(r[14])},${ct(r[15])},${ct(r[16])},${ct(r[17])},${r[18] === 1 ? 'true' : 'false'},${ct(r[19])},${ct(a.text.slice(r[20], r[21]))},${cn(r[22])},${articleCells(a)},${plainBase ? urlPrefix + r[0] : csvText(urlPrefix + r[0])},${ct(r[23])},${ct(r[24])},${cn(r[25])},${ct(r[26])},${ct(r[27])}\r\n`;
}

// ── JSON Lines ──

/** A string JSON.stringify would escape: a quote, a backslash, a control character or a (possibly lone) surrogate. */
// eslint-disable-next-line no-control-regex
const JSON_SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON value as JSON.stringify writes it; strings that need no escaping are quoted by hand. */
function jv(v: unknown): string {
  if (typeof v === 'string') return JSON_SPECIAL.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (typeof v === 'number' && v - v === 0) return `${v}`;
  return JSON.stringify(v);
}

function jsonlMetricFields(key: string): string {
  const m = metricByKey(key);
  return `"metric":${jv(key)},"metric_zh":${jv(m?.zh ?? null)},"metric_en":${jv(m?.en ?? null)},"metric_group":${jv(m?.group.key ?? null)}`;
}

function jsonlArticleFields(a: ArticleInfo): string {
  return `"article_title":${jv(a.title)},"article_url":${jv(a.url)},"source":${jv(a.source)},"synthetic":${a.synthetic === 1},"published_on":${jv(a.published_on)}`;
}

/** The JSON Lines writer: the fields of ExportRow in order, as JSON.stringify of the row writes them. */
export function jsonlWriter(options: RowOptions = {}): RowWriter {
  const base = factUrlBase(options);
  // "fact_url":"BASE/facts/ + the id (digits need no escaping) + "
  const urlPrefix = JSON.stringify(`${base}/facts/`).slice(0, -1);
  const metricFields = perMetric(jsonlMetricFields);
  const articleFields = perArticle(jsonlArticleFields);
  return (r, a) => {
    const id = r[0];
    const factUrl = typeof id === 'number' ? `${urlPrefix}${id}"` : JSON.stringify(`${base}/facts/${id}`);
    return `{"id":${jv(id)},"uid":${jv(r[1])},"value":${jv(r[2])},"low":${jv(r[3])},"high":${jv(r[4])},"unit":${jv(r[5])},"qualifier":${jv(r[6])},${metricFields(r[7])},"district":${jv(r[8])},"district_code":${jv(r[9])},"street":${jv(r[10])},"street_code":${jv(r[11])},"community":${jv(r[12])},"community_code":${jv(r[13])},"place_provenance":${jv(r[14])},"date":${jv(r[15])},"date_precision":${jv(r[16])},"date_provenance":${jv(r[17])},"cumulative":${r[18] === 1},"figure_text":${jv(r[19])},"sentence":${jv(a.text.slice(r[20], r[21]))},"article_id":${jv(r[22])},${articleFields(a)},"fact_url":${factUrl},"extractor_version":${jv(r[23])},"review_status":${jv(r[24])},"corrected_value":${jv(r[25])},"corrected_unit":${jv(r[26])},"corrected_metric":${jv(r[27])}}\n`;
  };
}

// ── Streaming: fewer columns from SQLite ──
//
// better-sqlite3 spends ~0.1 µs per column per row handing values to JavaScript, which made fetching the
// 28 raw columns the larger part of an export. So the streams fetch runs of adjacent text cells as one
// column each, written by SQLite in the file's format ("district,district_code,…" or
// "\"district\":\"…\",…"), and take a run as written only when one regex proves that none of its
// cells needs quoting, escaping or formula neutralising; a row with such a cell (rare) is read again in
// full and written by the writer above. Numbers stay columns of their own: SQLite prints doubles
// differently from JavaScript.

interface RunCell { name: string; column: string; boolean?: true }

/** Runs of adjacent text cells in output order (the CSV header and the JSON field order). */
const RUNS: RunCell[][] = [
  [{ name: 'unit', column: 'f.unit' }, { name: 'qualifier', column: 'f.qualifier' }],
  [{ name: 'district', column: 'f.district' }, { name: 'district_code', column: 'f.district_code' }, { name: 'street', column: 'f.street' },
    { name: 'street_code', column: 'f.street_code' }, { name: 'community', column: 'f.community' }, { name: 'community_code', column: 'f.community_code' },
    { name: 'place_provenance', column: 'f.place_provenance' }, { name: 'date', column: 'f.date' }, { name: 'date_precision', column: 'f.date_precision' },
    { name: 'date_provenance', column: 'f.date_provenance' }, { name: 'cumulative', column: 'f.cumulative', boolean: true }, { name: 'figure_text', column: 'f.text' }],
  [{ name: 'extractor_version', column: 'f.extractor_version' }, { name: 'review_status', column: 'f.review_status' }],
  [{ name: 'corrected_unit', column: 'f.corrected_unit' }, { name: 'corrected_metric', column: 'f.corrected_metric' }],
];

/** A row of the streaming select: the runs are the pre-written cells of RUNS[0] to RUNS[3]. */
type StreamFact = [
  id: number, uid: string, value: number, low: number | null, high: number | null, run0: string, metric: string, run1: string,
  sentenceStart: number, sentenceEnd: number, articleId: number, run2: string, correctedValue: number | null, run3: string,
];

const sqlBoolean = (column: string) => `(CASE ${column} WHEN 1 THEN 'true' ELSE 'false' END)`;

function runSql(format: ExportFormat, run: RunCell[]): string {
  return run.map((c, i) => {
    if (format === 'csv') return c.boolean ? sqlBoolean(c.column) : `coalesce(${c.column}, '')`;
    const key = `'${i ? ',' : ''}"${c.name}":'`;
    return `${key} || ${c.boolean ? sqlBoolean(c.column) : `(CASE WHEN ${c.column} IS NULL THEN 'null' ELSE '"' || ${c.column} || '"' END)`}`;
  }).join(format === 'csv' ? " || ',' || " : ' || ');
}

/** What a run looks like when every cell went through csvText / JSON.stringify unchanged. */
function runTest(format: ExportFormat, run: RunCell[]): RegExp {
  if (format === 'csv') {
    // exactly run.length cells (a comma inside a cell adds one), none starting like a formula, none to quote
    const cell = '(?:[^",\\r\\n=+\\-@\\t][^",\\r\\n]*)?';
    return new RegExp(`^${cell}(?:,${cell}){${run.length - 1}}$`);
  }
  // the keys in place, each value null, a boolean, or a string without a quote, backslash or control character
  return new RegExp(`^${run.map((c, i) => `${i ? ',' : ''}"${c.name}":${c.boolean ? '(?:true|false)' : '(?:null|"[^"\\\\\\u0000-\\u001f]*")'}`).join('')}$`);
}

export interface StreamWriter {
  /** the columns to fetch: `SELECT … FROM facts f` */
  select: string;
  /** whether a row has a cell the fast path cannot write as fetched: the cursor then reads its full raw row */
  needsRaw(row: unknown[]): boolean;
  write(row: unknown[], cursor: FactRowCursor<unknown[]>): string;
}

/** The writer of a stream: the same lines as csvWriter / jsonlWriter, from fewer columns. */
export function streamWriter(format: ExportFormat, options: RowOptions = {}): StreamWriter {
  const select = `SELECT f.id, f.uid, f.value, f.low, f.high, ${runSql(format, RUNS[0])}, f.metric, ${runSql(format, RUNS[1])},
    f.sentence_start, f.sentence_end, f.article_id, ${runSql(format, RUNS[2])}, f.corrected_value, ${runSql(format, RUNS[3])} FROM facts f`;
  const [t0, t1, t2, t3] = RUNS.map((run) => runTest(format, run));
  const needsRaw = (row: unknown[]) => {
    const f = row as StreamFact;
    return !(t0.test(f[5]) && t1.test(f[7]) && t2.test(f[11]) && t3.test(f[13]));
  };
  const full = format === 'csv' ? csvWriter(options) : jsonlWriter(options);
  const base = factUrlBase(options);
  if (format === 'csv') {
    const metricCells = perMetric(csvMetricCells);
    const articleCells = perArticle(csvArticleCells);
    const plainBase = !CSV_SPECIAL.test(`${base}/facts/`);
    const urlPrefix = `${base}/facts/`;
    return {
      select,
      needsRaw,
      write(row, cursor) {
        const f = row as StreamFact;
        const a = cursor.article(f[10]);
        if (needsRaw(f)) return full(cursor.raw(f[0]), a);
        return `${cn(f[0])},${ct(f[1])},${cn(f[2])},${cn(f[3])},${cn(f[4])},${f[5]},${metricCells(f[6])},${f[7]},${ct(a.text.slice(f[8], f[9]))},${cn(f[10])},${articleCells(a)},${plainBase ? urlPrefix + f[0] : csvText(urlPrefix + f[0])},${f[11]},${cn(f[12])},${f[13]}\r\n`;
      },
    };
  }
  const urlPrefix = JSON.stringify(`${base}/facts/`).slice(0, -1);
  const metricFields = perMetric(jsonlMetricFields);
  const articleFields = perArticle(jsonlArticleFields);
  return {
    select,
    needsRaw,
    write(row, cursor) {
      const f = row as StreamFact;
      const a = cursor.article(f[10]);
      if (needsRaw(f)) return full(cursor.raw(f[0]), a);
      const id = f[0];
      const factUrl = typeof id === 'number' ? `${urlPrefix}${id}"` : JSON.stringify(`${base}/facts/${id}`);
      return `{"id":${jv(id)},"uid":${jv(f[1])},"value":${jv(f[2])},"low":${jv(f[3])},"high":${jv(f[4])},${f[5]},${metricFields(f[6])},${f[7]},"sentence":${jv(a.text.slice(f[8], f[9]))},"article_id":${jv(f[10])},${articleFields(a)},"fact_url":${factUrl},${f[11]},"corrected_value":${jv(f[12])},${f[13]}}\n`;
    },
  };
}
