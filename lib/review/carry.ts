// Re-extraction never undoes a review. Given an article's stored facts and the facts a new extraction
// made of it, carries each editor decision (status, corrected value/unit/metric) to the new fact that is
// the same figure, and says which audit trails must follow a changed uid.
//
// The same figure is, first, the fact with the same uid (article hash + span + unit: the usual case);
// else — the extractor now reads the span a little wider or narrower (约 joined to the number, 余 split
// off) — the one new fact of the same unit and extracted value whose span overlaps the old one.
import type { Sql } from '../../db/client';
import { moveReviewTrail } from '../../db/review';

export interface ReviewedFields {
  reviewStatus: string;
  correctedValue: number | null;
  correctedUnit: string | null;
  correctedMetric: string | null;
}

/** What carrying needs of a stored fact (a FactRow has all of it). */
export interface StoredFactLike extends ReviewedFields { uid: string; start: number; end: number; value: number; unit: string }

/** What carrying needs of a newly extracted fact (a NewFact or the ingestion's row type). */
export interface NewFactLike { uid: string; start: number; end: number; value: number; unit: string }

export interface CarriedReviews<N> {
  /** the new facts, reviewed ones carrying their decision */
  facts: (N & Partial<ReviewedFields>)[];
  /** audit trails to re-key: the figure was found again under another uid */
  renamed: { from: string; to: string }[];
  /** reviewed facts the new extraction does not contain: keep them (a rejected one may go: the extractor agrees) */
  unmatched: StoredFactLike[];
}

const isReviewed = (f: ReviewedFields) => f.reviewStatus !== 'unreviewed';

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function carryReviews<O extends StoredFactLike, N extends NewFactLike>(oldFacts: readonly O[], newFacts: readonly N[]): CarriedReviews<N> {
  const carried = newFacts.map((f) => ({ ...f })) as (N & Partial<ReviewedFields>)[];
  const byUid = new Map(carried.map((f, i) => [f.uid, i]));
  const taken = new Set<number>();
  const reviewed = oldFacts.filter(isReviewed);
  const pending: O[] = [];
  for (const old of reviewed) {
    const i = byUid.get(old.uid);
    if (i === undefined || taken.has(i)) { pending.push(old); continue; }
    taken.add(i);
    Object.assign(carried[i], decisionOf(old));
  }
  const renamed: { from: string; to: string }[] = [];
  const unmatched: StoredFactLike[] = [];
  for (const old of pending) {
    const candidates = carried.map((f, i) => ({ f, i }))
      .filter(({ f, i }) => !taken.has(i) && f.unit === old.unit && f.value === old.value && overlaps(f, old));
    if (candidates.length !== 1) { unmatched.push(old); continue; }
    const { f, i } = candidates[0];
    taken.add(i);
    Object.assign(carried[i], decisionOf(old));
    renamed.push({ from: old.uid, to: f.uid });
  }
  return { facts: carried, renamed, unmatched };
}

function decisionOf(f: ReviewedFields): ReviewedFields {
  return { reviewStatus: f.reviewStatus, correctedValue: f.correctedValue, correctedUnit: f.correctedUnit, correctedMetric: f.correctedMetric };
}

/**
 * For a re-extraction that replaces an article's fact rows: carries the decisions onto the new rows and
 * re-keys the audit trails of figures whose uid changed. Call inside the article's transaction, before
 * deleting the old rows; insert `facts`, and keep (do not delete) the `unmatched` reviewed rows that are
 * not rejected.
 */
export async function preserveReviews<O extends StoredFactLike, N extends NewFactLike>(db: Sql, oldFacts: readonly O[], newFacts: readonly N[]): Promise<CarriedReviews<N>> {
  const result = carryReviews(oldFacts, newFacts);
  for (const { from, to } of result.renamed) await moveReviewTrail(db, from, to);
  return result;
}
