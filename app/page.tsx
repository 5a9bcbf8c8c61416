// Overview: one metric (or all, counted) per street and per month, with the figures beneath.
// Everything is rendered here on the server from the URL; the filter form only pushes URLs.
import { getDb } from '../db/client';
import { byMonth, byPlace, factList, placesWithFigures, sourceNames, unitsOf, type Pick } from '../db/dashboard';
import { FilterError, parseFilters, type Filters } from '../lib/filters';
import { pageNumber } from '../lib/params';
import { QUALIFIERS } from '../lib/extract/types';
import { fill, qualifierLabel, strings, unitLabel } from '../lib/i18n';
import { metricGroups, metricLabel, requestLang } from '../lib/i18n-server';
import { FactTable } from './components/FactTable';
import { FigureChart } from './components/FigureChart';
import { FilterForm } from './components/FilterForm';
import {
  chartBars, chartLabels, describeFilters, first, parsePick, pickParam, sourceLine, unitLine, viewUrl, type SearchParams,
} from './components/viewModel';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const lang = await requestLang(params);
  const s = strings(lang);
  const keepLang = first(params.lang) ? lang : undefined;
  let filters: Filters = {};
  let filterError: string | null = null;
  try {
    filters = parseFilters(params);
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    filterError = error.message;
  }
  const db = await getDb();

  // Figures of different units are never added: a metric is charted in its most common unit.
  const units = filters.metric ? await unitsOf(db, filters) : [];
  const unit = units[0]?.unit ?? null;
  const level = filters.street || filters.community ? 'community' : 'street';
  let pick: Pick | null = parsePick(first(params.pick));
  if (pick && pick.kind !== 'month' && pick.kind !== level) pick = null;

  const placeBuckets = await byPlace(db, filters, level, unit);
  const monthBuckets = await byMonth(db, filters, unit);
  const picked = pick
    ? (pick.kind === 'month' ? monthBuckets.find((b) => b.key === pick.month) : placeBuckets.find((b) => b.key === (pick.code ?? null)))
    : undefined;
  // totals come from the aggregates already computed: no extra count over a million rows
  const total = unit ? units.reduce((n, u) => n + u.figures, 0) : placeBuckets.reduce((n, b) => n + b.figures, 0);
  const listed = pick ? picked?.figures ?? 0 : total;
  const pages = Math.max(1, Math.ceil(listed / PAGE_SIZE));
  const page = pageNumber(first(params.page), pages);
  const rows = await factList(db, filters, { unit: pick ? unit : null, pick, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const districts = await placesWithFigures(db, 'district');
  const streets = await placesWithFigures(db, 'street', filters.district ?? null);
  const communities = filters.street || filters.district ? await placesWithFigures(db, 'community', filters.street ?? filters.district) : [];
  const names = new Map([...districts, ...streets, ...communities].map((p) => [p.code, p.name]));
  if (pick && pick.kind !== 'month' && pick.code && picked?.label) names.set(pick.code, picked.label);

  const extra = { lang: keepLang };
  const hrefOf = (p: Pick) => viewUrl('/', filters, { pick: pickParam(p), ...extra });
  const metricName = filters.metric ? metricLabel(filters.metric, lang) : s.figures_count;
  const filterLine = describeFilters(filters, lang, names);
  const frameLines = [unitLine(unit, lang), filterLine];
  const csvHref = viewUrl('/export/facts.csv', filters, { unit: unit ?? undefined });
  const dot = lang === 'zh' ? ' · ' : ' · ';

  const others = units.slice(1).map((u) => `${unitLabel(u.unit, lang)} ${u.figures}${lang === 'zh' ? ' 条' : ''}`);
  const pickName = pick ? (pick.kind === 'month' ? pick.month : picked?.label ?? (pick.kind === 'street' ? s.unplaced_street : s.unplaced_community)) : null;

  return (
    <div className="dashboard">
      <h1>{s.overview_title}</h1>
      {filterError && <p className="error" role="alert">{fill(s.bad_filter, { message: filterError })}</p>}
      <FilterForm
        values={{ ...filters }}
        metricGroups={metricGroups(lang).map((g) => ({ label: g.label, options: g.metrics.map((m) => ({ value: m.key, label: `${m.label}（${m.units || '—'}）` })) }))}
        districts={districts.map((p) => ({ value: p.code, label: p.name }))}
        streets={streets.map((p) => ({ value: p.code, label: p.name }))}
        communities={communities.map((p) => ({ value: p.code, label: p.name }))}
        qualifiers={QUALIFIERS.map((q) => ({ value: q, label: qualifierLabel(q, lang) }))}
        sources={(await sourceNames(db)).map((n) => ({ value: n, label: n }))}
        keep={extra}
        labels={{ metric: s.metric, allMetrics: s.all_metrics, district: s.district, street: s.street, community: s.community, from: s.from, to: s.to, qualifier: s.qualifier, source: s.source, any: s.any, apply: s.apply, reset: s.reset }}
      />
      <p className="headline">
        <strong>{metricName}</strong>{dot}
        {lang === 'zh' ? '共 ' : ''}<strong data-testid="fact-count">{total}</strong>{lang === 'zh' ? ' 条数字' : ' figures'}
      </p>
      <p className="note" data-testid="unit-note">
        {unit ? fill(s.unit_note_dominant, { unit: unitLabel(unit, lang) }) : s.unit_note_count}
        {others.length > 0 && ` ${fill(s.unit_note_others, { others: others.join(lang === 'zh' ? '，' : ', ') })}`}
        {unit && (unit === 'percent' || unit === 'percentage_point') ? ` ${s.mean_note}` : ''}
      </p>
      <div className="chart-grid">
        <FigureChart
          testId="place-chart"
          frame={{ title: `${metricName}${dot}${level === 'street' ? s.by_street : s.by_community}`, lines: frameLines, source: sourceLine(filters, lang) }}
          bars={chartBars(placeBuckets, { unit, lang, kind: level, hrefOf })}
          selectedKey={pick && pick.kind !== 'month' ? pick.code ?? 'none' : null}
          csvHref={csvHref}
          fileName={`civic-figures-${filters.metric ?? 'all'}-by-${level}`}
          labels={chartLabels(lang, level === 'street' ? s.street : s.community, unit)}
          lang={lang}
          angled
        />
        <FigureChart
          testId="month-chart"
          frame={{ title: `${metricName}${dot}${s.by_month}`, lines: frameLines, source: sourceLine(filters, lang) }}
          bars={chartBars(monthBuckets, { unit, lang, kind: 'month', hrefOf })}
          selectedKey={pick?.kind === 'month' ? pick.month : null}
          csvHref={csvHref}
          fileName={`civic-figures-${filters.metric ?? 'all'}-by-month`}
          labels={chartLabels(lang, s.by_month, unit)}
          lang={lang}
        />
      </div>
      <section className="list-card" aria-labelledby="figures-heading" id="figures">
        <h2 id="figures-heading" data-testid="figures-heading">
          {pickName ? fill(s.figures_of, { name: pickName }) : s.figures_list}
          <span className="muted"> · {fill(s.total_figures, { n: listed })}</span>
        </h2>
        {pick && <p><a href={viewUrl('/', filters, extra)} data-testid="clear-pick">{s.clear_pick}</a></p>}
        <FactTable rows={rows} lang={lang} caption={pickName ?? s.figures_list} />
        {pages > 1 && (
          <nav className="pager" aria-label={s.figures_list}>
            {page > 1 && <a href={viewUrl('/', filters, { pick: pick ? pickParam(pick) : undefined, page: String(page - 1), ...extra })}>{s.prev}</a>}
            <span>{fill(s.page_of, { page, pages })}</span>
            {page < pages && <a href={viewUrl('/', filters, { pick: pick ? pickParam(pick) : undefined, page: String(page + 1), ...extra })}>{s.next}</a>}
          </nav>
        )}
      </section>
    </div>
  );
}
