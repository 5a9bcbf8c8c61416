// POST /api/articles: an editor adds articles — JSON {text, source, district, published, title, url}, or a
// multipart form with files (field `files`) and the same fields. Answers with what was extracted, or why not.
// POST /api/articles?preview=1 extracts the same way and answers with the figures, storing nothing.
import { getDb } from '../../../db/client';
import { BodyTooLarge, readBodyCapped, withBody } from '../../../lib/body';
import { requireEditor } from '../../../lib/auth';
import { ingestChecks } from '../../../lib/ingest/checks';
import { maxFileBytes } from '../../../lib/ingest/errors';
import { MAX_UPLOAD_FILES, SubmissionError, ingestSubmission, parseSubmissionFields, previewSubmission, type Submission } from '../../../lib/ingest/submission';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function error(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { 'cache-control': 'no-store' } });
}

/** The largest body each kind may have: one pasted text (JSON escapes may double it), or a full upload. */
function bodyLimit(type: string, fileLimit: number): number {
  return type.startsWith('multipart/form-data') ? fileLimit * MAX_UPLOAD_FILES + 1024 * 1024 : fileLimit * 2 + 1024 * 1024;
}

/** The body's bytes, refused (413) as soon as they pass the limit, declared or not (a chunked body). */
async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  try { return await readBodyCapped(request, max); } catch (e) {
    if (e instanceof BodyTooLarge) throw new SubmissionError(413, e.message);
    throw e;
  }
}

async function readSubmission(request: Request, fileLimit: number): Promise<Submission> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    const bytes = await readCapped(request, bodyLimit(type, fileLimit));
    let body: unknown;
    try { body = JSON.parse(new TextDecoder().decode(bytes)); } catch { throw new SubmissionError(400, 'the body is not valid JSON'); }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SubmissionError(400, 'the body must be a JSON object');
    return { fields: parseSubmissionFields(body as Record<string, unknown>), files: [] };
  }
  if (type.startsWith('multipart/form-data')) {
    const bytes = await readCapped(request, bodyLimit(type, fileLimit));
    let form: FormData;
    try {
      form = await withBody(request, bytes).formData();
    } catch { throw new SubmissionError(400, 'the multipart body cannot be read'); }
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
  const db = await getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  const limit = maxFileBytes();
  // refuse an oversize body before reading it (the limit per file, for as many files as an upload may hold)
  const max = bodyLimit((request.headers.get('content-type') ?? '').toLowerCase(), limit);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > max) return error(413, `the body is over ${Math.round(max / 1024 / 1024)} MB`);
  try {
    const submission = await readSubmission(request, limit);
    const preview = new URL(request.url).searchParams.get('preview');
    if (preview !== null && preview !== '0' && preview !== '1') return error(400, 'preview: must be 1 (or 0)');
    if (preview === '1') {
      const answer = await previewSubmission(db, submission, limit);
      return Response.json(answer.body, { status: answer.status, headers: { 'cache-control': 'no-store' } });
    }
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
