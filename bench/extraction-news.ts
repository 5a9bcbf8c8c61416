// Extraction speed on real news text (issue 11): the dev articles of ../shared, read at run time (never
// copied into the project), each extracted on its own and repeated to ~1 MB, and all of them joined and
// repeated to ~1 MB as one text. One core, after a warm-up; skipped when ../shared is not beside the project.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extract } from '../lib/extract';
import type { BenchRow } from './run';

const DEV = resolve(import.meta.dirname, '../../shared/corpus/dev');

function cpuMbPerSecond(bytesPerRound: number, round: () => void, seconds = 2): number {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let rounds = 0;
  do { round(); rounds++; } while (Number(process.hrtime.bigint() - t0) / 1e9 < seconds);
  const cpu = process.cpuUsage(c0);
  return (bytesPerRound * rounds) / 1e6 / ((cpu.user + cpu.system) / 1e6);
}

export async function newsExtractionBenchmark(): Promise<BenchRow[]> {
  if (!existsSync(DEV)) return [];
  const articles = readdirSync(DEV).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(join(DEV, name), 'utf8'));
  const bytes = articles.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
  const repeats = Math.ceil(1e6 / bytes);
  const joined = Array.from({ length: repeats }, () => articles.join('\n\n\n')).join('\n\n\n');
  const warmUntil = Date.now() + 1500;
  while (Date.now() < warmUntil) for (const text of articles) extract(text);
  const perArticle = cpuMbPerSecond(bytes * repeats, () => { for (let r = 0; r < repeats; r++) for (const text of articles) extract(text); });
  const whole = cpuMbPerSecond(Buffer.byteLength(joined, 'utf8'), () => { extract(joined); });
  return [
    { figure: `extraction speed, ${articles.length} dev articles each alone (~1 MB, CPU)`, value: perArticle, unit: 'MB/s', target: '≥ 5', ok: perArticle >= 5 },
    { figure: 'extraction speed, dev articles joined into ~1 MB (CPU)', value: whole, unit: 'MB/s', target: '≥ 5', ok: whole >= 5 },
  ];
}
