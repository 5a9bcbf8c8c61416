// /sources — for editors: each source the crawler reads, its start addresses and schedule, its last crawl
// with counts and errors, and a "crawl now" button that starts a crawl in the server's background.
import type { Metadata } from 'next';
import { getDb } from '../../db/client';
import { crawlSourcesOverview, recentFailures } from '../../db/crawl';
import { currentEditor } from '../../lib/auth/server';
import { fill, strings, type StringKey } from '../../lib/i18n';
import { requestLang } from '../../lib/i18n-server';
import { STALE_RUN_MS } from '../../lib/crawl/policy';
import { CsrfField } from '../components/CsrfField';
import { first, type SearchParams } from '../components/viewModel';
import { RefreshWhileRunning } from './RefreshWhileRunning';
import styles from './sources.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '信息源 · 数说基层' };

/** An ISO timestamp as minutes, in UTC (the crawler's clock), readable in both languages. */
function when(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

const ERRORS_SHOWN = 5;

/** The sources with their latest failures; a run silent for longer than STALE_RUN_MS is shown interrupted (its process died; the next crawl releases it). */
async function loadSources(now: Date) {
  const db = await getDb();
  const sources = await crawlSourcesOverview(db);
  const failures = new Map(await Promise.all(sources.map(async (src) => [src.sourceId, await recentFailures(db, src.sourceId, ERRORS_SHOWN)] as const)));
  const statusOf = (run: { status: string; heartbeatAt: string } | null) =>
    run?.status === 'running' && now.getTime() - Date.parse(run.heartbeatAt) > STALE_RUN_MS ? 'interrupted' : run?.status ?? null;
  return { sources, failures, statusOf };
}

export default async function SourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const lang = await requestLang(params);
  const s = strings(lang);
  const editor = await currentEditor();
  if (!editor) {
    return (
      <section className="card">
        <h1>{s.sources_title}</h1>
        <p data-testid="sources-editors-only">{s.sources_editors_only} <a href="/login?next=/sources">{s.editor_sign_in}</a></p>
      </section>
    );
  }
  const { sources, failures, statusOf } = await loadSources(new Date());
  const running = sources.some((src) => statusOf(src.lastRun) === 'running');
  const flash = first(params.crawl);
  const word = (key: string) => (key in s ? s[key as StringKey] : key);

  return (
    <section className="card">
      <RefreshWhileRunning running={running} />
      <h1>{s.sources_title}</h1>
      <p className="note">{s.sources_hint}</p>
      {flash === 'started' && <p className={styles.flash} role="status" data-testid="crawl-started">{fill(s.sources_started, { run: first(params.run) ?? '' })}</p>}
      {flash === 'busy' && <p className="error" role="alert" data-testid="crawl-busy">{s.sources_busy}</p>}
      {flash === 'unknown' && <p className="error" role="alert">{s.sources_unknown}</p>}
      {!sources.length ? <p className="empty">{s.sources_none}</p> : (
        <div className="table-scroll">
          <table data-testid="sources-table">
            <thead>
              <tr>
                <th>{s.sources_name}</th><th>{s.sources_start}</th><th>{s.sources_schedule}</th><th className="num nowrap">{s.sources_articles}</th>
                <th>{s.sources_last}</th><th>{s.sources_errors}</th><th>{s.sources_action}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((src) => {
                const run = src.lastRun;
                const status = statusOf(run);
                const busy = status === 'running';
                return (
                  <tr key={src.sourceId} data-testid="source-row" data-source={src.name}>
                    <td>
                      <strong>{src.name}</strong>{src.district ? <span className="muted"> · {src.district}</span> : null}
                      <br /><a href={`/?source=${encodeURIComponent(src.name)}`} data-testid="source-figures">{s.sources_figures_link}</a>
                    </td>
                    <td><ul className={styles.urls}>{src.startUrls.map((u) => <li key={u}><a href={u} rel="noreferrer nofollow">{u}</a></li>)}</ul></td>
                    <td className="nowrap">
                      {word(`schedule_${src.schedule}`)}
                      {src.delaySeconds != null && <><br /><span className="muted">{fill(s.sources_delay, { s: src.delaySeconds })}</span></>}
                    </td>
                    <td className="num" data-testid="source-articles">{src.articles}</td>
                    <td data-testid="source-last-run">
                      {run ? (
                        <>
                          <span className={styles.status} data-status={status} data-testid="run-status">{word(`run_${status}`)}</span>{' '}
                          <span className="muted">{when(run.startedAt)}{run.finishedAt ? ` → ${when(run.finishedAt).slice(11)}` : ''}</span>
                          <div className={styles.counts} data-testid="run-counts">{fill(s.sources_counts, { added: run.added, figures: run.figures, unchanged: run.unchanged, duplicates: run.duplicates, skipped: run.skipped, failed: run.failed, pages: run.pages })}</div>
                          {run.message && <div className={styles.counts}>{run.message}</div>}
                        </>
                      ) : <span className="muted">{s.sources_never}</span>}
                    </td>
                    <td>
                      <ul className={styles.errors} data-testid="source-errors">
                        {(failures.get(src.sourceId) ?? []).map((f) => (
                          <li key={f.url}><code>{f.reason}{f.httpStatus ? ` ${f.httpStatus}` : ''}</code> {f.url}{f.message ? ` — ${f.message}` : ''}</li>
                        ))}
                      </ul>
                    </td>
                    <td className="nowrap">
                      <form method="post" action={`/api/sources/${src.sourceId}/crawl`}>
                        <CsrfField token={editor.csrfToken} />
                        <button type="submit" disabled={busy} data-testid="crawl-now">{busy ? s.sources_running : s.sources_crawl_now}</button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
