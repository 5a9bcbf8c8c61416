// /review — the editors' queue: unreviewed figures in failing checks first, then those whose metric the
// extractor was least sure of. Each row opens the figure's review desk (/review/:id).
import type { Metadata } from 'next';
import { getDb } from '../../db/client';
import { reviewQueue } from '../../db/review';
import { currentEditor } from '../../lib/auth/server';
import { fill, strings } from '../../lib/i18n';
import { metricLabel, requestLang } from '../../lib/i18n-server';
import { formatValue } from '../../lib/vocab/format';
import { parsePage, toSearchParams } from '../../lib/views/request';
import { EditorsOnly } from '../components/EditorsOnly';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '审核队列 · 数说基层' };

const PAGE_SIZE = 50;

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const lang = await requestLang(query);
  const s = strings(lang);
  const editor = await currentEditor();
  if (!editor) {
    return <section><h1>{s.queue_title}</h1><EditorsOnly lang={lang} what={s.queue_hint} next="/review" /></section>;
  }
  let page = 1;
  try { page = parsePage(toSearchParams(query)); } catch { page = 1; }
  const { rows, total } = await reviewQueue(await getDb(), PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const keepLang = query.lang === 'en' ? 'lang=en' : '';
  const href = (path: string, more = '') => `${path}${[more, keepLang].filter(Boolean).length ? `?${[more, keepLang].filter(Boolean).join('&')}` : ''}`;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <section>
      <h1>{s.queue_title}</h1>
      <p className="note">{s.queue_hint} {fill(s.queue_total, { n: total })}</p>
      {rows.length === 0 ? <p className="empty">{s.queue_empty}</p> : (
        <div className="table-scroll">
          <table className="fact-table" data-testid="review-queue">
            <thead><tr><th scope="col">{s.value}</th><th scope="col">{s.metric}</th><th scope="col" className="num">{s.queue_failing}</th><th scope="col" className="num">{s.queue_confidence}</th><th scope="col">{s.article}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-fact-id={r.id}>
                  <td><a href={href(`/review/${r.id}`)} data-testid="queue-link">{r.text}</a> <span className="muted">{formatValue(r.value, r.unit, lang)}</span></td>
                  <td>{metricLabel(r.metric, lang)}</td>
                  <td className="num" data-testid="queue-failing">{r.failingChecks || ''}</td>
                  <td className="num">{r.metricConfidence === null ? '—' : r.metricConfidence.toFixed(2)}</td>
                  <td><a href={href(`/articles/${r.articleId}`)}>{r.articleTitle ?? `#${r.articleId}`}</a>{r.date ? <span className="muted"> · {r.date}</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager">
          {page > 1 && <a href={href('/review', `page=${page - 1}`)}>{s.prev}</a>}
          <span>{fill(s.page_of, { page, pages })}</span>
          {page < pages && <a href={href('/review', `page=${page + 1}`)}>{s.next}</a>}
        </nav>
      )}
    </section>
  );
}
