import { getDb } from '../../../../db/client';
import { clientAddress, safeReturnPath, sessionCookies, signIn } from '../../../../lib/auth';
import { isSameOrigin } from '../../../../lib/auth/origin';
import { BodyTooLarge, readBodyCapped, withBody } from '../../../../lib/body';

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
  const wantsJson = (request.headers.get('content-type') ?? '').includes('application/json');
  if (!isSameOrigin(request)) return Response.json({ error: 'cross-site request refused' }, { status: 403 });
  let name = '', password = '', next: unknown = '/';
  try {
    const bytes = await readBodyCapped(request, MAX_BODY);
    if (wantsJson) {
      const body = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
      name = String(body.name ?? ''); password = String(body.password ?? ''); next = body.next;
    } else {
      const form = await withBody(request, bytes).formData();
      name = String(form.get('name') ?? ''); password = String(form.get('password') ?? ''); next = form.get('next');
    }
  } catch (e) {
    if (e instanceof BodyTooLarge) return Response.json({ error: e.message }, { status: 413 });
    return Response.json({ error: 'send a form or JSON with name and password' }, { status: 400 });
  }
  const back = safeReturnPath(next);
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
