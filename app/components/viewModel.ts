// Turning the dashboard's SQL results into what the pages and charts show. Server-only helpers
// (metric labels come from the taxonomy); no SQL here — that lives in db/dashboard.ts.
import type { Bucket, Pick } from '../../db/dashboard';
import { FILTER_KEYS, filtersToQuery, type Filters } from '../../lib/filters';
import { exactValue, fill, formatValue, qualifierLabel, strings, unitLabel, type Lang } from '../../lib/i18n';
import { metricLabel } from '../../lib/i18n-server';
import type { ChartBar, FigureChartLabels } from './FigureChart';

export type SearchParams = Record<string, string | string[] | undefined>;

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** `pick=street:330102003`, `pick=community:none`, `pick=month:2020-04`; anything else is no pick. */
export function parsePick(raw: string | undefined): Pick | null {
  if (!raw) return null;
  const m = /^(street|community):(\d{9}|\d{12}|none)$/.exec(raw);
  if (m) return { kind: m[1] as 'street' | 'community', code: m[2] === 'none' ? null : m[2] };
  const month = /^month:(\d{4}-\d{2})$/.exec(raw);
  return month ? { kind: 'month', month: month[1] } : null;
}

export function pickParam(pick: Pick): string {
  return pick.kind === 'month' ? `month:${pick.month}` : `${pick.kind}:${pick.code ?? 'none'}`;
}

/** A URL of `path` with the filters and extra parameters (pick, page, lang) in a fixed order. */
export function viewUrl(path: string, filters: Filters, extra: Record<string, string | undefined> = {}): string {
  return `${path}${filtersToQuery(filters, extra)}`;
}

const AVERAGED = new Set(['percent', 'percentage_point']);

/** Chart bars of buckets: a total (or mean) in `unit`, or a count when no unit is set. */
export function chartBars(
  buckets: Bucket[], options: { unit: string | null; lang: Lang; kind: 'street' | 'community' | 'month'; hrefOf: (pick: Pick) => string },
): ChartBar[] {
  const s = strings(options.lang);
  return buckets.map((b) => {
    const pick: Pick = options.kind === 'month' ? { kind: 'month', month: b.key! } : { kind: options.kind, code: b.key };
    const label = b.label ?? (options.kind === 'month' ? b.key! : options.kind === 'street' ? s.unplaced_street : s.unplaced_community);
    const counted = options.unit === null || b.total === null;
    const value = counted ? b.figures : b.total!;
    // the approximate share is stacked hatched on the exact one; a mean cannot be split, so it is hatched whole
    const approxPart = counted ? b.approximate : AVERAGED.has(options.unit!) ? 0 : b.approximateTotal ?? 0;
    const hatched = !counted && AVERAGED.has(options.unit!) && b.approximate > 0;
    return {
      exactPart: hatched ? 0 : value - approxPart,
      approxPart: hatched ? value : approxPart,
      key: b.key ?? 'none',
      label,
      value,
      figures: b.figures,
      approximate: b.approximate,
      display: counted ? `${b.figures}${options.lang === 'zh' ? ' 条' : ' figures'}` : formatValue(value, options.unit!, options.lang),
      exact: counted ? String(b.figures) : `${exactValue(value, options.unit!, options.lang)}${AVERAGED.has(options.unit!) ? ` (${s.mean})` : ''}`,
      href: options.hrefOf(pick),
    };
  });
}

export function chartLabels(lang: Lang, bucket: string, unit: string | null): FigureChartLabels {
  const s = strings(lang);
  return {
    png: s.download_png, svg: s.download_svg, csv: s.download_csv, table: s.table_of_chart, legend: s.approx_legend,
    bucket, value: unit ? (AVERAGED.has(unit) ? s.mean : s.sum) : s.figures, figures: s.figures, approx: s.approx,
  };
}

/** "区县：上城区；指标：投资；日期：2020-01-01 至 2020-12-31" — what a chart is filtered by, in words. */
export function describeFilters(filters: Filters, lang: Lang, placeNames: Map<string, string>): string {
  const s = strings(lang);
  const parts: string[] = [];
  const sep = lang === 'zh' ? '：' : ': ';
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (!v) continue;
    if (key === 'from' || key === 'to') continue;
    const shown = key === 'metric' ? metricLabel(v, lang)
      : key === 'qualifier' ? qualifierLabel(v, lang)
        : key === 'district' || key === 'street' || key === 'community' ? `${placeNames.get(v) ?? ''} ${v}`.trim()
          : v;
    parts.push(`${s[key]}${sep}${shown}`);
  }
  if (filters.from || filters.to) parts.push(`${s.date}${sep}${filters.from ?? '…'} ${lang === 'zh' ? '至' : 'to'} ${filters.to ?? '…'}`);
  return fill(s.filters_line, { filters: parts.length ? parts.join(lang === 'zh' ? '；' : '; ') : s.no_filters });
}

export function unitLine(unit: string | null, lang: Lang): string {
  const s = strings(lang);
  const sep = lang === 'zh' ? '：' : ': ';
  if (!unit) return `${s.unit}${sep}${s.figures_count}`;
  return `${s.unit}${sep}${unitLabel(unit, lang)}${AVERAGED.has(unit) ? `（${s.mean}）` : ''}`;
}

export function sourceLine(filters: Filters, lang: Lang): string {
  return fill(strings(lang).source_line, { sources: filters.source ?? (lang === 'zh' ? '地方政务新闻' : 'local government news') });
}
