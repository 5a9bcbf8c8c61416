import { getDb } from '../../../../db/client';
import { csrfProblem, editorForWrite, safeReturnPath, signOut } from '../../../../lib/auth';
import { BodyError, bodyErrorResponse, readSmallFields } from '../../../../lib/body';

export const dynamic = 'force-dynamic';

/** Sign-out: a form post carrying the CSRF token (so another site cannot sign an editor out). */
export async function POST(request: Request): Promise<Response> {
  const db = await getDb();
  const write = await editorForWrite(request, db);
  if (write instanceof Response) return write;
  let fields: Record<string, unknown> = {};
  try {
    if (request.headers.get('content-type')) ({ fields } = await readSmallFields(request, 16 * 1024));
  } catch (error) {
    if (error instanceof BodyError) return bodyErrorResponse(error);
    throw error;
  }
  const refused = csrfProblem(request, write.csrfToken, fields);
  if (refused) return refused;
  const headers = new Headers({ location: safeReturnPath(fields.next, '/login'), 'cache-control': 'no-store' });
  for (const c of await signOut(request, db)) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
}
