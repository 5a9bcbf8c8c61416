// Evaluates lib/extract/places.ts against the gold answers (street, district, community per fact).
// usage: npx tsx scripts/dev/eval-places.ts [--verbose] [--gold ../shared/gold]
// Each gold fact is located by its text; sentences split at 。！？；\n, paragraphs at \n. The sample page
// (several articles) is split roughly at lines holding 本报讯 (the line before, if short, is the title);
// dev documents are one article each. Dev texts stay in ../shared: nothing of them is copied here.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findPlaces, placeForFigure, resolveDistrict } from '../../lib/extract/places';
import { gazetteerStats } from '../../lib/extract/gazetteer';
import type { PlaceRef, Range } from '../../lib/extract/types';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const goldDir = resolve(args[args.indexOf('--gold') + 1] && args.includes('--gold') ? args[args.indexOf('--gold') + 1] : join(process.cwd(), '..', 'shared', 'gold'));

interface GoldFact { text: string; district?: string | null; street?: string | null; community?: string | null; core: boolean }
interface Gold { document: string; publication: { name: string | null; date: string | null }; facts: GoldFact[] }

function lines(doc: string): Range[] {
  const out: Range[] = [];
  let s = 0;
  for (let i = 0; i <= doc.length; i++) {
    if (i === doc.length || doc[i] === '\n') { if (doc.slice(s, i).trim()) out.push({ start: s, end: i }); s = i + 1; }
  }
  return out;
}
function sentenceAt(doc: string, pos: number): Range {
  let s = pos, e = pos;
  while (s > 0 && !/[。！？；\n]/u.test(doc[s - 1])) s--;
  while (e < doc.length && !/[。！？；\n]/u.test(doc[e])) e++;
  return { start: s, end: Math.min(doc.length, e + 1) };
}
function articles(doc: string, multi: boolean): { range: Range; title: Range | null }[] {
  if (!multi) return [{ range: { start: 0, end: doc.length }, title: null }];
  const ls = lines(doc);
  const starts: { start: number; title: Range | null }[] = [];
  ls.forEach((l, i) => {
    if (!doc.slice(l.start, l.end).includes('本报讯')) return;
    const prev = ls[i - 1];
    const t = prev && doc.slice(prev.start, prev.end).trim();
    if (t && t.length <= 40 && !/[。]/u.test(t)) starts.push({ start: prev.start, title: prev });
    else starts.push({ start: l.start, title: null });
  });
  if (!starts.length || starts[0].start > 0) starts.unshift({ start: 0, title: null });
  return starts.map((s, i) => ({ range: { start: s.start, end: i + 1 < starts.length ? starts[i + 1].start : doc.length }, title: s.title }));
}
const numberAt = (doc: string, start: number, text: string): number => {
  const k = text.search(/[0-9０-９]/u);
  const k2 = k >= 0 ? k : text.search(/[零一二三四五六七八九十百千两]/u);
  return start + Math.max(0, k2);
};

interface Tally { n: number; street: number; district: number; community: number }
const tally = (): Tally => ({ n: 0, street: 0, district: 0, community: 0 });
const results: Record<string, { core: Tally; all: Tally }> = { sample: { core: tally(), all: tally() }, dev: { core: tally(), all: tally() } };
const same = (a: string | null | undefined, b: string | null | undefined): boolean => (a ?? null) === (b ?? null);

const files: { path: string; group: 'sample' | 'dev' }[] = [];
for (const n of readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort()) files.push({ path: join(goldDir, n), group: 'sample' });
if (existsSync(join(goldDir, 'dev'))) for (const n of readdirSync(join(goldDir, 'dev')).filter((f) => f.endsWith('.gold.json')).sort()) files.push({ path: join(goldDir, 'dev', n), group: 'dev' });

let findMs = 0, chars = 0;
const t0 = performance.now();
for (const f of files) {
  const gold = JSON.parse(readFileSync(f.path, 'utf8')) as Gold;
  const doc = readFileSync(resolve(dirname(f.path), gold.document), 'utf8');
  const sample = f.group === 'sample';
  const district: PlaceRef | null = sample ? resolveDistrict(gold.publication.name?.includes('上城') ? '上城区' : '') : null;
  const t = performance.now();
  const mentions = findPlaces(doc, { district });
  findMs += performance.now() - t; chars += doc.length;
  const arts = articles(doc, sample);
  const paras = lines(doc);
  if (verbose) console.log(`\n== ${f.path.split('/').pop()}  mentions: ${mentions.map((m) => `${m.text}[${m.level}${(m as { form?: string }).form === 'full' ? '' : ':' + (m as { form?: string }).form}${m.place.street && m.level !== 'street' ? ' ' + m.place.street : ''}${m.level === 'street' ? ' ' + m.place.district : ''}]`).join(' ')}`);
  for (const g of gold.facts) {
    const start = doc.indexOf(g.text);
    if (start < 0) { console.error('not found', g.text); continue; }
    const fs = numberAt(doc, start, g.text);
    const art = arts.find((a) => fs >= a.range.start && fs < a.range.end)!;
    const paragraph = paras.find((p) => fs >= p.start && fs < p.end) ?? art.range;
    const { place, provenance } = placeForFigure({ mentions, figureStart: fs, sentence: sentenceAt(doc, fs), paragraph, article: art.range, defaultPlace: district, title: art.title, text: doc });
    const ok = { street: same(place.street, g.street), district: same(place.district, g.district), community: same(place.community, g.community) };
    for (const t of g.core ? [results[f.group].core, results[f.group].all] : [results[f.group].all]) {
      t.n++; if (ok.street) t.street++; if (ok.district) t.district++; if (ok.community) t.community++;
    }
    if (verbose && (!ok.street || !ok.district || !ok.community)) {
      console.log(`  ${g.core ? 'C' : ' '} ${g.text}: got ${place.district}/${place.street}/${place.community} (${provenance}) want ${g.district ?? null}/${g.street ?? null}/${g.community ?? null}${ok.street ? '' : '  << street'}`);
    }
  }
}
const pc = (a: number, n: number): string => (n ? (100 * a / n).toFixed(1) : '-');
for (const [group, r] of Object.entries(results)) {
  for (const [k, t] of Object.entries(r)) {
    console.log(`${group.padEnd(6)} ${k.padEnd(4)} n=${String(t.n).padStart(3)}  street ${pc(t.street, t.n)}  district ${pc(t.district, t.n)}  community ${pc(t.community, t.n)}`);
  }
}
const st = gazetteerStats();
console.log(`gazetteer load ${st.districtsMs?.toFixed(0)} ms, community index load ${st.communitiesMs?.toFixed(0) ?? '-'} ms (${st.communityIndex ?? 'not loaded'}); findPlaces ${findMs.toFixed(0)} ms for ${chars} chars; total ${(performance.now() - t0).toFixed(0)} ms`);
