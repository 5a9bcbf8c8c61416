// Where each view's data twins live: the page /facts/12 has /facts/12.json and /facts/12.csv, the overview /?…
// has /overview.json?… and /overview.csv?…, with the page's own query (less its language, which does not
// change the data). Client-safe.

export type TwinFormat = 'json' | 'csv';

export const TWIN_TYPES: Record<TwinFormat, string> = { json: 'application/json', csv: 'text/csv' };

/** The data twin of a page: its path with .json or .csv (/ is /overview), the same query without lang. */
export function twinUrl(pathname: string, query: URLSearchParams | string, format: TwinFormat): string {
  const q = new URLSearchParams(query);
  q.delete('lang');
  const s = q.toString();
  return `${pathname === '/' ? '/overview' : pathname.replace(/\/+$/, '')}.${format}${s ? `?${s}` : ''}`;
}

/** The pages that have data twins: the overview (/), checks, search, and a figure, article or place by its key. */
const PAGES_WITH_TWINS = /^\/(?:checks|search|(?:facts|articles|places)\/\d+)?$/;

export function hasTwins(pathname: string): boolean {
  return PAGES_WITH_TWINS.test(pathname);
}

/** Metadata alternates of a page (Next renders <link rel="alternate" type=…>). */
export function alternates(pathname: string, query: URLSearchParams | string): { types: Record<string, string> } {
  return { types: { [TWIN_TYPES.json]: twinUrl(pathname, query, 'json'), [TWIN_TYPES.csv]: twinUrl(pathname, query, 'csv') } };
}

/**
 * The longest Link header sent. It repeats the query three times, and a client refuses a response whose headers
 * pass its limit (Node's: 16 KB) — a page asked with a very long query still answers, its twins named in its head.
 */
export const LINK_HEADER_MAX = 4096;

/** A Link header (RFC 8288) naming a page (its path, e.g. /places/330102) and both its data twins; null past LINK_HEADER_MAX. */
export function linkHeader(pathname: string, query: URLSearchParams | string): string | null {
  const q = new URLSearchParams(query);
  q.delete('lang');
  const s = q.toString();
  const header = [`<${pathname}${s ? `?${s}` : ''}>; rel="alternate"; type="text/html"`,
    ...(['json', 'csv'] as const).map((f) => `<${twinUrl(pathname, q, f)}>; rel="alternate"; type="${TWIN_TYPES[f]}"`)].join(', ');
  return header.length <= LINK_HEADER_MAX ? header : null;
}
