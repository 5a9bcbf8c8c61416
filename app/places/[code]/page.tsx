// A district, street or community: its figures by metric and over time, with links down to the
// places it contains and up to the ones it belongs to.
import { notFound } from 'next/navigation';
import { getDb } from '../../../db/client';
import { byMonth, byPlace, metricTotals, placeSummary, placesWithFigures, type Pick } from '../../../db/dashboard';
import type { Filters } from '../../../lib/filters';
import { exactValue, formatValue, strings, unitLabel } from '../../../lib/i18n';
import { metricLabel, requestLang } from '../../../lib/i18n-server';
import { FigureChart } from '../../components/FigureChart';
import { chartBars, chartLabels, describeFilters, first, pickParam, sourceLine, unitLine, viewUrl, type SearchParams } from '../../components/viewModel';

export const dynamic = 'force-dynamic';

export default async function PlacePage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }) {
  const { code } = await params;
  const query = await searchParams;
  const lang = await requestLang(query);
  const s = strings(lang);
  const keepLang = first(query.lang) ? lang : undefined;
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) notFound();
  const db = await getDb();
  const place = await placeSummary(db, code);
  if (!place) notFound();

  const filters: Filters = place.level === 'district' ? { district: code } : place.level === 'street' ? { street: code } : { community: code };
  const totals = await metricTotals(db, filters);
  const months = await byMonth(db, filters, null);
  const childLevel = place.level === 'district' ? 'street' : place.level === 'street' ? 'community' : null;
  const children = childLevel ? await byPlace(db, filters, childLevel, null) : [];
  const names = new Map([[code, place.name]]);
  const dot = ' · ';
  const overviewHref = (p?: Pick) => viewUrl('/', filters, { pick: p ? pickParam(p) : undefined, lang: keepLang });
  const childNames = childLevel ? new Map((await placesWithFigures(db, childLevel, code)).map((c) => [c.code, c.name])) : new Map<string, string>();

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
            {children.map((c) => (
              <li key={c.key ?? 'none'}>
                {c.key ? <a href={`/places/${c.key}`}>{childNames.get(c.key) ?? c.label}</a> : <span className="muted">{childLevel === 'street' ? s.unplaced_street : s.unplaced_community}</span>}
                <span className="muted"> ({c.figures})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <FigureChart
        testId="place-month-chart"
        frame={{ title: `${place.name}${dot}${s.place_over_time}`, lines: [unitLine(null, lang), describeFilters(filters, lang, names)], source: sourceLine(filters, lang) }}
        bars={chartBars(months, { unit: null, lang, kind: 'month', hrefOf: (p) => overviewHref(p) })}
        selectedKey={null}
        csvHref={viewUrl('/export/facts.csv', filters)}
        fileName={`civic-figures-${code}-by-month`}
        labels={chartLabels(lang, s.by_month, null)}
        lang={lang}
      />
      <section className="card" aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">{s.place_figures_by_metric}</h2>
        <div className="table-scroll">
          <table data-testid="place-metrics">
            <thead><tr><th scope="col">{s.metric}</th><th scope="col">{s.unit}</th><th scope="col" className="num">{s.sum}/{s.mean}</th><th scope="col" className="num">{s.figures}</th><th scope="col" className="num">{s.approx}</th></tr></thead>
            <tbody>
              {totals.map((t) => (
                <tr key={`${t.metric}:${t.unit}`}>
                  <td><a href={viewUrl('/', { ...filters, metric: t.metric }, { lang: keepLang })}>{metricLabel(t.metric, lang)}</a></td>
                  <td>{unitLabel(t.unit, lang)}</td>
                  <td className="num"><span title={exactValue(t.total, t.unit, lang)} className={t.approximate ? 'approx' : undefined}>{formatValue(t.total, t.unit, lang)}</span></td>
                  <td className="num">{t.figures}</td>
                  <td className="num">{t.approximate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
