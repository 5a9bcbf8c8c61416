// POST /api/facts/:id/review — an editor's decision on a figure. JSON {status, value?, unit?, metric?, reason?}
// with the X-CSRF-Token header answers JSON; the review form (fields of the same names + csrf_token)
// is redirected back to the page it came from.
import { getDb } from '../../../../../db/client';
import { requireEditor, safeReturnPath } from '../../../../../lib/auth';
import { BodyTooLarge, readBodyCapped, withBody } from '../../../../../lib/body';
import { ReviewError, parseReviewInput, reviewFact, reviewTrail } from '../../../../../lib/review';

export const dynamic = 'force-dynamic';

function withParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set(key, value);
  return `${url.pathname}${url.search}#review`;
}

// A decision is a few short fields; nothing larger is read into memory.
const REVIEW_BODY_MAX = 64 * 1024;

export async function POST(incoming: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  let request: Request;
  try {
    request = withBody(incoming, await readBodyCapped(incoming, REVIEW_BODY_MAX));
  } catch (error) {
    if (error instanceof BodyTooLarge) return Response.json({ error: error.message }, { status: 413 });
    throw error;
  }
  const db = await getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  const { id } = await params;
  if (!/^\d+$/.test(id)) return Response.json({ error: 'no such figure' }, { status: 404 });

  const isForm = !(request.headers.get('content-type') ?? '').includes('application/json');
  let raw: Record<string, unknown>;
  try {
    raw = isForm ? Object.fromEntries((await request.formData()).entries()) : await request.json();
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
  } catch {
    return Response.json({ error: 'send JSON {status, value, unit, metric, reason} or the review form' }, { status: 400 });
  }
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
