// Fact-checking: run after an article is stored or re-extracted, and after an editor's review.
//   runChecksForArticle(db, id)  the arithmetic inside one article (rates, shares, parts, growth)
//   runCrossChecks(db)           across articles (running totals, conflicts, streets vs district)
import type { Sql } from '../../db/client';
import { articleForChecks, factsForCrossChecks, replaceChecks } from '../../db/checks';
import { lockTask } from '../../db/locks';
import { articleChecks } from './article';
import { crossChecks } from './cross';

export { checksForArticle, checksForFact, countChecks, listChecks, type CheckView, type CheckedFigure } from '../../db/checks';
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
  return db.transaction(async (tx) => {
    await lockTask(tx, 'cross-checks');
    const drafts = crossChecks(await factsForCrossChecks(tx));
    await replaceChecks(tx, null, drafts);
    return drafts.length;
  });
}

/** Both, for one article: what a review or a re-extraction calls. */
export async function recheckArticle(db: Sql, articleId: number): Promise<void> {
  await runChecksForArticle(db, articleId);
  await runCrossChecks(db);
}
