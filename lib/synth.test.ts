import { describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testing';
import { divisionName } from './divisions';
import { metricByKey } from './extract/taxonomy';
import { QUALIFIERS } from './extract/types';
import { RealDataError, SYNTHETIC_SOURCE, generateSynthetic } from './synth';

describe('generateSynthetic', () => {
  it('writes facts under one synthetic source, with real codes, units of their metric and 2019–2024 dates', async () => {
    const db = await openTestDb();
    const result = await generateSynthetic(db, { facts: 5000, seed: 3 });
    expect(result.facts).toBe(5000);
    expect(await db.get('SELECT count(*) AS n FROM facts')).toEqual({ n: 5000 });
    expect(await db.all('SELECT name, synthetic FROM sources')).toEqual([{ name: SYNTHETIC_SOURCE, synthetic: 1 }]);
    const facts = await db.all<Record<string, string | number | null>>(`SELECT f.*, a.text AS article, a.published_on FROM facts f JOIN articles a ON a.id = f.article_id`);
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
    await generateSynthetic(db, { facts: 100, seed: 3 });
    expect(await db.get('SELECT count(*) AS n FROM facts')).toEqual({ n: 5100 });
    await db.close();
  });

  it('refuses a database with real articles unless forced', async () => {
    const db = await openTestDb();
    await db.run("INSERT INTO articles (title, text, sha256, ingested_at, extractor_version) VALUES ('真', '真的文章', 'x', '2020-01-01T00:00:00Z', '0.1.0')");
    await expect(generateSynthetic(db, { facts: 10 })).rejects.toThrow(RealDataError);
    expect((await db.get('SELECT count(*) AS n FROM facts'))).toEqual({ n: 0 });
    expect((await generateSynthetic(db, { facts: 10, force: true })).facts).toBe(10);
    await db.close();
  });
});
