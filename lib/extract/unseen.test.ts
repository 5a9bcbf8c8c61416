// Scores our own held-out passages (lib/extract/fixtures/unseen: local-news passages written and
// annotated by hand in the gold format of ../shared/gold/README.md, annotated before the extractor was
// run on them) with the shared scorer (../shared/tools/score-extraction.mjs), as gold.test.ts does for
// ../shared/gold. They guard against tuning the modules to the 20 dev articles alone.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract } from '.';

const SHARED = resolve(process.cwd(), '..', 'shared');
const SCORER = join(SHARED, 'tools', 'score-extraction.mjs');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'unseen');

interface Score { core: number; f1: number; precision: number; recall: number; metric: number; qualifier: number; street: number; date: number }
interface Scorer {
  score(gold: unknown, doc: string, facts: unknown[]): Score;
  combine(scores: Score[]): Score & { documents: number };
}

describe.runIf(existsSync(SCORER))('extraction against our held-out fixtures (fixtures/unseen)', async () => {
  const scorer = (await import(pathToFileURL(SCORER).href)) as Scorer;
  const golds = readdirSync(FIXTURES).filter((n) => n.endsWith('.gold.json')).sort();

  it('every gold span occurs once in its passage', () => {
    for (const name of golds) {
      const gold = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
      const doc = readFileSync(resolve(FIXTURES, gold.document), 'utf8');
      for (const fact of gold.facts) {
        const at = doc.indexOf(fact.text);
        expect(at, `${name}: ${fact.text}`).toBeGreaterThanOrEqual(0);
        expect(doc.indexOf(fact.text, at + 1), `${name}: ${fact.text} twice`).toBe(-1);
      }
    }
  });

  it('core-figure F1 ≥ 0.9 and metric ≥ 0.85', () => {
    const scores = golds.map((name) => {
      const goldPath = join(FIXTURES, name);
      const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
      const doc = readFileSync(resolve(dirname(goldPath), gold.document), 'utf8');
      const result = extract(doc, { published: gold.publication?.date ?? null });
      return scorer.score(gold, doc, result.articles.flatMap((a) => a.facts));
    });
    const s = scorer.combine(scores);
    expect(s.documents).toBeGreaterThanOrEqual(25);
    expect(s.f1).toBeGreaterThanOrEqual(0.9);
    expect(s.metric).toBeGreaterThanOrEqual(0.85);
  });
});
