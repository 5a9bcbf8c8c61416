// Databases for tests: SQLite by default; a fresh PostgreSQL database each time when TEST_DATABASE_URL names
// a server (postgres://user@host:port/postgres), which `npm test` sets for its PostgreSQL round. Every test
// that needs a database gets it here, so the whole suite runs on either engine unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostgresUrl, openDb, type Db } from './client';

let counter = 0;
let dir: string | null = null;

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
}

/** The PostgreSQL server under test (its maintenance database's URL), or null on the SQLite round. */
export function testServerUrl(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}

async function adminQuery(server: string, sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new, empty database on a PostgreSQL server (C collation, UTF-8, as the app expects), as a URL. */
export async function freshPostgresDatabase(server: string): Promise<string> {
  counter += 1;
  const name = `figures_test_${process.pid}_${counter}_${Date.now() % 100000}`;
  await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new SQLite file in this process's temporary folder. */
export function freshSqlitePath(): string {
  counter += 1;
  dir ??= mkdtempSync(join(tmpdir(), 'civic-figures-test-'));
  return join(dir, `test-${counter}.db`);
}

/** Where a new, empty test database lives: a file in a temporary folder, or a new PostgreSQL database. */
export async function freshTestLocation(): Promise<string> {
  const server = testServerUrl();
  return server ? freshPostgresDatabase(server) : freshSqlitePath();
}

/**
 * Removes a test database: drops a PostgreSQL one (closing what still connects to it) or deletes a SQLite
 * file with its WAL. Close its Db first.
 */
export async function removeTestLocation(location: string): Promise<void> {
  if (!isPostgresUrl(location)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${location}${suffix}`, { force: true });
    return;
  }
  const url = new URL(location);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^figures_test_\w+$/.test(name)) throw new Error(`refusing to drop "${name}": not a test database`);
  url.pathname = '/postgres';
  await adminQuery(url.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Opens a test location; closing the Db also removes the database, so a PostgreSQL server does not fill up. */
export async function openThrowawayDb(location: string): Promise<Db> {
  const db = await openDb(location);
  const close = db.close.bind(db);
  let closed = false;
  return Object.assign(db, {
    close: async () => {
      if (closed) return;
      closed = true;
      await close();
      if (location !== ':memory:') await removeTestLocation(location);
    },
  });
}

/** A new, empty, migrated database of the dialect under test (SQLite: in memory), removed when closed. */
export async function openTestDb(): Promise<Db> {
  return openThrowawayDb(testDialect() === 'sqlite' ? ':memory:' : await freshTestLocation());
}

/** A new test database on a file or server, so other processes (a CLI child, a second connection) can open it too. */
export async function openSharedTestDb(): Promise<{ db: Db; location: string }> {
  const location = await freshTestLocation();
  return { db: await openThrowawayDb(location), location };
}

/** The environment that makes the app (getDb, the `figures` command) use `location`. */
export function appDatabaseEnv(location: string): { DATABASE_URL?: string; DATABASE_PATH?: string } {
  return isPostgresUrl(location) ? { DATABASE_URL: location } : { DATABASE_PATH: location };
}

/** An environment for a child process that uses `location`, the other database variable removed. */
export function childEnv(location: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base, ...appDatabaseEnv(location) };
  if (isPostgresUrl(location)) delete env.DATABASE_PATH; else delete env.DATABASE_URL;
  return env;
}

/**
 * Points this process's getDb() (the route handlers) at `location`. Returns the undo, which restores
 * DATABASE_URL and DATABASE_PATH as they were.
 */
export function useAppDatabase(location: string): () => void {
  const previous = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_PATH: process.env.DATABASE_PATH };
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_PATH;
  Object.assign(process.env, appDatabaseEnv(location));
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name]; else process.env[name] = value;
    }
  };
}
