// Turning a view's data (lib/views) into what the pages and charts show. Server-only helpers (metric labels
// come from the taxonomy); no SQL here — that lives in db/ — and no aggregation — that is lib/vocab's.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '../../db/client';
import type { Bucket, Series, SeriesOption } from '../../db/dashboard';
import { FILTER_KEYS, FilterError, filtersToQuery, pickParam, type Filters, type Pick } from '../../lib/filters';
import { fill, strings, type Lang } from '../../lib/i18n';
import { requestLang } from '../../lib/i18n-server';
import { measureLabel, qualifierLabel, reviewStatusLabel } from '../../lib/vocab/codes';
import { periodLabel, type Granularity } from '../../lib/vocab/dates';
import { actionClassLabel, objectClassLabel } from '../../lib/vocab/facets';
import { exactValue, formatValue } from '../../lib/vocab/format';
import { metricLabel } from '../../lib/vocab/metrics';
import { unitLabel } from '../../lib/vocab/units';
import { alternates } from '../../lib/views/links';
import { NotFound, toSearchParams, type SearchParams } from '../../lib/views/request';
import type { ChartBar, FigureChartLabels } from './FigureChart';

export type { SearchParams };

/** A page's metadata: its JSON and CSV twins, announced in its head. */
export async function twinMetadata(pathname: string, searchParams: Promise<SearchParams>, extra: Metadata = {}): Promise<Metadata> {
  return { ...extra, alternates: alternates(pathname, toSearchParams(await searchParams)) };
}

/** What every view page starts from: its route's parameters, its query, its language and words, the database. */
export async function pageContext<P>(params: Promise<P>, searchParams: Promise<SearchParams>) {
  const query = await searchParams;
  const lang = await requestLang(query);
  return { ...(await params), query, lang, s: strings(lang), db: await getDb() };
}

/** A view's data for its page; what does not exist (or a malformed address) is the 404 page. */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFound || error instanceof FilterError) notFound();
    throw error;
  }
}

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A URL of `path` with the filters and extra parameters (unit, measure, pick, page, lang) in a fixed order. */
export function viewUrl(path: string, filters: Filters, extra: Record<string, string | undefined> = {}): string {
  return `${path}${filtersToQuery(filters, extra)}`;
}

const figuresWord = (n: number, lang: Lang) => fill(strings(lang).figures_n, { n });

/**
 * Chart bars of a series' buckets: a sum, a latest level or a median in the series' unit, or a count. An
 * empty period has no value (a gap on the time axis, not a zero). Streets grouped by district are labelled
 * with it, and each district's own figures are its district-level bar.
 */
export function chartBars(
  buckets: Bucket[], options: { series: Series; lang: Lang; kind: 'street' | 'community' | 'period'; hrefOf: (pick: Pick, district?: string | null) => string },
): ChartBar[] {
  const s = strings(options.lang);
  const { unit, measure } = options.series;
  const dot = options.lang === 'zh' ? '·' : ' · ';
  // streets are named with their district once two districts stand side by side
  const grouped = new Set(buckets.map((b) => b.group?.code).filter(Boolean)).size > 1;
  return buckets.map((b) => {
    const pick: Pick = options.kind === 'period' ? { kind: 'period', period: b.key! } : { kind: options.kind, code: b.key };
    const district = grouped ? b.group?.label ?? b.group?.code ?? null : null;
    const place = b.label ?? (options.kind === 'street' ? (district ? s.district_level : s.unplaced_street) : s.unplaced_community);
    const label = options.kind === 'period' ? periodLabel(b.key!, options.lang) : district ? `${district}${dot}${place}` : place;
    if (b.figures === 0) {
      return { key: b.key ?? 'none', label, value: null, exactPart: null, approxPart: null, figures: 0, approximate: 0, display: '—', short: '', exact: '', href: options.hrefOf(pick, b.group?.code) };
    }
    const counted = unit === null || b.value === null;
    const value = counted ? b.figures : b.value!;
    // the approximate part is stacked hatched on the exact one; a median cannot be split, so it is hatched whole
    const whole = !counted && measure === 'distribution';
    const approxPart = counted ? b.approximate : whole ? 0 : b.approximateValue ?? 0;
    const hatched = whole && b.approximate > 0;
    const range = whole && b.low !== null && b.high !== null && b.low !== b.high ? ` (${formatValue(b.low, unit!, options.lang)}–${formatValue(b.high, unit!, options.lang)})` : '';
    return {
      exactPart: hatched ? 0 : value - approxPart,
      approxPart: hatched ? value : approxPart,
      // the district-level bars of several districts are told apart by their district
      key: b.key ?? (b.group?.code ? `none:${b.group.code}` : 'none'),
      label,
      value,
      figures: b.figures,
      approximate: b.approximate,
      display: counted ? figuresWord(b.figures, options.lang) : `${formatValue(value, unit!, options.lang)}${range}`,
      short: counted ? String(b.figures) : formatValue(value, unit!, options.lang, 1),
      exact: counted ? String(b.figures) : `${exactValue(value, unit!, options.lang)} (${measureLabel(measure, options.lang)})`,
      href: options.hrefOf(pick, b.group?.code),
    };
  });
}

export function chartLabels(lang: Lang, bucket: string, series: Series): FigureChartLabels {
  const s = strings(lang);
  return {
    png: s.download_png, svg: s.download_svg, csv: s.download_csv, table: s.table_of_chart, legend: s.approx_legend,
    bucket, value: series.unit ? measureLabel(series.measure, lang) : s.figures, figures: s.figures, approx: s.approx, approxIncluded: s.approx_included,
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
    const one = (x: string) => (key === 'metric' ? metricLabel(x, lang)
      : key === 'qualifier' ? qualifierLabel(x, lang)
        : key === 'review_status' ? reviewStatusLabel(x, lang)
          : key === 'object_class' ? objectClassLabel(x, lang)
            : key === 'action_class' ? actionClassLabel(x, lang)
          : key === 'district' || key === 'street' || key === 'community' ? `${placeNames.get(x) ?? ''} ${x}`.trim()
            : x);
    const shown = (Array.isArray(v) ? v : [v]).map(one).join(lang === 'zh' ? '、' : ', ');
    parts.push(`${s[key]}${sep}${shown}`);
  }
  if (filters.from || filters.to) parts.push(`${s.date}${sep}${filters.from ?? '…'} ${lang === 'zh' ? '至' : 'to'} ${filters.to ?? '…'}`);
  return fill(s.filters_line, { filters: parts.length ? parts.join(lang === 'zh' ? '；' : '; ') : s.no_filters });
}

/** "单位：亩（合计）" — the unit and measure a chart is drawn in. */
export function unitLine(series: Series, lang: Lang): string {
  const s = strings(lang);
  const sep = lang === 'zh' ? '：' : ': ';
  if (!series.unit) return `${s.unit}${sep}${s.figures_count}`;
  return `${s.unit}${sep}${unitLabel(series.unit, lang)}${lang === 'zh' ? '（' : ' ('}${measureLabel(series.measure, lang)}${lang === 'zh' ? '）' : ')'}`;
}

export function sourceLine(filters: Filters, lang: Lang): string {
  return fill(strings(lang).source_line, { sources: filters.source ?? (lang === 'zh' ? '地方政务新闻' : 'local government news') });
}

/** What the chart says about its own rule (levels, plans, medians), or nothing for plain sums and counts. */
export function measureNote(series: Series, lang: Lang): string {
  const s = strings(lang);
  return series.measure === 'level' ? s.note_level : series.measure === 'plan' ? s.note_plan : series.measure === 'distribution' ? s.note_distribution : '';
}

/** The series a view could draw besides the one it draws: each with its link, never mixed in. */
export function otherSeries(options: SeriesOption[], series: Series, lang: Lang, hrefOf: (o: SeriesOption) => string): { label: string; href: string }[] {
  if (!series.metric) return [];
  return options.filter((o) => o.measure !== 'attribute' && !(o.unit === series.unit && o.measure === series.measure)).map((o) => ({
    label: `${unitLabel(o.unit, lang)}·${measureLabel(o.measure, lang)} ${figuresWord(o.figures, lang)}`,
    href: hrefOf(o),
  }));
}

const GRANULARITY_WORD: Record<Granularity, 'by_month' | 'by_quarter' | 'by_year'> = { month: 'by_month', quarter: 'by_quarter', year: 'by_year' };

export function granularityLabel(granularity: Granularity, lang: Lang): string {
  return strings(lang)[GRANULARITY_WORD[granularity]];
}

export { pickParam };
