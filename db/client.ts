import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH || join(process.cwd(), 'data', 'figures.db'));
}

const MIGRATIONS = join(process.cwd(), 'db', 'migrations');

/** Opens (creating if needed) a database and brings its schema up to date. */
export function openDb(path = databasePath()): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

// One connection per server process; Next's dev mode reloads modules, so keep it on globalThis.
const holder = globalThis as unknown as { __civicFiguresDb?: { path: string; db: Db } };

export function getDb(): Db {
  const path = databasePath();
  if (!holder.__civicFiguresDb || holder.__civicFiguresDb.path !== path) {
    holder.__civicFiguresDb = { path, db: openDb(path) };
  }
  return holder.__civicFiguresDb.db;
}
