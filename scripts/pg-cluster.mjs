// A throwaway PostgreSQL server for `npm test` and `npm run bench`: Debian's binaries
// (/usr/lib/postgresql/N/bin, or PG_BIN), a cluster made by initdb in a temporary folder (as the `postgres`
// user when run as root, else as the current user), C locale and UTF-8, listening on a loopback port with its
// socket in that folder. stop() shuts it down and removes the folder; it is synchronous, so it also runs from
// an exit or signal handler.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export class PostgresUnavailable extends Error {}

/** The folder of initdb, pg_ctl and postgres: PG_BIN, else the newest Debian version, else pg_config's. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = pgConfig.status === 0 ? pgConfig.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function quote(arg) {
  return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}

/** Runs a PostgreSQL program as the cluster's owner: `postgres` when we are root (the server refuses root). */
function runAsOwner(command, args) {
  const result = isRoot()
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(quote).join(' ')], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** A loopback port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster. `durable: false` (tests) turns fsync and full-page writes off: nothing in it
 * needs to survive a power cut. Throws PostgresUnavailable with the reason when it cannot.
 */
export async function startCluster({ port, durable = false, log = console.log } = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new PostgresUnavailable('no PostgreSQL server binaries (install Debian\'s postgresql package, or set PG_BIN to the folder of initdb)');
  if (isRoot() && spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) {
    throw new PostgresUnavailable('running as root, but there is no `postgres` user to own the cluster');
  }
  const dir = mkdtempSync(join(tmpdir(), 'civic-figures-pg-'));
  const data = join(dir, 'data');
  const owner = isRoot() ? 'postgres' : userInfo().username;
  if (isRoot()) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  let running = false;
  const stop = () => {
    if (running) {
      runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const init = runAsOwner(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--locale=C', '-E', 'UTF8', '--no-sync']);
    if (!init.ok) throw new PostgresUnavailable(`initdb failed: ${init.output.trim().split('\n').slice(-3).join(' | ')}`);
    const listenPort = port ?? await freePort();
    const settings = [
      `port = ${listenPort}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`,
      'max_connections = 200', 'shared_buffers = 256MB', 'max_wal_size = 4GB', 'logging_collector = off',
      ...(durable ? [] : ['fsync = off', 'full_page_writes = off', 'synchronous_commit = off']),
    ];
    writeFileSync(join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
    if (isRoot()) spawnSync('chown', ['postgres:postgres', join(data, 'postgresql.auto.conf')]);
    const start = runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    if (!start.ok) {
      const logFile = join(dir, 'server.log');
      const tail = existsSync(logFile) ? spawnSync('tail', ['-n', '5', logFile], { encoding: 'utf8' }).stdout : start.output;
      throw new PostgresUnavailable(`the server did not start on port ${listenPort}: ${tail.trim().split('\n').join(' | ')}`);
    }
    running = true;
    const url = `postgres://postgres@127.0.0.1:${listenPort}/postgres`;
    log(`PostgreSQL: throwaway cluster of ${owner} on 127.0.0.1:${listenPort} (${bin}, data in ${data})`);
    return { url, port: listenPort, dir, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Creates an empty database (C collation, UTF-8) on a server and returns its URL. */
export async function createDatabase(serverUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
