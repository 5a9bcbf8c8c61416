// Editors: who may change data. Sessions live in the database; the browser holds a random token in an
// httpOnly, SameSite=Lax cookie, and every write must also carry the session's CSRF token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../../db/client';
import { getDb } from '../../db/client';
import {
  blockAtLimit, clearThrottle, deleteExpiredSessions, deleteSession, insertSession, pruneThrottles, refundAttempt,
  rehashPassword, reserveAttempt, sessionUser, throttleRow, userByName, type SessionUser,
} from '../../db/auth';
import { isHttps } from '../http/client';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, readCookie, serializeCookie } from './cookies';
import { UNSAFE_METHODS, isSameOrigin } from './origin';
import { hashPassword, needsRehash, unmatchableHash, verifyPassword } from './password';

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

/**
 * The editor making a write, once the session and the request's origin are checked, with the session's
 * CSRF token to compare the request's against; or the Response to return instead (401, 403). Reads no body.
 */
export async function editorForWrite(request: Request, db?: Sql): Promise<{ editor: Editor; csrfToken: string } | Response> {
  const user = await editorOf(request, db);
  if (!user) return json(401, { error: 'sign in as an editor first', signIn: '/login' });
  if (!isSameOrigin(request)) return json(403, { error: 'cross-site request refused' });
  return { editor: { id: user.id, name: user.name }, csrfToken: user.csrfToken };
}

/** Whether a submitted CSRF token is the session's. */
export function csrfMatches(expected: string, submitted: unknown): boolean {
  return typeof submitted === 'string' && submitted.length > 0 && sameSecret(submitted, expected);
}

export const CSRF_REFUSED = `missing or wrong CSRF token (send the ${CSRF_HEADER} header or a ${CSRF_FIELD} form field)`;

export function csrfRefused(): Response {
  return json(403, { error: CSRF_REFUSED });
}

/** Null when a write carries the session's CSRF token (the X-CSRF-Token header, else the form's csrf_token field), else the 403 to answer. */
export function csrfProblem(request: Request, expected: string, fields?: Record<string, unknown> | null): Response | null {
  return csrfMatches(expected, request.headers.get(CSRF_HEADER) ?? fields?.[CSRF_FIELD]) ? null : csrfRefused();
}

/**
 * The editor making this request, or the Response to return instead: 401 when nobody is signed in,
 * 403 when a write comes from another site or without the session's CSRF token. Route handlers:
 *   const editor = await requireEditor(request, db); if (editor instanceof Response) return editor;
 * This reads no body: a handler taking a form checks the session first (editorForWrite), reads the form
 * with a small cap (lib/body.ts), then its token (csrfProblem), so a stranger's body is never read.
 */
export async function requireEditor(request: Request, db?: Sql): Promise<Editor | Response> {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) {
    const user = await editorOf(request, db);
    return user ? { id: user.id, name: user.name } : json(401, { error: 'sign in as an editor first', signIn: '/login' });
  }
  const write = await editorForWrite(request, db);
  if (write instanceof Response) return write;
  return csrfProblem(request, write.csrfToken) ?? write.editor;
}

// ── Sign-in ──

/**
 * Wrong passwords are limited per (name, client) — `perPair` in a window, then a block that doubles with
 * each block in a row (`backoffMs` … `maxBackoffMs`) — and per client across all names (`perClient` in a
 * window). There is no lock per name alone: a stranger's failures never lock the owner out of their
 * own machine. Counting happens before the password is checked, atomically, so a burst of parallel
 * guesses gets no more checks than the limit.
 */
export const SIGN_IN_LIMITS = { perPair: 5, perClient: 20, windowMs: 15 * 60 * 1000, backoffMs: 5 * 60 * 1000, maxBackoffMs: 60 * 60 * 1000 } as const;
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

export type SignInResult =
  | { ok: true; user: { id: number; name: string }; sessionToken: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'wrong_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export { clientAddress } from '../http/client';

class Refused extends Error {
  constructor(readonly key: string, readonly limit: number) { super('refused'); }
}

async function retryAfterSeconds(db: Sql, refused: Refused, at: number): Promise<number> {
  const row = await throttleRow(db, refused.key);
  const until = !row ? at : row.blockedUntil > at ? row.blockedUntil : row.windowStart + SIGN_IN_LIMITS.windowMs;
  return Math.max(1, Math.ceil((until - at) / 1000));
}

function backoff(lockouts: number): number {
  return Math.min(SIGN_IN_LIMITS.maxBackoffMs, SIGN_IN_LIMITS.backoffMs * 2 ** Math.min(lockouts, 20));
}

/** Checks a name and password from a client and opens a session; see SIGN_IN_LIMITS for the throttling. */
export async function signIn(db: Sql, name: string, password: string, client: string, now = new Date()): Promise<SignInResult> {
  const at = now.getTime();
  const stale = at - SIGN_IN_LIMITS.windowMs;
  const pairKey = `pair:${name.trim().toLowerCase().slice(0, 200)}|${client.slice(0, 100)}`;
  const clientKey = `client:${client.slice(0, 100)}`;
  await pruneThrottles(db, at - PRUNE_AFTER_MS, at);
  try {
    await db.transaction(async (tx) => {
      if (!await reserveAttempt(tx, clientKey, SIGN_IN_LIMITS.perClient, at, stale)) throw new Refused(clientKey, SIGN_IN_LIMITS.perClient);
      if (!await reserveAttempt(tx, pairKey, SIGN_IN_LIMITS.perPair, at, stale)) throw new Refused(pairKey, SIGN_IN_LIMITS.perPair);
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: await retryAfterSeconds(db, error, at) };
  }
  const user = await userByName(db, name.trim());
  const matches = await verifyPassword(password, user?.passwordHash ?? unmatchableHash());
  if (!matches || !user) {
    const lockouts = (await throttleRow(db, pairKey))?.lockouts ?? 0;
    await blockAtLimit(db, pairKey, SIGN_IN_LIMITS.perPair, at + backoff(lockouts), at);
    return { ok: false, reason: 'wrong_credentials' };
  }
  await clearThrottle(db, pairKey, at);
  await refundAttempt(db, clientKey, at);
  if (needsRehash(user.passwordHash)) await rehashPassword(db, user.id, user.passwordHash, await hashPassword(password));

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

/** Where redirects are resolved: any origin of ours would do, since only same-origin results are kept. */
const SITE = new URL('http://site.invalid/');

/**
 * A same-site path to go back to after a form (`next`, `return_to`). The value is parsed with URL against
 * the site's origin and kept only when it stays there as an absolute path; control characters (which
 * browsers drop, turning /\t/evil.example into //evil.example) and backslashes (read as slashes) are
 * refused outright. The answer is URL-serialised: never a CR or LF for a Location header.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2048 || !value.startsWith('/')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return fallback;
  let url: URL;
  try { url = new URL(value, SITE); } catch { return fallback; }
  if (url.origin !== SITE.origin || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
