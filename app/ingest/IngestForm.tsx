'use client';
// The ingest form: posts to /api/articles and shows each stored article with its figures highlighted,
// or why a document was refused. A client component because it keeps the answer on the page.
import { useState, type FormEvent } from 'react';
import { fill, strings, unitLabel, type Lang, type StringKey } from '../../lib/i18n';
import type { ShownArticle, ShownDocument, ShownFact } from '../../lib/ingest/submission';
import styles from './ingest.module.css';

const REASONS: Record<string, StringKey> = {
  empty: 'reason_empty', binary: 'reason_binary', unsupported: 'reason_unsupported', 'too-large': 'reason_too_large', undecodable: 'reason_undecodable',
  'no-text-layer': 'reason_no_text_layer', unreadable: 'reason_unreadable', 'extraction-failed': 'reason_extraction_failed', 'storage-failed': 'reason_storage_failed',
};

type Answer = { documents?: ShownDocument[]; added?: number; duplicates?: number; failed?: number; figures?: number; error?: string };

/** The article's text with each figure's span marked; overlapping spans keep the first. */
function Highlighted({ text, facts, lang }: { text: string; facts: ShownFact[]; lang: Lang }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const f of [...facts].sort((a, b) => a.start - b.start)) {
    if (f.start < at || f.end > text.length) continue;
    if (f.start > at) parts.push(text.slice(at, f.start));
    const place = [f.district, f.street, f.community].filter(Boolean).join(' ');
    parts.push(
      <mark key={f.id} className={styles.figure} data-testid="figure-highlight" data-metric={f.metric}
        title={`${f.metric} · ${f.value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ${unitLabel(f.unit, lang)}${place ? ` · ${place}` : ''}${f.date ? ` · ${f.date}` : ''}`}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return <div className={styles.text}>{parts}</div>;
}

function Article({ article, lang }: { article: ShownArticle; lang: Lang }) {
  const s = strings(lang);
  return (
    <article className={styles.article} data-testid="ingested-article">
      <h3>
        {article.title ?? s.ingest_untitled}
        {article.duplicate && <span className={styles.badge} data-testid="duplicate-badge">{s.ingest_duplicate}</span>}
      </h3>
      <p className={styles.meta}>
        {article.source ? `${article.source} · ` : ''}{article.publishedOn ?? s.ingest_undated} · <span data-testid="article-figure-count">{article.facts.length}</span>{s.ingest_figures}
      </p>
      <Highlighted text={article.text} facts={article.facts} lang={lang} />
    </article>
  );
}

export function IngestForm({ csrfToken, lang = 'zh' }: { csrfToken: string; lang?: Lang }) {
  const s = strings(lang);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setAnswer(null);
    try {
      const response = await fetch('/api/articles', { method: 'POST', body: new FormData(event.currentTarget), headers: { 'x-csrf-token': csrfToken } });
      const body = await response.json().catch(() => ({ error: fill(s.ingest_server_error, { status: response.status }) }));
      setAnswer(body as Answer);
    } catch (error) {
      setAnswer({ error: fill(s.ingest_network_error, { error: String(error) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className={styles.form} onSubmit={submit} encType="multipart/form-data">
        <label className={styles.wide}>{s.ingest_text}<textarea name="text" rows={8} placeholder={s.ingest_text_placeholder} /></label>
        <label className={styles.wide}>{s.ingest_files}<input type="file" name="files" multiple accept=".txt,.md,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf" /></label>
        <label>{s.ingest_source}<input name="source" placeholder={s.ingest_source_placeholder} /></label>
        <label>{s.ingest_district}<input name="district" placeholder={s.ingest_district_placeholder} /></label>
        <label>{s.ingest_published}<input name="published" type="date" /></label>
        <label>{s.ingest_title_field}<input name="title" /></label>
        <label className={styles.wide}>{s.ingest_url}<input name="url" type="url" placeholder="https://" /></label>
        <button type="submit" disabled={busy} className={styles.button}>{busy ? s.ingest_busy : s.ingest_submit}</button>
      </form>
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
                : doc.articles.map((a) => <Article key={a.id} article={a} lang={lang} />)}
            </div>
          ))}
        </section>
      )}
    </>
  );
}
