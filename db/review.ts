// Every SQL statement of reviewing figures: the decision on the fact row, the trail in review_events.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { articles, facts, reviewEvents } from './schema';

export interface ReviewableFact {
  id: number; uid: string; articleId: number;
  value: number; unit: string; metric: string;
  reviewStatus: string; correctedValue: number | null; correctedUnit: string | null; correctedMetric: string | null;
}

export function reviewableFact(db: Db, factId: number): ReviewableFact | undefined {
  return db.select({
    id: facts.id, uid: facts.uid, articleId: facts.articleId, value: facts.value, unit: facts.unit, metric: facts.metric,
    reviewStatus: facts.reviewStatus, correctedValue: facts.correctedValue, correctedUnit: facts.correctedUnit, correctedMetric: facts.correctedMetric,
  }).from(facts).where(eq(facts.id, factId)).get();
}

export interface ReviewWrite {
  reviewStatus: string;
  correctedValue: number | null; correctedUnit: string | null; correctedMetric: string | null;
}

export interface ReviewEventWrite {
  factUid: string; articleId: number; userId: number; userName: string;
  status: string; before: string; after: string; reason: string | null;
}

/** Sets the fact's review columns and appends the audit row, together or not at all. */
export function saveReview(db: Db, factId: number, review: ReviewWrite, event: ReviewEventWrite): number {
  return db.transaction((tx) => {
    tx.update(facts).set(review).where(eq(facts.id, factId)).run();
    return tx.insert(reviewEvents).values(event).returning({ id: reviewEvents.id }).get().id;
  });
}

export interface ReviewTrailEntry {
  id: number; at: string; userName: string; status: string; reason: string | null;
  before: { status: string; value: number; unit: string; metric: string };
  after: { status: string; value: number; unit: string; metric: string };
}

/** Every review decision on a figure, newest first; follows the figure across re-extractions by its uid. */
export function reviewTrail(db: Db, factId: number): ReviewTrailEntry[] {
  const uid = sql`(SELECT ${facts.uid} FROM ${facts} WHERE ${facts.id} = ${factId})`;
  return db.select().from(reviewEvents).where(eq(reviewEvents.factUid, uid)).orderBy(desc(reviewEvents.at), desc(reviewEvents.id)).all()
    .map((e) => ({ id: e.id, at: e.at, userName: e.userName, status: e.status, reason: e.reason, before: JSON.parse(e.before), after: JSON.parse(e.after) }));
}

/** Moves a trail to a figure's new uid, when re-extraction changed the uid of a figure it found again. */
export function moveReviewTrail(db: Db, fromUid: string, toUid: string): void {
  db.update(reviewEvents).set({ factUid: toUid }).where(eq(reviewEvents.factUid, fromUid)).run();
}

/** Deletes an article with its facts and checks (cascades); review trails stay, keyed by uid. False when there was none. */
export function deleteArticle(db: Db, articleId: number): boolean {
  return db.delete(articles).where(eq(articles.id, articleId)).run().changes > 0;
}

/** What the review page shows of a figure: its words, its sentence and its article. */
export function figureInContext(db: Db, factId: number) {
  const row = db.select({
    id: facts.id, text: facts.text, value: facts.value, unit: facts.unit, metric: facts.metric, reviewStatus: facts.reviewStatus,
    sentenceStart: facts.sentenceStart, sentenceEnd: facts.sentenceEnd, articleId: facts.articleId, articleTitle: articles.title, articleText: articles.text,
  }).from(facts).innerJoin(articles, eq(articles.id, facts.articleId)).where(eq(facts.id, factId)).get();
  if (!row) return undefined;
  const { articleText, ...rest } = row;
  return { ...rest, sentence: articleText.slice(row.sentenceStart, row.sentenceEnd) };
}
