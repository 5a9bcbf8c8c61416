// Figure lists: the page a list shows does not depend on the plan that finds it. A list told how many figures
// its filters select may walk the date index newest first (db/dialect.ts factsNewestFirst); without that it
// reads a filter's index and sorts. Both must give the same rows in the same order, for every filter, page
// and tie of dates (many figures share a day), rejected and undated figures included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { factCount, factList, placesWithFigures, seriesOptions } from './dashboard';
import { openDb } from './client';
import { openSharedTestDb, openTestDb } from './testing';
import type { Filters } from '../lib/filters';
import { generateSynthetic } from '../lib/synth';
import { overviewData } from '../lib/views/overview';
import { storeArticle } from '../lib/views/testFixtures';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
  await generateSynthetic(db, { facts: 4000, factsPerArticle: 25, seed: 5 });
  // ties and edge cases: rejected figures, undated ones, a day shared by a hundred figures
  await db.run("UPDATE facts SET review_status = 'rejected' WHERE id % 13 = 0");
  await db.run('UPDATE facts SET date = NULL, period = NULL WHERE id % 17 = 0');
  await db.run("UPDATE facts SET date = '2022-06-30' WHERE id % 37 = 0");
}, 120_000);
afterAll(async () => { await db.close(); });

describe('figure lists', () => {
  it('give the same pages whether they walk the date index or sort the selected figures', async () => {
    const districts = (await placesWithFigures(db, 'district')).map((d) => d.code);
    const streets = (await placesWithFigures(db, 'street', districts[0])).map((s) => s.code);
    const views: Filters[] = [{}, { district: [districts[0]] }, { metric: ['investment'] }, { street: [streets[0]] },
      { metric: ['investment'], from: '2021-01-01', to: '2022-12-31' }, { qualifier: 'exact', district: [districts[1]] }];
    let walked = 0;
    const statements: string[] = [];
    db.hooks.onStatement = (sql) => statements.push(sql);
    try {
      for (const filters of views) {
        const selected = await factCount(db, filters);
        expect(selected).toBeGreaterThan(0);
        for (const offset of [0, 50, Math.max(0, selected - 30), selected + 10]) {
          const sorted = await factList(db, filters, { limit: 50, offset });
          statements.length = 0;
          const page = await factList(db, filters, { limit: 50, offset, selected });
          if (statements.some((s) => s.includes('INDEXED BY'))) walked++;
          expect(page.map((r) => r.id), JSON.stringify({ filters, offset })).toEqual(sorted.map((r) => r.id));
          expect(page).toEqual(sorted);
        }
      }
    } finally {
      db.hooks.onStatement = null;
    }
    // on SQLite the walk must have been taken for the broad filters (on PostgreSQL the planner chooses)
    if (db.dialect === 'sqlite') expect(walked).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('of a dated metric read one unit at a time select the same figures as the dates tested on each figure', async () => {
    const inRange = (date: string | null) => date !== null && date >= '2021-01-01' && date <= '2022-12-31';
    const check = async () => {
      const dated: Filters = { metric: ['investment'], from: '2021-01-01', to: '2022-12-31' };
      const all = await factList(db, { metric: ['investment'] }, { limit: 100_000, offset: 0 });
      const expected = all.filter((r) => inRange(r.date));
      expect(new Set(expected.map((r) => r.unit)).size).toBeGreaterThan(1);
      expect(await factList(db, dated, { limit: 100_000, offset: 0 })).toEqual(expected);
      expect(await factList(db, dated, { limit: 50, offset: 20, selected: expected.length })).toEqual(expected.slice(20, 70));
      const options = await seriesOptions(db, dated);
      expect(options.reduce((n, o) => n + o.figures, 0)).toBe(expected.length);
      expect(await factCount(db, dated)).toBe(expected.length);
      for (const unit of new Set(expected.map((r) => r.unit))) {
        expect(options.filter((o) => o.unit === unit).reduce((n, o) => n + o.figures, 0)).toBe(expected.filter((r) => r.unit === unit).length);
      }
    };
    await check();
    // a figure without a unit is selected too (the unit list would leave it out, so it is not used then)
    const one = (await factList(db, { metric: ['investment'], from: '2021-01-01', to: '2022-12-31' }, { limit: 1, offset: 0 }))[0];
    await db.run('UPDATE facts SET effective_unit = NULL WHERE id = ?', [one.id]);
    try {
      const dated = await factList(db, { metric: ['investment'], from: '2021-01-01', to: '2022-12-31' }, { limit: 100_000, offset: 0 });
      expect(dated.some((r) => r.id === one.id)).toBe(true);
    } finally {
      await db.run('UPDATE facts SET effective_unit = ? WHERE id = ?', [one.unit, one.id]);
    }
    await check();
  }, 120_000);
});

describe('results kept until the data changes', () => {
  it('show what another connection committed at the next view: the list, the places and the totals', async () => {
    const { db: reader, location } = await openSharedTestDb();
    const writer = await openDb(location);
    try {
      await storeArticle(writer, '清波街道今年新增就业岗位120个。', [{ text: '120个', value: 120, unit: 'count', metric: 'jobs_created', street: '清波街道', streetCode: '330102001' }]);
      const before = await overviewData(reader, new URLSearchParams());
      expect((await overviewData(reader, new URLSearchParams())).rows).toEqual(before.rows);
      await storeArticle(writer, '望江街道今年新增就业岗位80个。', [{ text: '80个', value: 80, unit: 'count', metric: 'jobs_created', street: '望江街道', streetCode: '330102014' }]);
      const after = await overviewData(reader, new URLSearchParams());
      expect(after.total).toBe(before.total + 1);
      expect(after.rows.length).toBe(before.rows.length + 1);
      expect(after.byPlace.map((b) => b.label)).toContain('望江街道');
      expect((await placesWithFigures(reader, 'street', '330102')).map((p) => p.code)).toContain('330102014');
    } finally {
      await writer.close();
      await reader.close();
    }
  }, 60_000);
});
