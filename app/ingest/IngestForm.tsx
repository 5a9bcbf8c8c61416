'use client';
// The ingest form: posts to /api/articles and shows each stored article with its figures highlighted,
// or why a document was refused. A client component because it keeps the answer on the page.
import { useState, type FormEvent } from 'react';
import type { ShownArticle, ShownDocument, ShownFact } from '../../lib/ingest/submission';
import styles from './ingest.module.css';

const REASONS: Record<string, string> = {
  empty: '没有文本', binary: '不是文本文件', unsupported: '不支持的格式', 'too-large': '文件过大', undecodable: '无法识别的编码',
  'no-text-layer': 'PDF 没有文本层（扫描件？）', unreadable: '文件已损坏或无法读取', 'extraction-failed': '提取失败', 'storage-failed': '保存失败',
};
const UNITS: Record<string, string> = { CNY: '元', count: '个', percent: '%', m2: '平方米', mu: '亩', ha: '公顷', km2: '平方公里', m3: '立方米', m: '米', km: '公里', t: '吨', kg: '千克' };

type Answer = { documents?: ShownDocument[]; added?: number; duplicates?: number; failed?: number; figures?: number; error?: string };

/** The article's text with each figure's span marked; overlapping spans keep the first. */
function Highlighted({ text, facts }: { text: string; facts: ShownFact[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const f of [...facts].sort((a, b) => a.start - b.start)) {
    if (f.start < at || f.end > text.length) continue;
    if (f.start > at) parts.push(text.slice(at, f.start));
    const place = [f.district, f.street, f.community].filter(Boolean).join(' ');
    parts.push(
      <mark key={f.id} className={styles.figure} data-testid="figure-highlight" data-metric={f.metric}
        title={`${f.metric} · ${f.value.toLocaleString('zh-CN')} ${UNITS[f.unit] ?? f.unit}${place ? ` · ${place}` : ''}${f.date ? ` · ${f.date}` : ''}`}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return <div className={styles.text}>{parts}</div>;
}

function Article({ article }: { article: ShownArticle }) {
  return (
    <article className={styles.article} data-testid="ingested-article">
      <h3>
        {article.title ?? '（无标题）'}
        {article.duplicate && <span className={styles.badge} data-testid="duplicate-badge">重复，已有此文</span>}
      </h3>
      <p className={styles.meta}>
        {article.source ? `${article.source} · ` : ''}{article.publishedOn ?? '日期不详'} · <span data-testid="article-figure-count">{article.facts.length}</span> 个数字
      </p>
      <Highlighted text={article.text} facts={article.facts} />
    </article>
  );
}

export function IngestForm({ csrfToken }: { csrfToken: string }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setAnswer(null);
    try {
      const response = await fetch('/api/articles', { method: 'POST', body: new FormData(event.currentTarget), headers: { 'x-csrf-token': csrfToken } });
      const body = await response.json().catch(() => ({ error: `服务器返回 ${response.status}` }));
      setAnswer(body as Answer);
    } catch (error) {
      setAnswer({ error: `无法连接服务器：${String(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className={styles.form} onSubmit={submit} encType="multipart/form-data">
        <label className={styles.wide}>文章文本<textarea name="text" rows={8} placeholder="粘贴一篇或一版新闻…" /></label>
        <label className={styles.wide}>文件<input type="file" name="files" multiple accept=".txt,.md,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf" /></label>
        <label>来源<input name="source" placeholder="如：上城报" /></label>
        <label>区县<input name="district" placeholder="如：上城区" /></label>
        <label>发布日期<input name="published" type="date" /></label>
        <label>标题<input name="title" /></label>
        <label className={styles.wide}>原文链接<input name="url" type="url" placeholder="https://" /></label>
        <button type="submit" disabled={busy} className={styles.button}>{busy ? '正在提取…' : '提取并保存'}</button>
      </form>
      {answer && (
        <section className={styles.results} data-testid="ingest-results" aria-live="polite">
          {answer.error && <p role="alert" className={styles.error} data-testid="ingest-error">{answer.error}</p>}
          {answer.added !== undefined && (
            <p data-testid="ingest-summary">新增 {answer.added} 篇，重复 {answer.duplicates} 篇，失败 {answer.failed} 个，共 {answer.figures} 个数字。</p>
          )}
          {answer.documents?.map((doc, i) => (
            <div key={i} className={styles.document}>
              <h2 className={styles.label}>{doc.label}</h2>
              {doc.status === 'failed'
                ? <p className={styles.error} data-testid="document-failed">{REASONS[doc.reason] ?? doc.reason}：{doc.message}</p>
                : doc.articles.map((a) => <Article key={a.id} article={a} />)}
            </div>
          ))}
        </section>
      )}
    </>
  );
}
