// Extraction speed on real news text: the dev articles of ../shared (read at run time, never copied),
// each extracted on its own and repeated until ~1 MB has been read, and all of them concatenated and
// repeated to ~1 MB as one text. In-process, one core, after a warm-up; reports MB/s and CPU ms per MB.
// usage: npx tsx scripts/dev/bench-dev.ts [--seconds 3]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extract } from '../../lib/extract';

const dir = resolve(import.meta.dirname, '../../../shared/corpus/dev');
const articles = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().map((n) => readFileSync(join(dir, n), 'utf8'));
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg >= 0 ? Number(process.argv[secondsArg + 1]) : 3;
const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');
const totalBytes = articles.reduce((a, t) => a + bytesOf(t), 0);

function measure(label: string, round: () => number): void {
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  do { bytes += round(); elapsed = Number(process.hrtime.bigint() - t0) / 1e9; } while (elapsed < seconds);
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`${label.padEnd(42)} ${(bytes / 1e6 / elapsed).toFixed(2).padStart(6)} MB/s wall  ${(bytes / 1e6 / cpuSeconds).toFixed(2).padStart(6)} MB/s cpu`);
}

const perArticleRound = () => {
  let bytes = 0;
  while (bytes < 1e6) for (const t of articles) { extract(t); bytes += bytesOf(t); }
  return bytes;
};
const joined = Array.from({ length: Math.ceil(1e6 / totalBytes) }, () => articles.join('\n\n\n')).join('\n\n\n');
const joinedBytes = bytesOf(joined);
const joinedRound = () => { extract(joined); return joinedBytes; };

// warm-up: JIT and the gazetteer
const w0 = Date.now();
while (Date.now() - w0 < 1500) for (const t of articles) extract(t);
console.log(`${articles.length} dev articles, ${(totalBytes / 1e3).toFixed(1)} KB`);
measure('each article alone, repeated to ~1 MB', perArticleRound);
measure(`concatenated, ${(joinedBytes / 1e6).toFixed(2)} MB in one text`, joinedRound);
