// Overview: one metric (or all, counted) per street and over time, with the figures beneath. The view's
// data is computed once (lib/views/overview.ts) and rendered here; /overview.json and /overview.csv are
// the same data. The filter form only pushes URLs.
import type { Metadata } from 'next';
import { getDb } from '../db/client';
import type { SeriesOption } from '../db/dashboard';
import { FilterError, pickParam, scopeParams, type Filters, type Pick } from '../lib/filters';
import { fill, strings } from '../lib/i18n';
import { requestLang } from '../lib/i18n-server';
import { measureLabel } from '../lib/vocab/codes';
import { GRANULARITIES, periodLabel } from '../lib/vocab/dates';
import { metricLabel } from '../lib/vocab/metrics';
import { unitLabel } from '../lib/vocab/units';
import { overviewData, type OverviewData } from '../lib/views/overview';
import { toSearchParams } from '../lib/views/request';
import { DataLinks } from './components/DataLinks';
import { FactTable } from './components/FactTable';
import { FigureChart } from './components/FigureChart';
import { FilterForm } from './components/FilterForm';
import { filterFormOptions } from './components/filterFormOptions';
import {
  chartBars, chartLabels, describeFilters, first, granularityLabel, measureNote, otherSeries, sourceLine, twinMetadata, unitLine, viewUrl, type SearchParams,
} from './components/viewModel';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return twinMetadata('/', searchParams);
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const lang = await requestLang(params);
  const s = strings(lang);
  const keepLang = first(params.lang) ? lang : undefined;
  const db = await getDb();
  let data: OverviewData | null = null;
  let filterError: string | null = null;
  try {
    data = await overviewData(db, toSearchParams(params));
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    filterError = error.message;
  }
  const filters: Filters = data?.filters ?? {};
  const formOptions = await filterFormOptions(db, filters, lang, true);
  const form = (
    <FilterForm values={{ ...filters }} keep={{ lang: keepLang }} {...formOptions} />
  );
  if (!data) {
    return (
      <div className="dashboard">
        <h1>{s.overview_title}</h1>
        <p className="error" role="alert">{fill(s.bad_filter, { message: filterError ?? '' })}</p>
        {form}
      </div>
    );
  }

  const { series, level, pick } = data;
  const scope = { ...data.scope, pick: undefined };
  const names = new Map([...formOptions.districts, ...formOptions.streets, ...formOptions.communities].map((p) => [p.value, p.label]));
  if (pick && pick.kind !== 'period' && pick.code && data.picked?.label) names.set(pick.code, data.picked.label);
  const extra = { lang: keepLang };
  const here = (more: Record<string, string | undefined>) => viewUrl('/', filters, { ...scopeParams(scope), ...more, ...extra });
  // a district-level bar of several districts lists that district's own figures
  const hrefOf = (p: Pick, district?: string | null) => (district && p.kind === 'street' && p.code === null
    ? viewUrl('/', { ...filters, district: [district] }, { ...scopeParams(scope), pick: pickParam(p), ...extra })
    : here({ pick: pickParam(p) }));
  const periodBars = chartBars(data.byPeriod.buckets, { series, lang, kind: 'period', hrefOf });
  for (const bar of periodBars) if (data.compared.length) bar.values = Object.fromEntries(data.compared.map((c) => [c.code, c.values.get(bar.key) ?? null]));
  // levels and rates over time are read as lines; sums and counts as bars
  const overTime = series.measure === 'level' || series.measure === 'distribution' ? 'line' : 'bar';
  const metricName = series.metric ? metricLabel(series.metric, lang) : s.figures_count;
  const frameLines = [unitLine(series, lang), describeFilters(filters, lang, names)];
  // a chart's figures, downloadable: exactly the figures its bars are made of
  const csvHref = viewUrl('/export/facts.csv', filters, { unit: series.unit ?? undefined, measure: series.metric ? series.measure : undefined });
  const dot = ' · ';
  const others = otherSeries(data.options, series, lang, (o: SeriesOption) => viewUrl('/', filters, { unit: o.unit, measure: o.measure, granularity: data.scope.granularity, ...extra }));
  const attributes = data.options.filter((o) => o.measure === 'attribute').reduce((n, o) => n + o.figures, 0);
  const granularity = data.byPeriod.granularity;
  const pickName = pick ? (pick.kind === 'period' ? periodLabel(pick.period, lang) : data.picked?.label ?? (pick.kind === 'street' ? s.unplaced_street : s.unplaced_community)) : null;
  const note = measureNote(series, lang);

  return (
    <div className="dashboard">
      <h1>{s.overview_title}</h1>
      {form}
      <p className="headline">
        <strong>{metricName}</strong>{dot}
        {lang === 'zh' ? '共 ' : ''}<strong data-testid="fact-count">{data.total}</strong>{lang === 'zh' ? ' 条数字' : ' figures'}
      </p>
      <p className="note" data-testid="unit-note">
        {series.unit ? fill(s.unit_note_dominant, { unit: unitLabel(series.unit, lang), measure: measureLabel(series.measure, lang) }) : s.unit_note_count}
        {note && ` ${note}`}
        {others.length > 0 && <> {fill(s.unit_note_others, { others: '' }).replace(/[。.]$/, '')}{others.map((o, i) => <span key={o.href}>{i > 0 && (lang === 'zh' ? '、' : ', ')}<a href={o.href} data-testid="other-series">{o.label}</a></span>)}{lang === 'zh' ? '。' : '.'}</>}
        {attributes > 0 && ` ${fill(s.note_attributes, { n: attributes })}`}
      </p>
      <div className="chart-grid">
        <FigureChart
          testId="place-chart"
          frame={{ title: `${metricName}${dot}${level === 'street' ? s.by_street : s.by_community}`, lines: frameLines, source: sourceLine(filters, lang) }}
          bars={chartBars(data.byPlace, { series, lang, kind: level, hrefOf })}
          selectedKey={pick && pick.kind !== 'period' ? pick.code ?? 'none' : null}
          csvHref={csvHref}
          fileName={`civic-figures-${series.metric ?? 'all'}-by-${level}`}
          labels={chartLabels(lang, level === 'street' ? s.street : s.community, series)}
          lang={lang}
          angled
        />
        <FigureChart
          testId="month-chart"
          frame={{ title: `${metricName}${dot}${granularityLabel(granularity, lang)}`, lines: frameLines, source: sourceLine(filters, lang) }}
          bars={periodBars}
          shape={overTime}
          lines={data.compared.map((c) => ({ key: c.code, label: c.label }))}
          selectedKey={pick?.kind === 'period' ? pick.period : null}
          csvHref={csvHref}
          fileName={`civic-figures-${series.metric ?? 'all'}-by-${granularity}`}
          labels={chartLabels(lang, granularityLabel(granularity, lang), series)}
          lang={lang}
          note={
            <span data-testid="period-note">
              {data.byPeriod.coarser > 0 && <>{fill(s.note_coarser, { n: data.byPeriod.coarser })}<a href={here({ granularity: 'year' })} data-testid="to-year">{s.by_year}</a>{lang === 'zh' ? '。' : '.'} </>}
              {data.byPeriod.undated > 0 && fill(s.note_undated, { n: data.byPeriod.undated })}
              {' '}{GRANULARITIES.filter((g) => g !== granularity).map((g) => <a key={g} href={here({ granularity: g === 'month' ? undefined : g })} data-testid={`granularity-${g}`}>{granularityLabel(g, lang)} </a>)}
            </span>
          }
        />
      </div>
      <section className="list-card" aria-labelledby="figures-heading" id="figures">
        <h2 id="figures-heading" data-testid="figures-heading">
          {pickName ? fill(s.figures_of, { name: pickName }) : s.figures_list}
          <span className="muted"> · {fill(s.total_figures, { n: data.listed })}</span>
        </h2>
        {pick && <p><a href={here({})} data-testid="clear-pick">{s.clear_pick}</a></p>}
        <FactTable rows={data.rows} lang={lang} caption={pickName ?? s.figures_list} />
        {data.pages > 1 && (
          <nav className="pager" aria-label={s.figures_list}>
            {data.page > 1 && <a href={here({ pick: pick ? pickParam(pick) : undefined, page: String(data.page - 1) })}>{s.prev}</a>}
            <span>{fill(s.page_of, { page: data.page, pages: data.pages })}</span>
            {data.page < data.pages && <a href={here({ pick: pick ? pickParam(pick) : undefined, page: String(data.page + 1) })}>{s.next}</a>}
          </nav>
        )}
      </section>
      <DataLinks pathname="/" params={toSearchParams(params)} lang={lang} />
    </div>
  );
}
