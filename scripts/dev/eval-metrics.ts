// Measures the metric decision alone against the gold answers in ../shared/gold, without the
// rest of the pipeline: each gold fact's span is located, its number+unit found with a rough
// local recogniser, and classifyMetric is asked. Usage: npx tsx scripts/dev/eval-metrics.ts [--all] [--quiet]
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { classifyMetric } from '../../lib/extract/metrics';
import type { FigureMatch, Unit } from '../../lib/extract/types';

const GOLD_DIR = resolve(import.meta.dirname, '../../../shared/gold');

interface GoldFact { text: string; value: number; unit: Unit; metric: string; alt_metrics?: string[] | null; core: boolean }
interface GoldFile { document: string; facts: GoldFact[] }

const UNIT_WORDS: [string, Unit][] = ([
  ['万亿元', 'CNY'], ['亿元', 'CNY'], ['万元', 'CNY'], ['千元', 'CNY'], ['元', 'CNY'],
  ['亿美元', 'USD'], ['万美元', 'USD'], ['美元', 'USD'], ['港元', 'HKD'], ['欧元', 'EUR'],
  ['平方公里', 'km2'], ['平方千米', 'km2'], ['平方米', 'm2'], ['平米', 'm2'], ['㎡', 'm2'], ['方', 'm2'],
  ['立方米', 'm3'], ['亩', 'mu'], ['公顷', 'ha'], ['公里', 'km'], ['千米', 'km'], ['米', 'm'],
  ['吨', 't'], ['公斤', 'kg'], ['千克', 'kg'], ['个百分点', 'percentage_point'], ['%', 'percent'], ['％', 'percent'],
  ['个工作日', 'day'], ['工作日', 'day'], ['天', 'day'], ['个多月', 'month'], ['个月', 'month'], ['年半', 'year'], ['年', 'year'], ['小时', 'hour'],
  ...['家次', '户次', '人次', '场次', '批次', '户', '家', '个', '名', '人', '件', '项', '套', '栋', '幢', '处', '次', '场', '期', '只',
    '条', '起', '株', '块', '位', '支', '座', '所', '趟', '宗', '张', '份', '台', '辆', '组', '批', '大', '种', '类', '单'].map((w) => [w, 'count'] as [string, Unit]),
] as [string, Unit][]).sort((a, b) => b[0].length - a[0].length);

const NUMBER = /[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万亿]+/g;
const PREFIX = /(超过|超|近|约|逾|不到|不足|将近|接近)$/;

function findFigure(doc: string, spanStart: number, span: string, fact: GoldFact): FigureMatch | null {
  for (const match of span.matchAll(NUMBER)) {
    let cursor = match.index! + match[0].length;
    const rest = span.slice(cursor);
    const head = /^(余|多)?([万亿千百]*)(余|多)?/.exec(rest)!;
    cursor += head[0].length;
    const after = span.slice(cursor);
    const unitEntry = UNIT_WORDS.find(([word, unit]) => after.startsWith(word) && (unit === fact.unit || (fact.unit === 'm3' && word === '方')));
    if (!unitEntry) continue;
    const numberStart = spanStart + match.index!;
    const prefix = PREFIX.exec(doc.slice(Math.max(0, numberStart - 3), numberStart));
    const start = numberStart - (prefix ? prefix[0].length : 0);
    const end = spanStart + cursor + unitEntry[0].length;
    const unitWord = fact.unit === 'CNY' || fact.unit === 'USD' ? head[2] + unitEntry[0] : unitEntry[0];
    return {
      start, end, text: doc.slice(start, end), numberStart, numberEnd: spanStart + match.index! + match[0].length,
      value: fact.value, low: null, high: null, unit: fact.unit, unitWord, qualifier: 'exact', qualifierWord: prefix ? prefix[0] : null,
    };
  }
  return null;
}

function sentenceAround(doc: string, start: number, end: number) {
  const boundary = /[。！？；\n]/;
  let s = start; while (s > 0 && !boundary.test(doc[s - 1])) s--;
  let e = end; while (e < doc.length && !boundary.test(doc[e])) e++;
  return { start: s, end: Math.min(doc.length, e + 1) };
}

function evaluate(label: string, dir: string, includeAll: boolean, quiet: boolean) {
  let total = 0; let correct = 0; const errors: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8')) as GoldFile;
    const doc = readFileSync(resolve(dir, gold.document), 'utf8');
    for (const fact of gold.facts) {
      if (!fact.core && !includeAll) continue;
      const spanStart = doc.indexOf(fact.text);
      const figure = spanStart >= 0 ? findFigure(doc, spanStart, fact.text, fact) : null;
      total++;
      if (!figure) { errors.push(`  [no figure] ${name} ${fact.text}`); continue; }
      const decision = classifyMetric({ text: doc, sentence: sentenceAround(doc, figure.start, figure.end), figure });
      const accepted = [fact.metric, ...(fact.alt_metrics ?? [])];
      if (accepted.includes(decision.metric)) { correct++; continue; }
      const context = doc.slice(Math.max(0, figure.start - 25), figure.end + 12).replace(/\n/g, '⏎');
      errors.push(`  gold=${fact.metric.padEnd(22)} got=${decision.metric.padEnd(22)} cues=[${decision.cues.join(',')}]  …${context.replace(figure.text, `⟦${figure.text}⟧`)}…`);
    }
  }
  console.log(`${label}: ${correct}/${total} = ${(correct / Math.max(1, total)).toFixed(3)}`);
  if (!quiet) for (const line of errors) console.log(line);
}

const includeAll = process.argv.includes('--all');
const quiet = process.argv.includes('--quiet');
evaluate(`sample${includeAll ? ' (all facts)' : ' (core)'}`, GOLD_DIR, includeAll, quiet);
evaluate(`dev${includeAll ? ' (all facts)' : ' (core)'}`, join(GOLD_DIR, 'dev'), includeAll, quiet);
void dirname;
