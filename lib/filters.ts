// One parser of view parameters for pages, their JSON and CSV twins, the API and exports, so a URL means the
// same thing everywhere: the filters (which figures), and the scope of a chart (its unit and measure, the bar
// a view drilled into, the granularity of its time axis).
import { z } from 'zod';
import { ACTION_CLASSES, OBJECT_CLASSES } from './extract/facet-classes';
import { MEASURES, QUALIFIER_ENTRIES, REVIEW_STATUSES, type ChartMeasure } from './vocab/codes';
import { GRANULARITIES, isPeriod, type Granularity } from './vocab/dates';
import { isMetric } from './vocab/metrics';
import { PLACE_LEVEL_DEFINITIONS } from './vocab/places';
import { UNITS } from './vocab/units';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s); }, 'is not a real day');
const code = (level: 'district' | 'street' | 'community') => {
  const digits = PLACE_LEVEL_DEFINITIONS[level].digits;
  return z.string().regex(new RegExp(`^\\d{${digits}}$`), `must be a ${digits}-digit official ${level} code`);
};

/** The most values one filter takes (metric=a&metric=b…): a bound on the SQL's IN lists. */
export const MAX_FILTER_VALUES = 50;
const several = <T extends z.ZodType<string>>(one: T) => z.array(one).min(1).max(MAX_FILTER_VALUES, `takes at most ${MAX_FILTER_VALUES} values`);

export const FILTER_SCHEMA = z.object({
  district: several(code('district')),
  street: several(code('street')),
  community: several(code('community')),
  metric: several(z.string().refine((k) => isMetric(k), 'is not a metric of the taxonomy')),
  object_class: several(z.enum(OBJECT_CLASSES.map((c) => c.key) as [string, ...string[]])),
  action_class: several(z.enum(ACTION_CLASSES.map((c) => c.key) as [string, ...string[]])),
  from: day,
  to: day,
  qualifier: z.enum(QUALIFIER_ENTRIES.map((q) => q.code) as [string, ...string[]]),
  // PostgreSQL's text holds no NUL: such a name matches no source, and is refused here rather than by the database
  source: z.string().min(1).max(200).refine((name) => !name.includes('\u0000'), 'may not contain a NUL character'),
  review_status: several(z.enum(REVIEW_STATUSES)),
}).partial();

export type Filters = z.infer<typeof FILTER_SCHEMA>;
export const FILTER_KEYS = Object.keys(FILTER_SCHEMA.shape) as (keyof Filters)[];
/** Filters that take several values, repeated in the query string (Datasette-style): any of them matches. */
export const MULTI_FILTER_KEYS = ['district', 'street', 'community', 'metric', 'object_class', 'action_class', 'review_status'] as const satisfies readonly (keyof Filters)[];
const isMulti = (key: string): boolean => (MULTI_FILTER_KEYS as readonly string[]).includes(key);

export class FilterError extends Error {
  constructor(readonly parameter: string, message: string) { super(`${parameter}: ${message}`); }
}

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: ParamSource, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? undefined : value;
}

function readAll(params: ParamSource, key: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(key) : params[key];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return [...new Set(values.filter((v) => v !== ''))];
}

/** Filters from a query string (or Next's searchParams); throws FilterError naming the bad parameter. */
export function parseFilters(params: ParamSource): Filters {
  const picked: Record<string, string | string[]> = {};
  for (const key of FILTER_KEYS) {
    if (isMulti(key)) {
      const values = readAll(params, key);
      if (values.length) picked[key] = values;
    } else {
      const v = read(params, key);
      if (v !== undefined) picked[key] = v;
    }
  }
  const parsed = FILTER_SCHEMA.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FilterError(String(issue.path[0] ?? 'query'), issue.message);
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) throw new FilterError('from', 'is after to');
  return parsed.data;
}

/** The one value of a multi-valued filter, or null when it has none or several (a view narrowed to one place). */
export function only(values: readonly string[] | undefined): string | null {
  return values?.length === 1 ? values[0] : null;
}

/** The query string of a filter set, keys in a fixed order so equal views have equal URLs. */
export function filtersToQuery(filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (Array.isArray(v)) for (const one of v) q.append(key, one);
    else if (v) q.set(key, String(v));
  }
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ── the scope of a chart ────────────────────────────────────────────────────────────────────────────

/** A chart bar a view drilled into: a street or community (code null = the figures not placed that low), or a period. */
export type Pick =
  | { kind: 'street' | 'community'; code: string | null }
  | { kind: 'period'; period: string };

export interface Scope {
  /** one unit: a chart's figures are never of mixed units */
  unit?: string;
  /** how the chart aggregates (lib/vocab/metrics.ts): flows, levels, plans, distributions or counts */
  measure?: ChartMeasure;
  pick?: Pick;
  /** the time axis: month (default), quarter or year */
  granularity?: Granularity;
}

export const SCOPE_KEYS = ['unit', 'measure', 'pick', 'granularity'] as const;

const PICK_FORMS = 'street:CODE, community:CODE, street:none, community:none or period:PERIOD (2020-04, 2020-Q2, 2020)';

/** `street:330102003`, `community:none`, `period:2020-Q2` (and the older `month:2020-04`). */
export function parsePick(raw: string | undefined | null): Pick | undefined {
  if (!raw) return undefined;
  const place = /^(street|community):(\d+|none)$/.exec(raw);
  if (place) {
    const kind = place[1] as 'street' | 'community';
    if (place[2] === 'none') return { kind, code: null };
    if (place[2].length === PLACE_LEVEL_DEFINITIONS[kind].digits) return { kind, code: place[2] };
  }
  const period = /^(?:period|month):(.+)$/.exec(raw);
  if (period && isPeriod(period[1]) && (raw.startsWith('period:') || /^\d{4}-\d{2}$/.test(period[1]))) return { kind: 'period', period: period[1] };
  throw new FilterError('pick', `must be ${PICK_FORMS}`);
}

export function pickParam(pick: Pick): string {
  return pick.kind === 'period' ? `period:${pick.period}` : `${pick.kind}:${pick.code ?? 'none'}`;
}

/** The scope parameters of a query string; throws FilterError naming the bad one. */
export function parseScope(params: ParamSource): Scope {
  const scope: Scope = {};
  const unit = read(params, 'unit');
  if (unit !== undefined) {
    if (!(UNITS as readonly string[]).includes(unit)) throw new FilterError('unit', `must be one of ${UNITS.join(', ')}`);
    scope.unit = unit;
  }
  const measure = read(params, 'measure');
  if (measure !== undefined) {
    const chartable = MEASURES.filter((m) => m !== 'attribute');
    if (!(chartable as readonly string[]).includes(measure)) throw new FilterError('measure', `must be one of ${chartable.join(', ')}`);
    scope.measure = measure as ChartMeasure;
  }
  const pick = parsePick(read(params, 'pick'));
  if (pick) scope.pick = pick;
  const granularity = read(params, 'granularity');
  if (granularity !== undefined) {
    if (!(GRANULARITIES as readonly string[]).includes(granularity)) throw new FilterError('granularity', `must be one of ${GRANULARITIES.join(', ')}`);
    scope.granularity = granularity as Granularity;
  }
  return scope;
}

/** The query parameters of a scope, in SCOPE_KEYS order. */
export function scopeParams(scope: Scope): Record<string, string | undefined> {
  return { unit: scope.unit, measure: scope.measure, pick: scope.pick ? pickParam(scope.pick) : undefined, granularity: scope.granularity };
}
