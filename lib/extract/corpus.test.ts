// One runner for the Duckling-style corpora of lib/extract/corpus (*.corpus): each line gives the answer a
// figure must get (its facet, metric, role, clause date or place) and a text of our own, with the figure
// marked ⟦…⟧; the text goes through the whole pipeline (extract()).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, type DatePrecision, type ExtractOptions, type Fact } from '.';

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
    for (const [key, value] of opts === '-' ? [] : opts.split(/\s*;\s*/u).map((o) => o.split(/\s+/u))) {
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

/** `class` or `class:word` against a facet's class and its word as written. */
function classAndWord(cls: string | null, word: string | null, expected: string): string {
  return expected.includes(':') ? `${cls}:${word}` : String(cls);
}

// The facet, metric and role corpora: the fact at the mark must carry the expected value.
const FACET_CORPORA: Array<[file: string, read: (fact: Fact, expected: string) => string]> = [
  ['objects.corpus', (fact, expected) => classAndWord(fact.facets.object_class, fact.facets.object, expected)],
  ['actions.corpus', (fact, expected) => classAndWord(fact.facets.action_class, fact.facets.action, expected)],
  ['aspects.corpus', (fact) => fact.facets.aspect ?? 'none'],
  ['metrics.corpus', (fact) => fact.metric],
  ['roles.corpus', (fact) => fact.role],
];
const FACET_PUBLISHED = '2024-06-30'; // for the facet corpora, whose lines name no publication day

describe.each(FACET_CORPORA)('corpus/%s', (file, read) => {
  it.each(readCorpus(file))('$answer ← $source', (line) => {
    const fact = factOfLine({ ...line, options: { published: FACET_PUBLISHED, ...line.options } });
    expect(read(fact, line.answer)).toBe(line.answer);
  });
});

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
