// For server components and pages: who is signed in, read from the request's cookies.
import { cookies } from 'next/headers';
import { getDb } from '../../db/client';
import { SESSION_COOKIE, userForSessionToken, type SessionUser } from './index';

/** The signed-in editor with the session's CSRF token (for forms), or null for a reader. */
export async function currentEditor(): Promise<SessionUser | null> {
  const store = await cookies();
  return userForSessionToken(await getDb(), store.get(SESSION_COOKIE)?.value);
}
