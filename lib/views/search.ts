// Full-text search (/search?q=…): passages of articles matching the words, with the figures stated in them.
// /search.json and /search.csv hold the same hits.
import type { Db } from '../../db/client';
import { searchText, type SearchHit } from '../../db/search';
import { FilterError } from '../filters';
import { checkParams } from './request';
import type { Table } from './shared';

export const SEARCH_PARAMS: readonly string[] = ['q'];
/** The longest query read: a search term is a word or a phrase, not a text. */
export const QUERY_CHARS = 200;

export interface SearchData { q: string; hits: SearchHit[] }

export async function searchData(db: Db, params: URLSearchParams): Promise<SearchData> {
  checkParams(params, SEARCH_PARAMS);
  const raw = params.get('q') ?? '';
  if (raw.length > QUERY_CHARS) throw new FilterError('q', `must be at most ${QUERY_CHARS} characters`);
  const q = raw.trim();
  return { q, hits: q ? (await searchText(db, q)).hits : [] };
}

export function searchJson(d: SearchData, base = '') {
  return {
    view: 'search', q: d.q,
    hits: d.hits.map((h) => ({
      article_id: h.articleId, article_title: h.articleTitle, source: h.source, published_on: h.publishedOn,
      start: h.start, passage: h.passage, matches: h.matches, article_url: `${base}/articles/${h.articleId}`,
      figures: h.figures.map((f) => ({ id: f.id, text: f.text, fact_url: `${base}/facts/${f.id}` })),
    })),
  };
}

export function searchCsv(d: SearchData): Table {
  return {
    columns: ['article_id', 'article_title', 'source', 'published_on', 'start', 'passage', 'figure_ids'],
    rows: d.hits.map((h) => [h.articleId, h.articleTitle, h.source, h.publishedOn, h.start, h.passage, h.figures.map((f) => f.id).join(' ')]),
  };
}
