// Full-text search of articles and their sentences, for Chinese. FTS5 cannot break Chinese into
// words, so each sentence is indexed as character bigrams (解决问题 → 解决 决问 问题 题) and a query is
// cut the same way; every bigram of the query must occur in the sentence. Bigrams over-match a little
// (问题 … 解决 in either order), so hits are then confirmed against the sentence text itself.
// Tables and triggers: migration 0002_search_fts.sql.
import type { Db } from './client';

const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

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
  const tokens: string[] = [];
  for (const run of runs(text)) {
    if (!run.cjk) { tokens.push(run.text); continue; }
    const chars = [...run.text];
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
    tokens.push(chars[chars.length - 1]);
  }
  return tokens;
}

/** An FTS5 MATCH expression for a user's query, or null when it has nothing searchable. */
export function matchExpression(query: string): string | null {
  const parts: string[] = [];
  for (const run of runs(query.slice(0, 200))) {
    if (!run.cjk) { parts.push(`"${run.text}"`); continue; }
    const chars = [...run.text];
    // one character: any bigram starting with it, or a run ending in it
    if (chars.length === 1) { parts.push(`"${chars[0]}"*`); continue; }
    for (let i = 0; i + 1 < chars.length; i++) parts.push(`"${chars[i]}${chars[i + 1]}"`);
  }
  return parts.length ? [...new Set(parts)].join(' AND ') : null;
}

/** The searchable pieces of a query, for confirming and highlighting hits: its whitespace-separated terms. */
export function queryTerms(query: string): string[] {
  return query.slice(0, 200).split(/[\s,，、;；]+/).map((t) => t.trim()).filter(Boolean);
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

/**
 * Indexes the articles queued by the triggers (new or changed since the last search), for at most
 * `budgetMs` so that one visitor never waits for a bulk import to be indexed; returns how many wait.
 */
export function indexPendingArticles(db: Db, budgetMs = 1500): { indexed: number; remaining: number } {
  const sqlite = db.$client;
  const nextBatch = sqlite.prepare('SELECT p.article_id AS id, a.title AS title, a.text AS text FROM search_pending p JOIN articles a ON a.id = p.article_id LIMIT 200');
  const dropOrphans = sqlite.prepare('DELETE FROM search_pending WHERE article_id NOT IN (SELECT id FROM articles)');
  const oldPassages = sqlite.prepare('SELECT id FROM search_passages WHERE article_id = ?');
  const deleteFts = sqlite.prepare('DELETE FROM search_fts WHERE rowid = ?');
  const deletePassages = sqlite.prepare('DELETE FROM search_passages WHERE article_id = ?');
  const insertPassage = sqlite.prepare('INSERT INTO search_passages (article_id, start, "end") VALUES (?, ?, ?)');
  const insertFts = sqlite.prepare('INSERT INTO search_fts (rowid, bigrams) VALUES (?, ?)');
  const dequeue = sqlite.prepare('DELETE FROM search_pending WHERE article_id = ?');
  const index = sqlite.transaction((batch: { id: number; title: string | null; text: string }[]) => {
    for (const article of batch) {
      for (const { id } of oldPassages.all(article.id) as { id: number }[]) deleteFts.run(id);
      deletePassages.run(article.id);
      const add = (start: number, end: number, text: string) => {
        const tokens = documentTokens(text);
        if (!tokens.length) return;
        const passage = Number(insertPassage.run(article.id, start, end).lastInsertRowid);
        insertFts.run(passage, tokens.join(' '));
      };
      if (article.title) add(-1, -1, article.title);
      for (const r of sentenceRanges(article.text)) add(r.start, r.end, article.text.slice(r.start, r.end));
      dequeue.run(article.id);
    }
  });
  const t0 = performance.now();
  let indexed = 0;
  dropOrphans.run();
  for (;;) {
    const batch = nextBatch.all() as { id: number; title: string | null; text: string }[];
    if (!batch.length) break;
    index(batch);
    indexed += batch.length;
    if (performance.now() - t0 > budgetMs) break;
  }
  const remaining = (sqlite.prepare('SELECT count(*) AS n FROM search_pending').get() as { n: number }).n;
  return { indexed, remaining };
}

export interface SearchFigure { id: number; text: string; start: number; end: number }

export interface SearchHit {
  articleId: number;
  articleTitle: string | null;
  source: string | null;
  publishedOn: string | null;
  /** the matching sentence (or the title, when start is -1), with the ranges of the query's terms in it */
  passage: string;
  start: number;
  matches: { start: number; end: number }[];
  figures: SearchFigure[];
}

export interface SearchResult { hits: SearchHit[]; pending: number }

/** Where the terms occur in a passage (whitespace ignored on both sides), or null unless every term does. */
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

/** Sentences and titles matching a query, best first (bm25), each with the figures stated in it. */
export function searchText(db: Db, query: string, limit = 50): SearchResult {
  const { remaining } = indexPendingArticles(db);
  const match = matchExpression(query);
  const terms = queryTerms(query);
  if (!match || !terms.length) return { hits: [], pending: remaining };
  const sqlite = db.$client;
  // a few extra candidates: bigram matches that are not the query's substring get dropped below
  const candidates = sqlite.prepare(`SELECT p.article_id AS articleId, p.start AS start, p."end" AS "end",
      a.title AS articleTitle, a.text AS text, a.published_on AS publishedOn, s.name AS source
    FROM search_fts JOIN search_passages p ON p.id = search_fts.rowid
      JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id
    WHERE search_fts MATCH ? ORDER BY bm25(search_fts) LIMIT ?`).all(match, limit * 3) as
    { articleId: number; start: number; end: number; articleTitle: string | null; text: string; publishedOn: string | null; source: string | null }[];
  const figuresIn = sqlite.prepare('SELECT id, text, start, "end" FROM facts WHERE article_id = ? AND start >= ? AND "end" <= ? AND review_status <> \'rejected\' ORDER BY start');
  const hits: SearchHit[] = [];
  for (const c of candidates) {
    const passage = c.start < 0 ? c.articleTitle ?? '' : c.text.slice(c.start, c.end);
    const matches = termRanges(passage, terms);
    if (!matches) continue;
    hits.push({
      articleId: c.articleId, articleTitle: c.articleTitle, source: c.source, publishedOn: c.publishedOn,
      passage, start: c.start, matches,
      figures: c.start < 0 ? [] : (figuresIn.all(c.articleId, c.start, c.end) as SearchFigure[]),
    });
    if (hits.length >= limit) break;
  }
  return { hits, pending: remaining };
}
