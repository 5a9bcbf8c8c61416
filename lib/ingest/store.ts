// Storing one document the simple way (the sample page, tests): extract it, then write it.
import type { Sql } from '../../db/client';
import { IngestError } from './errors';
import { prepareDocument, type DocumentInput, type Extractor } from './prepare';
import { writeDocuments, type StoredArticle, type WriteOptions } from './write';

export { contentHash } from './prepare';
export type { DocumentInput } from './prepare';
export { writeDocuments, type DocumentOutcome, type StoredArticle, type WriteOptions } from './write';

/**
 * Extracts a document (one article or a whole newspaper page) and stores its articles with their facts;
 * nothing of it is stored when any part fails. Throws IngestError; a duplicate article is reported, not stored.
 */
export async function storeDocument(db: Sql, input: DocumentInput, extractor?: Extractor, options: WriteOptions = {}): Promise<StoredArticle[]> {
  const prepared = prepareDocument(input, input.fileName ?? 'text', extractor);
  const [outcome] = await writeDocuments(db, [prepared], options);
  if (outcome.status === 'failed') throw new IngestError(outcome.reason, outcome.message);
  return outcome.articles;
}

