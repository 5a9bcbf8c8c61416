// The overview (/ with its filters): one series per chart — by street (or community) and over time — and
// the figures beneath. Computed once here; app/page.tsx renders it as HTML, /overview.json and /overview.csv
// as data (values in base units).
import type { Db } from '../../db/client';
import {
  byPeriod, byPlace, factList, placeNames, seriesOptions, type Bucket, type FactListRow, type PeriodChart, type Series, type SeriesOption,
} from '../../db/dashboard';
import { FILTER_KEYS, FilterError, only, parseFilters, parseScope, SCOPE_KEYS, type Filters, type Pick, type Scope } from '../filters';
import type { ChartMeasure } from '../vocab/codes';
import type { Granularity } from '../vocab/dates';
import { chartMeasuresOf } from '../vocab/metrics';
import { toBase } from '../vocab/units';
import { checkParams, parsePage } from './request';
import { bucketJson, figureJson, type Table } from './shared';

/** A place's own series over time, compared with the others chosen: its value per period key. */
export interface ComparedPlace { code: string; label: string; values: Map<string, number | null> }

/** The most places one comparison draws: lines beyond it could not be told apart. */
export const MAX_COMPARED_PLACES = 8;

export const OVERVIEW_PARAMS: readonly string[] = [...FILTER_KEYS, ...SCOPE_KEYS, 'page'];
export const OVERVIEW_PAGE_SIZE = 50;

export interface OverviewData {
  filters: Filters;
  scope: Scope;
  /** what the charts draw */
  series: Series;
  /** every unit and measure the view's figures come in (attributes too): the series it could draw */
  options: SeriesOption[];
  level: 'street' | 'community';
  byPlace: Bucket[];
  byPeriod: PeriodChart;
  /** levels and rates of several places chosen (street=a&street=b, or several districts): each place over time */
  compared: ComparedPlace[];
  pick: Pick | null;
  /** the bucket of the picked bar (null when nothing or an empty bar is picked) */
  picked: Bucket | null;
  /** figures the filters select */
  total: number;
  /** figures in the list: the picked bar's, else all */
  listed: number;
  page: number;
  pages: number;
  rows: FactListRow[];
}

/**
 * The series a view draws: every figure counted when no metric is chosen; else the metric in the unit and
 * measure asked for, or those with the most figures (the others are named beside the chart, never mixed in).
 */
export function chooseSeries(filters: Filters, scope: Scope, options: SeriesOption[]): Series {
  const metric = only(filters.metric);
  if (!metric) {
    // no metric, or several: figures of unlike things are counted, never added
    if (scope.unit) throw new FilterError('unit', 'needs one metric: figures of several metrics are counted, not added');
    if (scope.measure && scope.measure !== 'count') throw new FilterError('measure', 'needs one metric: figures of several metrics are counted, not added');
    return { metric: null, unit: null, measure: 'count' };
  }
  const order = chartMeasuresOf(metric);
  const charted = options.filter((o): o is SeriesOption & { measure: ChartMeasure } => o.measure !== 'attribute')
    .filter((o) => (!scope.unit || o.unit === scope.unit) && (!scope.measure || o.measure === scope.measure))
    .sort((a, b) => b.figures - a.figures || order.indexOf(a.measure) - order.indexOf(b.measure));
  const best = charted[0];
  return {
    metric,
    unit: scope.unit ?? best?.unit ?? null,
    measure: scope.measure ?? best?.measure ?? order[0],
  };
}

export async function overviewData(db: Db, params: URLSearchParams): Promise<OverviewData> {
  checkParams(params, OVERVIEW_PARAMS);
  const filters = parseFilters(params);
  const scope = parseScope(params);
  const page = parsePage(params);
  const options = await seriesOptions(db, filters);
  const series = chooseSeries(filters, scope, options);
  // one street: its communities; several streets: those streets side by side
  const level = only(filters.street) || filters.community ? 'community' : 'street';
  const pick = scope.pick ?? null;
  if (pick && pick.kind !== 'period' && pick.kind !== level) throw new FilterError('pick', `this view's bars are ${level === 'street' ? 'streets' : 'communities'}: ${level}:CODE or period:PERIOD`);
  const granularity = scope.granularity ?? 'month';

  // a metric whose figures all come in another unit than asked charts nothing: empty, not an error
  const chartable = series.metric === null || series.unit !== null;
  const places = chartable ? await byPlace(db, filters, level, series) : [];
  const periods = chartable ? await byPeriod(db, filters, granularity, series) : { granularity, buckets: [], coarser: 0, undated: 0 };
  const compared = chartable && series.metric ? await comparedPlaces(db, filters, granularity, series) : [];
  const picked = !pick ? null
    : pick.kind === 'period' ? periods.buckets.find((b) => b.key === pick.period) ?? null
      : places.find((b) => b.key === pick.code) ?? null;
  // totals come from the aggregates already computed: no extra count over a million rows
  const total = options.reduce((n, o) => n + o.figures, 0);
  const listed = pick ? picked?.figures ?? 0 : total;
  const pages = Math.max(1, Math.ceil(listed / OVERVIEW_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = await factList(db, filters, { series: pick ? series : null, pick, limit: OVERVIEW_PAGE_SIZE, offset: (current - 1) * OVERVIEW_PAGE_SIZE, selected: listed });
  return { filters, scope, series, options, level, byPlace: places, byPeriod: periods, compared, pick, picked, total, listed, page: current, pages, rows };
}

/**
 * Levels (running totals, stocks) and rates are read over time place by place: when several streets (or
 * districts) are chosen, each gets its own line. Sums need no comparison: their bars already add up.
 */
async function comparedPlaces(db: Db, filters: Filters, granularity: Granularity, series: Series): Promise<ComparedPlace[]> {
  if (series.measure !== 'level' && series.measure !== 'distribution') return [];
  const level = (filters.street?.length ?? 0) > 1 ? 'street' : !filters.street && !filters.community && (filters.district?.length ?? 0) > 1 ? 'district' : null;
  if (!level) return [];
  const codes = filters[level]!.slice(0, MAX_COMPARED_PLACES);
  const names = await placeNames(db, level, codes);
  const out: ComparedPlace[] = [];
  for (const code of codes) {
    const chart = await byPeriod(db, { ...filters, [level]: [code] }, granularity, series);
    out.push({ code, label: names.get(code) ?? code, values: new Map(chart.buckets.map((b) => [b.key!, b.figures ? b.value : null])) });
  }
  return out;
}

/** /overview.json: the view's data, values in base units (a chart's own series included). */
export function overviewJson(d: OverviewData, base = '') {
  const unit = d.series.unit;
  return {
    view: 'overview',
    filters: d.filters,
    scope: { unit: d.scope.unit ?? null, measure: d.scope.measure ?? null, granularity: d.byPeriod.granularity, pick: d.pick },
    series: { metric: d.series.metric, measure: d.series.measure, unit: unit === null ? null : toBase(1, unit).unit, charted_unit: unit },
    series_options: d.options,
    attributes_left_out: d.options.filter((o) => o.measure === 'attribute').reduce((n, o) => n + o.figures, 0),
    by_place: { level: d.level, buckets: d.byPlace.map((b) => ({ ...bucketJson(b, unit), district_code: b.group?.code ?? undefined, district: b.group?.label ?? undefined })) },
    by_period: {
      granularity: d.byPeriod.granularity, coarser_left_out: d.byPeriod.coarser, undated: d.byPeriod.undated,
      buckets: d.byPeriod.buckets.map((b) => bucketJson(b, unit)),
      compared: d.compared.map((c) => ({ code: c.code, label: c.label, values: Object.fromEntries([...c.values].map(([k, v]) => [k, v === null || unit === null ? v : toBase(v, unit).value])) })),
    },
    figures: { total: d.total, listed: d.listed, page: d.page, pages: d.pages, page_size: OVERVIEW_PAGE_SIZE, rows: d.rows.map((r) => figureJson(r, base)) },
  };
}

const CHART_COLUMNS = ['chart', 'key', 'label', 'metric', 'measure', 'value', 'unit', 'figures', 'approximate', 'approximate_value', 'low', 'high'] as const;

/** /overview.csv: the two charts' series, one row a bar, values in base units. */
export function overviewCsv(d: OverviewData): Table {
  const unit = d.series.unit === null ? null : toBase(1, d.series.unit).unit;
  const rows = (chart: string, buckets: Bucket[]) => buckets.map((b) => {
    const j = bucketJson(b, d.series.unit);
    return [chart, j.key, j.label, d.series.metric, d.series.measure, j.value, unit, j.figures, j.approximate, j.approximate_value, j.low, j.high];
  });
  return { columns: CHART_COLUMNS, rows: [...rows(`by_${d.level}`, d.byPlace), ...rows(`by_${d.byPeriod.granularity}`, d.byPeriod.buckets)] };
}
