// One runner for the Duckling-style corpora of lib/extract/corpus. The facet, metric and role corpora
// (corpus/*.ts): each sentence is extracted as a
// whole text, and the fact at its ⟦mark⟧ must carry the expected facet, metric or role.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from './corpus/actions';
import { ASPECTS } from './corpus/aspects';
import { METRICS, METRICS_MORE, METRICS_THIRD } from './corpus/metrics';
import { OBJECTS } from './corpus/objects';
import { ROLES } from './corpus/roles';
import type { Corpus } from './corpus/types';
import { extract, type DatePrecision, type ExtractOptions, type Fact } from '.';

/** The fact of the marked figure of `marked` (a sentence with one ⟦figure⟧), or undefined. */
export function factAt(marked: string): Fact | undefined {
  const open = marked.indexOf('⟦');
  const close = marked.indexOf('⟧');
  if (open < 0 || close < open) throw new Error(`no ⟦figure⟧ in: ${marked}`);
  const text = marked.replace('⟦', '').replace('⟧', '');
  const start = open, end = close - 1;
  const facts = extract(text, { published: '2024-06-30' }).articles.flatMap((article) => article.facts);
  return facts.find((fact) => fact.start < end && start < fact.end);
}

const cases = (corpus: Corpus) => corpus.flatMap(([expected, sentences]) => sentences.map((sentence) => [expected, sentence] as const));

/** `class` or `class:word` against a facet's class and its word as written. */
function classAndWord(cls: string | null, word: string | null, expected: string): string {
  return expected.includes(':') ? `${cls}:${word}` : String(cls);
}

const CORPORA: Array<[name: string, corpus: Corpus, read: (fact: Fact, expected: string) => string]> = [
  ['object', OBJECTS, (fact, expected) => classAndWord(fact.facets.object_class, fact.facets.object, expected)],
  ['action', ACTIONS, (fact, expected) => classAndWord(fact.facets.action_class, fact.facets.action, expected)],
  ['aspect', ASPECTS, (fact) => fact.facets.aspect ?? 'none'],
  ['metric', [...METRICS, ...METRICS_MORE, ...METRICS_THIRD], (fact) => fact.metric],
  ['role', ROLES, (fact) => fact.role],
];

describe.each(CORPORA)('the %s corpus', (_name, corpus, read) => {
  it.each(cases(corpus))('%s ← %s', (expected, sentence) => {
    const fact = factAt(sentence);
    expect(fact, `no fact at the mark of ${sentence}`).toBeDefined();
    expect(read(fact!, expected)).toBe(expected);
  });
});

// The clause-date and place corpora (corpus/*.corpus): each line gives the answer a figure must get and a
// text of our own, with the figure marked ⟦…⟧; the text goes through the whole pipeline (extract()).
interface Line { answer: string; options: ExtractOptions; text: string; start: number; end: number; source: string }

const OPEN = '⟦', CLOSE = '⟧';

/** The corpus lines of a file: answer | options | text with ⟦figure⟧ (⏎ stands for a line break). */
function readCorpus(file: string): Line[] {
  const lines: Line[] = [];
  for (const raw of readFileSync(join(import.meta.dirname, 'corpus', file), 'utf8').split('\n')) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const [answer, opts, marked] = raw.split(' | ').map((s) => s.trim());
    if (!answer || !opts || !marked) throw new Error(`${file}: malformed line: ${raw}`);
    const withBreaks = marked.replace(/⏎/gu, '\n');
    const start = withBreaks.indexOf(OPEN), close = withBreaks.indexOf(CLOSE);
    if (start < 0 || close < start) throw new Error(`${file}: no ⟦figure⟧ in: ${raw}`);
    const text = withBreaks.slice(0, start) + withBreaks.slice(start + 1, close) + withBreaks.slice(close + 1);
    const options: ExtractOptions = {};
    for (const [key, value] of opts.split(/\s*;\s*/u).map((o) => o.split(/\s+/u))) {
      if (key === 'pub') options.published = value;
      else if (key === 'src') options.district = value === '-' ? null : value;
      else throw new Error(`${file}: unknown option ${key}`);
    }
    lines.push({ answer, options, text, start, end: close - 1, source: marked });
  }
  return lines;
}

function factOfLine(line: Line): Fact {
  const facts = extract(line.text, line.options).articles.flatMap((a) => a.facts);
  const fact = facts.find((f) => f.start < line.end && line.start < f.end);
  if (!fact) throw new Error(`no figure found at ⟦${line.text.slice(line.start, line.end)}⟧`);
  return fact;
}

const PUBLISHED = '2023-08-09'; // for the place corpus, whose lines name no publication day

describe('clause dates (corpus/dates.corpus)', () => {
  const lines = readCorpus('dates.corpus');
  it('holds at least 25 sentences', () => expect(lines.length).toBeGreaterThanOrEqual(25));
  for (const line of lines) {
    it(`${line.answer} ← ${line.source}`, () => {
      const [date, precision] = line.answer.split(/\s+/u) as [string, DatePrecision | undefined];
      const fact = factOfLine(line);
      expect(fact.date).toBe(date);
      if (precision) expect(fact.datePrecision).toBe(precision);
    });
  }
});

describe('places (corpus/places.corpus)', () => {
  const lines = readCorpus('places.corpus');
  it('holds at least 25 sentences', () => expect(lines.length).toBeGreaterThanOrEqual(25));
  for (const line of lines) {
    it(`${line.answer} ← ${line.source}`, () => {
      const [district, street, community] = line.answer.split('/').map((s) => (s === '-' ? null : s));
      const fact = factOfLine({ ...line, options: { published: PUBLISHED, ...line.options } });
      expect({ district: fact.district, street: fact.street, community: fact.community }).toEqual({ district, street, community });
    });
  }
});
