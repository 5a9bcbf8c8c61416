// The data behind the facets (vocabularies, lexicon, table) and the shape and cost of what they give.
// Sentences of the facets themselves are in the corpora of lib/extract/corpus (corpus.test.ts).
import { describe, expect, it } from 'vitest';
import { extract } from '.';
import { buildContext } from './context';
import { ACTION_CLASSES, ASPECTS, FIGURE_ROLES, MEASURE_CLASSES, OBJECT_CLASSES, UNIT_CLASSES } from './facet-classes';
import { findFacets, publicFacets } from './facets';
import { findFigures } from './figures';
import { METRIC_TABLE, lookupMetric } from './metric-table';
import { BUILTIN_TAXONOMY } from './taxonomy';
import { compileLexicon } from './words';

describe('the facet vocabularies', () => {
  it.each([
    ['object classes', OBJECT_CLASSES], ['action classes', ACTION_CLASSES], ['unit classes', UNIT_CLASSES],
    ['measure classes', MEASURE_CLASSES], ['aspects', ASPECTS], ['roles', FIGURE_ROLES],
  ] as const)('%s: snake_case keys, once each, with Chinese and English labels', (_name, classes) => {
    const keys = classes.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of classes) {
      expect(c.key).toMatch(/^[a-z][a-z_]*$/);
      expect(c.zh.length).toBeGreaterThan(0);
      expect(c.en.length).toBeGreaterThan(0);
    }
  });

  it('are exported with the extractor', async () => {
    const api = await import('.');
    expect(api.OBJECT_CLASSES).toBe(OBJECT_CLASSES);
    expect(api.ACTION_CLASSES).toBe(ACTION_CLASSES);
  });
});

describe('the lexicon', () => {
  it('compiles: no word is listed under two verb families or two head classes', () => {
    expect(() => compileLexicon()).not.toThrow();
  });
});

describe('the metric table', () => {
  const keys = new Set(BUILTIN_TAXONOMY.map((metric) => metric.key));
  it('derives only keys of the taxonomy, each row with a confidence in (0, 1]', () => {
    for (const row of METRIC_TABLE) {
      expect(keys.has(row.metric), row.metric).toBe(true);
      expect(row.confidence).toBeGreaterThan(0);
      expect(row.confidence).toBeLessThanOrEqual(1);
    }
  });
  it('reads top to bottom: an object and its action before either alone', () => {
    expect(lookupMetric('count', 'problem', 'resolve', null)?.metric).toBe('problems_resolved');
    expect(lookupMetric('count', 'problem', null, null)?.metric).toBe('problems_collected');
    expect(lookupMetric('count', 'project', 'start', 'planned')?.metric).toBe('projects_target');
    expect(lookupMetric('percentage_point', 'rate', 'satisfy', null)?.metric).toBe('satisfaction_rate');
    expect(lookupMetric('count', null, null, null)).toBeNull();   // nothing said: the cue scorer decides
  });
});

describe('facets of a fact', () => {
  it('carry exactly the seven snake_case keys, null where unknown', () => {
    const fact = extract('街道走访企业120家。').articles[0].facts[0];
    expect(Object.keys(fact.facets).sort()).toEqual(['action', 'action_class', 'aspect', 'measure_class', 'object', 'object_class', 'unit_class']);
    expect(fact.facets).toEqual({ object: '企业', object_class: 'enterprise', action: '走访', action_class: 'visit', aspect: null, unit_class: 'count', measure_class: 'entity' });
    expect(fact.unitWord).toBe('家');
    expect(fact.metricSource).toBe('facets');
  });
  it('publicFacets keeps no working notes of the finders', () => {
    const text = '新建停车泊位120个。';
    const figures = findFigures(text);
    const whole = { start: 0, end: text.length };
    const finding = findFacets(buildContext(text, whole, figures, [whole]), 0);
    expect(Object.keys(publicFacets(finding))).toHaveLength(7);
  });
});

describe('cost', () => {
  const cpuMs = (run: () => void) => { const c0 = process.cpuUsage(); run(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
  const stages = (text: string) => {
    const figures = findFigures(text);
    const whole = { start: 0, end: text.length };
    const ctx = buildContext(text, whole, figures, [whole]);
    for (let i = 0; i < figures.length; i++) ctx.findings.push(findFacets(ctx, i));
  };
  it('is linear: 200 K characters without punctuation cost about what punctuated ones do', () => {
    const clause = '街道累计走访企业120家收集问题56个已办结52个办结率达92.9%新建项目3个';
    const bare = clause.repeat(Math.ceil(200_000 / clause.length));
    const punctuated = (clause + '。').repeat(Math.ceil(200_000 / (clause.length + 1)));
    stages(clause.repeat(50));   // warm-up
    const ratio = cpuMs(() => stages(bare)) / Math.max(1, cpuMs(() => stages(punctuated)));
    expect(ratio).toBeLessThan(4);
  });
});
