// Editors' decisions on figures: verified, corrected (value, unit or metric, with a reason), rejected (not a
// figure), or back to unreviewed. The extraction itself is never overwritten; each decision is an audit row.
import { z } from 'zod';
import type { Sql } from '../../db/client';
import { deleteArticle, reviewableFact, saveReview, type ReviewableFact } from '../../db/review';
import { crossScopesOf, deleteCrossChecksOfArticle, recheckAfterReview, runCrossChecksIn } from '../checks';
import { REVIEW_STATUSES } from '../vocab/codes';
import { effectiveFigure } from '../vocab/effective';
import { isMetric } from '../vocab/metrics';
import { UNITS } from '../vocab/units';

export { reviewTrail, type ReviewTrailEntry } from '../../db/review';
export { REVIEW_STATUSES, type ReviewStatus } from '../vocab/codes';

export class ReviewError extends Error {
  constructor(readonly status: 400 | 404, readonly field: string | null, message: string) { super(message); }
}

/** A number as an editor types it: 594, 1,234.5, 14亿, 8000万, 84.6%. */
export function parseEditorNumber(raw: string): number | null {
  const m = /^\s*([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*(万|亿|%)?\s*$/.exec(raw);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  const scale = m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1;
  return Number.isFinite(n) ? Number((n * scale).toPrecision(15)) : null;
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const reviewInputSchema = z.object({
  status: z.enum(REVIEW_STATUSES, { message: `must be one of ${REVIEW_STATUSES.join(', ')}` }),
  value: z.preprocess(blankToUndefined, z.union([z.number(), z.string()]).optional())
    .transform((v, ctx) => {
      if (v === undefined || typeof v === 'number') return v;
      const n = parseEditorNumber(v);
      if (n === null) { ctx.addIssue({ code: 'custom', message: 'is not a number (write 594, 1234.5, 14亿 or 8000万)' }); return z.NEVER; }
      return n;
    }),
  unit: z.preprocess(blankToUndefined, z.enum(UNITS, { message: 'is not a known unit' }).optional()),
  metric: z.preprocess(blankToUndefined, z.string().refine((k) => isMetric(k), 'is not a metric of the taxonomy').optional()),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : blankToUndefined(v)), z.string().max(2000).optional()),
});

export type ReviewInput = z.output<typeof reviewInputSchema>;

/** Validates a review from a form or JSON body; throws ReviewError naming the bad field. */
export function parseReviewInput(raw: Record<string, unknown>): ReviewInput {
  const parsed = reviewInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? 'body');
    throw new ReviewError(400, field, `${field}: ${issue.message}`);
  }
  return parsed.data;
}

interface Figure { status: string; value: number; unit: string; metric: string }

/** The figure as readers see it (lib/vocab/effective.ts), with its status. */
function effective(f: ReviewableFact): Figure {
  return { status: f.reviewStatus, ...effectiveFigure(f) };
}

export interface ReviewOutcome { factId: number; articleId: number; before: Figure; after: Figure; eventId: number }

/** Records an editor's decision on a figure, then re-runs the checks of its article and those across articles of its metric, unit and district. */
export async function reviewFact(db: Sql, factId: number, editor: { id: number; name: string }, input: ReviewInput): Promise<ReviewOutcome> {
  const fact = await reviewableFact(db, factId);
  if (!fact) throw new ReviewError(404, null, `there is no figure ${factId}`);
  if ((input.status === 'corrected' || input.status === 'rejected') && !input.reason) {
    throw new ReviewError(400, 'reason', `reason: say why the figure is ${input.status}`);
  }
  const before = effective(fact);
  let after: Figure;
  if (input.status === 'corrected') {
    after = { status: 'corrected', value: input.value ?? before.value, unit: input.unit ?? before.unit, metric: input.metric ?? before.metric };
    if (after.value === fact.value && after.unit === fact.unit && after.metric === fact.metric) {
      throw new ReviewError(400, 'value', 'value: the correction equals the extracted figure; mark it verified instead');
    }
  } else {
    after = { status: input.status, value: fact.value, unit: fact.unit, metric: fact.metric };
  }
  if (JSON.stringify(before) === JSON.stringify(after)) throw new ReviewError(400, 'status', `status: the figure is already ${input.status} as given`);
  // the checks across articles it took part in, as it was: recomputed with those it takes part in now
  const scopeBefore = await crossScopesOf(db, { factIds: [fact.id] });
  // a correction names only what it changes: the rest stays as extracted (and the effective figure reads it there)
  const corrected = after.status === 'corrected';
  const eventId = await saveReview(db, fact.id, {
    reviewStatus: after.status,
    correctedValue: corrected && after.value !== fact.value ? after.value : null,
    correctedUnit: corrected && after.unit !== fact.unit ? after.unit : null,
    correctedMetric: corrected && after.metric !== fact.metric ? after.metric : null,
  }, {
    factUid: fact.uid, articleId: fact.articleId, userId: editor.id, userName: editor.name,
    status: after.status, before: JSON.stringify(before), after: JSON.stringify(after), reason: input.reason ?? null,
  });
  await recheckAfterReview(db, fact.articleId, fact.id, scopeBefore);
  return { factId: fact.id, articleId: fact.articleId, before, after, eventId };
}

/**
 * Deletes an article with its figures and checks (review trails stay, keyed by uid); the checks across
 * articles its figures took part in are recomputed without them. False when there was no such article.
 */
export async function removeArticle(db: Sql, articleId: number): Promise<boolean> {
  const scopes = await crossScopesOf(db, { articleIds: [articleId] });
  const deleted = await db.transaction(async (tx) => {
    await deleteCrossChecksOfArticle(tx, articleId);
    return deleteArticle(tx, articleId);
  });
  if (deleted) await runCrossChecksIn(db, scopes);
  return deleted;
}
