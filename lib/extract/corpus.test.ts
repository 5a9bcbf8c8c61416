// One runner for the Duckling-style corpora of lib/extract/corpus: each sentence is extracted as a
// whole text, and the fact at its ⟦mark⟧ must carry the expected facet, metric or role.
import { describe, expect, it } from 'vitest';
import { ACTIONS } from './corpus/actions';
import { ASPECTS } from './corpus/aspects';
import { METRICS, METRICS_MORE, METRICS_THIRD } from './corpus/metrics';
import { OBJECTS } from './corpus/objects';
import { ROLES } from './corpus/roles';
import type { Corpus } from './corpus/types';
import { extract, type Fact } from '.';

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
