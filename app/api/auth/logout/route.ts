import { getDb } from '../../../../db/client';
import { requireEditor, safeReturnPath, signOut } from '../../../../lib/auth';

export const dynamic = 'force-dynamic';

/** Sign-out: a form post carrying the CSRF token (so another site cannot sign an editor out). */
export async function POST(request: Request): Promise<Response> {
  const db = await getDb();
  const editor = await requireEditor(request, db);
  if (editor instanceof Response) return editor;
  const form = await request.formData().catch(() => null);
  const headers = new Headers({ location: safeReturnPath(form?.get('next'), '/login'), 'cache-control': 'no-store' });
  for (const c of await signOut(request, db)) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
}
