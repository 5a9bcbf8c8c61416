// Editors: who may change data. Sessions live in the database; the browser holds a random token in an
// httpOnly, SameSite=Lax cookie, and every write must also carry the session's CSRF token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../../db/client';
import { getDb } from '../../db/client';
import {
  deleteExpiredSessions, deleteSession, insertSession, pruneSignInAttempts, recentFailures, recordSignInAttempt,
  sessionUser, userByName, type SessionUser,
} from '../../db/auth';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, isHttps, readCookie, serializeCookie } from './cookies';
import { UNSAFE_METHODS, isSameOrigin } from './origin';
import { UNMATCHABLE_HASH, verifyPassword } from './password';

export { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE } from './cookies';
export type { SessionUser } from '../../db/auth';

export interface Editor { id: number; name: string }

const SESSION_SECONDS = 7 * 24 * 3600;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function json(status: number, body: object, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** The signed-in user behind a session token (the cookie's value), or null. */
export async function userForSessionToken(db: Sql, token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!token) return null;
  return (await sessionUser(db, hashToken(token), now.toISOString())) ?? null;
}

/** The signed-in user of a request, or null; no CSRF check (for reads). */
export async function editorOf(request: Request, db?: Sql): Promise<SessionUser | null> {
  return userForSessionToken(db ?? await getDb(), readCookie(request.headers.get('cookie'), SESSION_COOKIE));
}

/** The CSRF token a write carries: the X-CSRF-Token header, else the csrf_token field of a submitted form. */
async function submittedCsrfToken(request: Request): Promise<string | undefined> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return undefined;
  try {
    const field = (await request.clone().formData()).get(CSRF_FIELD);
    return typeof field === 'string' ? field : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The editor making this request, or the Response to return instead: 401 when nobody is signed in,
 * 403 when a write comes from another site or without the session's CSRF token. Route handlers:
 *   const editor = await requireEditor(request); if (editor instanceof Response) return editor;
 * A form reaching a handler through this keeps its body readable (the check reads a clone).
 */
export async function requireEditor(request: Request, db?: Sql): Promise<Editor | Response> {
  const user = await editorOf(request, db);
  if (!user) return json(401, { error: 'sign in as an editor first', signIn: '/login' });
  if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
    if (!isSameOrigin(request)) return json(403, { error: 'cross-site request refused' });
    const token = await submittedCsrfToken(request);
    if (!token || !sameSecret(token, user.csrfToken)) return json(403, { error: `missing or wrong CSRF token (send the ${CSRF_HEADER} header or a ${CSRF_FIELD} form field)` });
  }
  return { id: user.id, name: user.name };
}

// ── Sign-in ──

/** At most this many wrong passwords per name, and per client address, within the window. */
export const SIGN_IN_LIMITS = { perName: 5, perClient: 20, windowMs: 15 * 60 * 1000 } as const;

export type SignInResult =
  | { ok: true; user: { id: number; name: string }; sessionToken: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'wrong_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/** The address a request came from as the proxy in front reports it; 'direct' when there is none. */
export function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0].trim() || request.headers.get('x-real-ip') || 'direct';
}

/**
 * Checks a name and password and opens a session. Wrong attempts are counted per name and per client
 * address; once either limit is reached every attempt is refused (even a right one) until the window
 * after the last failure has passed, so guessing cannot continue at any speed.
 */
export async function signIn(db: Sql, name: string, password: string, client: string, now = new Date()): Promise<SignInResult> {
  const at = now.getTime();
  const since = at - SIGN_IN_LIMITS.windowMs;
  const keys: { key: string; limit: number }[] = [{ key: `name:${name.trim().toLowerCase()}`, limit: SIGN_IN_LIMITS.perName }];
  // Without a proxy naming the client every request is 'direct': one shared bucket would let anyone lock everyone out.
  if (client !== 'direct') keys.push({ key: `client:${client}`, limit: SIGN_IN_LIMITS.perClient });
  for (const { key, limit } of keys) {
    const { failures, latest } = await recentFailures(db, key, since);
    if (failures >= limit) {
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(((latest ?? at) + SIGN_IN_LIMITS.windowMs - at) / 1000)) };
    }
  }
  const user = await userByName(db, name.trim());
  const matches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
  const ok = Boolean(user) && matches;
  for (const { key } of keys) await recordSignInAttempt(db, key, at, ok);
  if (!ok || !user) return { ok: false, reason: 'wrong_credentials' };

  await pruneSignInAttempts(db, at - 24 * 3600 * 1000);
  await deleteExpiredSessions(db, now.toISOString());
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(at + SESSION_SECONDS * 1000);
  await insertSession(db, { id: hashToken(sessionToken), userId: user.id, csrfToken, expiresAt: expiresAt.toISOString() });
  return { ok: true, user: { id: user.id, name: user.name }, sessionToken, csrfToken, expiresAt };
}

/** Set-Cookie values that start a session in the browser. */
export function sessionCookies(request: Request, sessionToken: string, csrfToken: string): string[] {
  const secure = isHttps(request);
  return [
    serializeCookie(SESSION_COOKIE, sessionToken, { httpOnly: true, secure, maxAgeSeconds: SESSION_SECONDS }),
    serializeCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, secure, maxAgeSeconds: SESSION_SECONDS }),
  ];
}

/** Ends the request's session (if any) and returns the Set-Cookie values that clear it. */
export async function signOut(request: Request, db?: Sql): Promise<string[]> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) await deleteSession(db ?? await getDb(), hashToken(token));
  const secure = isHttps(request);
  return [
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0 }),
    serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAgeSeconds: 0 }),
  ];
}

/** A same-site path to go back to after a form; anything else (//evil, https://…) becomes the fallback. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
