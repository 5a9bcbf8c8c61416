// POST /api/articles: an editor adds articles — JSON {text, source, district, published, title, url}, or a
// multipart form with files (field `files`) and the same fields. Answers with what was extracted, or why not.
import { getDb } from '../../../db/client';
import { requireEditor } from '../../../lib/auth';
import { ingestChecks } from '../../../lib/ingest/checks';
import { maxFileBytes } from '../../../lib/ingest/errors';
import { MAX_UPLOAD_FILES, SubmissionError, ingestSubmission, parseSubmissionFields, type Submission } from '../../../lib/ingest/submission';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function error(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { 'cache-control': 'no-store' } });
}

async function readSubmission(request: Request): Promise<Submission> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let body: unknown;
    try { body = await request.json(); } catch { throw new SubmissionError(400, 'the body is not valid JSON'); }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SubmissionError(400, 'the body must be a JSON object');
    return { fields: parseSubmissionFields(body as Record<string, unknown>), files: [] };
  }
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try { form = await request.formData(); } catch { throw new SubmissionError(400, 'the multipart body cannot be read'); }
    const raw: Record<string, string> = {};
    for (const key of ['text', 'source', 'district', 'published', 'title', 'url']) {
      const v = form.get(key);
      if (typeof v === 'string') raw[key] = v;
    }
    const uploads = [...form.getAll('files'), ...form.getAll('file')].filter((v): v is File => typeof v !== 'string' && Boolean(v.name || v.size));
    const files = await Promise.all(uploads.map(async (f) => ({ name: f.name || 'upload', bytes: new Uint8Array(await f.arrayBuffer()) })));
    return { fields: parseSubmissionFields(raw), files };
  }
  throw new SubmissionError(415, 'send application/json or multipart/form-data');
}

export async function POST(request: Request): Promise<Response> {
  const db = getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  const limit = maxFileBytes();
  // refuse an oversize body before reading it (the limit per file, for as many files as an upload may hold)
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit * MAX_UPLOAD_FILES + 1024 * 1024) return error(413, `the upload is over ${Math.round((limit * MAX_UPLOAD_FILES) / 1024 / 1024)} MB`);
  try {
    const submission = await readSubmission(request);
    const checks = ingestChecks(db, (line) => console.warn(`POST /api/articles: ${line}`));
    const answer = await ingestSubmission(db, submission, { afterCommit: checks.afterCommit }, limit);
    checks.finish();
    return Response.json(answer.body, { status: answer.status, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof SubmissionError) return error(e.status, e.message);
    console.error('POST /api/articles failed', e);
    return error(500, `ingestion failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
