import { getDb } from '../../../../db/client';
import { clientAddress, safeReturnPath, sessionCookies, signIn } from '../../../../lib/auth';
import { isSameOrigin } from '../../../../lib/auth/origin';

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
    if (wantsJson) {
      const body = await request.json() as Record<string, unknown>;
      name = String(body.name ?? ''); password = String(body.password ?? ''); next = body.next;
    } else {
      const form = await request.formData();
      name = String(form.get('name') ?? ''); password = String(form.get('password') ?? ''); next = form.get('next');
    }
  } catch {
    return Response.json({ error: 'send a form or JSON with name and password' }, { status: 400 });
  }
  const back = safeReturnPath(next);
  const loginAgain = (error: string) => `/login?error=${error}${back !== '/' ? `&next=${encodeURIComponent(back)}` : ''}`;
  if (!name || !password) return wantsJson ? Response.json({ error: 'name and password are required' }, { status: 400 }) : redirect(loginAgain('missing'));

  const result = await signIn(getDb(), name, password, clientAddress(request));
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
