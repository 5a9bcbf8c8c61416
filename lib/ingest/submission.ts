// The web's way in (POST /api/articles and the /ingest page): pasted text as JSON, or files and text as a
// multipart form. Documents are read and extracted on the worker threads of lib/ingest/pool.ts (never on the
// thread that answers requests), then stored in one transaction with a savepoint per document; the answer
// shows each article as stored, with its figures, or why a document was refused.
import { z } from 'zod';
import type { Sql } from '../../db/client';
import { storedArticle, storedFacts } from '../../db/ingest';
import { REJECT_REASONS, maxFileBytes, type RejectReason } from './errors';
import type { IngestItem, ItemOptions, ItemResult } from './items';
import { extractionPool } from './pool';
import { redactPaths } from '../http/messages';
import { writeDocuments, type DocumentOutcome, type WriteOptions } from './write';

/** At most this many files in one upload; a folder of thousands belongs to `figures ingest`. */
export const MAX_UPLOAD_FILES = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s); }, 'is not a real day');
const optionalText = (max: number) => z.string().trim().max(max).optional().nullable().transform((s) => s || null);

export const SUBMISSION_FIELDS = z.object({
  text: z.string().optional().nullable(),
  source: optionalText(200),
  district: optionalText(50),
  published: z.union([day, z.literal('')]).optional().nullable().transform((s) => s || null),
  title: optionalText(500),
  url: optionalText(2000).refine((u) => !u || /^https?:\/\//i.test(u), 'must be an http(s) address'),
});

export interface Submission {
  fields: z.infer<typeof SUBMISSION_FIELDS>;
  files: { name: string; bytes: Uint8Array }[];
}

export interface ShownFact {
  id: number; uid: string; start: number; end: number; text: string; value: number; unit: string; qualifier: string;
  metric: string; district: string | null; street: string | null; community: string | null; date: string | null;
}

export interface ShownArticle {
  id: number; title: string | null; publishedOn: string | null; source: string | null; duplicate: boolean;
  text: string; facts: ShownFact[];
}

export type ShownDocument =
  | { label: string; status: 'stored'; published: string | null; publishedFrom: string; articles: ShownArticle[] }
  | { label: string; status: 'failed'; reason: RejectReason; message: string };

export interface SubmissionAnswer {
  status: number;
  body: { documents: ShownDocument[]; added: number; duplicates: number; failed: number; figures: number } | { error: string; reason?: RejectReason; documents?: ShownDocument[] };
}

export class SubmissionError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** Parses JSON or multipart fields; throws SubmissionError (400) naming the field that is wrong. */
export function parseSubmissionFields(raw: Record<string, unknown>): Submission['fields'] {
  const parsed = SUBMISSION_FIELDS.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SubmissionError(400, `${String(issue.path[0] ?? 'body')}: ${issue.message}`);
  }
  return parsed.data;
}

async function show(db: Sql, outcome: DocumentOutcome): Promise<ShownDocument> {
  if (outcome.status === 'failed') return { ...outcome, message: redactPaths(outcome.message) };
  const articles: ShownArticle[] = [];
  for (const a of outcome.articles) {
    const row = await storedArticle(db, a.id);
    if (!row) continue;
    articles.push({ id: row.id, title: row.title, publishedOn: row.publishedOn, source: row.source, duplicate: a.duplicate, text: row.text, facts: await storedFacts(db, row.id) });
  }
  return { label: outcome.label, status: 'stored', published: outcome.published, publishedFrom: outcome.publishedFrom, articles };
}

/** How a document is read and extracted: on the web's worker pool, unless a caller says otherwise. */
export type Preparer = (item: IngestItem, options: ItemOptions) => Promise<ItemResult>;

const onPool: Preparer = (item, options) => extractionPool().run(item, options);

/** Stores a submission: every document is tried, the good ones are kept, each refusal says why. */
export async function ingestSubmission(db: Sql, submission: Submission, write: WriteOptions = {}, maxBytes = maxFileBytes(), prepare: Preparer = onPool): Promise<SubmissionAnswer> {
  const { fields, files } = submission;
  const items: IngestItem[] = files.map((f) => ({ kind: 'bytes', fileName: f.name, bytes: f.bytes }));
  if (fields.text?.trim()) items.push({ kind: 'text', label: fields.title ?? '粘贴的文本', text: fields.text, title: fields.title, url: fields.url });
  if (!items.length) return { status: 400, body: { error: 'nothing to ingest: send text or files', reason: 'empty' } };
  if (files.length > MAX_UPLOAD_FILES) return { status: 413, body: { error: `at most ${MAX_UPLOAD_FILES} files at a time; use figures ingest for folders`, reason: 'too-large' } };

  // with checks wanted (afterCommit), they are computed with the extraction and stored in the write's transaction
  const options: ItemOptions = { sourceName: fields.source, district: fields.district, published: fields.published, maxBytes, checks: Boolean(write.afterCommit) };
  // the pool's workers take the documents in parallel; the answer keeps their order
  const results: ItemResult[] = await Promise.all(items.map((item) => prepare(item, options)));
  const prepared = results.flatMap((r) => (r.ok ? [r.doc] : []));
  const written = prepared.length ? await writeDocuments(db, prepared, write) : [];
  let w = 0;
  const outcomes: DocumentOutcome[] = results.map((r) => (r.ok ? written[w++] : { label: r.label, status: 'failed', reason: r.reason, message: r.message }));
  const documents: ShownDocument[] = [];
  for (const o of outcomes) documents.push(await show(db, o));

  let added = 0, duplicates = 0, failed = 0, figures = 0;
  for (const d of documents) {
    if (d.status === 'failed') { failed++; continue; }
    for (const a of d.articles) {
      if (a.duplicate) duplicates++;
      else { added++; figures += a.facts.length; }
    }
  }
  if (failed === documents.length) {
    // nothing stored: answer with the status of the (first) reason, e.g. 413 for a file over the limit
    const first = documents[0] as Extract<ShownDocument, { status: 'failed' }>;
    return { status: REJECT_REASONS[first.reason], body: { error: `${first.label}: ${first.message}`, reason: first.reason, documents } };
  }
  return { status: added > 0 ? 201 : 200, body: { documents, added, duplicates, failed, figures } };
}
