// An article in full, every figure highlighted (hover: metric and normalised value), and its figures.
import type { Metadata } from 'next';

import { reviewStatusLabel } from '../../../lib/vocab/codes';
import { exactValue } from '../../../lib/vocab/format';
import { metricLabel } from '../../../lib/vocab/metrics';
import { articleData } from '../../../lib/views/article';
import { toSearchParams } from '../../../lib/views/request';
import { DataLinks } from '../../components/DataLinks';
import { FigureValue } from '../../components/FigureValue';
import { HighlightedText } from '../../components/HighlightedText';
import { pageContext, pageData, twinMetadata, type SearchParams } from '../../components/viewModel';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return twinMetadata(`/articles/${(await params).id}`, searchParams);
}

export default async function ArticlePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id, query, lang, s, db } = await pageContext(params, searchParams);
  const { article, figures } = await pageData(() => articleData(db, id, toSearchParams(query)));
  const sep = lang === 'zh' ? '：' : ': ';

  return (
    <article>
      <p className="breadcrumbs"><a href="/">{s.nav_overview}</a> › {article.source ?? '—'}</p>
      <h1>{article.title ?? `#${article.id}`}</h1>
      <p className="muted">
        {article.source ?? '—'} · {s.published}{sep}{article.publishedOn ?? '—'}
        {article.issue ? ` · ${s.issue}${sep}${article.issue}` : ''}{article.page ? ` · ${s.page}${sep}${article.page}` : ''}
        {article.url ? <> · <a href={article.url} rel="noreferrer">{s.link}</a></> : null}
      </p>
      <section className="card" aria-labelledby="text-heading">
        <h2 id="text-heading">{s.article_full_text}</h2>
        <HighlightedText
          text={article.text}
          highlights={figures.map((f) => ({
            start: f.start, end: f.end, href: `/facts/${f.id}`,
            title: `${metricLabel(f.metric, lang)}${sep}${exactValue(f.value, f.unit, lang)}`,
          }))}
        />
      </section>
      <section className="card" aria-labelledby="figures-heading">
        <h2 id="figures-heading">{s.article_figures} <span className="muted">({figures.length})</span></h2>
        <div className="table-scroll">
          <table data-testid="article-figures">
            <thead><tr><th scope="col">{s.text}</th><th scope="col">{s.metric}</th><th scope="col" className="num">{s.value}</th><th scope="col">{s.place}</th><th scope="col">{s.date}</th></tr></thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.id}>
                  <td><a href={`/facts/${f.id}`}>{f.text}</a>{f.reviewStatus !== 'unreviewed' && <span className={`badge ${f.reviewStatus}`}>{reviewStatusLabel(f.reviewStatus, lang)}</span>}</td>
                  <td>{metricLabel(f.metric, lang)}</td>
                  <td className="num"><FigureValue value={f.value} unit={f.unit} qualifier={f.qualifier} lang={lang} /></td>
                  <td>{f.community ?? f.street ?? f.district ?? '—'}</td>
                  <td className="nowrap">{f.date ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <DataLinks pathname={`/articles/${article.id}`} params={toSearchParams(query)} lang={lang} />
    </article>
  );
}
