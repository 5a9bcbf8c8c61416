// POST /api/facts/:id/review — an editor's decision on a figure. JSON {status, value?, unit?, metric?, reason?}
// with the X-CSRF-Token header answers JSON; the review form (fields of the same names + csrf_token)
// is redirected back to the page it came from.
import { getDb } from '../../../../../db/client';
import { csrfProblem, editorForWrite, safeReturnPath } from '../../../../../lib/auth';
import { BodyError, bodyErrorResponse, readSmallFields } from '../../../../../lib/body';
import { ReviewError, parseReviewInput, reviewFact, reviewTrail } from '../../../../../lib/review';

export const dynamic = 'force-dynamic';

function withParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set(key, value);
  return `${url.pathname}${url.search}#review`;
}

// A decision is a few short fields; nothing larger is read into memory.
const REVIEW_BODY_MAX = 64 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const db = await getDb();
  // nobody signed in, or another site: answered before a byte of the body is read
  const write = await editorForWrite(request, db);
  if (write instanceof Response) return write;
  let body: { json: boolean; fields: Record<string, unknown> };
  try {
    body = await readSmallFields(request, REVIEW_BODY_MAX);
  } catch (error) {
    if (error instanceof BodyError) return bodyErrorResponse(error.status === 415 ? new BodyError(415, 'send JSON {status, value, unit, metric, reason} or the review form') : error);
    throw error;
  }
  const refused = csrfProblem(request, write.csrfToken, body.fields);
  if (refused) return refused;
  const { editor } = write;
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) return Response.json({ error: 'no such figure' }, { status: 404 });

  const isForm = !body.json;
  const raw = body.fields;
  const back = safeReturnPath(raw.return_to, `/facts/${id}`);
  try {
    const outcome = await reviewFact(db, Number(id), editor, parseReviewInput(raw));
    if (isForm) return new Response(null, { status: 303, headers: { location: withParam(back, 'reviewed', String(outcome.eventId)) } });
    return Response.json({ ...outcome, trail: await reviewTrail(db, outcome.factId) }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof ReviewError)) throw error;
    if (isForm && error.status === 400) return new Response(null, { status: 303, headers: { location: withParam(back, 'review_error', error.message) } });
    return Response.json({ error: error.message, field: error.field }, { status: error.status });
  }
}
