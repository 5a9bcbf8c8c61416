// Issue 11 §2: would a segmenter with part-of-speech tags (@node-rs/jieba) find better head nouns and verbs
// than the extractor's own phrase rules? For every core figure the extractor matches in a gold folder, the
// figure's clause is tagged by jieba (its dictionary plus the lexicon's heads and verbs as nouns and verbs and
// the division list's names as places, so our words override its tags); jieba's head noun (the last noun of
// the noun run after the figure, else the last noun before it) and its verb (the last verb before the figure,
// else the first after) are classed by the lexicon, and the metric table is asked again with jieba's object,
// jieba's action, or both in place of the extractor's. Counted: how often that moves a decision to the gold
// metric and how often away from it; and jieba's time against the extractor's.
// jieba is not a dependency of the app: install it anywhere (npm i --prefix DIR @node-rs/jieba@2.0.3) and
// usage: JIEBA_DIR=DIR npx tsx scripts/dev/jieba-heads.ts GOLD_DIR [GOLD_DIR…] [--show]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { extract, type Fact } from '../../lib/extract';
import type { ActionClass, ObjectClass } from '../../lib/extract/facet-classes';
import { loadGazetteer } from '../../lib/extract/gazetteer';
import { HEADS, VERBS } from '../../lib/extract/lexicon';
import { lookupMetric } from '../../lib/extract/metric-table';

interface TaggedWord { word: string; tag: string }
interface JiebaLike { tag(sentence: string, hmm?: boolean): TaggedWord[]; loadDict(dict: Uint8Array): void }

const jiebaDir = process.env.JIEBA_DIR;
if (!jiebaDir) throw new Error('JIEBA_DIR must name a folder where @node-rs/jieba is installed');
const requireJieba = createRequire(join(resolve(jiebaDir), 'node_modules', 'index.js'));
const { Jieba } = requireJieba('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): JiebaLike } };
const { dict } = requireJieba('@node-rs/jieba/dict') as { dict: Uint8Array };

const show = process.argv.includes('--show');
const folders = process.argv.slice(2).filter((a) => !a.startsWith('--'));

// ── jieba with our words ────────────────────────────────────────────────────────────────────────────
let t0 = performance.now();
const jieba = Jieba.withDict(dict);
const userWords: string[] = [];
for (const words of Object.values(HEADS)) for (const w of words) userWords.push(`${w} 100000 n`);
for (const words of Object.values(VERBS)) for (const w of words) userWords.push(`${w} 100000 v`);
const gazetteer = loadGazetteer();
for (const d of gazetteer.districts) userWords.push(`${d.name} 100000 ns`);
for (const s of gazetteer.streets) userWords.push(`${s.name} 100000 ns`);
jieba.loadDict(Buffer.from(userWords.join('\n'), 'utf8'));
const loadMs = performance.now() - t0;

// ── the lexicon's classes of a word: head-final nouns by their longest head, verbs by their longest verb ──
const headEntries = Object.entries(HEADS).flatMap(([cls, ws]) => ws.map((w) => [w, cls as ObjectClass] as const)).sort((a, b) => b[0].length - a[0].length);
const verbEntries = Object.entries(VERBS).flatMap(([cls, ws]) => ws.map((w) => [w, cls as ActionClass] as const)).sort((a, b) => b[0].length - a[0].length);
const objectClassOfWord = (w: string): ObjectClass | null => headEntries.find(([h]) => w.endsWith(h))?.[1] ?? null;
const actionClassOfWord = (w: string): ActionClass | null => verbEntries.find(([v]) => w === v)?.[1] ?? verbEntries.find(([v]) => w.includes(v))?.[1] ?? null;

const isNoun = (tag: string) => /^(n|nz|ng|nt|vn)$/.test(tag);
const isVerb = (tag: string) => /^(v|vd|vi)$/.test(tag);
const CLAUSE_END = /[，,；;。！？!?\n]/;

interface Heads { noun: string | null; verb: string | null; ms: number }

/** jieba's head noun and verb of the clause that holds [start, end). */
function jiebaHeads(text: string, start: number, end: number): Heads {
  let from = start, to = end;
  while (from > 0 && !CLAUSE_END.test(text[from - 1])) from -= 1;
  while (to < text.length && !CLAUSE_END.test(text[to])) to += 1;
  const t = performance.now();
  const tagged = jieba.tag(text.slice(from, to), true);
  const ms = performance.now() - t;
  const words: (TaggedWord & { at: number })[] = [];
  let at = from;
  for (const w of tagged) { words.push({ ...w, at }); at += w.word.length; }
  const before = words.filter((w) => w.at + w.word.length <= start);
  const after = words.filter((w) => w.at >= end);
  // the noun run after the figure (its measure word is jieba's m/q, skipped), up to 的 or a verb
  let noun: string | null = null;
  for (const w of after) {
    if (w.word === '的' || isVerb(w.tag)) break;
    if (isNoun(w.tag)) noun = w.word; else if (noun) break;
  }
  noun ??= [...before].reverse().find((w) => isNoun(w.tag))?.word ?? null;
  const verb = [...before].reverse().find((w) => isVerb(w.tag))?.word ?? after.find((w) => isVerb(w.tag))?.word ?? null;
  return { noun, verb, ms };
}

// ── the gold folders ────────────────────────────────────────────────────────────────────────────────
const UNIT_FACTOR: Record<string, number> = { mu: 10000 / 15, ha: 1e4, km2: 1e6, km: 1e3, t: 1e3 };
interface GoldFact { text: string; value: number; unit: string; metric: string; alt_metrics?: string[]; core?: boolean }
// gaps: jieba's classes only where the extractor found none
type Variant = 'object' | 'action' | 'both' | 'gaps';
const VARIANTS: Variant[] = ['object', 'action', 'both', 'gaps'];

for (const folder of folders) {
  const dir = resolve(folder);
  let matched = 0, extractorRight = 0, sameNoun = 0, sameVerb = 0, sameObjectClass = 0, sameActionClass = 0, extractMs = 0, jiebaMs = 0, clauses = 0;
  const moves = Object.fromEntries(VARIANTS.map((v) => [v, { changed: 0, toGold: 0, awayFromGold: 0, wrongToWrong: 0, right: 0 }]));
  const examples: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { document: string; publication?: { date?: string }; facts: GoldFact[] };
    const text = readFileSync(resolve(dir, gold.document), 'utf8');
    t0 = performance.now();
    const facts: Fact[] = extract(text, { published: gold.publication?.date ?? null }).articles.flatMap((a) => a.facts);
    extractMs += performance.now() - t0;
    for (const g of gold.facts) {
      if (!g.core) continue;
      const at = text.indexOf(g.text);
      const same = (x: Fact) => Math.abs(x.value * (UNIT_FACTOR[x.unit] ?? 1) - g.value * (UNIT_FACTOR[g.unit] ?? 1)) <= 1e-6 * Math.max(1, Math.abs(g.value));
      const f = facts.find((x) => x.start < at + g.text.length && at < x.end && same(x));
      if (!f) continue;
      matched++;
      const isGold = (m: string) => m === g.metric || (g.alt_metrics ?? []).includes(m);
      const ok = isGold(f.metric);
      if (ok) extractorRight++;
      const heads = jiebaHeads(text, f.start, f.end);
      jiebaMs += heads.ms; clauses++;
      const fc = f.facets;
      if (heads.noun === fc.object) sameNoun++;
      if (heads.verb === fc.action) sameVerb++;
      const jObject = heads.noun ? objectClassOfWord(heads.noun) : null;
      const jAction = heads.verb ? actionClassOfWord(heads.verb) : null;
      if (jObject === fc.object_class) sameObjectClass++;
      if (jAction === fc.action_class) sameActionClass++;
      for (const v of VARIANTS) {
        const object = v === 'gaps' ? fc.object_class ?? jObject : v !== 'action' && jObject ? jObject : fc.object_class;
        const action = v === 'gaps' ? fc.action_class ?? jAction : v !== 'object' && jAction ? jAction : fc.action_class;
        // unchanged facets keep the extractor's decision (which may have come from the fallback scorer)
        const metric = object === fc.object_class && action === fc.action_class ? f.metric
          : lookupMetric(fc.unit_class, object, action, fc.aspect)?.metric ?? f.metric;
        const m = moves[v];
        if (isGold(metric)) m.right++;
        if (metric === f.metric) continue;
        m.changed++;
        if (!ok && isGold(metric)) m.toGold++; else if (ok) m.awayFromGold++; else m.wrongToWrong++;
        if (show && (v === 'both' || v === 'gaps')) examples.push(`  ${v} ${ok ? 'away' : isGold(metric) ? 'GOLD' : 'w→w '} ${g.metric}: ${f.metric} → ${metric}  ext ${fc.object}/${fc.action}  jieba ${heads.noun}/${heads.verb}  ${text.slice(Math.max(0, f.start - 20), f.end + 10).replace(/\s+/g, ' ')}`);
      }
    }
  }
  const pct = (n: number) => `${(100 * n / matched).toFixed(1)}%`;
  console.log(`\n${folder}: ${matched} matched core figures, extractor's metric right on ${extractorRight} (${pct(extractorRight)})`);
  console.log(`  same word as the extractor: noun ${pct(sameNoun)}, verb ${pct(sameVerb)}; same class: object ${pct(sameObjectClass)}, action ${pct(sameActionClass)}`);
  for (const v of VARIANTS) {
    const m = moves[v];
    console.log(`  jieba's ${v.padEnd(6)}: ${m.changed} decisions changed — ${m.toGold} to the gold metric, ${m.awayFromGold} away from it, ${m.wrongToWrong} wrong to wrong; metric right ${m.right} (${pct(m.right)})`);
  }
  console.log(`  time: extractor ${extractMs.toFixed(0)} ms for the whole documents; jieba ${jiebaMs.toFixed(0)} ms for ${clauses} figure clauses only (${(1000 * jiebaMs / clauses).toFixed(0)} µs each), plus ${loadMs.toFixed(0)} ms to load its dictionaries once`);
  if (examples.length) console.log(examples.join('\n'));
}
