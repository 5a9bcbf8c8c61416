// The one way the app talks to its database, SQLite or PostgreSQL: SQL text with `?` placeholders and an
// array of values, asynchronous, the same on both. Dialect-specific SQL lives in a few named modules
// (db/dialect.ts: search, upserts, rollups); everything else writes SQL both engines read alike.
//
// SQLite (better-sqlite3) is synchronous underneath. Writes and transactions take one async lock per
// database, so a statement of one request can never land inside another request's open transaction;
// reads outside a transaction go through a second connection, which sees committed data only (WAL), so a
// reader never sees half of an article that is being written.
import Database from 'better-sqlite3';
import type pg from 'pg';

export type Param = string | number | null;
export type Params = readonly Param[];
export type Dialect = 'sqlite' | 'postgres';

/** What every statement runner offers: the database itself, or a transaction of it. */
export interface Sql {
  readonly dialect: Dialect;
  /** every row as an object keyed by the select's column names (quote camelCase aliases: AS "districtCode") */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** rows as arrays in the select's column order: cheaper at a million rows */
  rows<T extends unknown[] = unknown[]>(sql: string, params?: Params): Promise<T[]>;
  /** a statement that returns no rows; resolves to how many rows it changed */
  run(sql: string, params?: Params): Promise<number>;
  /** statements separated by semicolons, no parameters (schema changes, scripts) */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in a transaction: committed when it resolves, rolled back when it throws. Inside another
   * transaction it is a savepoint, so only its own statements roll back.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** A consistent read-only view of the data, held open across calls (an export streaming a million rows). */
export interface Snapshot extends Omit<Sql, 'transaction' | 'run' | 'exec'> {
  /**
   * SQLite on a file: the file, and whether nothing was committed to it since this snapshot began — then a
   * snapshot opened now on another connection (a worker thread's, openSqliteSnapshot) sees the same data.
   * Null on PostgreSQL and in memory.
   */
  readonly shared: { path: string; unchanged(): boolean } | null;
  close(): Promise<void>;
}

/** The reading half of a runner held in its snapshot's transaction, and how that snapshot ends. */
function snapshotOf(runner: Sql, close: () => Promise<void>, shared: Snapshot['shared'] = null): Snapshot {
  return {
    dialect: runner.dialect,
    all: (sql, params) => runner.all(sql, params),
    get: (sql, params) => runner.get(sql, params),
    rows: (sql, params) => runner.rows(sql, params),
    shared,
    close,
  };
}

/** For tests and diagnostics: called with the text of every statement run. */
export interface StatementHooks { onStatement?: ((sql: string) => void) | null }

export interface Db extends Sql {
  readonly hooks: StatementHooks;
  /** where the data lives, for messages: a file path or a postgres:// URL without its password */
  readonly location: string;
  /** opens a read-only snapshot on a connection of its own, so a slow reader holds no lock of the app's */
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
  /** the SQLite connection, for the few SQLite-only tunings (page cache, checkpoints); null on PostgreSQL */
  readonly sqlite: Database.Database | null;
}

// ── SQLite ────────────────────────────────────────────────────────────────────────────────────────

const STATEMENT_CACHE = 400;

/** better-sqlite3 statements compiled once per connection and SQL text (least recently used dropped past the cap). */
class StatementCache {
  private readonly byText = new Map<string, Database.Statement>();
  constructor(private readonly connection: Database.Database) {}
  get(sql: string): Database.Statement {
    let statement = this.byText.get(sql);
    if (statement) {
      this.byText.delete(sql);
    } else {
      statement = this.connection.prepare(sql);
      if (this.byText.size >= STATEMENT_CACHE) this.byText.delete(this.byText.keys().next().value as string);
    }
    this.byText.set(sql, statement);
    return statement;
  }
}

/** A FIFO lock: the writer of one SQLite database is one request at a time. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => { release = resolve; });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}

function sqliteValues(params: Params | undefined): Param[] {
  return params ? (params as Param[]) : [];
}

/**
 * better-sqlite3 runs each statement synchronously, and awaiting a settled promise does not give the event
 * loop a turn: a long run of statements (a large article stored, a scope of checks rewritten) would keep
 * every other request waiting. So a statement that comes more than a few milliseconds after the last turn
 * first lets the event loop run (safe inside a transaction: other writers wait for the lock, readers use
 * their own connection).
 */
const TURN_MS = 8;
let lastTurn = performance.now();
async function letOthersRun(): Promise<void> {
  if (performance.now() - lastTurn < TURN_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastTurn = performance.now();
}

class SqliteRunner implements Sql {
  readonly dialect = 'sqlite' as const;
  constructor(
    protected readonly writer: StatementCache,
    protected readonly reader: StatementCache,
    protected readonly connection: Database.Database,
    /** null: this runner is a transaction that already holds the lock */
    protected readonly lock: Lock | null,
    private readonly depth: number,
    protected readonly hooks: StatementHooks,
  ) {}

  /**
   * Runs a statement: inside a transaction on its connection; outside, a read-only statement on the
   * reader connection and anything that writes (an INSERT … RETURNING too) on the writer, under the lock.
   */
  private async statement<T>(sql: string, execute: (statement: Database.Statement) => T): Promise<T> {
    this.hooks.onStatement?.(sql);
    await letOthersRun();
    if (!this.lock) return execute(this.writer.get(sql));
    const read = this.reader.get(sql);
    if (read.readonly) return execute(read);
    const release = await this.lock.acquire();
    try {
      return execute(this.writer.get(sql));
    } finally {
      release();
    }
  }

  all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.statement(sql, (s) => s.all(...sqliteValues(params)) as T[]);
  }
  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.statement(sql, (s) => s.get(...sqliteValues(params)) as T | undefined);
  }
  rows<T extends unknown[]>(sql: string, params?: Params): Promise<T[]> {
    return this.statement(sql, (s) => {
      try {
        return s.raw(true).all(...sqliteValues(params)) as T[];
      } finally {
        s.raw(false);
      }
    });
  }
  run(sql: string, params?: Params): Promise<number> {
    return this.statement(sql, (s) => s.run(...sqliteValues(params)).changes);
  }
  async exec(sql: string): Promise<void> {
    if (!this.lock) { this.connection.exec(sql); return; }
    const release = await this.lock.acquire();
    try { this.connection.exec(sql); } finally { release(); }
  }
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.lock) {
      const release = await this.lock.acquire();
      try {
        // IMMEDIATE: take the write lock now, so a transaction never fails half-way on a busy database
        this.connection.exec('BEGIN IMMEDIATE');
        const tx = new SqliteRunner(this.writer, this.writer, this.connection, null, 1, this.hooks);
        try {
          const result = await work(tx);
          this.connection.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
          throw error;
        }
      } finally {
        release();
      }
    }
    const name = `sp${this.depth}`;
    this.connection.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(new SqliteRunner(this.writer, this.writer, this.connection, null, this.depth + 1, this.hooks));
      this.connection.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.connection.exec(`ROLLBACK TO ${name}`);
      this.connection.exec(`RELEASE ${name}`);
      throw error;
    }
  }
}

class SqliteDb extends SqliteRunner implements Db {
  readonly location: string;
  declare readonly hooks: StatementHooks;
  readonly sqlite: Database.Database;
  private readonly readConnection: Database.Database;
  constructor(private readonly path: string, connection: Database.Database) {
    const readConnection = path === ':memory:' || path === '' ? connection : openSqliteConnection(path, true);
    const hooks: StatementHooks = {};
    super(new StatementCache(connection), new StatementCache(readConnection), connection, new Lock(), 0, hooks);
    this.location = path;
    this.sqlite = connection;
    this.readConnection = readConnection;
  }
  async snapshot(): Promise<Snapshot> {
    if (this.readConnection === this.sqlite) {
      // in memory: one connection, which no other connection can change
      return snapshotOf(new SqliteRunner(this.writer, this.writer, this.sqlite, null, 1, this.hooks), async () => {});
    }
    // PRAGMA data_version of one connection changes when any other connection commits: read on the reader
    // connection before the snapshot starts and again later, equal means the file is as the snapshot saw it
    const commits = () => this.readConnection.pragma('data_version', { simple: true }) as number;
    const before = commits();
    return openSqliteSnapshot(this.path, this.hooks, () => commits() === before);
  }
  async close(): Promise<void> {
    if (this.readConnection !== this.sqlite && this.readConnection.open) this.readConnection.close();
    if (this.sqlite.open) this.sqlite.close();
  }
}

/**
 * A read-only snapshot of a SQLite file on a connection of its own (a long export; a worker thread's share of
 * one). Its transaction starts here, with a first read: a deferred transaction takes its snapshot at its
 * first read and keeps it to the end.
 */
export function openSqliteSnapshot(path: string, hooks: StatementHooks = {}, unchanged: () => boolean = () => false): Snapshot {
  const connection = openSqliteConnection(path, true);
  try {
    connection.exec('BEGIN');
    connection.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  } catch (error) {
    connection.close();
    throw error;
  }
  const statements = new StatementCache(connection);
  const runner = new SqliteRunner(statements, statements, connection, null, 1, hooks);
  return snapshotOf(runner, async () => {
    if (!connection.open) return;
    if (connection.inTransaction) connection.exec('COMMIT');
    connection.close();
  }, { path, unchanged });
}

/** A connection with the pragmas every connection of the app uses. */
export function openSqliteConnection(path: string, readonly = false): Database.Database {
  const connection = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
  if (!readonly) {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
  }
  // above the longest write transaction the app makes, so a reader or a second writer waits instead of failing
  connection.pragma('busy_timeout = 15000');
  return connection;
}

export function sqliteDb(path: string, connection: Database.Database = openSqliteConnection(path)): Db {
  return new SqliteDb(path, connection);
}

// ── PostgreSQL ────────────────────────────────────────────────────────────────────────────────────

/** `?` placeholders as PostgreSQL's $1, $2 … (outside quoted strings and identifiers), cached per text. */
const numbered = new Map<string, string>();
export function toPgPlaceholders(sql: string): string {
  const cached = numbered.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === '\'' || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  if (numbered.size > 2000) numbered.clear();
  numbered.set(sql, out);
  return out;
}

interface PgQueryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
  query(config: pg.QueryArrayConfig): Promise<pg.QueryArrayResult>;
}

class PgRunner implements Sql {
  readonly dialect = 'postgres' as const;
  constructor(protected readonly target: PgQueryable, protected readonly pool: pg.Pool | null, private readonly depth: number, readonly hooks: StatementHooks) {}
  async all<T>(sql: string, params?: Params): Promise<T[]> {
    this.hooks.onStatement?.(sql);
    return (await this.target.query({ text: toPgPlaceholders(sql), values: params as Param[] | undefined })).rows as T[];
  }
  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  async rows<T extends unknown[]>(sql: string, params?: Params): Promise<T[]> {
    this.hooks.onStatement?.(sql);
    return (await this.target.query({ text: toPgPlaceholders(sql), values: params as Param[] | undefined, rowMode: 'array' })).rows as T[];
  }
  async run(sql: string, params?: Params): Promise<number> {
    this.hooks.onStatement?.(sql);
    return (await this.target.query({ text: toPgPlaceholders(sql), values: params as Param[] | undefined })).rowCount ?? 0;
  }
  async exec(sql: string): Promise<void> {
    await this.target.query({ text: sql });
  }
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.pool) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        try {
          const result = await work(new PgRunner(client, null, 1, this.hooks));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      } finally {
        client.release();
      }
    }
    const name = `sp${this.depth}`;
    await this.target.query({ text: `SAVEPOINT ${name}` });
    try {
      const result = await work(new PgRunner(this.target, null, this.depth + 1, this.hooks));
      await this.target.query({ text: `RELEASE SAVEPOINT ${name}` });
      return result;
    } catch (error) {
      await this.target.query({ text: `ROLLBACK TO SAVEPOINT ${name}` });
      await this.target.query({ text: `RELEASE SAVEPOINT ${name}` });
      throw error;
    }
  }
}

class PgDb extends PgRunner implements Db {
  readonly sqlite = null;
  constructor(private readonly connectionPool: pg.Pool, readonly location: string) {
    super(connectionPool, connectionPool, 0, {});
  }
  async snapshot(): Promise<Snapshot> {
    const client = await this.connectionPool.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const runner = new PgRunner(client, null, 1, this.hooks);
    let open = true;
    return snapshotOf(runner, async () => {
      if (!open) return;
      open = false;
      try { await client.query('COMMIT'); } finally { client.release(); }
    });
  }
  async close(): Promise<void> {
    await this.connectionPool.end();
  }
}

let typesSet = false;

/** A PostgreSQL database through a pool of `pg` connections (numbers come back as numbers, as from SQLite). */
export async function postgresDb(url: string, options: { max?: number } = {}): Promise<Db> {
  const { default: pgModule } = await import('pg');
  if (!typesSet) {
    // count(*) is bigint and sum() of integers numeric: both arrive as strings unless parsed
    pgModule.types.setTypeParser(20, (v) => Number(v));
    pgModule.types.setTypeParser(1700, (v) => Number(v));
    typesSet = true;
  }
  const pool = new pgModule.Pool({ connectionString: url, max: options.max ?? 10 });
  // an idle connection that the server drops must not crash the process
  pool.on('error', (error) => console.error(`PostgreSQL connection error: ${error.message}`));
  return new PgDb(pool, redactUrl(url));
}

/** A postgres:// URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
