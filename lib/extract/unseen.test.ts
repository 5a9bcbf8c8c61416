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
// unseen: 38 passages (three batches, tuned against by now); unseen2: 12 passages of other genres and
// provinces (county half-year reports, bylines and ad footers, unitless 万 money, small Chinese counts),
// annotated before the extractor was run on them (first run: F1 98.2, metric 88.6, street 88.6, date 96.4).
const FOLDERS: Array<[name: string, minDocuments: number, f1: number, metric: number]> = [
  ['unseen', 25, 0.9, 0.85],
  ['unseen2', 12, 0.9, 0.85],
];

interface Score { core: number; f1: number; precision: number; recall: number; metric: number; qualifier: number; street: number; date: number }
interface Scorer {
  score(gold: unknown, doc: string, facts: unknown[]): Score;
  combine(scores: Score[]): Score & { documents: number };
}

describe.runIf(existsSync(SCORER)).each(FOLDERS)('extraction against our held-out fixtures (fixtures/%s)', async (folder, minDocuments, minF1, minMetric) => {
  const FIXTURES = join(import.meta.dirname, 'fixtures', folder);
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

  it(`core-figure F1 ≥ ${minF1} and metric ≥ ${minMetric}`, () => {
    const scores = golds.map((name) => {
      const goldPath = join(FIXTURES, name);
      const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
      const doc = readFileSync(resolve(dirname(goldPath), gold.document), 'utf8');
      const result = extract(doc, { published: gold.publication?.date ?? null });
      return scorer.score(gold, doc, result.articles.flatMap((a) => a.facts));
    });
    const s = scorer.combine(scores);
    expect(s.documents).toBeGreaterThanOrEqual(minDocuments);
    expect(s.f1).toBeGreaterThanOrEqual(minF1);
    expect(s.metric).toBeGreaterThanOrEqual(minMetric);
  });
});
