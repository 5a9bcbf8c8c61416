// The one writer: prepared documents → rows. A batch of documents is one transaction (fast), and each
// document inside it a savepoint, so a document that fails leaves no row while the others of the batch stay;
// a crash before the commit leaves none of the batch. The same text stored twice is one article.
// (No extractor here: the writer thread of a bulk ingest never loads it.)
import type { Db } from '../../db/client';
import { storeArticleChecks } from '../../db/checks';
import { articleIdByHash, inSavepoint, inTransaction, insertArticleUnlessStored, insertFactRows, sourceIdFor } from '../../db/ingest';
import { resolveDrafts, type IndexedCheckDraft } from '../checks/article';
import { asIngestError, type RejectReason } from './errors';
import type { PreparedDocument } from './prepare';
import type { PublishedProvenance } from './published';

export interface StoredArticle { id: number; title: string | null; facts: number; duplicate: boolean }

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
  afterCommit?: (articleIds: number[], checked?: ReadonlySet<number>) => void;
}

interface PendingChecks { articleId: number; factIds: number[]; drafts: IndexedCheckDraft[] }

function writeOne(db: Db, doc: PreparedDocument, sourceIds: Map<string, number>, pending: PendingChecks[] | null): StoredArticle[] {
  let sourceId: number | null = null;
  if (doc.sourceName) {
    const key = `${doc.synthetic ? 1 : 0}\u0000${doc.sourceName}`;
    sourceId = sourceIds.get(key) ?? sourceIdFor(db, doc.sourceName, doc.district, doc.synthetic);
    sourceIds.set(key, sourceId);
  }
  const stored: StoredArticle[] = [];
  for (const article of doc.articles) {
    const id = insertArticleUnlessStored(db, {
      sourceId, title: article.title, publishedOn: doc.published, page: doc.page, issue: doc.issue, url: doc.url,
      fileName: doc.fileName, text: article.text, sha256: article.sha256, extractorVersion: doc.extractorVersion,
    });
    if (id === null) {
      stored.push({ id: articleIdByHash(db, article.sha256) ?? 0, title: article.title, facts: 0, duplicate: true });
      continue;
    }
    const factIds = insertFactRows(db, id, article.facts);
    if (pending && article.checks) pending.push({ articleId: id, factIds, drafts: article.checks });
    stored.push({ id, title: article.title, facts: article.facts.length, duplicate: false });
  }
  return stored;
}

/**
 * Stores prepared documents in one transaction, each document in its own savepoint: a document whose rows
 * cannot be written is rolled back alone and reported failed; the others are kept.
 */
export function writeDocuments(db: Db, docs: readonly PreparedDocument[], options: WriteOptions = {}): DocumentOutcome[] {
  const sourceIds = new Map<string, number>();
  const checked = new Set<number>();
  const wantChecks = Boolean(options.afterCommit);
  const outcomes = inTransaction(db, () => docs.map((doc): DocumentOutcome => {
    try {
      const pending: PendingChecks[] | null = wantChecks ? [] : null;
      const articles = inSavepoint(db, () => writeOne(db, doc, sourceIds, pending));
      for (const p of pending ?? []) {
        try {
          inSavepoint(db, () => storeArticleChecks(db, p.articleId, resolveDrafts(p.drafts, p.factIds)));
          checked.add(p.articleId);
        } catch {
          // left to afterCommit, which recomputes them from the stored rows and reports what fails
        }
      }
      return { label: doc.label, status: 'stored', articles, published: doc.published, publishedFrom: doc.publishedFrom };
    } catch (error) {
      // the savepoint is rolled back; a source created inside it is gone too
      sourceIds.clear();
      const e = asIngestError(error, 'storage-failed');
      return { label: doc.label, status: 'failed', reason: e.reason, message: e.reason === 'storage-failed' ? `could not be stored: ${e.message}` : e.message };
    }
  }));
  const added = outcomes.flatMap((o) => (o.status === 'stored' ? o.articles.filter((a) => !a.duplicate).map((a) => a.id) : []));
  if (added.length && options.afterCommit) options.afterCommit(added, checked);
  return outcomes;
}
