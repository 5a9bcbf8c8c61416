// Fact-checking: run after an article is stored or re-extracted, and after an editor's review.
//   runChecksForArticle(db, id)  the arithmetic inside one article (rates, shares, parts, growth)
//   runCrossChecks(db)           across articles (running totals, conflicts, streets vs district)
import type { Sql } from '../../db/client';
import {
  articleForChecks, crossScopesOf, factsForCrossChecks, factsForCrossChecksIn, replaceChecks, replaceCrossChecksOf, type CrossScope,
} from '../../db/checks';
import { withTaskLock } from '../../db/locks';
import { articleChecks } from './article';
import { crossChecks, crossCheckSteps } from './cross';

export { checksForArticle, checksForFact, countChecks, crossScopesOf, deleteCrossChecksOfArticle, listChecks, type CheckView, type CheckedFigure, type CrossScope } from '../../db/checks';
export * from './types';

/** Recomputes and stores the checks inside one article; returns how many there are. */
export async function runChecksForArticle(db: Sql, articleId: number): Promise<number> {
  const article = await articleForChecks(db, articleId);
  if (!article) return 0;
  const drafts = articleChecks(article.text, article.facts);
  await replaceChecks(db, articleId, drafts);
  return drafts.length;
}

/** Recomputes and stores every check across articles; run once after a batch of articles, not per article. */
export async function runCrossChecks(db: Sql): Promise<number> {
  // one process at a time, reading the facts after the previous one committed: two ingests finishing
  // together would otherwise each delete the old set and both insert theirs, or the later writer would
  // store a set computed before the other's articles were in
  return withTaskLock(db, 'cross-checks', async (tx) => {
    const drafts = crossChecks(await factsForCrossChecks(tx));
    await replaceChecks(tx, null, drafts);
    return drafts.length;
  });
}

/**
 * Recomputes the checks across articles of some scopes only (an editor's review, a deleted or added
 * article), with the same verdicts a full runCrossChecks would give them. `movedFactIds`: figures whose
 * checks must go even if they left these scopes (a figure corrected to another metric, or rejected).
 */
export async function runCrossChecksIn(db: Sql, scopes: readonly CrossScope[], movedFactIds: readonly number[] = []): Promise<number> {
  // one process at a time, as runCrossChecks: a scope read before another process's write commits would be
  // stored over it
  return withTaskLock(db, 'cross-checks', async (tx) => {
    const members = new Set<number>(movedFactIds);
    const drafts = [];
    for (const scope of scopes) {
      const facts = await factsForCrossChecksIn(tx, scope);
      for (const f of facts) members.add(f.id);
      // a scope of thousands of figures is tens of milliseconds of work: other requests (/api/health) get a
      // turn between its families of checks instead of waiting for the whole
      for (const step of crossCheckSteps(facts)) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        drafts.push(...step());
      }
    }
    await replaceCrossChecksOf(tx, [...members], drafts);
    return drafts.length;
  });
}

/** After an editor's review of a figure: its article's checks, and the checks across articles of its scope before and after. */
export async function recheckAfterReview(db: Sql, articleId: number, factId: number, scopeBefore: readonly CrossScope[]): Promise<void> {
  await runChecksForArticle(db, articleId);
  const after = await crossScopesOf(db, { factIds: [factId] });
  const scopes = new Map([...scopeBefore, ...after].map((s) => [`${s.metric}|${s.unit}|${s.district}`, s]));
  await runCrossChecksIn(db, [...scopes.values()], [factId]);
}
