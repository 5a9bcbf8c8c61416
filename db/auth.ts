// Every SQL statement of sign-in, sessions and users (lib/auth holds the logic around them).
import { and, count, eq, gt, lt, max } from 'drizzle-orm';
import type { Db } from './client';
import { sessions, signInAttempts, users, type User } from './schema';

export function userCount(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function userByName(db: Db, name: string): User | undefined {
  return db.select().from(users).where(eq(users.name, name)).get();
}

export function insertUser(db: Db, user: { name: string; passwordHash: string; role: 'admin' | 'editor' }): User {
  return db.insert(users).values(user).returning().get();
}

export function updatePasswordHash(db: Db, userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function insertSession(db: Db, session: { id: string; userId: number; csrfToken: string; expiresAt: string }): void {
  db.insert(sessions).values(session).run();
}

export interface SessionUser { id: number; name: string; role: string; csrfToken: string }

/** The user of a live (unexpired) session, by the session's hashed id. */
export function sessionUser(db: Db, sessionId: string, now: string): SessionUser | undefined {
  return db.select({ id: users.id, name: users.name, role: users.role, csrfToken: sessions.csrfToken })
    .from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now))).get();
}

export function deleteSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function deleteExpiredSessions(db: Db, now: string): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

export function recordSignInAttempt(db: Db, key: string, at: number, succeeded: boolean): void {
  db.insert(signInAttempts).values({ key, at, succeeded }).run();
}

/** Failed attempts for `key` since `since` (epoch ms) and after the key's last success, with the latest one's time. */
export function recentFailures(db: Db, key: string, since: number): { failures: number; latest: number | null } {
  const lastSuccess = db.select({ at: max(signInAttempts.at) }).from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, true), gt(signInAttempts.at, since))).get()?.at ?? since;
  const row = db.select({ n: count(), latest: max(signInAttempts.at) }).from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, lastSuccess))).get();
  return { failures: row?.n ?? 0, latest: row?.latest ?? null };
}

export function pruneSignInAttempts(db: Db, before: number): void {
  db.delete(signInAttempts).where(lt(signInAttempts.at, before)).run();
}
