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

export async function recordSignInAttempt(db: Sql, key: string, at: number, succeeded: boolean): Promise<void> {
  await db.run('INSERT INTO sign_in_attempts (key, at, succeeded) VALUES (?, ?, ?)', [key, at, succeeded ? 1 : 0]);
}

/** Failed attempts for `key` since `since` (epoch ms) and after the key's last success, with the latest one's time. */
export async function recentFailures(db: Sql, key: string, since: number): Promise<{ failures: number; latest: number | null }> {
  const lastSuccess = (await db.get<{ at: number | null }>(
    'SELECT max(at) AS at FROM sign_in_attempts WHERE key = ? AND succeeded = 1 AND at > ?', [key, since]))?.at ?? since;
  const row = await db.get<{ n: number; latest: number | null }>(
    'SELECT count(*) AS n, max(at) AS latest FROM sign_in_attempts WHERE key = ? AND succeeded = 0 AND at > ?', [key, lastSuccess]);
  return { failures: row?.n ?? 0, latest: row?.latest ?? null };
}

export async function pruneSignInAttempts(db: Sql, before: number): Promise<void> {
  await db.run('DELETE FROM sign_in_attempts WHERE at < ?', [before]);
}

export type { Db };
