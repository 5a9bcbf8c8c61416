// After articles are stored, the fact checks of lib/checks run over them (594/702 = 84.6%…): the checks
// inside each new article after every commit (or, when the extraction computed them, stored by the writer in
// the batch's transaction), the checks across articles once at the end of an ingest.
// They run outside the ingest's own transaction: a check that fails is reported, never un-stores an article.
import type { Sql } from '../../db/client';
import { inTransaction } from '../../db/ingest';
import { crossScopesOf, runChecksForArticle, runCrossChecks, runCrossChecksIn } from '../checks';

export interface IngestChecks {
  /** for WriteOptions.afterCommit */
  afterCommit(articleIds: number[], checked?: ReadonlySet<number>): Promise<void>;
  /** the checks across articles, when any article was added */
  finish(): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Past this many new articles, every check across articles is recomputed at once rather than scope by scope. */
const SCOPED_UP_TO = 1000;

export function ingestChecks(db: Sql, warn: (line: string) => void): IngestChecks {
  let added: number[] = [];
  return {
    async afterCommit(articleIds, checked) {
      if (added.length <= SCOPED_UP_TO) added = added.concat(articleIds);
      // the writer already stored the checks its workers computed; the others are computed from the stored rows
      const todo = checked?.size ? articleIds.filter((id) => !checked.has(id)) : articleIds;
      if (!todo.length) return;
      // one transaction for the batch's checks (each article's a savepoint inside): one commit, not thousands
      await inTransaction(db, async (tx) => {
        for (const id of todo) {
          try {
            await runChecksForArticle(tx, id);
          } catch (error) {
            warn(`the fact checks of article ${id} failed: ${message(error)}`);
          }
        }
      });
    },
    async finish() {
      if (!added.length) return;
      try {
        // a few articles (the web's ingest): only the metrics, units and districts their figures are in
        if (added.length <= SCOPED_UP_TO) await runCrossChecksIn(db, await crossScopesOf(db, { articleIds: added }));
        else await runCrossChecks(db);
      } catch (error) {
        warn(`the checks across articles failed: ${message(error)}`);
      }
    },
  };
}
