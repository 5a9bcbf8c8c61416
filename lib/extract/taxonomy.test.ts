import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_TAXONOMY, TaxonomyError, loadTaxonomy, mergeTaxonomy, metricByKey, parseTaxonomyPatches } from './taxonomy';
import { UNITS } from './types';

// The keys of the metric table of ../shared/gold/README.md, written out so a rename is caught.
const GOLD_KEYS = [
  'investment', 'contract_value', 'financing', 'foreign_investment', 'funds_allocated', 'tax_relief', 'fiscal_revenue', 'gdp',
  'output_value', 'growth_rate', 'land_cleared', 'land_area', 'demolished_area', 'floor_area', 'area', 'infrastructure_length',
  'housing_units', 'buildings', 'households_resettled', 'households_relocated', 'households_served', 'people_served',
  'staff_deployed', 'enterprises_served', 'merchants_relocated', 'projects_started', 'projects_completed', 'projects_signed',
  'projects_target', 'projects', 'problems_collected', 'problems_resolved', 'resolution_rate', 'satisfaction_rate',
  'target_completion_rate', 'inspections', 'cases', 'events_held', 'supplies', 'checkpoints', 'participants', 'duration', 'other',
];

function writeTemp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'taxonomy-')), name);
  writeFileSync(path, content);
  return path;
}

describe('the built-in taxonomy', () => {
  it('has exactly the gold keys, once each', () => {
    expect(BUILTIN_TAXONOMY.map((metric) => metric.key).sort()).toEqual([...GOLD_KEYS].sort());
  });

  it('is well-formed data: labels, known units, cue words without blanks', () => {
    for (const metric of BUILTIN_TAXONOMY) {
      expect(metric.zh.length, metric.key).toBeGreaterThan(0);
      expect(metric.en.length, metric.key).toBeGreaterThan(0);
      expect(metric.group.key && metric.group.zh && metric.group.en, metric.key).toBeTruthy();
      for (const unit of [...metric.units, ...(metric.fallbackUnits ?? [])]) expect(UNITS, metric.key).toContain(unit);
      const words = [...metric.cues.nouns, ...metric.cues.verbs, ...(metric.cues.measures ?? []), ...(metric.cues.rates ?? [])];
      for (const word of words) expect(word.trim(), metric.key).toBe(word);
      expect(words.every((word) => word.length > 0), metric.key).toBe(true);
    }
    expect(parseTaxonomyPatches(JSON.parse(JSON.stringify(BUILTIN_TAXONOMY)), 'builtin')).toHaveLength(BUILTIN_TAXONOMY.length);
  });

  it('finds a metric by key', () => {
    expect(metricByKey('financing')?.zh).toBe('融资');
    expect(metricByKey('no_such_metric')).toBeUndefined();
  });
});

describe('a user taxonomy file (FIGURES_TAXONOMY)', () => {
  afterEach(() => { vi.unstubAllEnvs(); vi.resetModules(); });

  const parking = {
    key: 'parking_spaces', zh: '停车位', en: 'Parking spaces', group: { key: 'traffic', zh: '交通', en: 'Traffic' },
    units: ['count'], cues: { nouns: ['停车位'], verbs: ['新增'], measures: ['个'] },
  };

  it('adds new metrics and extends the cues of existing ones', () => {
    const path = writeTemp('ok.json', JSON.stringify([parking, { key: 'financing', cues: { nouns: ['普惠贷'] } }]));
    const taxonomy = loadTaxonomy({ FIGURES_TAXONOMY: path });
    expect(taxonomy.find((metric) => metric.key === 'parking_spaces')?.group.en).toBe('Traffic');
    const financing = taxonomy.find((metric) => metric.key === 'financing')!;
    expect(financing.cues.nouns).toContain('普惠贷');
    expect(financing.cues.nouns).toContain('贷款');
    expect(financing.zh).toBe('融资');
    expect(BUILTIN_TAXONOMY.find((metric) => metric.key === 'financing')!.cues.nouns).not.toContain('普惠贷');
  });

  it('takes measuresOnly from a patch, for a new metric and an existing one', () => {
    const taxonomy = mergeTaxonomy(BUILTIN_TAXONOMY, parseTaxonomyPatches([{ ...parking, measuresOnly: true }, { key: 'households_served', measuresOnly: false }], 'inline'));
    expect(taxonomy.find((metric) => metric.key === 'parking_spaces')?.measuresOnly).toBe(true);
    expect(taxonomy.find((metric) => metric.key === 'households_served')?.measuresOnly).toBe(false);
    expect(BUILTIN_TAXONOMY.find((metric) => metric.key === 'households_served')?.measuresOnly).toBe(true);
  });

  it('accepts the {"metrics": [...]} form too', () => {
    expect(loadTaxonomy({ FIGURES_TAXONOMY: writeTemp('wrapped.json', JSON.stringify({ metrics: [parking] })) }))
      .toHaveLength(BUILTIN_TAXONOMY.length + 1);
  });

  it('is read on first use, not at import', async () => {
    vi.stubEnv('FIGURES_TAXONOMY', writeTemp('broken.json', '[{"key": '));
    vi.resetModules();
    const taxonomy = await import('./taxonomy');
    expect(() => taxonomy.taxonomyInForce()).toThrow(/broken\.json[\s\S]*not valid JSON/);
  });

  it('is what taxonomyInForce and the default classifier use when the env var is set', async () => {
    vi.stubEnv('FIGURES_TAXONOMY', writeTemp('env.json', JSON.stringify([parking])));
    vi.resetModules();
    const metrics = await import('./metrics');
    expect(metrics.metricByKey('parking_spaces')?.en).toBe('Parking spaces');
    const text = '今年新增停车位1200个。';
    const start = text.indexOf('1200');
    const decision = metrics.classifyMetric({
      text, sentence: { start: 0, end: text.length },
      figure: { start, end: start + 5, text: '1200个', numberStart: start, numberEnd: start + 4, value: 1200, low: null, high: null,
        unit: 'count', unitWord: '个', qualifier: 'exact', qualifierWord: null },
    });
    expect(decision.metric).toBe('parking_spaces');
  });

  it('rejects an unknown unit with the path and the field in the message', () => {
    const path = writeTemp('bad-unit.json', JSON.stringify([{ ...parking, units: ['spaces'] }]));
    expect(() => loadTaxonomy({ FIGURES_TAXONOMY: path })).toThrow(TaxonomyError);
    expect(() => loadTaxonomy({ FIGURES_TAXONOMY: path })).toThrow(/bad-unit\.json[\s\S]*units/);
  });

  it('rejects an incomplete new metric, naming what is missing', () => {
    const path = writeTemp('partial.json', JSON.stringify([{ key: 'parking_spaces', cues: { nouns: ['停车位'] } }]));
    expect(() => loadTaxonomy({ FIGURES_TAXONOMY: path })).toThrow(/"parking_spaces" lacks zh, en, group, units/);
  });

  it('rejects malformed JSON, unknown fields, bad keys and duplicates clearly', () => {
    expect(() => loadTaxonomy({ FIGURES_TAXONOMY: writeTemp('broken.json', '[{"key": ') })).toThrow(/not valid JSON/);
    expect(() => loadTaxonomy({ FIGURES_TAXONOMY: writeTemp('extra.json', JSON.stringify([{ ...parking, colour: 'red' }])) }))
      .toThrow(/colour/);
    expect(() => parseTaxonomyPatches([{ ...parking, key: 'Parking Spaces' }], 'inline')).toThrow(/lower_snake_case/);
    expect(() => parseTaxonomyPatches([parking, parking], 'inline')).toThrow(/listed twice/);
    expect(() => loadTaxonomy({ FIGURES_TAXONOMY: '/nonexistent/taxonomy.json' })).toThrow(/Cannot read .*nonexistent/);
  });

  it('stops `figures init` (run before the server starts) when the env var names a bad file', async () => {
    vi.stubEnv('FIGURES_TAXONOMY', writeTemp('bad-import.json', JSON.stringify({ metrics: 'none' })));
    vi.resetModules();
    const init = await import('../cli/init');
    await expect(init.run()).rejects.toThrow(/Invalid metric taxonomy in .*bad-import\.json/);
  });

  it('leaves the built-in taxonomy alone when no file is named', () => {
    expect(loadTaxonomy({}).map((metric) => metric.key)).toEqual(BUILTIN_TAXONOMY.map((metric) => metric.key));
    expect(mergeTaxonomy(BUILTIN_TAXONOMY, [])).toEqual(BUILTIN_TAXONOMY.map((metric) => ({ ...metric })));
  });
});
