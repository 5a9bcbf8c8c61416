import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentEditor } from '../../lib/auth/server';
import { fill, strings } from '../../lib/i18n';
import { requestLang } from '../../lib/i18n-server';
import { maxFileBytes } from '../../lib/ingest/errors';
import { extractionPool } from '../../lib/ingest/pool';
import { MAX_UPLOAD_FILES } from '../../lib/ingest/submission';
import { IngestForm } from './IngestForm';
import styles from './ingest.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '导入文章 · 数说基层' };

export default async function IngestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const editor = await currentEditor();
  if (!editor) redirect('/login?next=/ingest');
  // the extraction workers load while the editor picks files
  extractionPool().warm();
  const lang = await requestLang(await searchParams);
  const s = strings(lang);
  return (
    <section className={styles.page}>
      <h1>{s.ingest_title}</h1>
      <p className={styles.hint}>{fill(s.ingest_hint, { mb: Math.round(maxFileBytes() / 1024 / 1024), files: MAX_UPLOAD_FILES })}</p>
      <IngestForm csrfToken={editor.csrfToken} lang={lang} />
    </section>
  );
}
