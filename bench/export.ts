// Export speed and memory: a million synthetic facts (generated into a throwaway database in the OS temp
// folder) streamed as CSV and as JSONL through the same stream the HTTP download uses, into a sink that
// only counts bytes. Peak RSS is sampled per chunk, so a stream that buffered rows would show.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../db/client';
import { countFacts } from '../db/export';
import { exportStream } from '../lib/export/stream';
import type { ExportFormat } from '../lib/export/urls';
import { generateSynthetic } from '../lib/synth';
import type { BenchRow } from './run';

const FACTS = Number(process.env.BENCH_EXPORT_FACTS || 1_000_000);

async function drain(db: Db, format: ExportFormat): Promise<{ rows: number; bytes: number; seconds: number; cpuSeconds: number; rssGrowthMb: number }> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  let peak = rssBefore;
  let bytes = 0;
  let newlines = 0;
  const t0 = performance.now();
  const reader = exportStream(db, {}, format).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) newlines++;
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // no text cell holds a bare LF in synthetic data, so lines are rows (+ the CSV header)
  return { rows: format === 'csv' ? newlines - 1 : newlines, bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssGrowthMb: (peak - rssBefore) / 1e6 };
}

export async function exportBenchmark(): Promise<BenchRow[]> {
  // BENCH_EXPORT_DB reuses a database already filled by `figures synth` (its facts must be synthetic)
  const reuse = process.env.BENCH_EXPORT_DB;
  const path = reuse || join(tmpdir(), `civic-figures-bench-export-${process.pid}.db`);
  const db = await openDb(path);
  const rows: BenchRow[] = [];
  try {
    if (!reuse) {
      const made = await generateSynthetic(db, { facts: FACTS });
      rows.push({ figure: `synth: generate ${FACTS.toLocaleString('en')} facts`, value: made.facts / made.seconds, unit: 'facts/s', target: '≥ 20000 (1M < 1 min)', ok: made.facts / made.seconds >= 20_000 });
    }
    const expected = await countFacts(db, {});
    for (const format of ['csv', 'jsonl'] as const) {
      const r = await drain(db, format);
      rows.push({ figure: `export ${format}: ${r.rows.toLocaleString('en')} rows (${(r.bytes / 1e6).toFixed(0)} MB)`, value: r.rows / r.seconds, unit: 'rows/s', target: '≥ 100000', ok: r.rows / r.seconds >= 100_000 && r.rows === expected });
      // on a busy machine wall time includes waiting for a core; rows per CPU-second is what the code costs
      rows.push({ figure: `export ${format}: rows per CPU-second`, value: r.rows / r.cpuSeconds, unit: 'rows/s', target: '(informative)' });
      rows.push({ figure: `export ${format}: peak RSS growth`, value: r.rssGrowthMb, unit: 'MB', target: '< 100 (flat)', ok: r.rssGrowthMb < 100 });
    }
  } finally {
    await db.close();
    if (!reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  return rows;
}
