// Runs the shared scorer (../shared/tools/score-extraction.mjs) on the hand-made gold answers in
// ../shared/gold, exactly as the CLI's output would be scored, and holds the extractor to the targets.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract } from '.';

const SHARED = resolve(process.cwd(), '..', 'shared');
const SCORER = join(SHARED, 'tools', 'score-extraction.mjs');

interface Score { core: number; f1: number; precision: number; recall: number; metric: number; qualifier: number; street: number; date: number }
interface Scorer {
  score(gold: unknown, doc: string, facts: unknown[]): Score & { name?: string };
  combine(scores: Score[]): Score;
}

function scoreFolder(scorer: Scorer, folder: string): Score {
  const scores = readdirSync(folder).filter((n) => n.endsWith('.gold.json')).sort().map((name) => {
    const goldPath = join(folder, name);
    const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
    const doc = readFileSync(resolve(dirname(goldPath), gold.document), 'utf8');
    const result = extract(doc, { published: gold.publication?.date ?? null });
    return scorer.score(gold, doc, result.articles.flatMap((a) => a.facts));
  });
  return scorer.combine(scores);
}

describe.runIf(existsSync(SCORER))('extraction against ../shared/gold', async () => {
  const scorer = (await import(pathToFileURL(SCORER).href)) as Scorer;

  it('the sample page: core-figure F1 ≥ 0.95; metric, street and date ≥ 0.90', () => {
    const s = scoreFolder(scorer, join(SHARED, 'gold'));
    expect(s.f1).toBeGreaterThanOrEqual(0.95);
    expect(s.metric).toBeGreaterThanOrEqual(0.9);
    expect(s.street).toBeGreaterThanOrEqual(0.9);
    expect(s.date).toBeGreaterThanOrEqual(0.9);
  });

  it('the 20 dev articles: core-figure F1 ≥ 0.93; metric, street and date ≥ 0.85', () => {
    const s = scoreFolder(scorer, join(SHARED, 'gold', 'dev'));
    expect(s.f1).toBeGreaterThanOrEqual(0.93);
    expect(s.metric).toBeGreaterThanOrEqual(0.85);
    expect(s.street).toBeGreaterThanOrEqual(0.85);
    expect(s.date).toBeGreaterThanOrEqual(0.85);
  });
});
