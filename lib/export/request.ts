// Query strings of the researcher API and the exports: the dashboard's filters (lib/filters.ts) plus
// what only they take. Strict on purpose: a misspelt parameter (distrct=…) would otherwise silently
// export everything, so unknown and repeated parameters are errors that name the parameter.
import { createHash } from 'node:crypto';
import type { Sql } from '../../db/client';
import type { FactQuery } from '../../db/export';
import { sourceExists } from '../../db/export';
import { divisionName } from '../divisions';
import { FILTER_KEYS, FilterError, filtersToQuery, parseFilters, parseScope, pickParam, type Filters } from '../filters';
import { checkParams } from '../views/request';

export { FilterError };

export const PAGE_SIZE = { default: 100, max: 1000 } as const;

/** Parameters of exports beyond the filters: a chart's unit and measure, a drilled-in bar, rejected figures. */
const EXPORT_KEYS = ['unit', 'measure', 'pick', 'include_rejected'] as const;

function parseFlag(params: URLSearchParams, key: string): boolean {
  const raw = params.get(key);
  if (raw === null || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new FilterError(key, 'must be 0 or 1');
}

/** The fact query of a query string, checked against the data: an unknown code or source is a 400, not an empty answer. */
export async function parseFactQuery(db: Sql, params: URLSearchParams, extraKeys: readonly string[] = []): Promise<FactQuery> {
  checkParams(params, [...FILTER_KEYS, ...EXPORT_KEYS, ...extraKeys]);
  const filters = parseFilters(params);
  await checkFilterValues(db, filters);
  const { unit, measure, pick } = parseScope(params);
  const query: FactQuery = { ...filters };
  if (unit) query.unit = unit;
  if (measure) query.measure = measure;
  if (parseFlag(params, 'include_rejected')) query.includeRejected = true;
  if (pick) query.pick = pick;
  return query;
}

/** Codes must name real divisions (of the national list) and nest; the source must exist. */
export async function checkFilterValues(db: Sql, filters: Filters): Promise<void> {
  for (const level of ['district', 'street', 'community'] as const) {
    for (const code of filters[level] ?? []) if (!divisionName(level, code)) throw new FilterError(level, `${code} is not a ${level} code of the national division list`);
  }
  // several places of a level: each of the level below must lie in one of them
  const within = (codes: string[] | undefined, parents: string[] | undefined) => !codes || !parents || codes.every((c) => parents.some((p) => c.startsWith(p)));
  if (!within(filters.street, filters.district)) throw new FilterError('street', 'does not lie in the district given');
  if (!within(filters.community, filters.street)) throw new FilterError('community', 'does not lie in the street given');
  if (filters.source && !(await sourceExists(db, filters.source))) throw new FilterError('source', 'is not the name of a source in the database');
}

/** Page size of GET /api/facts: 1..1000, default 100. */
export function parseLimit(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null || raw === '') return PAGE_SIZE.default;
  if (!/^\d{1,7}$/.test(raw)) throw new FilterError('limit', `must be a whole number from 1 to ${PAGE_SIZE.max}`);
  const n = Number(raw);
  if (n < 1 || n > PAGE_SIZE.max) throw new FilterError('limit', `must be a whole number from 1 to ${PAGE_SIZE.max}`);
  return n;
}

// ── cursors ──
// Opaque to clients: base64url of "v1.<last id>.<hash of the query>". The hash ties a cursor to the
// filters it was made for, so reusing it with other filters is an error rather than a silent skip.

export function queryFingerprint(q: FactQuery): string {
  const key = filtersToQuery(q, { unit: q.unit, measure: q.measure ?? undefined, pick: q.pick ? pickParam(q.pick) : undefined, include_rejected: q.includeRejected ? '1' : undefined });
  return createHash('sha256').update(key).digest('base64url').slice(0, 10);
}

export function encodeCursor(lastId: number, q: FactQuery): string {
  return Buffer.from(`v1.${lastId}.${queryFingerprint(q)}`).toString('base64url');
}

/** The id after which the page starts (0 without a cursor). */
export function decodeCursor(raw: string | null, q: FactQuery): number {
  if (raw === null || raw === '') return 0;
  const bad = () => new FilterError('cursor', 'is not a cursor of this API (take next_cursor from the previous page, unchanged)');
  if (raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw bad();
  const m = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{10})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m) throw bad();
  if (m[2] !== queryFingerprint(q)) throw new FilterError('cursor', 'was made for other filters: start again without a cursor');
  return Number(m[1]);
}

export type { Filters };
