import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { ensureAdmin } from '../auth/users';
import { listChecks } from '../checks';
import { loadSampleIfEmpty } from '../ingest/sample';
import { reextractStale } from '../ingest/reextract';
import { carryReviews } from './carry';
import { ReviewError, parseEditorNumber, parseReviewInput, reviewFact, reviewTrail } from './index';

const editor = { id: 1, name: 'admin' };

async function sampleDb(): Promise<Db> {
  const db = await openTestDb();
  await ensureAdmin(db, { FIGURES_ADMIN_PASSWORD: 'x'.repeat(12) });
  await loadSampleIfEmpty(db);
  return db;
}

async function factByText(db: Db, text: string) {
  const row = await db.get<{ id: number; uid: string; value: number; unit: string; metric: string; reviewStatus: string;
    correctedValue: number | null; correctedUnit: string | null; correctedMetric: string | null }>(
    `SELECT id, uid, value, unit, metric, review_status AS "reviewStatus", corrected_value AS "correctedValue",
      corrected_unit AS "correctedUnit", corrected_metric AS "correctedMetric" FROM facts WHERE text = ?`, [text]);
  if (!row) throw new Error(`no fact "${text}" in the sample`);
  return row;
}

const rateCheck = async (db: Db) => (await listChecks(db, {}, { kind: 'rate' })).find((c) => c.stated === 84.6);

describe('reviewing a figure', () => {
  it('keeps the extraction, stores the correction, and the trail shows who, before, after and why', async () => {
    const db = await sampleDb();
    const fact = await factByText(db, '594个');
    await reviewFact(db, fact.id, editor, parseReviewInput({ status: 'verified' }));
    await reviewFact(db, fact.id, editor, parseReviewInput({ status: 'corrected', value: '549', reason: '原文数字误植，见区政府通报' }));
    const row = await factByText(db, '594个');
    expect(row.value).toBe(594); // the extraction is kept
    // a correction names only what it changes (issue 17): the unit and metric stay as extracted
    expect(row).toMatchObject({ reviewStatus: 'corrected', correctedValue: 549, correctedUnit: null, correctedMetric: null });
    const trail = await reviewTrail(db, fact.id);
    expect(trail).toHaveLength(2);
    expect(trail[0]).toMatchObject({
      userName: 'admin', status: 'corrected', reason: '原文数字误植，见区政府通报',
      before: { status: 'verified', value: 594, unit: 'count', metric: 'problems_resolved' },
      after: { status: 'corrected', value: 549, unit: 'count', metric: 'problems_resolved' },
    });
    expect(trail[1]).toMatchObject({ status: 'verified', before: { status: 'unreviewed', value: 594 }, after: { status: 'verified', value: 594 } });
    expect(trail[0].at >= trail[1].at).toBe(true);
  });

  it('re-runs the checks with the corrected value: 549 ÷ 702 no longer makes 84.6%', async () => {
    const db = await sampleDb();
    expect((await rateCheck(db))?.verdict).toBe('holds');
    await reviewFact(db, (await factByText(db, '594个')).id, editor, parseReviewInput({ status: 'corrected', value: 549, reason: 'test' }));
    const rate = await rateCheck(db);
    expect(rate?.verdict).toBe('off');
    expect(rate?.arithmetic).toContain('549 ÷ 702 = 78.21%');
  });

  it('leaves a rejected figure out of every check', async () => {
    const db = await sampleDb();
    await reviewFact(db, (await factByText(db, '702个')).id, editor, parseReviewInput({ status: 'rejected', reason: '不是数字' }));
    expect((await rateCheck(db))?.verdict).toBe('cannot_tell');
  });

  it('asks for a reason to correct or reject, and for a real change', async () => {
    const db = await sampleDb();
    const id = (await factByText(db, '594个')).id;
    await expect(reviewFact(db, id, editor, parseReviewInput({ status: 'rejected' }))).rejects.toThrow(ReviewError);
    await expect(reviewFact(db, id, editor, parseReviewInput({ status: 'corrected', value: 594, reason: 'same' }))).rejects.toThrow(/verified instead/);
    expect(() => parseReviewInput({ status: 'approved' })).toThrow(/status/);
    expect(() => parseReviewInput({ status: 'corrected', metric: 'no_such_metric' })).toThrow(/metric/);
    await expect(reviewFact(db, 999_999, editor, parseReviewInput({ status: 'verified' }))).rejects.toThrow(/no figure/);
    expect(await reviewTrail(db, id)).toHaveLength(0);
  });

  it('reads numbers as editors write them', async () => {
    expect(parseEditorNumber('14亿')).toBe(1.4e9);
    expect(parseEditorNumber('8000万')).toBe(8e7);
    expect(parseEditorNumber('1,234.5')).toBe(1234.5);
    expect(parseEditorNumber('84.6%')).toBe(84.6);
    expect(parseEditorNumber('about 5')).toBeNull();
  });
});

describe('re-extraction never undoes a review', () => {
  it('a reviewed figure keeps its decision and trail through `figures reextract`', async () => {
    const db = await sampleDb();
    const resolved = await factByText(db, '594个');
    const collected = await factByText(db, '702个');
    await reviewFact(db, resolved.id, editor, parseReviewInput({ status: 'corrected', value: 600, reason: '更正' }));
    await reviewFact(db, collected.id, editor, parseReviewInput({ status: 'verified' }));
    await db.run("UPDATE articles SET extractor_version = '0.0.1'"); // every article is now stale
    const result = await reextractStale(db);
    expect(result.articles).toBeGreaterThan(0);
    const after = await factByText(db, '594个');
    expect(after).toMatchObject({ uid: resolved.uid, reviewStatus: 'corrected', correctedValue: 600, value: 594 });
    expect((await factByText(db, '702个')).reviewStatus).toBe('verified');
    expect((await reviewTrail(db, after.id)).map((e) => e.after.value)).toEqual([600]);
  });

  it('carryReviews moves decisions to the new facts by uid, else by an overlapping span of the same value', async () => {
    const decision = { reviewStatus: 'corrected', correctedValue: 600, correctedUnit: 'count', correctedMetric: 'problems_resolved' };
    const none = { reviewStatus: 'unreviewed', correctedValue: null, correctedUnit: null, correctedMetric: null };
    const old = [
      { uid: 'h-10-14-count', start: 10, end: 14, value: 594, unit: 'count', ...decision },
      { uid: 'h-20-24-count', start: 20, end: 24, value: 702, unit: 'count', ...none, reviewStatus: 'verified' },
      { uid: 'h-30-34-count', start: 30, end: 34, value: 40, unit: 'count', ...none, reviewStatus: 'rejected' },
      { uid: 'h-40-44-count', start: 40, end: 44, value: 1, unit: 'count', ...none },
    ];
    const fresh = [
      { uid: 'h-10-14-count', start: 10, end: 14, value: 594, unit: 'count' }, // same uid
      { uid: 'h-19-24-count', start: 19, end: 24, value: 702, unit: 'count' }, // span now takes in 约
      { uid: 'h-50-54-count', start: 50, end: 54, value: 9, unit: 'count' },   // new
    ];
    const carried = carryReviews(old, fresh);
    expect(carried.facts[0]).toMatchObject({ uid: 'h-10-14-count', ...decision });
    expect(carried.facts[1]).toMatchObject({ uid: 'h-19-24-count', reviewStatus: 'verified' });
    expect(carried.facts[2].reviewStatus).toBeUndefined();
    expect(carried.renamed).toEqual([{ from: 'h-20-24-count', to: 'h-19-24-count' }]);
    expect(carried.unmatched.map((f) => f.uid)).toEqual(['h-30-34-count']);
  });
});
