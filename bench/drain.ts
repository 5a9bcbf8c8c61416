// `tsx bench/drain.ts DB csv|jsonl [ROWS]`: one export of a database into a byte-counting sink, for profiling
// (node --cpu-prof) and for comparing two versions of the export code run by run on a shared machine.
import { openDb } from '../db/client';
import { exportStream } from '../lib/export/stream';
import type { ExportFormat } from '../lib/export/urls';

async function main() {
  const [path, format = 'csv', most = 'Infinity'] = process.argv.slice(2);
  const limit = Number(most);
  if (!path) throw new Error('usage: tsx bench/drain.ts DB csv|jsonl');
  const db = await openDb(path);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  let rows = 0;
  const reader = exportStream(db, {}, format as ExportFormat).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) rows++;
    if (rows >= limit) { await reader.cancel(); break; }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({ format, rows, mb: Math.round(bytes / 1e6), seconds: +seconds.toFixed(2), cpuSeconds: +cpuSeconds.toFixed(2), rowsPerSecond: Math.round(rows / seconds), rowsPerCpuSecond: Math.round(rows / cpuSeconds) }));
  await db.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
