// /review/:id — an editor's desk for one figure: its sentence, the checks it takes part in, the review
// form and trail. The fact page (/facts/:id) shows the same components among everything else.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '../../../db/client';
import { figureInContext } from '../../../db/review';
import { fill, strings } from '../../../lib/i18n';
import { requestLang } from '../../../lib/i18n-server';
import { FactChecks } from '../../components/FactChecks';
import { ReviewPanel } from '../../components/ReviewPanel';
import { rowId } from '../../../lib/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '审核 · 数说基层' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const factId = rowId(id);
  if (factId === null) notFound();
  const figure = await figureInContext(await getDb(), factId);
  if (!figure) notFound();
  const query = await searchParams;
  const lang = await requestLang(query);
  const s = strings(lang);
  return (
    <article>
      <p><a href={`/facts/${figure.id}`}>{fill(s.review_figure, { id: figure.id })}</a> · <a href={`/articles/${figure.articleId}`}>{figure.articleTitle ?? fill(s.review_article, { id: figure.articleId })}</a></p>
      <h1>{s.review_title}<span data-testid="review-figure">{figure.text}</span></h1>
      <p><q>{figure.sentence}</q></p>
      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading">{s.fact_checks}</h2>
        <FactChecks factId={figure.id} lang={lang} />
      </section>
      <section aria-labelledby="review-heading">
        <h2 id="review-heading">{s.fact_review}</h2>
        <ReviewPanel factId={figure.id} lang={lang} returnTo={`/review/${figure.id}`} flash={{ reviewed: one(query.reviewed), error: one(query.review_error) }} />
      </section>
    </article>
  );
}
