// POST /api/articles: an editor adds articles — JSON {text, source, district, published, title, url}, or a
// multipart form with files (field `files`) and the same fields. Answers with what was extracted, or why not.
// The session and the request's origin are checked before the body is read; the body is read with caps as
// it arrives (lib/ingest/request.ts), and extraction runs on worker threads with a time budget.
import { getDb } from '../../../db/client';
import { CSRF_REFUSED, csrfMatches, editorForWrite } from '../../../lib/auth';
import { ingestChecks } from '../../../lib/ingest/checks';
import { maxFileBytes } from '../../../lib/ingest/errors';
import { readSubmissionRequest } from '../../../lib/ingest/request';
import { SubmissionError, ingestSubmission } from '../../../lib/ingest/submission';
import { publicMessage } from '../../../lib/http/messages';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function error(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { 'cache-control': 'no-store' } });
}

export async function POST(request: Request): Promise<Response> {
  const db = await getDb();
  const write = await editorForWrite(request, db);
  if (write instanceof Response) return write;
  const limit = maxFileBytes();
  try {
    const submission = await readSubmissionRequest(request, {
      fileLimit: limit, csrf: (token) => csrfMatches(write.csrfToken, token), csrfRefused: CSRF_REFUSED,
    });
    const checks = ingestChecks(db, (line) => console.warn(`POST /api/articles: ${line}`));
    const answer = await ingestSubmission(db, submission, { afterCommit: checks.afterCommit }, limit);
    await checks.finish();
    return Response.json(answer.body, { status: answer.status, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof SubmissionError) return error(e.status, e.message);
    console.error('POST /api/articles failed', e);
    return error(500, `ingestion failed: ${publicMessage(e)}`);
  }
}
