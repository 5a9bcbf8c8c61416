import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentEditor } from '../../lib/auth/server';
import { maxFileBytes } from '../../lib/ingest/errors';
import { MAX_UPLOAD_FILES } from '../../lib/ingest/submission';
import { IngestForm } from './IngestForm';
import styles from './ingest.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '导入文章 · 数说基层' };

export default async function IngestPage() {
  const editor = await currentEditor();
  if (!editor) redirect('/login?next=/ingest');
  return (
    <section className={styles.page}>
      <h1>导入文章</h1>
      <p className={styles.hint}>
        粘贴文章文本，或上传 .txt、.md、.html、.docx、.pdf 文件（UTF-8、GB18030/GBK、Big5 均可；每个文件不超过
        {' '}{Math.round(maxFileBytes() / 1024 / 1024)} MB，一次最多 {MAX_UPLOAD_FILES} 个）。同一篇文章只保存一次。
      </p>
      <IngestForm csrfToken={editor.csrfToken} />
    </section>
  );
}
