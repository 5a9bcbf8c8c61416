// One figure, traceable: its value, place and date, the article with the figure highlighted in its
// sentence, a ready citation, and the checks on it.
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getDb } from '../../../db/client';
import { factDetail } from '../../../db/dashboard';
import { exactValue, fill, qualifierLabel, strings, type Lang } from '../../../lib/i18n';
import { metricLabel, requestLang } from '../../../lib/i18n-server';
import { FactChecks } from '../../components/FactChecks';
import { FigureValue } from '../../components/FigureValue';
import { HighlightedText } from '../../components/HighlightedText';
import { ReviewPanel } from '../../components/ReviewPanel';
import type { SearchParams } from '../../components/viewModel';
import { rowId } from '../../../lib/params';

export const dynamic = 'force-dynamic';

function provenance(kind: string, lang: Lang): string {
  const s = strings(lang);
  return kind === 'stated' ? s.fact_provenance_stated : kind === 'inherited' ? s.fact_provenance_inherited : s.fact_provenance_default;
}

export default async function FactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const query = await searchParams;
  const lang = await requestLang(query);
  const s = strings(lang);
  const factId = rowId(id);
  if (factId === null) notFound();
  const fact = await factDetail(await getDb(), factId);
  if (!fact) notFound();

  const sep = lang === 'zh' ? '：' : ': ';
  const place = [fact.district, fact.street, fact.community].filter(Boolean).join(' ');
  const host = (await headers()).get('host');
  const proto = (await headers()).get('x-forwarded-proto') ?? 'http';
  const permalink = host ? `${proto}://${host}/facts/${fact.id}` : `/facts/${fact.id}`;
  const title = fact.articleTitle ?? `#${fact.articleId}`;
  const citation = lang === 'zh'
    ? `${fact.source ?? '来源不详'}，${fact.publishedOn ?? '日期不详'}${fact.issue ? `，第${fact.issue}期` : ''}，《${title}》${fact.url ? `，${fact.url}` : ''}。数字“${fact.text}”见：${permalink}`
    : `${fact.source ?? 'Unknown source'}, ${fact.publishedOn ?? 'undated'}${fact.issue ? `, issue ${fact.issue}` : ''}, “${title}”${fact.url ? `, ${fact.url}` : ''}. Figure “${fact.text}”: ${permalink}`;
  const sentence = fact.articleText.slice(fact.sentenceStart, fact.sentenceEnd);
  const corrected = fact.reviewStatus === 'corrected' && fact.value !== fact.originalValue;

  return (
    <article className="fact-page">
      <p className="breadcrumbs"><a href="/">{s.nav_overview}</a> › <a href={`/articles/${fact.articleId}`}>{title}</a> › {s.fact_title} #{fact.id}</p>
      <h1>{metricLabel(fact.metric, lang)}{sep}<span className="big-value" data-testid="fact-value"><FigureValue value={fact.value} unit={fact.unit} qualifier={fact.qualifier} lang={lang} /></span>
        {fact.reviewStatus !== 'unreviewed' && <span className={`badge ${fact.reviewStatus}`}>{s[`status_${fact.reviewStatus}` as 'status_verified'] ?? fact.reviewStatus}</span>}
      </h1>
      {fact.reviewStatus === 'rejected' && <p className="error">{s.fact_rejected}</p>}
      <section className="card">
        <dl className="fact-facts">
          <dt>{s.fact_value}</dt><dd>{fact.text}{corrected && <> · {fill(s.fact_corrected, { value: exactValue(fact.originalValue, fact.unit, lang) })}</>}</dd>
          <dt>{s.fact_exact}</dt><dd>{exactValue(fact.value, fact.unit, lang)}{fact.low !== null && fact.high !== null ? ` (${fact.low}–${fact.high})` : ''}{fact.cumulative ? ` · ${s.fact_cumulative}` : ''}</dd>
          <dt>{s.fact_qualifier}</dt><dd>{qualifierLabel(fact.qualifier, lang)}</dd>
          <dt>{s.fact_metric}</dt><dd><a href={`/?metric=${fact.metric}`}>{metricLabel(fact.metric, lang)}</a> <code>{fact.metric}</code>{fact.correctedMetric ? ` → ${metricLabel(fact.correctedMetric, lang)}` : ''}{parseCues(fact.cues).length ? <span className="muted"> · {s.fact_cues}{sep}{parseCues(fact.cues).join('、')}</span> : null}</dd>
          <dt>{s.fact_place}</dt>
          <dd data-testid="fact-place">
            {fact.districtCode && <><a href={`/places/${fact.districtCode}`}>{fact.district}</a> <code>{fact.districtCode}</code> </>}
            {fact.streetCode && <>› <a href={`/places/${fact.streetCode}`}>{fact.street}</a> <code>{fact.streetCode}</code> </>}
            {fact.communityCode && <>› <a href={`/places/${fact.communityCode}`}>{fact.community}</a> <code>{fact.communityCode}</code></>}
            {!place && '—'}
            <span className="muted"> · {provenance(fact.placeProvenance, lang)}</span>
          </dd>
          <dt>{s.fact_date}</dt><dd>{fact.date ?? '—'}{fact.datePrecision ? ` (${fact.datePrecision})` : ''}<span className="muted"> · {provenance(fact.dateProvenance, lang)}</span></dd>
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
