// Databases for tests: SQLite by default; a fresh PostgreSQL database each time when TEST_DATABASE_URL names
// a server (postgres://user@host:port/postgres), which `npm test` sets for its PostgreSQL round.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './client';

let counter = 0;
let dir: string | null = null;

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
}

/** Where a new, empty test database lives: a file in a temporary folder, or a new PostgreSQL database. */
export async function freshTestLocation(): Promise<string> {
  const server = process.env.TEST_DATABASE_URL;
  counter += 1;
  if (!server) {
    dir ??= mkdtempSync(join(tmpdir(), 'civic-figures-test-'));
    return join(dir, `test-${counter}.db`);
  }
  const { default: pg } = await import('pg');
  const name = `figures_test_${process.pid}_${counter}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty, migrated database of the dialect under test (SQLite: in memory). */
export async function openTestDb(): Promise<Db> {
  if (testDialect() === 'sqlite') return openDb(':memory:');
  return openDb(await freshTestLocation());
}
