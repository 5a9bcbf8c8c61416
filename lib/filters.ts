// One parser of view filters for pages, the JSON API and exports, so a URL means the same thing everywhere.
import { z } from 'zod';
import { metricByKey } from './extract/taxonomy';
import { QUALIFIERS } from './extract/types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s); }, 'is not a real day');
const code = (digits: number, level: string) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `must be a ${digits}-digit official ${level} code`);

export const FILTER_SCHEMA = z.object({
  district: code(6, 'district'),
  street: code(9, 'street'),
  community: code(12, 'community'),
  metric: z.string().refine((k) => metricByKey(k) !== undefined, 'is not a metric of the taxonomy'),
  from: day,
  to: day,
  qualifier: z.enum(QUALIFIERS),
  source: z.string().min(1).max(200),
}).partial();

export type Filters = z.infer<typeof FILTER_SCHEMA>;
export const FILTER_KEYS = Object.keys(FILTER_SCHEMA.shape) as (keyof Filters)[];

export class FilterError extends Error {
  constructor(readonly parameter: string, message: string) { super(`${parameter}: ${message}`); }
}

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: ParamSource, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? undefined : value;
}

/** Filters from a query string (or Next's searchParams); throws FilterError naming the bad parameter. */
export function parseFilters(params: ParamSource): Filters {
  const picked: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = read(params, key);
    if (v !== undefined) picked[key] = v;
  }
  const parsed = FILTER_SCHEMA.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FilterError(String(issue.path[0] ?? 'query'), issue.message);
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) throw new FilterError('from', 'is after to');
  return parsed.data;
}

/** The query string of a filter set, keys in a fixed order so equal views have equal URLs. */
export function filtersToQuery(filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) q.set(key, String(filters[key]));
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
