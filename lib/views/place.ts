// A district, street or community (/places/CODE): each metric as its measure allows (sums, latest levels,
// medians and ranges of rates, counts), the places it contains, and its figures over time. Computed once;
// app/places/[code]/page.tsx renders it, /places/CODE.json and .csv are its data (values in base units).
import type { Db } from '../../db/client';
import { byPeriod, byPlace, metricSummaries, placeSummary, type Bucket, type MetricSummary, type PeriodChart, type PlaceSummary } from '../../db/dashboard';
import { FilterError, parseScope, type Filters } from '../filters';
import { childLevel, levelOfCode, type PlaceLevel } from '../vocab/places';
import { toBase } from '../vocab/units';
import { checkParams, NotFound } from './request';
import { bucketJson, type Table } from './shared';

export const PLACE_PARAMS: readonly string[] = ['granularity'];

export interface PlaceData {
  place: PlaceSummary;
  filters: Filters;
  childLevel: PlaceLevel | null;
  /** figures per child place (counted) */
  children: Bucket[];
  metrics: MetricSummary[];
  /** figures over time (counted: every metric) */
  byPeriod: PeriodChart;
}

export async function placeData(db: Db, code: string, params: URLSearchParams): Promise<PlaceData> {
  checkParams(params, PLACE_PARAMS);
  const level = levelOfCode(code);
  if (!level) throw new NotFound(`${code} is not an official 6-, 9- or 12-digit code`);
  const { granularity } = parseScope(params);
  const place = await placeSummary(db, code);
  if (!place) throw new NotFound(`no figure names the place ${code}`);
  const filters: Filters = { [level]: [code] };
  const below = childLevel(level);
  const count = { metric: null, unit: null, measure: 'count' } as const;
  return {
    place, filters, childLevel: below,
    children: below && below !== 'district' ? await byPlace(db, filters, below, count) : [],
    metrics: await metricSummaries(db, filters),
    byPeriod: await byPeriod(db, filters, granularity ?? 'month', count),
  };
}

function summaryJson(s: MetricSummary) {
  const base = (v: number | null) => (v === null ? null : toBase(v, s.unit).value);
  return {
    metric: s.metric, measure: s.measure, unit: toBase(1, s.unit).unit, figures: s.figures, approximate: s.approximate,
    value: base(s.value), approximate_value: base(s.approximateValue), low: base(s.low), high: base(s.high),
  };
}

export function placeJson(d: PlaceData) {
  return {
    view: 'place',
    place: { code: d.place.code, level: d.place.level, name: d.place.name },
    district: d.place.district, street: d.place.street,
    children: { level: d.childLevel, places: d.children.map((b) => ({ code: b.key, name: b.label, figures: b.figures })) },
    metrics: d.metrics.map(summaryJson),
    by_period: {
      granularity: d.byPeriod.granularity, coarser_left_out: d.byPeriod.coarser, undated: d.byPeriod.undated,
      buckets: d.byPeriod.buckets.map((b) => bucketJson(b, null)),
    },
  };
}

const METRIC_COLUMNS = ['metric', 'measure', 'value', 'unit', 'figures', 'approximate', 'approximate_value', 'low', 'high'] as const;

/** /places/CODE.csv: the place's table of metrics. */
export function placeCsv(d: PlaceData): Table {
  return { columns: ['place_code', ...METRIC_COLUMNS], rows: d.metrics.map((s) => { const j = summaryJson(s); return [d.place.code, ...METRIC_COLUMNS.map((c) => j[c])]; }) };
}

export { FilterError };
