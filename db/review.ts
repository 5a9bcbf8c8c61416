// Every SQL statement of reviewing figures: the decision on the fact row, the trail in review_events.
import type { Sql } from './client';
import { refreshDerived } from './derived';
import { refreshRollups, RollupTouch, touchFactIds, touchStored } from './rollups';

export interface ReviewableFact {
  id: number; uid: string; articleId: number;
  value: number; unit: string; metric: string;
  reviewStatus: string; correctedValue: number | null; correctedUnit: string | null; correctedMetric: string | null;
}

export async function reviewableFact(db: Sql, factId: number): Promise<ReviewableFact | undefined> {
  return db.get<ReviewableFact>(`SELECT id, uid, article_id AS "articleId", value, unit, metric, review_status AS "reviewStatus",
      corrected_value AS "correctedValue", corrected_unit AS "correctedUnit", corrected_metric AS "correctedMetric"
    FROM facts WHERE id = ?`, [factId]);
}

export interface ReviewWrite {
  reviewStatus: string;
  correctedValue: number | null; correctedUnit: string | null; correctedMetric: string | null;
}

export interface ReviewEventWrite {
  factUid: string; articleId: number; userId: number; userName: string;
  status: string; before: string; after: string; reason: string | null;
}

/** Sets the fact's review columns (and so its effective figure and rollups) and appends the audit row, together or not at all. */
export async function saveReview(db: Sql, factId: number, review: ReviewWrite, event: ReviewEventWrite): Promise<number> {
  return db.transaction(async (tx) => {
    const touch = new RollupTouch();
    await touchFactIds(tx, touch, [factId]);
    await tx.run('UPDATE facts SET review_status = ?, corrected_value = ?, corrected_unit = ?, corrected_metric = ? WHERE id = ?',
      [review.reviewStatus, review.correctedValue, review.correctedUnit, review.correctedMetric, factId]);
    await refreshDerived(tx, 'id = ?', [factId]);
    await touchFactIds(tx, touch, [factId]);
    await refreshRollups(tx, touch);
    // stored under the figure's district, the column a distributed database shards the trail by
    const row = await tx.get<{ id: number }>(`INSERT INTO review_events (fact_uid, article_id, user_id, user_name, at, status, before, after, reason, district_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT district_code FROM facts WHERE id = ?)) RETURNING id`,
    [event.factUid, event.articleId, event.userId, event.userName, new Date().toISOString(), event.status, event.before, event.after, event.reason, factId]);
    return row!.id;
  });
}

export interface ReviewTrailEntry {
  id: number; at: string; userName: string; status: string; reason: string | null;
  before: { status: string; value: number; unit: string; metric: string };
  after: { status: string; value: number; unit: string; metric: string };
}

/** Every review decision on a figure, newest first; follows the figure across re-extractions by its uid. */
export async function reviewTrail(db: Sql, factId: number): Promise<ReviewTrailEntry[]> {
  const rows = await db.all<{ id: number; at: string; userName: string; status: string; reason: string | null; before: string; after: string }>(
    `SELECT e.id, e.at, e.user_name AS "userName", e.status, e.reason, e.before, e.after
     FROM review_events e WHERE e.fact_uid = (SELECT uid FROM facts WHERE id = ?) ORDER BY e.at DESC, e.id DESC`, [factId]);
  return rows.map((e) => ({ ...e, before: JSON.parse(e.before), after: JSON.parse(e.after) }));
}

/** Moves a trail to a figure's new uid, when re-extraction changed the uid of a figure it found again. */
export async function moveReviewTrail(db: Sql, fromUid: string, toUid: string): Promise<void> {
  await db.run('UPDATE review_events SET fact_uid = ? WHERE fact_uid = ?', [toUid, fromUid]);
}

/** Deletes an article with its facts and checks (cascades); review trails stay, keyed by uid. False when there was none. */
export async function deleteArticle(db: Sql, articleId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const touch = new RollupTouch();
    await touchStored(tx, touch, 'f.article_id = ?', [articleId]);
    const deleted = (await tx.run('DELETE FROM articles WHERE id = ?', [articleId])) > 0;
    await refreshRollups(tx, touch);
    return deleted;
  });
}

/** What the review page shows of a figure: its words, its sentence and its article. */
export async function figureInContext(db: Sql, factId: number) {
  const row = await db.get<{
    id: number; text: string; value: number; unit: string; metric: string; reviewStatus: string;
    sentenceStart: number; sentenceEnd: number; articleId: number; articleTitle: string | null; articleText: string;
  }>(`SELECT f.id, f.text, f.value, f.unit, f.metric, f.review_status AS "reviewStatus", f.sentence_start AS "sentenceStart",
      f.sentence_end AS "sentenceEnd", f.article_id AS "articleId", a.title AS "articleTitle", a.text AS "articleText"
    FROM facts f JOIN articles a ON a.id = f.article_id WHERE f.id = ?`, [factId]);
  if (!row) return undefined;
  const { articleText, ...rest } = row;
  return { ...rest, sentence: articleText.slice(row.sentenceStart, row.sentenceEnd) };
}

/** A figure waiting for an editor: why it is near the front of the queue. */
export interface QueuedFigure {
  id: number; text: string; value: number; unit: string; metric: string; qualifier: string;
  metricConfidence: number | null; failingChecks: number;
  articleId: number; articleTitle: string | null; date: string | null;
}

/**
 * The review queue: unreviewed figures, those in failing checks first (most failing first), then the least
 * certain metric; a page of `limit` rows. Failing checks are few, so they are grouped once and joined.
 */
export async function reviewQueue(db: Sql, limit: number, offset = 0): Promise<{ rows: QueuedFigure[]; total: number }> {
  const rows = await db.all<QueuedFigure>(`SELECT f.id AS id, f.text AS text, f.effective_value AS value, f.effective_unit AS unit, f.effective_metric AS metric,
      f.qualifier AS qualifier, f.metric_confidence AS "metricConfidence", coalesce(x.failing, 0) AS "failingChecks",
      f.article_id AS "articleId", a.title AS "articleTitle", f.date AS date
    FROM facts f JOIN articles a ON a.id = f.article_id
    LEFT JOIN (SELECT cf.fact_id AS fact_id, count(*) AS failing FROM check_facts cf JOIN checks c ON c.id = cf.check_id
      WHERE c.verdict = 'off' GROUP BY cf.fact_id) x ON x.fact_id = f.id
    WHERE f.review_status = 'unreviewed'
    ORDER BY coalesce(x.failing, 0) DESC, f.metric_confidence ASC NULLS LAST, f.id
    LIMIT ? OFFSET ?`, [limit, offset]);
  const total = await db.get<{ n: number }>("SELECT count(*) AS n FROM facts WHERE review_status = 'unreviewed'");
  return { rows: rows.map((r) => ({ ...r, failingChecks: Number(r.failingChecks) })), total: Number(total?.n ?? 0) };
}
