// Export speed and memory: a million synthetic facts (the benchmarks' cached database, bench/data.ts) streamed
// as CSV and as JSONL through the same stream the HTTP download uses, into a sink that only counts bytes, with
// the CPU time per row (every thread of the process: the main thread and the export's worker) beside the
// wall-clock rate. Peak RSS is sampled per chunk, so a stream that buffered rows would show. The export worker is
// started before the clock does, as a server's is by its first large export; its start is a row of its own, and
// so is what the process's first exports grow it by once (a short export of each format, before the clock).
import { openDb, type Db } from '../db/client';
import { countFacts } from '../db/export';
import { DEFAULT_SHARING, exportWorkerCount, warmExportWorkers } from '../lib/export/parallel';
import { exportStream } from '../lib/export/stream';
import type { ExportFormat } from '../lib/export/urls';
import { cachedSynthDb } from './data';
import type { BenchRow } from './run';

const FACTS = Number(process.env.BENCH_EXPORT_FACTS || 1_000_000);

interface Drained { rows: number; bytes: number; seconds: number; cpuSeconds: number; rssGrowthMb: number; workerRows: number }

/** Bytes of each format exported (then cancelled) before the measured exports (~80,000 CSV rows, ~30,000 JSONL): the worker joins, code is compiled. */
const WARM_UP_BYTES = 40e6;

/**
 * The first export of a process grows it once, by as much as the measured export does: code compiled for the
 * export path, the main thread's and the worker's heaps grown to their working size (≈ 60 MB for the main
 * thread alone, ≈ 130 MB with the worker; a second export of the same process grows it by 4–15 MB). That is
 * its own row, so that the measured export's growth is what the export itself holds (flat or not).
 */
async function warmUp(db: Db): Promise<number> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  for (const format of ['csv', 'jsonl'] as const) {
    const reader = exportStream(db, {}, format).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      peak = Math.max(peak, process.memoryUsage.rss());
      if (bytes > WARM_UP_BYTES) { await reader.cancel(); break; }
    }
  }
  return (peak - before) / 1e6;
}

async function drain(db: Db, format: ExportFormat): Promise<Drained> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  let peak = rssBefore;
  let bytes = 0;
  let newlines = 0;
  const t0 = performance.now();
  let workerRows = 0;
  const reader = exportStream(db, {}, format, { sharing: { ...DEFAULT_SHARING, onEnd: (rows) => { workerRows = rows.worker; } } }).getReader();
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
  return { rows: format === 'csv' ? newlines - 1 : newlines, bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssGrowthMb: (peak - rssBefore) / 1e6, workerRows };
}

/** Rows per second each format must reach (issue 15), with flat memory. */
const TARGETS: Record<ExportFormat, number> = { csv: 300_000, jsonl: 250_000 };

export async function exportBenchmark(): Promise<BenchRow[]> {
  // BENCH_EXPORT_DB names a database already filled by `figures synth` (its facts must be synthetic); else the
  // benchmarks' cached synthetic database of FACTS facts (bench/data.ts)
  const data = process.env.BENCH_EXPORT_DB ? { path: process.env.BENCH_EXPORT_DB, generatedSeconds: null } : cachedSynthDb(FACTS);
  const db = await openDb(data.path);
  const rows: BenchRow[] = [];
  try {
    if (data.generatedSeconds !== null) rows.push({ figure: `export: synth ${FACTS.toLocaleString('en')} facts (kept for later runs)`, value: data.generatedSeconds, unit: 's', target: '—' });
    const expected = await countFacts(db, {});
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const warm = await warmExportWorkers();
    const cpu = process.cpuUsage(cpuBefore);
    rows.push({ figure: `export: start of its worker thread (${exportWorkerCount()} allowed, FIGURES_EXPORT_THREADS), CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`, value: warm ? performance.now() - t0 : null, unit: 'ms', target: 'once per process' });
    const firstGrowth = await warmUp(db);
    rows.push({ figure: 'export: peak RSS growth of the first exports of the process (once: compiled code, heaps of both threads)', value: firstGrowth, unit: 'MB', target: 'once per process' });
    for (const format of ['csv', 'jsonl'] as const) {
      const r = await drain(db, format);
      rows.push({ figure: `export ${format}: rows written by the worker thread`, value: (100 * r.workerRows) / r.rows, unit: '%', target: '≈ 50 (both cores)' });
      const rate = r.rows / r.seconds;
      rows.push({ figure: `export ${format}: ${r.rows.toLocaleString('en')} rows (${(r.bytes / 1e6).toFixed(0)} MB)`, value: rate, unit: 'rows/s', target: `≥ ${TARGETS[format]}`, ok: rate >= TARGETS[format] && r.rows === expected });
      // on a busy machine wall time includes waiting for a core; CPU per row is what the code costs
      rows.push({ figure: `export ${format}: CPU per row`, value: (r.cpuSeconds / r.rows) * 1e6, unit: 'µs', target: `≤ ${(2e6 / TARGETS[format]).toFixed(1)} (both cores at target)`, ok: r.cpuSeconds / r.rows <= 2 / TARGETS[format] });
      rows.push({ figure: `export ${format}: peak RSS growth (after the first exports)`, value: r.rssGrowthMb, unit: 'MB', target: '< 100 (flat)', ok: r.rssGrowthMb < 100 });
    }
  } finally {
    await db.close();
  }
  return rows;
}
