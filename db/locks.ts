// Locks that keep concurrent writers of different processes from colliding (a dialect module).
//
// SQLite has one writer at a time (BEGIN IMMEDIATE), so there is nothing to do. On PostgreSQL many processes
// write at once: two ingests storing the same text, or creating the same source, would wait on each other's
// uncommitted rows in the unique indexes, in whatever order their batches met them — and two batches that
// meet two such rows in opposite orders deadlock. So a writer first takes a transaction-scoped advisory lock
// per key it is about to create (article hashes, source names), all in one ascending order: whoever holds a
// key's lock is the only one inserting it, waits happen only on the locks, and locks taken in one global
// order cannot form a cycle. They are released by the commit or rollback.
import { createHash } from 'node:crypto';
import type { Sql } from './client';

/** A 32-bit signed key for a text: advisory locks are keyed by (namespace, key) pairs of int4. */
function int32Of(text: string): number {
  return createHash('sha256').update(text).digest().readInt32BE(0);
}

/**
 * Takes the transaction-scoped lock of every key in `scope`, in ascending order, waiting for other
 * transactions holding any of them. Call inside the transaction that writes the keys' rows, before writing.
 * Keys of different scopes never share a lock; two keys sharing one (a hash collision) only wait longer.
 */
export async function lockKeys(tx: Sql, scope: string, keys: Iterable<string>): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  const ids = [...new Set([...keys].map(int32Of))].sort((a, b) => a - b);
  if (!ids.length) return;
  // unnest returns the array's elements in order: the locks are taken in it
  await tx.all(`SELECT pg_advisory_xact_lock(?, k) FROM unnest(?::int4[]) AS k`, [int32Of(scope), `{${ids.join(',')}}`]);
}

/** One lock for a whole task (recomputing the checks across articles): one process at a time. */
export function lockTask(tx: Sql, task: string): Promise<void> {
  return lockKeys(tx, 'task', [task]);
}

/**
 * Runs `work` as one process at a time runs `task`: on PostgreSQL in a transaction holding the task's lock,
 * so work that reads, computes and rewrites (the checks across articles) never stores a result computed
 * before another process's write. On SQLite there is one writer anyway, and a transaction would hold the
 * database's write lock through the whole computation, keeping every other writer waiting for seconds: the
 * work runs directly and its writes take their own transactions.
 */
export function withTaskLock<T>(db: Sql, task: string, work: (sql: Sql) => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return work(db);
  return db.transaction(async (tx) => {
    await lockTask(tx, task);
    return work(tx);
  });
}

/**
 * SQLite's busy handler: a process waiting for the write lock retries every 100 ms at most, after a few
 * shorter naps. A writer that commits and at once begins again can keep it out for many transactions in a row.
 */
const SQLITE_BUSY_RETRY_MS = 100;

/**
 * Between two transactions of a long run of writes: on SQLite, pause long enough that a process waiting for
 * the write lock (the web server while `figures ingest` runs) gets it; PostgreSQL writers do not take turns.
 */
export async function letWaitingWritersIn(db: Sql): Promise<void> {
  if (db.dialect === 'postgres') return;
  await new Promise((resolve) => setTimeout(resolve, SQLITE_BUSY_RETRY_MS));
}
