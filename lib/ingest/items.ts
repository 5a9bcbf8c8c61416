// One unit of a batch — a file on disk, an uploaded file's bytes, or pasted text — prepared for the writer,
// or refused with the reason. Runs in worker threads during a bulk ingest and in-process on the web server.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IngestError, asIngestError, tooLarge, type RejectReason } from './errors';
import { readDocument } from './formats';
import { prepareDocument, type DocumentInput, type DocumentOptions, type Extractor, type PreparedDocument } from './prepare';

export type IngestItem =
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; fileName: string; bytes: Uint8Array }
  | { kind: 'text'; label: string; text: string; title?: string | null; url?: string | null; fileName?: string | null };

export interface ItemOptions extends DocumentOptions {
  /** the size limit of one file, in bytes */
  maxBytes: number;
}

export type ItemResult =
  | { ok: true; doc: PreparedDocument }
  | { ok: false; label: string; reason: RejectReason; message: string };

export function labelOf(item: IngestItem): string {
  return item.kind === 'file' ? item.path : item.kind === 'bytes' ? item.fileName : item.label;
}

async function fileInput(fileName: string, bytes: Uint8Array, options: ItemOptions): Promise<DocumentInput> {
  const doc = await readDocument(fileName, bytes, options.maxBytes);
  return { ...options, text: doc.text, title: doc.title, metadataPublished: doc.published, fileName: basename(fileName) };
}

export async function prepareItem(item: IngestItem, options: ItemOptions, extractor?: Extractor): Promise<ItemResult> {
  const label = labelOf(item);
  try {
    let input: DocumentInput;
    if (item.kind === 'file') {
      let size: number;
      try {
        const info = await stat(item.path);
        if (!info.isFile()) throw new IngestError('unreadable', 'not a regular file');
        size = info.size;
      } catch (error) {
        throw asIngestError(error, 'unreadable');
      }
      // refuse before reading: a 2 GB file must not be loaded to be told it is too large
      if (size > options.maxBytes) throw tooLarge(size, options.maxBytes);
      let bytes: Buffer;
      try { bytes = await readFile(item.path); } catch (error) { throw asIngestError(error, 'unreadable'); }
      input = await fileInput(item.path, bytes, options);
    } else if (item.kind === 'bytes') {
      input = await fileInput(item.fileName, item.bytes, options);
    } else {
      const size = Buffer.byteLength(item.text);
      if (size > options.maxBytes) throw tooLarge(size, options.maxBytes);
      input = { ...options, text: item.text, title: item.title ?? null, url: item.url ?? null, fileName: item.fileName ?? null };
    }
    return { ok: true, doc: prepareDocument(input, label, extractor) };
  } catch (error) {
    const e = asIngestError(error, 'extraction-failed');
    return { ok: false, label, reason: e.reason, message: e.message };
  }
}
