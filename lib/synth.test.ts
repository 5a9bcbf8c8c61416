import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { divisionName } from './divisions';
import { metricByKey } from './extract/taxonomy';
import { QUALIFIERS } from './extract/types';
import { RealDataError, SYNTHETIC_SOURCE, generateSynthetic } from './synth';

const dir = mkdtempSync(join(tmpdir(), 'civic-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateSynthetic', () => {
  it('writes facts under one synthetic source, with real codes, units of their metric and 2019–2024 dates', () => {
    const db = openDb(join(dir, 'a.db'));
    const result = generateSynthetic(db, { facts: 5000, seed: 3 });
    expect(result.facts).toBe(5000);
    const sqlite = db.$client;
    expect(sqlite.prepare('SELECT count(*) AS n FROM facts').get()).toEqual({ n: 5000 });
    expect(sqlite.prepare('SELECT name, synthetic FROM sources').all()).toEqual([{ name: SYNTHETIC_SOURCE, synthetic: 1 }]);
    const facts = sqlite.prepare(`SELECT f.*, a.text AS article, a.published_on FROM facts f JOIN articles a ON a.id = f.article_id`).all() as Record<string, string | number | null>[];
    const qualifiers = new Set<unknown>();
    for (const f of facts) {
      const metric = metricByKey(String(f.metric))!;
      expect(metric).toBeDefined();
      if (metric.units.length) expect(metric.units).toContain(f.unit);
      expect(String(f.article).slice(Number(f.start), Number(f.end))).toBe(f.text);
      expect(String(f.article).slice(Number(f.sentence_start), Number(f.sentence_end))).toContain(String(f.text));
      expect(String(f.date) >= '2019-01-01' && String(f.date) <= '2024-12-31').toBe(true);
      expect(String(f.date) <= String(f.published_on)).toBe(true);
      expect(divisionName('district', String(f.district_code))).toBe(f.district);
      if (f.street_code) expect(divisionName('street', String(f.street_code))).toBe(f.street);
      if (f.community_code) expect(String(f.community_code).startsWith(String(f.street_code))).toBe(true);
      qualifiers.add(f.qualifier);
    }
    expect([...qualifiers].sort()).toEqual([...QUALIFIERS].sort());
    // a second run adds to the first instead of colliding with it
    generateSynthetic(db, { facts: 100, seed: 3 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM facts').get()).toEqual({ n: 5100 });
    sqlite.close();
  });

  it('refuses a database with real articles unless forced', () => {
    const db = openDb(join(dir, 'b.db'));
    db.$client.prepare("INSERT INTO articles (title, text, sha256, extractor_version) VALUES ('真', '真的文章', 'x', '0.1.0')").run();
    expect(() => generateSynthetic(db, { facts: 10 })).toThrow(RealDataError);
    expect(db.$client.prepare('SELECT count(*) AS n FROM facts').get()).toEqual({ n: 0 });
    expect(generateSynthetic(db, { facts: 10, force: true }).facts).toBe(10);
    db.$client.close();
  });
});
