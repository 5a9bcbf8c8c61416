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

describe.runIf(existsSync(join(SHARED, 'corpus', 'shangcheng-bao-2020-04-21.txt')))('roles on the sample page (issue 17)', () => {
  const text = readFileSync(join(SHARED, 'corpus', 'shangcheng-bao-2020-04-21.txt'), 'utf8');
  const facts = extract(text, { published: '2020-04-21' }).articles.flatMap((article) => article.facts);
  const byText = (figure: string) => facts.filter((fact) => fact.text === figure);

  it('project size classes (X亿元产业项目) are attributes, never measured investment', () => {
    const sizes = [...byText('50亿元'), ...byText('10亿元'), ...byText('1亿元')];
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    for (const fact of sizes) expect(fact.role, fact.text).toBe('attribute');
  });

  it('lists of problems (问题清单…张) are no problem count; trips (…趟) are no households', () => {
    for (const fact of byText('40余张')) expect(fact.metric).not.toMatch(/^problems_/);
    for (const fact of byText('120多趟')) expect(fact.metric).not.toBe('households_served');
  });

  it('every fact says where its metric came from and how sure it is', () => {
    for (const fact of facts) {
      expect(['facets', 'fallback']).toContain(fact.metricSource);
      expect(fact.metricConfidence).toBeGreaterThan(0);
      expect(fact.metricConfidence).toBeLessThanOrEqual(1);
      expect(fact.facets.unit_class).toBeTruthy();
    }
  });
});

