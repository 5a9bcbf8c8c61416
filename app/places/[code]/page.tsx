// A district, street or community: each metric as its measure allows (a sum, the latest level, the median
// and range of rates, a count), its figures over time, and links down to the places it contains and up to
// the ones it belongs to. Data: lib/views/place.ts, also served as /places/CODE.json and .csv.
import type { Metadata } from 'next';
import type { MetricSummary } from '../../../db/dashboard';
import { pickParam, type Pick } from '../../../lib/filters';
import { fill, type Lang } from '../../../lib/i18n';
import { measureLabel } from '../../../lib/vocab/codes';
import { exactValue, formatValue } from '../../../lib/vocab/format';
import { metricLabel } from '../../../lib/vocab/metrics';
import { unitLabel } from '../../../lib/vocab/units';
import { placeData } from '../../../lib/views/place';
import { toSearchParams } from '../../../lib/views/request';
import { CountCells } from '../../components/CountCells';
import { DataLinks } from '../../components/DataLinks';
import { FigureChart } from '../../components/FigureChart';
import { chartBars, chartLabels, describeFilters, first, granularityLabel, pageContext, pageData, sourceLine, twinMetadata, unitLine, viewUrl, type SearchParams } from '../../components/viewModel';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return twinMetadata(`/places/${(await params).code}`, searchParams);
}

/** The measures a place's table has a column for: each metric and unit shows its figures by the rule that fits them. */
const VALUE_MEASURES = ['flow', 'level', 'plan', 'distribution'] as const;

/** A row per metric and unit, its summaries by measure (attributes are only counted, below the table). */
function byMetricAndUnit(summaries: MetricSummary[]) {
  const rows = new Map<string, { metric: string; unit: string; measures: Map<string, MetricSummary>; figures: number; approximate: number }>();
  for (const t of summaries) {
    if (t.measure === 'attribute') continue;
    const key = `${t.metric}:${t.unit}`;
    const row = rows.get(key) ?? { metric: t.metric, unit: t.unit, measures: new Map(), figures: 0, approximate: 0 };
    row.measures.set(t.measure, t);
    row.figures += t.figures;
    row.approximate += t.approximate;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** A summary's value as its measure gives it: a sum, the latest level, a median with its range. */
function summaryValue(t: MetricSummary, lang: Lang) {
  if (t.value === null) return <span className="muted">—</span>;
  const range = t.low !== null && t.high !== null && t.low !== t.high ? ` (${formatValue(t.low, t.unit, lang)}–${formatValue(t.high, t.unit, lang)})` : '';
  return <span title={exactValue(t.value, t.unit, lang)} className={t.approximate ? 'approx' : undefined}>{formatValue(t.value, t.unit, lang)}{range}</span>;
}

export default async function PlacePage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }) {
  const { code, query, lang, s, db } = await pageContext(params, searchParams);
  const keepLang = first(query.lang) ? lang : undefined;
  const data = await pageData(() => placeData(db, code, toSearchParams(query)));
  const { place, filters, childLevel } = data;
  const names = new Map([[code, place.name]]);
  const dot = ' · ';
  const overviewHref = (p?: Pick) => viewUrl('/', filters, { pick: p ? pickParam(p) : undefined, granularity: p?.kind === 'period' && data.byPeriod.granularity !== 'month' ? data.byPeriod.granularity : undefined, lang: keepLang });
  const count = { metric: null, unit: null, measure: 'count' } as const;
  const attributes = data.metrics.filter((m) => m.measure === 'attribute').reduce((n, m) => n + m.figures, 0);

  return (
    <div>
      <p className="breadcrumbs" data-testid="place-breadcrumbs">
        <a href="/">{s.nav_overview}</a>
        {place.district && <> › <a href={`/places/${place.district.code}`}>{place.district.name}</a></>}
        {place.street && <> › <a href={`/places/${place.street.code}`}>{place.street.name}</a></>}
        {' › '}{place.name}
      </p>
      <h1>{place.name} <code className="muted">{code}</code></h1>
      <p><a href={overviewHref()}>{s.place_in_overview}</a></p>
      {childLevel && (
        <section className="card" aria-labelledby="children-heading">
          <h2 id="children-heading">{childLevel === 'street' ? s.place_children_streets : s.place_children_communities}</h2>
          <ul className="child-list" data-testid="place-children">
            {data.children.map((c) => (
              <li key={c.key ?? 'none'}>
                {c.key ? <a href={`/places/${c.key}`}>{c.label}</a> : <span className="muted">{childLevel === 'street' ? s.unplaced_street : s.unplaced_community}</span>}
                <span className="muted"> ({c.figures})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <FigureChart
        testId="place-month-chart"
        frame={{ title: `${place.name}${dot}${granularityLabel(data.byPeriod.granularity, lang)}（${s.place_over_time}）`, lines: [unitLine(count, lang), describeFilters(filters, lang, names)], source: sourceLine(filters, lang) }}
        bars={chartBars(data.byPeriod.buckets, { series: count, lang, kind: 'period', hrefOf: (p) => overviewHref(p) })}
        selectedKey={null}
        csvHref={viewUrl('/export/facts.csv', filters)}
        fileName={`civic-figures-${code}-by-${data.byPeriod.granularity}`}
        labels={chartLabels(lang, granularityLabel(data.byPeriod.granularity, lang), count)}
        lang={lang}
        note={data.byPeriod.coarser > 0 ? <>{fill(s.note_coarser, { n: data.byPeriod.coarser })}<a href={`/places/${code}?granularity=year${keepLang ? `&lang=${keepLang}` : ''}`}>{s.by_year}</a></> : null}
      />
      <section className="card" aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">{s.place_figures_by_metric}</h2>
        <div className="table-scroll">
          <table data-testid="place-metrics">
            <thead>
              <tr>
                <th scope="col">{s.metric}</th><th scope="col">{s.unit}</th>
                {VALUE_MEASURES.map((m) => <th key={m} scope="col" className="num">{measureLabel(m, lang)}</th>)}
                <th scope="col" className="num">{s.figures}</th><th scope="col" className="num">{s.approx}</th>
              </tr>
            </thead>
            <tbody>
              {byMetricAndUnit(data.metrics).map(({ metric, unit, measures, figures, approximate }) => (
                <tr key={`${metric}:${unit}`} data-metric={metric} data-unit={unit}>
                  <td><a href={viewUrl('/', { ...filters, metric: [metric] }, { unit, lang: keepLang })}>{metricLabel(metric, lang)}</a></td>
                  <td>{unitLabel(unit, lang)}</td>
                  {VALUE_MEASURES.map((m) => <td key={m} className="num" data-testid={`metric-${m}`}>{measures.has(m) ? summaryValue(measures.get(m)!, lang) : null}</td>)}
                  <CountCells figures={figures} approximate={approximate} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {attributes > 0 && <p className="muted">{fill(s.note_attributes, { n: attributes })}</p>}
      </section>
      <DataLinks pathname={`/places/${code}`} params={toSearchParams(query)} lang={lang} />
    </div>
  );
}
