// Date accuracy of lib/extract/dates + segment against the gold answers (../shared/gold).
//   npx tsx scripts/dev/eval-dates.ts [--all] [--quiet]
// For each gold fact: locate its text, find its article / paragraph / sentence with segmentPage and
// splitSentences, ask dateForFigure, and count it right when the date is the gold date or one of its
// alt_dates (null = null when the source has no date). Reports core facts (and all facts), sample page
// vs dev articles, the errors, the sample page's segmentation, and the speed of the date/segment stage.
import fs from 'node:fs';
import path from 'node:path';
import { dateForFigure, findDates, findPublicationDate } from '../../lib/extract/dates';
import { segmentPage, splitSentences } from '../../lib/extract/segment';
import type { Range } from '../../lib/extract/types';

const SHARED = process.env.SHARED_DIR ?? '/work/shared';
const args = new Set(process.argv.slice(2));

interface GoldFact { text: string; date: string | null; alt_dates?: string[]; core?: boolean }
interface Gold { document: string; publication: { date: string | null }; facts: GoldFact[] }

const devIndex: { id: string; date: string | null }[] =
  JSON.parse(fs.readFileSync(path.join(SHARED, 'corpus/dev/index.json'), 'utf8'));

function goldFiles(): { set: 'sample' | 'dev'; file: string }[] {
  const out: { set: 'sample' | 'dev'; file: string }[] = [];
  for (const f of fs.readdirSync(path.join(SHARED, 'gold'))) if (f.endsWith('.gold.json')) out.push({ set: 'sample', file: path.join(SHARED, 'gold', f) });
  for (const f of fs.readdirSync(path.join(SHARED, 'gold/dev'))) if (f.endsWith('.gold.json')) out.push({ set: 'dev', file: path.join(SHARED, 'gold/dev', f) });
  return out;
}

function containing(ranges: readonly Range[], pos: number): Range | null {
  for (const r of ranges) if (pos >= r.start && pos < r.end) return r;
  return null;
}

const NUMERAL = /[0-9０-９〇零一二三四五六七八九十百千万两]/;

const stats = { sample: { core: 0, coreOk: 0, all: 0, allOk: 0 }, dev: { core: 0, coreOk: 0, all: 0, allOk: 0 } };
const errors: string[] = [];
const provenance: Record<string, number> = {};

for (const { set, file } of goldFiles()) {
  const gold: Gold = JSON.parse(fs.readFileSync(file, 'utf8'));
  const docPath = path.resolve(path.dirname(file), gold.document);
  const text = fs.readFileSync(docPath, 'utf8');
  const id = path.basename(docPath, '.txt');
  const published = gold.publication.date ?? devIndex.find((d) => d.id === id)?.date ?? findPublicationDate(text);
  const segments = segmentPage(text);
  const mentions = findDates(text, published);
  const whole: Range = { start: 0, end: text.length };

  for (const fact of gold.facts) {
    const at = text.indexOf(fact.text);
    if (at < 0) { errors.push(`[${set}] ${id}: gold text not found: ${fact.text}`); continue; }
    const k = fact.text.search(NUMERAL);
    const figureStart = at + Math.max(0, k);
    const seg = segments.find((s) => figureStart >= s.start && figureStart < s.end);
    const article: Range = seg ? { start: seg.start, end: seg.end } : whole;
    const sentence = containing(splitSentences(text, article), figureStart) ?? article;
    const paragraph = (seg && containing(seg.paragraphs, figureStart)) ?? sentence;
    const r = dateForFigure({ mentions, figureStart, sentence, paragraph, article, published });
    const accepted = [fact.date, ...(fact.alt_dates ?? [])];
    const ok = accepted.includes(r.date);
    const core = fact.core !== false;
    const s = stats[set];
    s.all++; if (ok) s.allOk++;
    if (core) { s.core++; if (ok) s.coreOk++; }
    provenance[r.provenance] = (provenance[r.provenance] ?? 0) + 1;
    if (!ok && (core || args.has('--all'))) {
      errors.push(`[${set}${core ? '' : ' non-core'}] ${id} «${fact.text}» got ${r.date} (${r.precision}, ${r.provenance}) want ${accepted.join('|')}\n      sentence: ${text.slice(sentence.start, sentence.end).replace(/\n+/g, '⏎').slice(0, 110)}`);
    }
    if (!seg) errors.push(`[${set}] ${id}: «${fact.text}» lies in no segment`);
  }
}

const pct = (a: number, b: number) => (b ? (100 * a / b).toFixed(1) + '%' : 'n/a');
console.log('Date accuracy (date or alt_dates):');
for (const set of ['sample', 'dev'] as const) {
  const s = stats[set];
  console.log(`  ${set.padEnd(6)} core ${s.coreOk}/${s.core} = ${pct(s.coreOk, s.core)}   all ${s.allOk}/${s.all} = ${pct(s.allOk, s.all)}`);
}
console.log('  provenance:', JSON.stringify(provenance));
if (errors.length) { console.log(`\nErrors (${errors.length}):`); for (const e of errors) console.log('  ' + e); }

if (!args.has('--quiet')) {
  const samplePath = path.join(SHARED, 'corpus/shangcheng-bao-2020-04-21.txt');
  const text = fs.readFileSync(samplePath, 'utf8');
  console.log(`\nSample page: publication date found = ${findPublicationDate(text)}`);
  const segs = segmentPage(text);
  console.log(`Segmentation: ${segs.length} articles`);
  for (const s of segs) {
    console.log(`  [${s.start}, ${s.end}) ${s.paragraphs.length} paragraphs  title: ${s.title}`);
    console.log(`      body: ${text.slice(s.bodyStart, s.bodyStart + 36).replace(/\n+/g, '⏎')}…`);
  }
}

// speed of this stage (dates + segmentation + sentences), on the corpus repeated to ~5 MB
{
  const corpus = [path.join(SHARED, 'corpus/shangcheng-bao-2020-04-21.txt'),
    ...fs.readdirSync(path.join(SHARED, 'corpus/dev')).filter((f) => f.endsWith('.txt')).map((f) => path.join(SHARED, 'corpus/dev', f))]
    .map((f) => fs.readFileSync(f, 'utf8'));
  const docs: string[] = [];
  let bytes = 0;
  while (bytes < 5e6) for (const d of corpus) { docs.push(d); bytes += Buffer.byteLength(d); }
  let n = 0;
  const run = (d: string) => {
    const ms = findDates(d, '2023-08-10');
    for (const seg of segmentPage(d)) {
      const sents = splitSentences(d, seg);
      for (const sent of sents) n += dateForFigure({ mentions: ms, figureStart: sent.start + 1, sentence: sent, paragraph: sent, article: seg, published: '2023-08-10' }).date ? 1 : 0;
    }
  };
  for (const d of docs.slice(0, 200)) run(d);   // warm-up
  n = 0;
  const t0 = performance.now();
  for (const d of docs) run(d);
  const sec = (performance.now() - t0) / 1000;
  console.log(`\nSpeed: ${(bytes / 1e6).toFixed(1)} MB in ${sec.toFixed(2)} s = ${(bytes / 1e6 / sec).toFixed(1)} MB/s (findDates + segmentPage + splitSentences + dateForFigure; ${n} lookups)`);
}
