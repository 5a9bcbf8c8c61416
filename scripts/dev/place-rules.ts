// Precision of each rule of placeForFigure on gold sets: for every core gold figure the extractor finds,
// which rule placed it (places.ts PlaceRule) and whether the street agrees with the gold answer.
// Runs the place stage as extract() does (same segments, sentences, paragraphs, mentions).
// usage: npx tsx scripts/dev/place-rules.ts GOLD_DIR… [--verbose] [--rule=NAME]
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { findFigures } from '../../lib/extract/figures';
import { findPlaces, placeForFigure, resolveDistrict } from '../../lib/extract/places';
import { segmentPage, splitSentences } from '../../lib/extract/segment';
import type { Range } from '../../lib/extract/types';

const UNIT_FACTOR: Record<string, number> = { mu: 10000 / 15, ha: 1e4, km2: 1e6, km: 1e3, t: 1e3 };
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.find((a) => a.startsWith('--rule='))?.slice(7);
const folders = args.filter((a) => !a.startsWith('--'));

function rangeAt(ranges: readonly Range[], pos: number): Range | undefined {
  return ranges.find((r) => r.start <= pos && pos < r.end);
}

const total: Record<string, { right: number; wrong: number }> = {};
for (const folder of folders) {
  const dir = resolve(folder);
  const perSet: Record<string, { right: number; wrong: number }> = {};
  const lines: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const text = readFileSync(resolve(dir, gold.document), 'utf8');
    const segments = segmentPage(text);
    const masthead = text.slice(0, Math.min(segments[0]?.start ?? 0, 2000));
    const mention = masthead.trim() ? findPlaces(masthead, { deictic: false }).find((m) => m.level === 'district') : undefined;
    const paper = /([\u4e00-\u9fa5]{2,4})报/.exec(masthead);
    const source = mention ? mention.place : paper ? resolveDistrict(paper[1]) : null;
    const figures = findFigures(text);
    const places = findPlaces(text, { district: source });
    for (const g of gold.facts) {
      if (!g.core) continue;
      const at = text.indexOf(g.text);
      const f = figures.find((x) => x.start < at + g.text.length && at < x.end
        && Math.abs(x.value * (UNIT_FACTOR[x.unit] ?? 1) - g.value * (UNIT_FACTOR[g.unit] ?? 1)) <= 1e-6 * Math.max(1, Math.abs(g.value)));
      if (!f) continue;
      const segment = segments.find((s) => s.start <= f.start && f.start < s.end);
      if (!segment) continue;
      const article = { start: segment.start, end: segment.end };
      const sentence = rangeAt(splitSentences(text, article), f.start) ?? article;
      const paragraph = rangeAt(segment.paragraphs, f.start) ?? sentence;
      const { place, rule } = placeForFigure({
        mentions: places, figureStart: f.start, sentence, paragraph, article, defaultPlace: source, title: segment.titleRange ?? null, text,
      });
      const ok = (place.street ?? null) === (g.street ?? null);
      for (const tally of [perSet, total]) {
        tally[rule] ??= { right: 0, wrong: 0 };
        tally[rule][ok ? 'right' : 'wrong']++;
      }
      if ((verbose && !ok) || only === rule) {
        lines.push(`  ${ok ? 'ok ' : 'BAD'} ${basename(name, '.gold.json')} [${rule}] ${g.text}: ${place.street}≠${g.street}  …${text.slice(Math.max(sentence.start, f.start - 40), f.end + 10).replace(/\s+/g, ' ')}`);
      }
    }
  }
  console.log(`--- ${folder}`);
  for (const [rule, { right, wrong }] of Object.entries(perSet).sort()) console.log(`  ${rule.padEnd(20)} ${right}/${right + wrong}`);
  for (const l of lines) console.log(l);
}
console.log('--- all');
for (const [rule, { right, wrong }] of Object.entries(total).sort()) {
  console.log(`  ${rule.padEnd(20)} ${right}/${right + wrong} (${((100 * right) / (right + wrong)).toFixed(1)}%)`);
}
