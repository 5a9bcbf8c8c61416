// Full-text search of articles and their sentences, for Chinese, on SQLite and PostgreSQL alike. Neither
// engine breaks Chinese into words, so the app does: each passage (a sentence, or a window of a very long
// one) is indexed as character bigrams (解决问题 → 解决 决问 问题 题) and a query is cut the same way;
// every bigram of the query must occur in the passage, and hits are then confirmed against the passage's
// own text (bigrams over-match a little: 问题 … 解决 in either order). Two-character queries such as 投资
// or 街道 are one bigram each. The index is written with the article, in its transaction: a search only
// reads. It never reads an article's whole text: each passage keeps its own bounded text.
//
// The dialect-specific half (this module's alone): SQLite keeps the bigrams in a contentless FTS5 table
// (migration 0002/0005), PostgreSQL in a tsvector column with a GIN index (array_to_tsvector, so no text
// parser and no locale is involved).
import type { Param, Params, Sql } from './client';

const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** The longest passage indexed: a longer sentence is cut into overlapping windows of this size. */
export const PASSAGE_CHARS = 240;
/** Windows overlap by this much, so a query shorter than it is found across a cut. */
const PASSAGE_OVERLAP = 40;
/** The longest query read: a search term is a word or a phrase, not a text. */
const QUERY_CHARS = 100;

/** Runs of Chinese characters and runs of other letters/digits (lowercased), in text order. */
function runs(text: string): { cjk: boolean; text: string }[] {
  const out: { cjk: boolean; text: string }[] = [];
  let current: { cjk: boolean; text: string } | null = null;
  for (const ch of text) {
    const cjk = CJK_CHAR.test(ch);
    if (!cjk && !WORD_CHAR.test(ch)) { current = null; continue; }
    if (!current || current.cjk !== cjk) { current = { cjk, text: '' }; out.push(current); }
    current.text += cjk ? ch : ch.toLowerCase();
  }
  return out;
}

/** The tokens a passage is indexed under: bigrams of each Chinese run plus its last character (so one-character queries find it), and whole Latin words or numbers. */
export function documentTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(text)) {
    if (!run.cjk) { tokens.add(run.text.slice(0, 60)); continue; }
    const chars = [...run.text];
    for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
    tokens.add(chars[chars.length - 1]);
  }
  return [...tokens];
}

interface QueryToken { token: string; prefix: boolean }

function queryTokens(query: string): QueryToken[] {
  const out = new Map<string, QueryToken>();
  for (const run of runs(query.slice(0, QUERY_CHARS))) {
    if (!run.cjk) { out.set(run.text, { token: run.text.slice(0, 60), prefix: false }); continue; }
    const chars = [...run.text];
    // one character: any bigram starting with it, or a run ending in it
    if (chars.length === 1) { out.set(`${chars[0]}*`, { token: chars[0], prefix: true }); continue; }
    for (let i = 0; i + 1 < chars.length; i++) out.set(chars[i] + chars[i + 1], { token: chars[i] + chars[i + 1], prefix: false });
  }
  return [...out.values()];
}

/** An FTS5 MATCH expression for a user's query, or null when it has nothing searchable. */
export function matchExpression(query: string): string | null {
  const tokens = queryTokens(query);
  return tokens.length ? tokens.map((t) => `"${t.token.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`).join(' AND ') : null;
}

/** A PostgreSQL tsquery (input syntax: quoted lexemes, so no parser touches them) for a user's query. */
export function tsQuery(query: string): string | null {
  const tokens = queryTokens(query);
  return tokens.length ? tokens.map((t) => `'${t.token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${t.prefix ? ':*' : ''}`).join(' & ') : null;
}

/** The searchable pieces of a query, for confirming and highlighting hits: its whitespace-separated terms. */
export function queryTerms(query: string): string[] {
  return query.slice(0, QUERY_CHARS).split(/[\s,，、;；]+/).map((t) => t.trim()).filter(Boolean);
}

/** Sentences of an article: cut after 。！？；, line breaks and their ASCII twins; blank ones dropped. */
export function sentenceRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^。！？；!?;\n]*[。！？；!?;\n]+|[^。！？；!?;\n]+$/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    let start = m.index, end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The passages an article is indexed as: its sentences, a long one as overlapping windows of PASSAGE_CHARS. */
export function passageRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const r of sentenceRanges(text)) {
    if (r.end - r.start <= PASSAGE_CHARS) { out.push(r); continue; }
    for (let start = r.start; start < r.end; start += PASSAGE_CHARS - PASSAGE_OVERLAP) {
      const end = Math.min(r.end, start + PASSAGE_CHARS);
      out.push({ start, end });
      if (end === r.end) break;
    }
  }
  return out;
}

/** Passages per multi-row INSERT on PostgreSQL (six parameters each, far below its limit of 65,535). */
const PASSAGES_PER_INSERT = 200;

/**
 * Writes an article's passages into the search index (replacing what it had). Call in the transaction
 * that stores or changes the article, so search sees an article exactly when it is stored. Each passage
 * carries the article's district code, the column a distributed database shards the index by.
 */
export async function indexArticle(tx: Sql, article: { id: number; title: string | null; text: string; districtCode: string | null }): Promise<number> {
  await unindexArticle(tx, article.id);
  const passages: { start: number; end: number; text: string; tokens: string[] }[] = [];
  const add = (start: number, end: number, text: string) => {
    const tokens = documentTokens(text);
    if (tokens.length) passages.push({ start, end, text, tokens });
  };
  if (article.title) add(-1, -1, article.title.slice(0, PASSAGE_CHARS));
  for (const r of passageRanges(article.text)) add(r.start, r.end, article.text.slice(r.start, r.end));
  if (tx.dialect === 'postgres') {
    // one statement per couple of hundred passages: each statement is a round trip to the server
    for (let from = 0; from < passages.length; from += PASSAGES_PER_INSERT) {
      const slice = passages.slice(from, from + PASSAGES_PER_INSERT);
      const params: Param[] = [];
      for (const p of slice) params.push(article.id, p.start, p.end, p.text, pgArray(p.tokens), article.districtCode);
      await tx.run(`INSERT INTO search_passages (article_id, start, "end", passage, tokens, district_code) VALUES
        ${slice.map(() => '(?, ?, ?, ?, array_to_tsvector(?::text[]), ?)').join(', ')}`, params);
    }
    return passages.length;
  }
  for (const p of passages) {
    const row = await tx.get<{ id: number }>('INSERT INTO search_passages (article_id, start, "end", passage, district_code) VALUES (?, ?, ?, ?, ?) RETURNING id',
      [article.id, p.start, p.end, p.text, article.districtCode]);
    await tx.run('INSERT INTO search_fts (rowid, bigrams) VALUES (?, ?)', [row!.id, p.tokens.join(' ')]);
  }
  return passages.length;
}

/** Removes an article's passages from the index (deleting the article does it too). */
export async function unindexArticle(tx: Sql, articleId: number): Promise<void> {
  if (tx.dialect === 'sqlite') await tx.run('DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_passages WHERE article_id = ?)', [articleId]);
  await tx.run('DELETE FROM search_passages WHERE article_id = ?', [articleId]);
}

/** A text[] literal for PostgreSQL (each element quoted). */
function pgArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Indexes articles stored before the index was written with them (search_pending, filled by an upgrade),
 * in batches, each its own transaction. Run by `figures init` at start-up, never by a search.
 */
export async function indexPendingArticles(db: Sql, onProgress?: (done: number) => void): Promise<number> {
  let indexed = 0;
  for (;;) {
    const batch = await db.all<{ id: number; title: string | null; text: string; districtCode: string | null }>(`SELECT a.id, a.title, a.text,
      a.district_code AS "districtCode" FROM search_pending p JOIN articles a ON a.id = p.article_id ORDER BY p.article_id LIMIT 200`);
    if (!batch.length) break;
    await db.transaction(async (tx) => {
      for (const article of batch) {
        await indexArticle(tx, article);
        await tx.run('DELETE FROM search_pending WHERE article_id = ?', [article.id]);
      }
    });
    indexed += batch.length;
    onProgress?.(indexed);
  }
  await db.run('DELETE FROM search_pending WHERE article_id NOT IN (SELECT id FROM articles)');
  return indexed;
}

export interface SearchFigure { id: number; text: string; start: number; end: number }

export interface SearchHit {
  articleId: number;
  articleTitle: string | null;
  source: string | null;
  publishedOn: string | null;
  /** the matching sentence (or a window of it, or the title when start is -1), with the ranges of the query's terms in it */
  passage: string;
  start: number;
  matches: { start: number; end: number }[];
  figures: SearchFigure[];
}

export interface SearchResult { hits: SearchHit[] }

/** Where the terms occur in a passage, or null unless every term does. */
function termRanges(passage: string, terms: string[]): { start: number; end: number }[] | null {
  const lower = passage.toLowerCase();
  const ranges: { start: number; end: number }[] = [];
  for (const term of terms) {
    const t = term.toLowerCase();
    let at = lower.indexOf(t);
    if (at < 0) return null;
    while (at >= 0) { ranges.push({ start: at, end: at + t.length }); at = lower.indexOf(t, at + t.length); }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

interface Candidate { articleId: number; start: number; end: number; passage: string; articleTitle: string | null; publishedOn: string | null; source: string | null }

const CANDIDATE_COLUMNS = `p.article_id AS "articleId", p.start, p."end", p.passage, a.title AS "articleTitle", a.published_on AS "publishedOn", s.name AS source`;

function candidates(db: Sql, query: string, limit: number): Promise<Candidate[]> | null {
  let sql: string;
  let params: Params;
  if (db.dialect === 'postgres') {
    const q = tsQuery(query);
    if (!q) return null;
    sql = `SELECT ${CANDIDATE_COLUMNS} FROM search_passages p JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id
      WHERE p.tokens @@ ?::tsquery ORDER BY ts_rank(p.tokens, ?::tsquery) DESC, p.id LIMIT ?`;
    params = [q, q, limit];
  } else {
    const match = matchExpression(query);
    if (!match) return null;
    sql = `SELECT ${CANDIDATE_COLUMNS} FROM search_fts JOIN search_passages p ON p.id = search_fts.rowid
      JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id
      WHERE search_fts MATCH ? ORDER BY bm25(search_fts), p.id LIMIT ?`;
    params = [match, limit];
  }
  return db.all<Candidate>(sql, params);
}

/** Sentences and titles matching a query, best first, each with the figures stated in it. */
export async function searchText(db: Sql, query: string, limit = 50): Promise<SearchResult> {
  const terms = queryTerms(query);
  // a few extra candidates: bigram matches that are not the query's substring get dropped below
  const found = terms.length ? candidates(db, query, limit * 3) : null;
  if (!found) return { hits: [] };
  const hits: SearchHit[] = [];
  for (const c of await found) {
    const matches = termRanges(c.passage, terms);
    if (!matches) continue;
    hits.push({
      articleId: c.articleId, articleTitle: c.articleTitle, source: c.source, publishedOn: c.publishedOn,
      passage: c.passage, start: c.start, matches,
      // start < the passage's end is implied by "end" <= it, and bounds the index range (article_id, start) read
      figures: c.start < 0 ? [] : await db.all<SearchFigure>(`SELECT id, text, start, "end" FROM facts
        WHERE article_id = ? AND start >= ? AND start < ? AND "end" <= ? AND review_status <> 'rejected' ORDER BY start LIMIT 50`, [c.articleId, c.start, c.end, c.end]),
    });
    if (hits.length >= limit) break;
  }
  return { hits };
}
