// What every view's parameters share, for its page and its JSON and CSV twins alike: a strict reading (an
// unknown or repeated parameter is an error naming it, not a silently wider view) and one error shape.
import { FilterError } from '../filters';
import { rowId } from '../params';

export { FilterError };

/** A view of something that does not exist (a figure, article or place): 404. */
export class NotFound extends Error {}

/** A view's row (a figure, an article) found by the id in its path, or NotFound for a malformed id or no row. */
export async function rowOf<T>(id: string, what: string, find: (rowId: number) => Promise<T | null | undefined>): Promise<T> {
  const parsed = rowId(id);
  const row = parsed === null ? undefined : await find(parsed);
  if (!row) throw new NotFound(`there is no ${what} ${id.slice(0, 40)}`);
  return row;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** Next's searchParams as URLSearchParams (repeated keys kept, so they can be refused). */
export function toSearchParams(params: SearchParams | URLSearchParams): URLSearchParams {
  if (params instanceof URLSearchParams) return params;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) out.append(key, v);
    else if (value !== undefined) out.append(key, value);
  }
  return out;
}

/** Refuses parameters a view does not take and parameters given twice. `lang` is every view's. */
export function checkParams(params: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (key !== 'lang' && !allowed.includes(key)) throw new FilterError(key, `is not a parameter here (allowed: ${allowed.join(', ')})`);
    if (seen.has(key)) throw new FilterError(key, 'is given more than once');
    seen.add(key);
  }
  const lang = params.get('lang');
  if (lang !== null && lang !== '' && lang !== 'zh' && lang !== 'en') throw new FilterError('lang', 'must be zh or en');
}

/** A page number: a whole number ≥ 1 (default 1). */
export function parsePage(params: URLSearchParams): number {
  const raw = params.get('page');
  if (raw === null || raw === '') return 1;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new FilterError('page', 'must be a whole number from 1');
  return Number(raw);
}

/** The one shape of a bad request, for every view, API and export: 400 {error, parameter}. */
export function badRequest(error: FilterError): Response {
  return Response.json({ error: error.message, parameter: error.parameter }, { status: 400 });
}
