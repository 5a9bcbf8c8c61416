// Extraction speed per stage on real news text: the dev articles of ../shared (each extracted on its
// own, as ingestion does), repeated until about 1 MB has been processed. Prints in-process MB/s of
// extract(), its CPU time, and the time of each stage measured by re-running the stages one by one.
// usage: npx tsx scripts/dev/bench-stages.ts [MB=1] [--rounds=N]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extract } from '../../lib/extract';
import { findFigures } from '../../lib/extract/figures';
import { classifyMetric, isCumulative } from '../../lib/extract/metrics';
import { findPlaces, placeForFigure } from '../../lib/extract/places';
import { dateForFigure, findDates } from '../../lib/extract/dates';
import { segmentPage, splitSentences } from '../../lib/extract/segment';
import type { Range } from '../../lib/extract/types';

const shared = resolve(import.meta.dirname, '../../../shared');
const goldDir = join(shared, 'gold/dev');
const docs = readdirSync(goldDir).filter((n) => n.endsWith('.gold.json')).sort().map((n) => {
  const gold = JSON.parse(readFileSync(join(goldDir, n), 'utf8'));
  return { text: readFileSync(resolve(goldDir, gold.document), 'utf8'), published: gold.publication?.date ?? null as string | null };
});
const targetMB = Number(process.argv.slice(2).find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 1);
const bytesOnce = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0);
const reps = Math.max(1, Math.round((targetMB * 1e6) / bytesOnce));

function at(ranges: readonly Range[], pos: number): Range | undefined {
  let lo = 0, hi = ranges.length - 1;
  while (lo <= hi) { const mid = (lo + hi) >> 1; const r = ranges[mid]; if (pos < r.start) hi = mid - 1; else if (pos >= r.end) lo = mid + 1; else return r; }
  return undefined;
}

// warm-up (JIT, gazetteer, community index)
for (let i = 0; i < 3; i++) for (const d of docs) extract(d.text, { published: d.published });

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 7);
const speeds: number[] = [], cpus: number[] = [];
for (let r = 0; r < rounds; r++) {
  global.gc?.();
  const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
  for (let k = 0; k < reps; k++) for (const d of docs) extract(d.text, { published: d.published });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9; const cu = process.cpuUsage(c0);
  speeds.push((bytesOnce * reps) / 1e6 / wall); cpus.push((cu.user + cu.system) / 1e6);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const mb = (bytesOnce * reps) / 1e6;
console.log(`dev articles ×${reps} = ${mb.toFixed(2)} MB, ${rounds} rounds: wall ${med(speeds).toFixed(2)} MB/s (median; best ${Math.max(...speeds).toFixed(2)}), `
  + `CPU ${med(cpus).toFixed(3)} s (median; best ${Math.min(...cpus).toFixed(3)}) = ${(mb / med(cpus)).toFixed(2)} MB/s of CPU (best ${(mb / Math.min(...cpus)).toFixed(2)})`);

// stages
const T: Record<string, number> = { segment: 0, figures: 0, findPlaces: 0, findDates: 0, sentences: 0, metric: 0, placeForFigure: 0, dateForFigure: 0 };
const now = () => performance.now();
for (let k = 0; k < reps; k++) for (const d of docs) {
  const text = d.text, published = d.published;
  let t = now();
  const segments = segmentPage(text); T.segment += now() - t; t = now();
  const figures = findFigures(text); T.figures += now() - t; t = now();
  const places = findPlaces(text, { district: null }); T.findPlaces += now() - t; t = now();
  const dates = findDates(text, published); T.findDates += now() - t;
  for (const seg of segments) {
    const article = { start: seg.start, end: seg.end };
    t = now(); const sentences = splitSentences(text, article); T.sentences += now() - t;
    for (const figure of figures) {
      if (figure.start < seg.start || figure.start >= seg.end) continue;
      const sentence = at(sentences, figure.start) ?? article;
      const paragraph = at(seg.paragraphs, figure.start) ?? sentence;
      const ctx = { text, sentence, figure };
      t = now(); classifyMetric(ctx); isCumulative(ctx); T.metric += now() - t;
      t = now(); placeForFigure({ mentions: places, figureStart: figure.start, sentence, paragraph, article, defaultPlace: null, title: seg.titleRange ?? null, text }); T.placeForFigure += now() - t;
      t = now(); dateForFigure({ mentions: dates, figureStart: figure.start, sentence, paragraph, article, published, text }); T.dateForFigure += now() - t;
    }
  }
}
const total = Object.values(T).reduce((a, b) => a + b, 0);
for (const [k, v] of Object.entries(T)) console.log(`  ${k.padEnd(15)} ${(v / 1000).toFixed(3)} s  ${(100 * v / total).toFixed(1)} %`);
console.log(`  ${'sum'.padEnd(15)} ${(total / 1000).toFixed(3)} s`);
