// POST /api/sources/:id/crawl — an editor starts a crawl of a source now. It runs in the server's background
// (lib/crawl/jobs); the answer comes at once: 202 {runId} (a form post is sent back to /sources), 409 when
// the source is already being crawled, 404 for no such source.
import { getDb } from '../../../../../db/client';
import { csrfProblem, editorForWrite } from '../../../../../lib/auth';
import { BodyError, bodyErrorResponse, readSmallFields } from '../../../../../lib/body';
import { startSourceCrawl } from '../../../../../lib/crawl/jobs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The form carries only its CSRF token. */
const MAX_BODY = 16 * 1024;

function answer(request: Request, status: number, body: Record<string, unknown>, flash: string): Response {
  const fromForm = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded');
  if (fromForm) {
    const query = new URLSearchParams({ crawl: flash, ...(body.runId ? { run: String(body.runId) } : {}) });
    return new Response(null, { status: 303, headers: { location: `/sources?${query}`, 'cache-control': 'no-store' } });
  }
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const db = await getDb();
  // nobody signed in, or another site: answered before a byte of the body is read
  const write = await editorForWrite(request, db);
  if (write instanceof Response) return write;
  let fields: Record<string, unknown> | null = null;
  if (request.headers.get('content-type')) {
    try {
      fields = (await readSmallFields(request, MAX_BODY)).fields;
    } catch (error) {
      if (error instanceof BodyError) return bodyErrorResponse(error);
      throw error;
    }
  }
  const refused = csrfProblem(request, write.csrfToken, fields);
  if (refused) return refused;
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return answer(request, 404, { error: 'no such source' }, 'unknown');
  const started = await startSourceCrawl(db, Number(id));
  if (started.status === 'unknown-source') return answer(request, 404, { error: 'no such source' }, 'unknown');
  if (started.status === 'busy') return answer(request, 409, { error: 'a crawl of this source is running; try again when it ends' }, 'busy');
  return answer(request, 202, { status: 'started', runId: started.runId }, 'started');
}
