// The one writer: prepared documents → rows. A batch of documents is one transaction (fast), and each
// document inside it a savepoint, so a document that fails leaves no row while the others of the batch stay;
// a crash before the commit leaves none of the batch. The same text stored twice is one article.
// (No extractor here: the writer thread of a bulk ingest never loads it.)
import type { Sql } from '../../db/client';
import { storeArticleChecks } from '../../db/checks';
import { articleByHash, inTransaction, insertArticleUnlessStored, insertFactRows, sourceIdFor, sourcesToCreate } from '../../db/ingest';
import { letWaitingWritersIn, lockKeys } from '../../db/locks';
import { refreshRollups, RollupTouch, setRollupsStale } from '../../db/rollups';
import { indexArticle } from '../../db/search';
import { resolveDrafts, type IndexedCheckDraft } from '../checks/article';
import { asIngestError, type RejectReason } from './errors';
import type { PreparedDocument } from './prepare';
import type { PublishedProvenance } from './published';

export interface StoredArticle {
  id: number; title: string | null; facts: number; duplicate: boolean;
  /** for a duplicate: the article already stored with the same text */
  duplicateOf: { id: number; title: string | null } | null;
}

export type DocumentOutcome =
  | { label: string; status: 'stored'; articles: StoredArticle[]; published: string | null; publishedFrom: PublishedProvenance }
  | { label: string; status: 'failed'; reason: RejectReason; message: string };

export interface WriteOptions {
  /**
   * called after the commit with the ids of the articles the batch added (the fact checks run there).
   * Setting it asks for the checks: those the extraction already computed (PreparedArticle.checks) are
   * stored in the batch's own transaction, each article's in a savepoint of its own after its document's,
   * so a check that cannot be stored never un-stores an article; `checked` holds the ids whose checks are
   * stored, the others are left to afterCommit.
   */
  afterCommit?: (articleIds: number[], checked?: ReadonlySet<number>) => Promise<void>;
  /**
   * a bulk load (db/bulk.ts beginBulkLoad) rebuilds the rollups at its end: each transaction marks them stale
   * instead of recomputing the keys it touched (which, with the dashboard's indexes set aside, would read every figure)
   */
  staleRollups?: boolean;
}

interface PendingChecks { articleId: number; factIds: number[]; drafts: IndexedCheckDraft[] }

/** The district most of an article's figures are placed in: the column a distributed database shards the article by. */
function mainDistrict(facts: readonly { districtCode: string | null }[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const f of facts) {
    if (!f.districtCode) continue;
    const n = (counts.get(f.districtCode) ?? 0) + 1;
    counts.set(f.districtCode, n);
    if (best === null || n > counts.get(best)!) best = f.districtCode;
  }
  return best;
}

async function writeOne(tx: Sql, doc: PreparedDocument, sourceIds: Map<string, number>, pending: PendingChecks[] | null, touch: RollupTouch | null): Promise<StoredArticle[]> {
  let sourceId: number | null = null;
  if (doc.sourceName) {
    const key = `${doc.synthetic ? 1 : 0}\u0000${doc.sourceName}`;
    sourceId = sourceIds.get(key) ?? await sourceIdFor(tx, doc.sourceName, doc.district, doc.synthetic);
    sourceIds.set(key, sourceId);
  }
  const stored: StoredArticle[] = [];
  for (const article of doc.articles) {
    const districtCode = mainDistrict(article.facts);
    const id = await insertArticleUnlessStored(tx, {
      sourceId, title: article.title, publishedOn: doc.published, page: doc.page, issue: doc.issue, url: doc.url,
      fileName: doc.fileName, text: article.text, sha256: article.sha256, extractorVersion: doc.extractorVersion, districtCode,
    });
    if (id === null) {
      const original = await articleByHash(tx, article.sha256);
      stored.push({ id: original?.id ?? 0, title: article.title, facts: 0, duplicate: true, duplicateOf: original ?? null });
      continue;
    }
    const factIds = await insertFactRows(tx, id, article.facts, touch);
    // searchable from the moment it is stored, and never indexed by a reader (db/search.ts)
    if (!doc.synthetic) await indexArticle(tx, { id, title: article.title, text: article.text, districtCode });
    if (pending && article.checks) pending.push({ articleId: id, factIds, drafts: article.checks });
    stored.push({ id, title: article.title, facts: article.facts.length, duplicate: false, duplicateOf: null });
  }
  return stored;
}

/**
 * The longest a writer keeps its transaction open before committing and starting the next: another
 * process writing the same SQLite database (the web server while `figures ingest` runs) waits at most
 * about this long, far below its busy timeout (db/sql.ts), so it never sees "database is locked".
 */
export const MAX_TRANSACTION_MS = 500;

/**
 * Stores prepared documents in transactions of at most `maxTransactionMs` each (one transaction for a
 * small batch), each document in its own savepoint: a document whose rows cannot be written is rolled back
 * alone and reported failed; the others are kept. afterCommit runs after each commit.
 */
export async function writeDocuments(db: Sql, docs: readonly PreparedDocument[], options: WriteOptions & { maxTransactionMs?: number } = {}): Promise<DocumentOutcome[]> {
  const budget = options.maxTransactionMs ?? MAX_TRANSACTION_MS;
  const outcomes: DocumentOutcome[] = [];
  let next = 0;
  while (next < docs.length) {
    const sourceIds = new Map<string, number>();
    const checked = new Set<number>();
    const wantChecks = Boolean(options.afterCommit);
    const started = performance.now();
    const written = await inTransaction(db, async (tx) => {
      // other processes may be storing the same texts or creating the same sources right now (PostgreSQL):
      // the keys of every document this transaction may reach are locked first, all at once, in one order
      const ahead = docs.slice(next);
      await lockKeys(tx, 'article', ahead.flatMap((doc) => doc.articles.map((a) => a.sha256)));
      // only sources still to be created: a source every writer uses must not make the writers take turns
      await lockKeys(tx, 'source', await sourcesToCreate(tx, ahead.flatMap((doc) => (doc.sourceName ? [doc.sourceName] : []))));
      // the rollup keys of every document of the transaction, recomputed once before the commit (a failed
      // document's keys too: recomputing from facts that lack its rows is still exact); a bulk load marks them stale instead
      const touch = options.staleRollups ? null : new RollupTouch();
      const done: DocumentOutcome[] = [];
      // at least one document per transaction, then as many as fit in the time budget
      do {
        const doc = docs[next++];
        try {
          const pending: PendingChecks[] | null = wantChecks ? [] : null;
          const articles = await tx.transaction((sp) => writeOne(sp, doc, sourceIds, pending, touch));
          for (const p of pending ?? []) {
            try {
              await tx.transaction((sp) => storeArticleChecks(sp, p.articleId, resolveDrafts(p.drafts, p.factIds)));
              checked.add(p.articleId);
            } catch {
              // left to afterCommit, which recomputes them from the stored rows and reports what fails
            }
          }
          done.push({ label: doc.label, status: 'stored', articles, published: doc.published, publishedFrom: doc.publishedFrom });
        } catch (error) {
          // the savepoint is rolled back; a source created inside it is gone too
          sourceIds.clear();
          const e = asIngestError(error, 'storage-failed');
          done.push({ label: doc.label, status: 'failed', reason: e.reason, message: e.reason === 'storage-failed' ? `could not be stored: ${e.message}` : e.message });
        }
      } while (next < docs.length && performance.now() - started < budget);
      if (touch) await refreshRollups(tx, touch);
      else await setRollupsStale(tx);
      return done;
    });
    outcomes.push(...written);
    const added = written.flatMap((o) => (o.status === 'stored' ? o.articles.filter((a) => !a.duplicate).map((a) => a.id) : []));
    if (added.length && options.afterCommit) await options.afterCommit(added, checked);
    if (next < docs.length) await letWaitingWritersIn(db);
  }
  return outcomes;
}
