'use client';
// The ingest form, in two steps: a preview (POST /api/articles?preview=1) lists the figures each article
// would give — metric, value, place, date — storing nothing; saving (POST /api/articles) then lists what was
// stored, each article linked, duplicates named by the article they repeat, or why a document was refused.
// A client component because it keeps the answers on the page.
import { useRef, useState, type FormEvent } from 'react';
import { fill, formatValue, strings, type Lang, type StringKey } from '../../lib/i18n';
import type { PreviewArticle, PreviewDocument, ShownArticle, ShownDocument, ShownFact } from '../../lib/ingest/submission';
import { roleLabel } from '../../lib/vocab/codes';
import styles from './ingest.module.css';

const REASONS: Record<string, StringKey> = {
  empty: 'reason_empty', binary: 'reason_binary', unsupported: 'reason_unsupported', 'too-large': 'reason_too_large', undecodable: 'reason_undecodable',
  'no-text-layer': 'reason_no_text_layer', unreadable: 'reason_unreadable', 'extraction-failed': 'reason_extraction_failed', 'storage-failed': 'reason_storage_failed',
};

type Answer = { documents?: ShownDocument[]; added?: number; duplicates?: number; failed?: number; figures?: number; error?: string };
type Preview = { preview?: true; documents?: PreviewDocument[]; figures?: number; error?: string };
/** Metric labels by key, in the page's language (the taxonomy lives on the server). */
export type MetricLabels = Record<string, string>;

const placeOf = (f: ShownFact) => [f.district, f.street, f.community].filter(Boolean).join(' ');

/** The article's text with each figure's span marked; overlapping spans keep the first. */
function Highlighted({ text, facts, lang, metrics }: { text: string; facts: ShownFact[]; lang: Lang; metrics: MetricLabels }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const f of [...facts].sort((a, b) => a.start - b.start)) {
    if (f.start < at || f.end > text.length) continue;
    if (f.start > at) parts.push(text.slice(at, f.start));
    const place = placeOf(f);
    parts.push(
      <mark key={f.id} className={styles.figure} data-testid="figure-highlight" data-metric={f.metric}
        title={`${metrics[f.metric] ?? f.metric} · ${formatValue(f.value, f.unit, lang)}${place ? ` · ${place}` : ''}${f.date ? ` · ${f.date}` : ''}`}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return <div className={styles.text}>{parts}</div>;
}

/** A stored article (or the one a duplicate repeats), linked, with its figures highlighted. */
function Article({ article, lang, metrics }: { article: ShownArticle; lang: Lang; metrics: MetricLabels }) {
  const s = strings(lang);
  const keep = lang === 'en' ? '?lang=en' : '';
  return (
    <article className={styles.article} data-testid="ingested-article">
      <h3>
        <a href={`/articles/${article.id}${keep}`} data-testid="stored-article-link">{article.title ?? s.ingest_untitled}</a>
        {article.duplicate && <span className={styles.badge} data-testid="duplicate-badge">{s.ingest_duplicate}</span>}
      </h3>
      <p className={styles.meta}>
        {article.source ? `${article.source} · ` : ''}{article.publishedOn ?? s.ingest_undated}
        {article.duplicate
          ? <> · <span data-testid="duplicate-of">{fill(s.ingest_duplicate_of, { id: article.duplicateOf?.id ?? article.id, title: article.duplicateOf?.title ?? article.title ?? s.ingest_untitled })}</span></>
          : <> · <span data-testid="article-figure-count">{article.facts.length}</span>{s.ingest_figures}</>}
      </p>
      {!article.duplicate && <Highlighted text={article.text} facts={article.facts} lang={lang} metrics={metrics} />}
    </article>
  );
}

/** An article as it would be stored: a table of its figures (metric, value, place, date, role). */
function PreviewedArticle({ article, lang, metrics }: { article: PreviewArticle; lang: Lang; metrics: MetricLabels }) {
  const s = strings(lang);
  return (
    <article className={styles.article} data-testid="preview-article">
      <h3>{article.title ?? s.ingest_untitled}</h3>
      <p className={styles.meta}>
        {article.publishedOn ?? s.ingest_undated} · <span data-testid="preview-figure-count">{article.facts.length}</span>{s.ingest_figures}
        {article.duplicateOf && <> · <span className={styles.badge} data-testid="preview-duplicate">{fill(s.ingest_duplicate_of, { id: article.duplicateOf.id, title: article.duplicateOf.title ?? s.ingest_untitled })}</span></>}
      </p>
      <div className="table-scroll">
        <table className="fact-table" data-testid="preview-table">
          <thead><tr><th scope="col">{s.text}</th><th scope="col">{s.metric}</th><th scope="col" className="num">{s.value}</th><th scope="col">{s.place}</th><th scope="col">{s.date}</th><th scope="col">{s.ingest_role}</th></tr></thead>
          <tbody>
            {article.facts.map((f) => (
              <tr key={f.id} data-testid="preview-figure" data-metric={f.metric}>
                <td>{f.text}</td>
                <td>{metrics[f.metric] ?? f.metric}</td>
                <td className="num">{formatValue(f.value, f.unit, lang)}</td>
                <td>{placeOf(f) || '—'}</td>
                <td className="nowrap">{f.date ?? '—'}</td>
                <td>{roleLabel(f.role, lang)}{f.cumulative ? ` · ${s.fact_cumulative}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

export function IngestForm({ csrfToken, lang = 'zh', metrics }: { csrfToken: string; lang?: Lang; metrics: MetricLabels }) {
  const s = strings(lang);
  const form = useRef<HTMLFormElement>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);

  async function post<T>(query: string): Promise<T | { error: string }> {
    try {
      const response = await fetch(`/api/articles${query}`, { method: 'POST', body: new FormData(form.current!), headers: { 'x-csrf-token': csrfToken } });
      return await response.json().catch(() => ({ error: fill(s.ingest_server_error, { status: response.status }) })) as T;
    } catch (error) {
      return { error: fill(s.ingest_network_error, { error: String(error) }) };
    }
  }

  // first step: what would be stored
  async function showPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setAnswer(null);
    setPreview(await post<Preview>('?preview=1'));
    setBusy(false);
  }

  // second step: store it, and list what was stored
  async function save() {
    setBusy(true);
    setAnswer(await post<Answer>(''));
    setPreview(null);
    setBusy(false);
  }

  const previewed = preview?.documents?.some((d) => d.status === 'preview') ?? false;
  return (
    <>
      <form ref={form} className={styles.form} onSubmit={showPreview} onChange={() => setPreview(null)} encType="multipart/form-data">
        <label className={styles.wide}>{s.ingest_text}<textarea name="text" rows={8} placeholder={s.ingest_text_placeholder} /></label>
        <label className={styles.wide}>{s.ingest_files}<input type="file" name="files" multiple accept=".txt,.md,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf" /></label>
        <label>{s.ingest_source}<input name="source" placeholder={s.ingest_source_placeholder} /></label>
        <label>{s.ingest_district}<input name="district" placeholder={s.ingest_district_placeholder} /></label>
        <label>{s.ingest_published}<input name="published" type="date" /></label>
        <label>{s.ingest_title_field}<input name="title" /></label>
        <label className={styles.wide}>{s.ingest_url}<input name="url" type="url" placeholder="https://" /></label>
        <button type="submit" disabled={busy} className={styles.button}>{busy ? s.ingest_busy : s.ingest_preview}</button>
      </form>
      {preview && (
        <section className={styles.results} data-testid="ingest-preview" aria-live="polite">
          {preview.error && <p role="alert" className={styles.error} data-testid="ingest-error">{preview.error}</p>}
          {previewed && <p data-testid="preview-summary">{fill(s.ingest_preview_summary, { figures: preview.figures ?? 0 })}</p>}
          {preview.documents?.map((doc, i) => (
            <div key={i} className={styles.document}>
              <h2 className={styles.label}>{doc.label}</h2>
              {doc.status === 'failed'
                ? <p className={styles.error} data-testid="document-failed">{REASONS[doc.reason] ? s[REASONS[doc.reason]] : doc.reason}{lang === 'zh' ? '：' : ': '}{doc.message}</p>
                : doc.articles.map((a, j) => <PreviewedArticle key={j} article={a} lang={lang} metrics={metrics} />)}
            </div>
          ))}
          {previewed && <button type="button" disabled={busy} className={styles.button} onClick={() => void save()} data-testid="ingest-save">{busy ? s.ingest_busy : s.ingest_submit}</button>}
        </section>
      )}
      {answer && (
        <section className={styles.results} data-testid="ingest-results" aria-live="polite">
          {answer.error && <p role="alert" className={styles.error} data-testid="ingest-error">{answer.error}</p>}
          {answer.added !== undefined && (
            <p data-testid="ingest-summary">{fill(s.ingest_summary, { added: answer.added, duplicates: answer.duplicates ?? 0, failed: answer.failed ?? 0, figures: answer.figures ?? 0 })}</p>
          )}
          {answer.documents?.map((doc, i) => (
            <div key={i} className={styles.document}>
              <h2 className={styles.label}>{doc.label}</h2>
              {doc.status === 'failed'
                ? <p className={styles.error} data-testid="document-failed">{REASONS[doc.reason] ? s[REASONS[doc.reason]] : doc.reason}{lang === 'zh' ? '：' : ': '}{doc.message}</p>
                : doc.articles.map((a) => <Article key={a.id} article={a} lang={lang} metrics={metrics} />)}
            </div>
          ))}
        </section>
      )}
    </>
  );
}
