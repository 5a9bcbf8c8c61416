// `figures synth` speed (issue 15: ≥ 100,000 facts/s, a million in under 10 s): a million synthetic facts into a
// throwaway SQLite file and a throwaway PostgreSQL database, in a child process each so that its CPU time
// (every thread, SQLite's sorting helpers included) is the run's alone. Prints the phases' CPU beside the total.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './run';
import { freshBenchDatabase } from './postgres';
import type { SynthPhase, SynthResult } from '../lib/synth';

// BENCH_SYNTH_FACTS: fewer for quick iterations
const FACTS = Number(process.env.BENCH_SYNTH_FACTS || 1_000_000);
const TARGET_PER_S = 100_000;

interface ChildResult extends SynthResult { cpuSeconds: number }

async function child(location: string, facts: number): Promise<void> {
  const { openForBulkLoad } = await import('../db/bulk');
  const { generateSynthetic } = await import('../lib/synth');
  const db = await openForBulkLoad(location);
  const cpu0 = process.cpuUsage();
  const result = await generateSynthetic(db, { facts });
  const cpu = process.cpuUsage(cpu0);
  await db.close();
  process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 } satisfies ChildResult)}\n`);
}

function runChild(location: string): ChildResult {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', location, String(FACTS)], { encoding: 'utf8', cwd: process.cwd() });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`the synth benchmark failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as ChildResult;
}

export async function synthBenchmark(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-figures-bench-synth-'));
  try {
    const sqlite = runChild(join(dir, 'synth.db'));
    const pgDb = await freshBenchDatabase('synth');
    const pg = pgDb ? runChild(pgDb) : null;
    const rate = (r: ChildResult) => r.facts / r.seconds;
    const met = (r: ChildResult) => rate(r) >= TARGET_PER_S && r.facts === FACTS;
    const perFact = (seconds: number, r: ChildResult) => (seconds / r.facts) * 1e6;
    const phase = (name: SynthPhase, label: string): BenchRow => ({
      figure: `synth, CPU per fact: ${label}`, value: perFact(sqlite.phases[name].cpuSeconds, sqlite),
      postgres: pg ? perFact(pg.phases[name].cpuSeconds, pg) : null, unit: 'µs', target: '—',
    });
    return [
      {
        figure: `synth ${FACTS.toLocaleString('en')} facts (\`figures synth\`, indexes and rollups included)`, value: rate(sqlite), unit: 'facts/s', target: `≥ ${TARGET_PER_S.toLocaleString('en')}`,
        ok: met(sqlite), postgres: pg ? rate(pg) : null, postgresOk: pg ? met(pg) : undefined,
      },
      { figure: `synth ${FACTS.toLocaleString('en')} facts, wall-clock`, value: sqlite.seconds, postgres: pg?.seconds ?? null, unit: 's', target: '—' },
      { figure: 'synth, CPU per fact (all threads; PostgreSQL: the client\'s)', value: perFact(sqlite.cpuSeconds, sqlite), postgres: pg ? perFact(pg.cpuSeconds, pg) : null, unit: 'µs', target: `≤ ${1e6 / TARGET_PER_S}` },
      { figure: 'synth, CPU-bound rate (facts per CPU-second)', value: sqlite.facts / sqlite.cpuSeconds, postgres: pg ? pg.facts / pg.cpuSeconds : null, unit: 'facts/s', target: '—' },
      phase('rows', 'generating and writing the rows'),
      phase('indexes', 'building the indexes set aside'),
      phase('rollups', 'rebuilding the rollups'),
      phase('finish', 'commit, checkpoint or VACUUM ANALYZE'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4])).catch((error) => { console.error(error); process.exit(1); });
}
