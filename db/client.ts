// Which database the app uses, opened once per process and brought up to date with its migrations:
// DATABASE_URL=postgres://… selects PostgreSQL, else DATABASE_PATH (default data/figures.db) is a SQLite file.
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { restoreIndexesSetAside } from './bulk';
import { ensureRollups } from './rollups';
import { openSqliteConnection, postgresDb, redactUrl, sqliteDb, type Db } from './sql';

export type { Db, Sql, Snapshot, Param, Params, Dialect } from './sql';

// The paths are the deployment's at run time, not files of the build: /*turbopackIgnore*/ keeps Next's
// bundler from tracing the whole project to find what they might name.
const MIGRATIONS = {
  sqlite: join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations'),
  postgres: join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations-pg'),
};

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The database this process uses: DATABASE_URL (PostgreSQL) when set, else the SQLite file of DATABASE_PATH. */
export function databaseLocation(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!isPostgresUrl(url)) throw new Error(`DATABASE_URL must be a postgres:// URL (got "${url.slice(0, 40)}"); for SQLite set DATABASE_PATH`);
    return url;
  }
  return resolve(/*turbopackIgnore: true*/ env.DATABASE_PATH || join(/*turbopackIgnore: true*/ process.cwd(), 'data', 'figures.db'));
}

/** A --db option's database: a postgres:// URL as given, a file path made absolute; none: the configured one. */
export function locationOf(option: string | undefined): string {
  if (!option) return databaseLocation();
  return isPostgresUrl(option) ? option : resolve(/*turbopackIgnore: true*/ option);
}

/** A location for messages: a file path, or a URL without its password. */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

/** Serialises the migrations of every process starting at once against one PostgreSQL database. */
const MIGRATION_LOCK = 827_301_447;

async function migratePostgres(url: string): Promise<void> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'), import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator'),
  ]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // a read replica (hot standby) cannot be written: its schema arrives from the primary, which migrates
  const standby = (await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')).rows[0]?.standby;
  if (standby) { await client.end(); return; }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS.postgres });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** Whether a database is a read replica (a PostgreSQL hot standby): nothing may be written to it. */
export async function isReadReplica(db: Db): Promise<boolean> {
  if (db.dialect !== 'postgres') return false;
  return (await db.get<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby'))?.standby === true;
}

/** Opens (creating if needed) a database and brings its schema and its rollups (db/rollups.ts) up to date. */
export async function openDb(location = databaseLocation()): Promise<Db> {
  let db: Db;
  if (isPostgresUrl(location)) {
    await migratePostgres(location);
    db = await postgresDb(location);
  } else {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const connection = openSqliteConnection(location);
    migrateSqlite(drizzleSqlite(connection), { migrationsFolder: MIGRATIONS.sqlite });
    db = sqliteDb(location, connection);
  }
  try {
    // a replica's rollups arrive from its primary with the rest of the data
    if (!(await isReadReplica(db))) {
      await restoreIndexesSetAside(db);
      await ensureRollups(db);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

// One database per server process; Next's dev mode reloads modules, so keep it on globalThis.
const holder = globalThis as unknown as { __civicFiguresDb?: { location: string; db: Promise<Db> } };

export function getDb(): Promise<Db> {
  const location = databaseLocation();
  if (!holder.__civicFiguresDb || holder.__civicFiguresDb.location !== location) {
    const db = openDb(location);
    holder.__civicFiguresDb = { location, db };
    // a failed open is not cached: the next request tries again
    db.catch(() => { if (holder.__civicFiguresDb?.db === db) holder.__civicFiguresDb = undefined; });
  }
  return holder.__civicFiguresDb.db;
}
