// Figure lists: the page a list shows does not depend on the plan that finds it. A list told how many figures
// its filters select may walk the date index newest first (db/dialect.ts factsNewestFirst); without that it
// reads a filter's index and sorts. Both must give the same rows in the same order, for every filter, page
// and tie of dates (many figures share a day), rejected and undated figures included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { factCount, factList, placesWithFigures } from './dashboard';
import { openTestDb } from './testing';
import type { Filters } from '../lib/filters';
import { generateSynthetic } from '../lib/synth';

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
});
