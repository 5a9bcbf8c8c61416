// The PostgreSQL server of `npm run bench`: a throwaway cluster (scripts/pg-cluster.mjs, as `npm test` makes),
// started once on first use, with fsync on like a real server, and removed when the bench ends. When
// PostgreSQL cannot be had the bench says so and prints its column empty.
import { createDatabase, startCluster, type Cluster } from '../scripts/pg-cluster.mjs';

let cluster: Promise<Cluster | null> | null = null;
let started: Cluster | null = null;
let databases = 0;

/** Why PostgreSQL figures are missing, when they are. */
export let postgresUnavailable: string | null = null;

function stop(): void {
  started?.stop();
  started = null;
}

/** The bench's server (its maintenance database's URL), or null when PostgreSQL cannot be had. */
export function benchServer(): Promise<Cluster | null> {
  cluster ??= startCluster({ durable: true, log: (line) => process.stderr.write(`bench: ${line}\n`) }).then(
    (c) => {
      started = c;
      process.on('exit', stop);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { stop(); process.exit(130); });
      return c;
    },
    (error: unknown) => {
      postgresUnavailable = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench: no PostgreSQL figures: ${postgresUnavailable}\n`);
      return null;
    },
  );
  return cluster;
}

/** A new empty database on the bench's server, or null without one. */
export async function freshBenchDatabase(purpose: string): Promise<string | null> {
  const server = await benchServer();
  return server ? createDatabase(server.url, `bench_${purpose}_${++databases}`) : null;
}

export function stopBenchServer(): void {
  stop();
}
