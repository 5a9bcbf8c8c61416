// One figure, traceable: its value, place and date, the article with the figure highlighted in its
// sentence, a ready citation, and the checks on it.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { fill } from '../../../lib/i18n';
import { publicBaseOfHeaders } from '../../../lib/public-url';
import { dateProvenanceLabel, provenanceLabel, qualifierLabel, reviewStatusLabel, roleLabel } from '../../../lib/vocab/codes';
import { periodLabel, precisionLabel } from '../../../lib/vocab/dates';
import { exactValue, formatValue } from '../../../lib/vocab/format';
import { metricLabel } from '../../../lib/vocab/metrics';
import { metricReason } from '../../../lib/vocab/facets';
import { factData, metricDecisionOf } from '../../../lib/views/fact';
import { toSearchParams } from '../../../lib/views/request';
import { DataLinks } from '../../components/DataLinks';
import { FactChecks } from '../../components/FactChecks';
import { FigureValue } from '../../components/FigureValue';
import { HighlightedText } from '../../components/HighlightedText';
import { ReviewPanel } from '../../components/ReviewPanel';
import { pageContext, pageData, twinMetadata, type SearchParams } from '../../components/viewModel';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return twinMetadata(`/facts/${(await params).id}`, searchParams);
}

export default async function FactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id, query, lang, s, db } = await pageContext(params, searchParams);
  const data = await pageData(() => factData(db, id, toSearchParams(query)));
  const fact = data.detail;

  const sep = lang === 'zh' ? '：' : ': ';
  const place = [fact.district, fact.street, fact.community].filter(Boolean).join(' ');
  const permalink = `${publicBaseOfHeaders(new Headers(await headers()))}/facts/${fact.id}`;
  const title = fact.articleTitle ?? `#${fact.articleId}`;
  const citation = lang === 'zh'
    ? `${fact.source ?? '来源不详'}，${fact.publishedOn ?? '日期不详'}${fact.issue ? `，第${fact.issue}期` : ''}，《${title}》${fact.url ? `，${fact.url}` : ''}。数字“${fact.text}”见：${permalink}`
    : `${fact.source ?? 'Unknown source'}, ${fact.publishedOn ?? 'undated'}${fact.issue ? `, issue ${fact.issue}` : ''}, “${title}”${fact.url ? `, ${fact.url}` : ''}. Figure “${fact.text}”: ${permalink}`;
  const sentence = fact.articleText.slice(fact.sentenceStart, fact.sentenceEnd);
  // the figure leads with its effective value; a correction says what it replaced, and only what it changed
  const corrected = fact.reviewStatus === 'corrected';
  const valueChanged = corrected && (fact.value !== fact.originalValue || fact.unit !== fact.originalUnit);
  const metricChanged = corrected && fact.metric !== fact.originalMetric;

  return (
    <article className="fact-page">
      <p className="breadcrumbs"><a href="/">{s.nav_overview}</a> › <a href={`/articles/${fact.articleId}`}>{title}</a> › {s.fact_title} #{fact.id}</p>
      <h1>{metricLabel(fact.metric, lang)}{sep}<span className="big-value" data-testid="fact-value"><FigureValue value={fact.value} unit={fact.unit} qualifier={fact.qualifier} lang={lang} /></span>
        {fact.reviewStatus !== 'unreviewed' && <span className={`badge ${fact.reviewStatus}`}>{reviewStatusLabel(fact.reviewStatus, lang)}</span>}
      </h1>
      {fact.reviewStatus === 'rejected' && <p className="error">{s.fact_rejected}</p>}
      <section className="card">
        <dl className="fact-facts">
          <dt>{s.fact_value}</dt>
          <dd data-testid="fact-effective"><FigureValue value={fact.value} unit={fact.unit} qualifier={fact.qualifier} lang={lang} />
            {valueChanged && <span data-testid="fact-original"> · {fill(s.fact_corrected, { value: formatValue(fact.originalValue, fact.originalUnit, lang) })}</span>}</dd>
          <dt>{s.fact_as_written}</dt><dd data-testid="fact-as-written">{fact.text}</dd>
          <dt>{s.fact_exact}</dt><dd>{exactValue(fact.value, fact.unit, lang)}{fact.low !== null && fact.high !== null ? ` (${fact.low}–${fact.high})` : ''}{fact.cumulative ? ` · ${s.fact_cumulative}` : ''}{fact.role !== 'measured' ? ` · ${roleLabel(fact.role, lang)}` : ''}</dd>
          <dt>{s.fact_qualifier}</dt><dd>{qualifierLabel(fact.qualifier, lang)}</dd>
          <dt>{s.fact_metric}</dt><dd data-testid="fact-metric">{metricChanged && <><s>{metricLabel(fact.originalMetric, lang)}</s> → </>}<a href={`/?metric=${fact.metric}`}>{metricLabel(fact.metric, lang)}</a>{lang === 'en' && <> <code>{fact.metric}</code></>}{parseCues(fact.cues).length ? <span className="muted"> · {s.fact_cues}{sep}{parseCues(fact.cues).join('、')}</span> : null}</dd>
          <dt>{s.fact_why}</dt><dd data-testid="fact-why">{metricReason(metricDecisionOf(data.row, lang), lang)}</dd>
          <dt>{s.fact_place}</dt>
          <dd data-testid="fact-place">
            {fact.districtCode && <><a href={`/places/${fact.districtCode}`}>{fact.district}</a> <code>{fact.districtCode}</code> </>}
            {fact.streetCode && <>› <a href={`/places/${fact.streetCode}`}>{fact.street}</a> <code>{fact.streetCode}</code> </>}
            {fact.communityCode && <>› <a href={`/places/${fact.communityCode}`}>{fact.community}</a> <code>{fact.communityCode}</code></>}
            {!place && '—'}
            <span className="muted"> · {provenanceLabel(fact.placeProvenance, lang)}</span>
          </dd>
          <dt>{s.fact_date}</dt><dd data-testid="fact-date">{!fact.period || !fact.datePrecision || fact.datePrecision === 'day' ? fact.date ?? '—' : <>{periodLabel(fact.period, lang)}<span className="muted"> ({precisionLabel(fact.datePrecision, lang)}, {fact.date})</span></>}<span className="muted" data-testid="date-provenance"> · {dateProvenanceLabel(fact.dateProvenance, lang)}</span></dd>
          <dt>{s.fact_sentence}</dt><dd><q>{sentence}</q></dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="citation-heading">
        <h2 id="citation-heading">{s.fact_citation}</h2>
        <p className="citation" data-testid="citation">{citation}</p>
      </section>
      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{s.fact_checks}</h2>
        <FactChecks factId={fact.id} lang={lang} />
      </section>
      <section className="card" aria-labelledby="review-heading">
        <h2 id="review-heading">{s.fact_review}</h2>
        <ReviewPanel factId={fact.id} lang={lang} returnTo={`/facts/${fact.id}`}
          flash={{ reviewed: first(query.reviewed), error: first(query.review_error) }} />
      </section>
      <section className="card" aria-labelledby="article-heading">
        <h2 id="article-heading">{s.fact_article}</h2>
        <p className="muted">{fact.source} · {fact.publishedOn ?? '—'} · <a href={`/articles/${fact.articleId}`}>{title}</a></p>
        <HighlightedText
          text={fact.articleText}
          sentence={{ start: fact.sentenceStart, end: fact.sentenceEnd }}
          highlights={[{ start: fact.start, end: fact.end, title: `${metricLabel(fact.metric, lang)}${sep}${exactValue(fact.value, fact.unit, lang)}`, current: true, id: 'figure' }]}
        />
      </section>
      <DataLinks pathname={`/facts/${fact.id}`} params={toSearchParams(query)} lang={lang} />
    </article>
  );
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function parseCues(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
