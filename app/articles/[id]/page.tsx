// An article in full, every figure highlighted (hover: metric and normalised value), and its figures.
import { notFound } from 'next/navigation';
import { getDb } from '../../../db/client';
import { articleDetail, articleFigures } from '../../../db/dashboard';
import { exactValue, strings } from '../../../lib/i18n';
import { metricLabel, requestLang } from '../../../lib/i18n-server';
import { FigureValue } from '../../components/FigureValue';
import { HighlightedText } from '../../components/HighlightedText';
import type { SearchParams } from '../../components/viewModel';
import { rowId } from '../../../lib/params';

export const dynamic = 'force-dynamic';

export default async function ArticlePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const lang = await requestLang(await searchParams);
  const s = strings(lang);
  const articleId = rowId(id);
  if (articleId === null) notFound();
  const db = await getDb();
  const article = await articleDetail(db, articleId);
  if (!article) notFound();
  const figures = await articleFigures(db, article.id);
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
                  <td><a href={`/facts/${f.id}`}>{f.text}</a>{f.reviewStatus !== 'unreviewed' && <span className={`badge ${f.reviewStatus}`}>{s[`status_${f.reviewStatus}` as 'status_verified'] ?? f.reviewStatus}</span>}</td>
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
    </article>
  );
}
