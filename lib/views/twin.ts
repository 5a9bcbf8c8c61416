// The data twins of every view, Datasette-style: /overview.json|csv, /facts/ID.json|csv, /articles/ID.json|csv,
// /places/CODE.json|csv, /checks.json|csv, /search.json|csv (next.config.js rewrites them to one route,
// app/api/views/[view]/[key]/[format]). Each view's data is computed once (lib/views/*) and written here as
// JSON or CSV, with a Link header naming the page and both twins, and one error shape for a bad request.
import type { Db } from '../../db/client';
import { articleCsv, articleData, articleJson } from './article';
import { checksCsv, checksData, checksJson } from './checks';
import { factCsv, factData, factJson } from './fact';
import { linkHeader, type TwinFormat } from './links';
import { overviewCsv, overviewData, overviewJson } from './overview';
import { placeCsv, placeData, placeJson } from './place';
import { badRequest, FilterError, NotFound } from './request';
import { originOf } from '../export/http';
import { searchCsv, searchData, searchJson } from './search';
import { tableCsv, type Table } from './shared';

interface View<D> {
  /** the page's path (its twins' paths are this with .json and .csv) */
  page(key: string): string;
  load(db: Db, key: string, params: URLSearchParams, base: string): Promise<D>;
  json(data: D, base: string): unknown;
  csv(data: D): Table;
}

const view = <D>(v: View<D>) => v as View<unknown>;

export const VIEWS = {
  overview: view({ page: () => '/', load: (db, _k, p) => overviewData(db, p), json: overviewJson, csv: overviewCsv }),
  facts: view({ page: (id) => `/facts/${id}`, load: (db, id, p, base) => factData(db, id, p, base), json: factJson, csv: factCsv }),
  articles: view({ page: (id) => `/articles/${id}`, load: (db, id, p, base) => articleData(db, id, p, base), json: articleJson, csv: articleCsv }),
  places: view({ page: (code) => `/places/${code}`, load: (db, code, p) => placeData(db, code, p), json: placeJson, csv: placeCsv }),
  checks: view({ page: () => '/checks', load: (db, _k, p) => checksData(db, p), json: checksJson, csv: checksCsv }),
  search: view({ page: () => '/search', load: (db, _k, p) => searchData(db, p), json: searchJson, csv: searchCsv }),
} as const;

export type ViewName = keyof typeof VIEWS;

export function isViewName(name: string): name is ViewName {
  return Object.hasOwn(VIEWS, name);
}

const CONTENT_TYPES: Record<TwinFormat, string> = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8; header=present' };

/** A view's data as JSON or CSV; 400 {error, parameter} for a bad parameter, 404 {error} for what does not exist. */
export async function twinResponse(db: Db, request: Request, name: ViewName, key: string, format: TwinFormat): Promise<Response> {
  const url = new URL(request.url);
  const v = VIEWS[name];
  const base = originOf(request);
  try {
    const data = await v.load(db, key, url.searchParams, base);
    const body = format === 'json' ? JSON.stringify(v.json(data, base)) : tableCsv(v.csv(data));
    const link = linkHeader(v.page(key), url.searchParams);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[format],
      ...(link ? { link } : {}),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    };
    if (format === 'csv') headers['content-disposition'] = `attachment; filename="civic-figures-${name}${key && key !== '-' ? `-${key}` : ''}.csv"`;
    return new Response(body, { headers });
  } catch (error) {
    if (error instanceof FilterError) return badRequest(error);
    if (error instanceof NotFound) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
