// The one writer: prepared documents → rows. A batch of documents is one transaction (fast), and each
// document inside it a savepoint, so a document that fails leaves no row while the others of the batch stay;
// a crash before the commit leaves none of the batch. The same text stored twice is one article.
// (No extractor here: the writer thread of a bulk ingest never loads it.)
import type { Db } from '../../db/client';
import { articleIdByHash, inSavepoint, inTransaction, insertArticleUnlessStored, insertFactRows, sourceIdFor } from '../../db/ingest';
import { asIngestError, type RejectReason } from './errors';
import type { PreparedDocument } from './prepare';
import type { PublishedProvenance } from './published';

export interface StoredArticle { id: number; title: string | null; facts: number; duplicate: boolean }

export type DocumentOutcome =
  | { label: string; status: 'stored'; articles: StoredArticle[]; published: string | null; publishedFrom: PublishedProvenance }
  | { label: string; status: 'failed'; reason: RejectReason; message: string };

export interface WriteOptions {
  /** called after the commit with the ids of the articles the batch added (the fact checks run there) */
  afterCommit?: (articleIds: number[]) => void;
}

function writeOne(db: Db, doc: PreparedDocument, sourceIds: Map<string, number>): StoredArticle[] {
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
    insertFactRows(db, id, article.facts);
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
  const outcomes = inTransaction(db, () => docs.map((doc): DocumentOutcome => {
    try {
      const articles = inSavepoint(db, () => writeOne(db, doc, sourceIds));
      return { label: doc.label, status: 'stored', articles, published: doc.published, publishedFrom: doc.publishedFrom };
    } catch (error) {
      // the savepoint is rolled back; a source created inside it is gone too
      sourceIds.clear();
      const e = asIngestError(error, 'storage-failed');
      return { label: doc.label, status: 'failed', reason: e.reason, message: e.reason === 'storage-failed' ? `could not be stored: ${e.message}` : e.message };
    }
  }));
  const added = outcomes.flatMap((o) => (o.status === 'stored' ? o.articles.filter((a) => !a.duplicate).map((a) => a.id) : []));
  if (added.length && options.afterCommit) options.afterCommit(added);
  return outcomes;
}
