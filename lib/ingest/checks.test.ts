// The checks inside an article, computed with the extraction (in the workers) and stored by the writer,
// must be exactly those runChecksForArticle computes from the stored rows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { runChecksForArticle } from '../checks';
import { ingestBatch } from './batch';
import { ingestChecks } from './checks';
import { SAMPLE } from './sample';

const page = readFileSync(SAMPLE.file, 'utf8');
const extra = [
  '望江街道问题化解简报\n\n今年以来共收集各类问题702个，已解决594个，解决率达84.6%。其中，矛盾纠纷300个、安全隐患200个、其他问题150个。',
  '清波街道项目简报\n\n清波街道完成任务数15个的46.7%。全年投资从10亿元增加到12亿元，增长25%。',
  // more figures than one multi-row INSERT holds (32): the ids of the later ones must map too
  `小营街道逐月简报\n\n${Array.from({ length: 16 }, (_, i) => `${i + 1}月共收集问题${700 + i}个，已解决${590 + i}个，解决率达${(((590 + i) / (700 + i)) * 100).toFixed(1)}%。`).join('\n')}`,
];

async function checksOf(db: Db, articleId: number) {
  const rows = await db.all<Record<string, unknown>>(`SELECT c.id, c.kind, c.verdict, c.metric, c.date, c.stated, c.expected, c.difference, c.arithmetic, c.note
    FROM checks c WHERE c.article_id = ? ORDER BY c.id`, [articleId]);
  const out = [];
  for (const { id, ...row } of rows) {
    const figures = await db.all<{ uid: string; role: string }>(`SELECT f.uid, cf.role FROM check_facts cf JOIN facts f ON f.id = cf.fact_id
      WHERE cf.check_id = ? ORDER BY f.uid, cf.role`, [id as number]);
    out.push({ ...row, figures: figures.map((f) => `${f.uid}:${f.role}`).join(' ') });
  }
  return out;
}

describe('fact checks computed with the extraction', () => {
  for (const workers of [0, 2]) {
    it(`are stored by the writer and equal runChecksForArticle's (${workers} workers)`, async () => {
      const db = await openTestDb();
      const checks = ingestChecks(db, (line) => { throw new Error(line); });
      const precomputed: number[] = [];
      const added: number[] = [];
      const summary = await ingestBatch(db, [
        { kind: 'text', label: 'page', text: page }, ...extra.map((text, i) => ({ kind: 'text' as const, label: `extra ${i}`, text })),
      ], {
        sourceName: SAMPLE.sourceName, district: SAMPLE.district, maxBytes: 1e6, workers, batchSize: 2,
        afterCommit: async (ids, checked) => { added.push(...ids); precomputed.push(...(checked ?? [])); await checks.afterCommit(ids, checked); },
      });
      expect(summary.failed).toBe(0);
      expect(added.length).toBeGreaterThanOrEqual(7);
      expect([...precomputed].sort()).toEqual([...added].sort());
      let total = 0;
      for (const id of added) {
        const stored = await checksOf(db, id);
        total += stored.length;
        await runChecksForArticle(db, id);
        expect(await checksOf(db, id), `article ${id}`).toEqual(stored);
      }
      expect(total).toBeGreaterThanOrEqual(20);
      expect(Object.values((await db.get('SELECT max(n) FROM (SELECT count(*) AS n FROM facts GROUP BY article_id) per_article'))!)[0]).toBeGreaterThan(40);
      const kinds = (await db.all('SELECT DISTINCT kind FROM checks ORDER BY kind')).map((r) => Object.values(r as object)[0]);
      expect(kinds).toEqual(expect.arrayContaining(['rate', 'share_of_target', 'parts_within_total']));
      await db.close();
    });
  }

  it('are neither computed nor stored without afterCommit', async () => {
    const db = await openTestDb();
    await ingestBatch(db, [{ kind: 'text', label: 'page', text: page }], { sourceName: SAMPLE.sourceName, maxBytes: 1e6, workers: 0 });
    expect(Object.values((await db.get('SELECT count(*) FROM checks'))!)[0]).toBe(0);
    await db.close();
  });
});
