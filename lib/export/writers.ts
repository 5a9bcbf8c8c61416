// The streaming row writers of /export/facts.csv, /export/facts.jsonl and `figures export`: one text line per
// fact, written straight from database rows, with no ExportRow object in between. Both the SELECT and the
// writing code are generated from COLUMNS (lib/export/columns.ts), once per format, as straight-line code: a
// generic loop over the columns would read every cell through one megamorphic property access, which doubled
// the cost of a million-row export. They write exactly what csvRow(shapeRow(…)) and jsonlRow(shapeRow(…))
// write (lib/export/writers.test.ts holds them to it):
// - a cell needing no quoting or escaping (nearly all) costs one regex test and is copied as is;
// - what is the same for every fact of an article (title, url, source, …) or of a metric (its labels) is
//   written once per article or metric and reused;
// - numbers and booleans are written inline; the general functions (csvText, csvNumber, JSON.stringify)
//   handle only the cells the fast test refuses, so odd values behave as before.
//
// Fewer columns from the database: better-sqlite3 spends ~0.1 µs per column per row handing values to
// JavaScript, so the streams fetch each run of adjacent text cells of facts as ONE column, written by the
// database in the file's format ("district,district_code,…" or "\"district\":\"…\",…"), and take a run as
// written only when one regex proves that none of its cells needs quoting, escaping or formula neutralising;
// a row with such a cell (rare) is read again in full and written by the raw-row writer. Numbers stay
// columns of their own: SQLite prints doubles differently from JavaScript.
import { factUrlBase, type ArticleInfo, type RowContext, type RowOptions } from '../../db/export';
import { metricByKey } from '../vocab/metrics';
import { COLUMNS, quoteColumn, RAW, type ColumnDefinition, type RawFact } from './columns';
import { csvNumber, csvText } from './csv';
import type { ExportFormat } from './urls';

/** Writes one fact as one line (with its line end). */
export type RowWriter = (r: RawFact, a: ArticleInfo) => string;

// ── cells ──

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

/** A string JSON.stringify would escape: a quote, a backslash, a control character or a (possibly lone) surrogate. */
// eslint-disable-next-line no-control-regex
const JSON_SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON value as JSON.stringify writes it; strings that need no escaping are quoted by hand. */
function jv(v: unknown): string {
  if (typeof v === 'string') return JSON_SPECIAL.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (typeof v === 'number' && v - v === 0) return `${v}`;
  return JSON.stringify(v);
}

// ── the columns in segments ──

type Segment =
  | { kind: 'fact'; column: ColumnDefinition; fact: string }
  /** adjacent text, code, date and boolean columns of facts */
  | { kind: 'run'; columns: { column: ColumnDefinition; fact: string }[] }
  /** the metric key and the label columns right after it */
  | { kind: 'metric'; columns: ColumnDefinition[] }
  /** adjacent columns of the article */
  | { kind: 'article'; columns: ColumnDefinition[] }
  | { kind: 'sentence'; column: ColumnDefinition }
  | { kind: 'factUrl'; column: ColumnDefinition };

const isNumeric = (c: ColumnDefinition) => c.type === 'integer' || c.type === 'number';

function segments(runs: boolean): Segment[] {
  const out: Segment[] = [];
  for (const c of COLUMNS as readonly ColumnDefinition[]) {
    const last = out[out.length - 1];
    const src = c.source;
    if ('metric' in src) {
      if (last?.kind !== 'metric') throw new Error(`lib/export/columns.ts: ${c.name} must come right after the metric column`);
      last.columns.push(c);
    } else if ('article' in src) {
      if (last?.kind === 'article') last.columns.push(c); else out.push({ kind: 'article', columns: [c] });
    } else if ('computed' in src) out.push({ kind: src.computed === 'sentence' ? 'sentence' : 'factUrl', column: c });
    else if (src.fact === 'metric') out.push({ kind: 'metric', columns: [c] });
    else if (!runs || isNumeric(c)) out.push({ kind: 'fact', column: c, fact: src.fact });
    else if (last?.kind === 'run') last.columns.push({ column: c, fact: src.fact });
    else out.push({ kind: 'run', columns: [{ column: c, fact: src.fact }] });
  }
  return out;
}

// Cells that are the same for every fact of a metric or of an article are written once and reused.

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

function metricValue(key: string, c: ColumnDefinition): unknown {
  if (c.source && 'fact' in c.source) return key;
  const m = metricByKey(key);
  const label = (c.source as { metric: 'zh' | 'en' | 'group' }).metric;
  return m ? (label === 'group' ? m.group.key : m[label]) : null;
}

function articleValue(a: ArticleInfo, c: ColumnDefinition): unknown {
  const v = a[(c.source as { article: keyof ArticleInfo }).article];
  return c.type === 'boolean' ? v === 1 : v;
}

interface Format {
  /** a cell of a value known only at run time */
  cell(c: ColumnDefinition, expression: string): string;
  /** a cell whose value is known now (metric labels, article fields) */
  now(c: ColumnDefinition, value: unknown): string;
  join: string;
  line(parts: string[]): string;
}

const CSV: Format = {
  cell: (c, e) => (isNumeric(c) ? `cn(${e})` : c.type === 'boolean' ? `(${e} === 1 ? 'true' : 'false')` : `ct(${e})`),
  now: (c, v) => (c.type === 'boolean' ? (v ? 'true' : 'false') : ct(v)),
  join: ',',
  line: (parts) => `return ${parts.join(" + ',' + ")} + '\\r\\n';`,
};

const JSONL: Format = {
  cell: (c, e) => `'"${c.name}":' + ${c.type === 'boolean' ? `(${e} === 1 ? 'true' : 'false')` : `jv(${e})`}`,
  now: (c, v) => `"${c.name}":${c.type === 'boolean' ? String(Boolean(v)) : jv(v)}`,
  join: ',',
  line: (parts) => `return '{' + ${parts.join(" + ',' + ")} + '}\\n';`,
};

interface Helpers {
  ct: typeof ct; cn: typeof cn; jv: typeof jv; csvText: typeof csvText;
  metric: ((key: string) => string)[];
  article: ((a: ArticleInfo) => string)[];
  urlPrefix: string;
  base: string;
  plainBase: boolean;
}

function helpers(format: ExportFormat, segs: Segment[], options: RowOptions): Helpers {
  const f = format === 'csv' ? CSV : JSONL;
  const base = factUrlBase(options);
  return {
    ct, cn, jv, csvText,
    metric: segs.filter((s) => s.kind === 'metric').map((s) => perMetric((key) => s.columns.map((c) => f.now(c, metricValue(key, c))).join(f.join))),
    article: segs.filter((s) => s.kind === 'article').map((s) => perArticle((a) => s.columns.map((c) => f.now(c, articleValue(a, c))).join(f.join))),
    urlPrefix: format === 'csv' ? `${base}/facts/` : JSON.stringify(`${base}/facts/`).slice(0, -1),
    base,
    // fact_url is base + /facts/ID; when the base needs no quoting, neither does the cell (an id's digits never do)
    plainBase: !CSV_SPECIAL.test(`${base}/facts/`),
  };
}

/**
 * The code of a writer: `parts` of the line, one per segment, given how a segment reads its values (`at`:
 * the expression of a facts column in the row). Compiled with new Function into straight-line code.
 */
function compile(format: ExportFormat, segs: Segment[], at: (fact: string) => string, runCell: (i: number) => string, h: Helpers): (row: unknown[], a: ArticleInfo) => string {
  const f = format === 'csv' ? CSV : JSONL;
  const parts: string[] = [];
  let metric = 0, article = 0, run = 0;
  for (const s of segs) {
    switch (s.kind) {
      case 'fact': parts.push(f.cell(s.column, at(s.fact))); break;
      case 'run': parts.push(runCell(run++)); break;
      case 'metric': parts.push(`h.metric[${metric++}](${at('metric')})`); break;
      case 'article': parts.push(`h.article[${article++}](a)`); break;
      case 'sentence': parts.push(f.cell(s.column, `a.text.slice(${at('sentence_start')}, ${at('sentence_end')})`)); break;
      case 'factUrl': parts.push(format === 'csv'
        ? `(h.plainBase ? h.urlPrefix + ${at('id')} : h.csvText(h.urlPrefix + ${at('id')}))`
        : `'"${s.column.name}":' + (typeof ${at('id')} === 'number' ? h.urlPrefix + ${at('id')} + '"' : JSON.stringify(h.base + '/facts/' + ${at('id')}))`); break;
    }
  }
  return new Function('h', 'ct', 'cn', 'jv', `return function writeRow(r, a) { ${f.line(parts)} };`)(h, ct, cn, jv);
}

/** The raw-row writer: every cell from a full row of RAW_SELECT (the reference for the streams' odd rows). */
function rawWriter(format: ExportFormat, options: RowOptions): RowWriter {
  const segs = segments(false);
  return compile(format, segs, (fact) => `r[${RAW[fact]}]`, () => '', helpers(format, segs, options)) as RowWriter;
}

export function csvWriter(options: RowOptions = {}): RowWriter { return rawWriter('csv', options); }
export function jsonlWriter(options: RowOptions = {}): RowWriter { return rawWriter('jsonl', options); }

// ── streaming: fewer columns ──

const sqlBoolean = (column: string) => `(CASE ${column} WHEN 1 THEN 'true' ELSE 'false' END)`;

// One concat() per run, not a chain of ||: each || copies the text so far into a new string (a run of sixteen
// cells is sixteen copies), concat() writes its result once. Both engines have it (SQLite since 3.44).
function runSql(format: ExportFormat, run: { column: ColumnDefinition; fact: string }[]): string {
  const parts = run.flatMap(({ column: c, fact }, i) => {
    const col = quoteColumn(fact);
    if (format === 'csv') return [...(i ? ["','"] : []), c.type === 'boolean' ? sqlBoolean(col) : `coalesce(${col}, '')`];
    const key = `'${i ? ',' : ''}"${c.name}":'`;
    // || and coalesce are opcodes of SQLite's statement, concat() a function call that allocates its result:
    // 0.2–0.6 µs less per row over the 31 cells (NULL || text is NULL on both engines)
    return [key, c.type === 'boolean' ? sqlBoolean(col) : `coalesce('"' || ${col} || '"', 'null')`];
  });
  return parts.length === 1 ? parts[0] : `concat(${parts.join(', ')})`;
}

/** What a run looks like when every cell went through csvText / JSON.stringify unchanged. */
function runTest(format: ExportFormat, run: { column: ColumnDefinition }[]): RegExp {
  if (format === 'csv') {
    // exactly run.length cells (a comma inside a cell adds one), none starting like a formula, none to quote
    const cell = '(?:[^",\\r\\n=+\\-@\\t][^",\\r\\n]*)?';
    return new RegExp(`^${cell}(?:,${cell}){${run.length - 1}}$`);
  }
  // the keys in place, each value null, a boolean, or a string without a quote, backslash or control character
  return new RegExp(`^${run.map(({ column: c }, i) => `${i ? ',' : ''}"${c.name}":${c.type === 'boolean' ? '(?:true|false)' : '(?:null|"[^"\\\\\\u0000-\\u001f]*")'}`).join('')}$`);
}

export interface StreamWriter {
  /** the columns to fetch: `SELECT … FROM facts f` */
  select: string;
  /** where article_id is in a fetched row */
  articleIndex: number;
  /** whether a row has a cell the fast path cannot write as fetched: the cursor then reads its full raw row */
  needsRaw(row: unknown[]): boolean;
  write(row: unknown[], context: RowContext): string;
}

/** The writer of a stream: the same lines as csvWriter / jsonlWriter, from fewer columns. */
export function streamWriter(format: ExportFormat, options: RowOptions = {}): StreamWriter {
  const segs = segments(true);
  const runs = segs.filter((s): s is Extract<Segment, { kind: 'run' }> => s.kind === 'run').map((s) => s.columns);
  // the fetched columns: each fact column a segment needs, each run as one, then the sentence offsets
  const fetched: string[] = [];
  const index = new Map<string, number>();
  const need = (fact: string) => { if (!index.has(fact)) { index.set(fact, fetched.length); fetched.push(quoteColumn(fact)); } };
  const runIndex: number[] = [];
  for (const s of segs) {
    if (s.kind === 'fact') need(s.fact);
    else if (s.kind === 'metric') need('metric');
    else if (s.kind === 'run') { runIndex.push(fetched.length); fetched.push(runSql(format, s.columns)); }
  }
  for (const fact of ['id', 'article_id', 'sentence_start', 'sentence_end']) need(fact);
  const tests = runs.map((run) => runTest(format, run));
  const needsRaw = (row: unknown[]) => tests.some((t, i) => !t.test(row[runIndex[i]] as string));
  const h = helpers(format, segs, options);
  const fast = compile(format, segs, (fact) => `r[${index.get(fact)}]`, (i) => `r[${runIndex[i]}]`, h);
  const full = rawWriter(format, options);
  const idAt = index.get('id')!;
  const articleAt = index.get('article_id')!;
  return {
    select: `SELECT ${fetched.join(', ')} FROM facts f`,
    articleIndex: articleAt,
    needsRaw,
    write(row, cursor) {
      const a = cursor.article(row[articleAt] as number);
      // the cursor read in full the rows needsRaw picked (once per row, when it loaded the page)
      const raw = cursor.raw(row[idAt] as number);
      return raw ? full(raw, a) : fast(row, a);
    },
  };
}
