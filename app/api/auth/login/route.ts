import { getDb } from '../../../../db/client';
import { clientAddress, safeReturnPath, sessionCookies, signIn } from '../../../../lib/auth';
import { isSameOrigin } from '../../../../lib/auth/origin';
import { BodyError, bodyErrorResponse, readSmallFields } from '../../../../lib/body';

/** A name, a password and a return path: anything larger is not a sign-in (and is not buffered). */
const MAX_BODY = 16 * 1024;

export const dynamic = 'force-dynamic';

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
}

/** Sign-in: a form post (name, password, next) redirects; a JSON post ({name, password}) gets JSON. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ error: 'cross-site request refused' }, { status: 403 });
  let body: { json: boolean; fields: Record<string, unknown> };
  try {
    body = await readSmallFields(request, MAX_BODY);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return bodyErrorResponse(error.status === 413 ? error : new BodyError(400, 'send a form or JSON with name and password'));
  }
  const wantsJson = body.json;
  const name = typeof body.fields.name === 'string' ? body.fields.name : '';
  const password = typeof body.fields.password === 'string' ? body.fields.password : '';
  const back = safeReturnPath(body.fields.next);
  const loginAgain = (error: string) => `/login?error=${error}${back !== '/' ? `&next=${encodeURIComponent(back)}` : ''}`;
  if (!name || !password) return wantsJson ? Response.json({ error: 'name and password are required' }, { status: 400 }) : redirect(loginAgain('missing'));

  const result = await signIn(await getDb(), name, password, clientAddress(request));
  if (result.ok) {
    const cookies = sessionCookies(request, result.sessionToken, result.csrfToken);
    if (!wantsJson) return redirect(back, cookies);
    const headers = new Headers({ 'cache-control': 'no-store' });
    for (const c of cookies) headers.append('set-cookie', c);
    return Response.json({ user: result.user, csrfToken: result.csrfToken }, { headers });
  }
  if (result.reason === 'rate_limited') {
    return wantsJson
      ? Response.json({ error: 'too many wrong passwords; try again later', retryAfterSeconds: result.retryAfterSeconds }, { status: 429, headers: { 'retry-after': String(result.retryAfterSeconds) } })
      : redirect(loginAgain('rate_limited'));
  }
  return wantsJson ? Response.json({ error: 'wrong name or password' }, { status: 401 }) : redirect(loginAgain('wrong'));
}
