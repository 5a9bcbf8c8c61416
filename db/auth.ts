// Every SQL statement of sign-in, sessions and users (lib/auth holds the logic around them).
import type { Db, Sql } from './client';

export interface User { id: number; name: string; passwordHash: string; role: string; createdAt: string }

const USER_COLUMNS = 'id, name, password_hash AS "passwordHash", role, created_at AS "createdAt"';

export async function userCount(db: Sql): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM users'))?.n ?? 0;
}

export async function userByName(db: Sql, name: string): Promise<User | undefined> {
  return db.get<User>(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`, [name]);
}

export async function insertUser(db: Sql, user: { name: string; passwordHash: string; role: 'admin' | 'editor' }): Promise<User> {
  const row = await db.get<User>(`INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING ${USER_COLUMNS}`,
    [user.name, user.passwordHash, user.role, new Date().toISOString().slice(0, 19) + 'Z']);
  return row!;
}

export async function updatePasswordHash(db: Sql, userId: number, passwordHash: string): Promise<void> {
  await db.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, userId]);
}

/** Replaces a hash with a stronger one of the same password (sessions stay: nothing about the secret changed). */
export async function rehashPassword(db: Sql, userId: number, oldHash: string, newHash: string): Promise<void> {
  await db.run('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?', [newHash, userId, oldHash]);
}

export async function insertSession(db: Sql, session: { id: string; userId: number; csrfToken: string; expiresAt: string }): Promise<void> {
  await db.run('INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    [session.id, session.userId, session.csrfToken, new Date().toISOString().slice(0, 19) + 'Z', session.expiresAt]);
}

export interface SessionUser { id: number; name: string; role: string; csrfToken: string }

/** The user of a live (unexpired) session, by the session's hashed id. */
export async function sessionUser(db: Sql, sessionId: string, now: string): Promise<SessionUser | undefined> {
  return db.get<SessionUser>(`SELECT u.id, u.name, u.role, s.csrf_token AS "csrfToken"
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?`, [sessionId, now]);
}

export async function deleteSession(db: Sql, sessionId: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id = ?', [sessionId]);
}

export async function deleteExpiredSessions(db: Sql, now: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE expires_at < ?', [now]);
}

/** Ends every session of an editor (a password change or reset, `figures editor NAME --sign-out`); returns how many. */
export async function deleteSessionsOfUser(db: Sql, userId: number): Promise<number> {
  return db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
}

export interface ThrottleRow { failures: number; windowStart: number; blockedUntil: number; lockouts: number }

/**
 * Counts one attempt against `key` unless its limit is reached: the check and the count are one
 * conditional UPDATE, so parallel attempts can never all slip under the limit (SQLite: one writer;
 * PostgreSQL: the row lock, and the condition re-read after the lock is granted). A window older than
 * `staleBefore` starts again at `now`. True when the attempt may go ahead.
 */
export async function reserveAttempt(db: Sql, key: string, limit: number, now: number, staleBefore: number): Promise<boolean> {
  await db.run(`INSERT INTO sign_in_throttles (key, failures, window_start, blocked_until, lockouts, updated_at)
    VALUES (?, 0, ?, 0, 0, ?) ON CONFLICT (key) DO NOTHING`, [key, now, now]);
  const changed = await db.run(`UPDATE sign_in_throttles
    SET failures = CASE WHEN window_start <= ? THEN 1 ELSE failures + 1 END,
        window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END,
        updated_at = ?
    WHERE key = ? AND blocked_until <= ? AND (window_start <= ? OR failures < ?)`,
  [staleBefore, staleBefore, now, now, key, now, staleBefore, limit]);
  return changed === 1;
}

export async function throttleRow(db: Sql, key: string): Promise<ThrottleRow | undefined> {
  return db.get<ThrottleRow>(`SELECT failures, window_start AS "windowStart", blocked_until AS "blockedUntil", lockouts
    FROM sign_in_throttles WHERE key = ?`, [key]);
}

/**
 * Blocks `key` until `until` once its failures have reached `limit`, starting its count again. Only one of
 * several attempts finishing together blocks it (the others find the count already reset).
 */
export async function blockAtLimit(db: Sql, key: string, limit: number, until: number, now: number): Promise<void> {
  await db.run(`UPDATE sign_in_throttles SET blocked_until = ?, lockouts = lockouts + 1, failures = 0, window_start = ?, updated_at = ?
    WHERE key = ? AND failures >= ?`, [until, now, now, key, limit]);
}

/** A right password: the pair's count, blocks and back-off start again. */
export async function clearThrottle(db: Sql, key: string, now: number): Promise<void> {
  await db.run('UPDATE sign_in_throttles SET failures = 0, blocked_until = 0, lockouts = 0, updated_at = ? WHERE key = ?', [now, key]);
}

/** A right password: the attempt counted against the client's budget is given back. */
export async function refundAttempt(db: Sql, key: string, now: number): Promise<void> {
  await db.run('UPDATE sign_in_throttles SET failures = failures - 1, updated_at = ? WHERE key = ? AND failures > 0', [now, key]);
}

/** Forgets throttling rows untouched since `before` and not blocking anyone now. */
export async function pruneThrottles(db: Sql, before: number, now: number): Promise<number> {
  return db.run('DELETE FROM sign_in_throttles WHERE updated_at < ? AND blocked_until < ?', [before, now]);
}

export type { Db };
