// The one row writer of every export: HTTP downloads and `figures export` both stream through here.
import type { Db } from '../../db/client';
import type { FactQuery, RowOptions } from '../../db/export';
import { BOM, CSV_HEADER } from './csv';
import { exportWorkerCount, SharedExport, type SharingOptions } from './parallel';
import type { ExportFormat } from './urls';
import { streamWriter } from './writers';

export interface StreamOptions extends RowOptions {
  /** CSV only: start with a UTF-8 byte-order mark so Excel reads the Chinese text as UTF-8 (default true) */
  bom?: boolean;
  /** at most this many rows per chunk handed to the stream (default: as many as fill CHUNK_BYTES, lib/export/chunks.ts) */
  chunkRows?: number;
  /** how the rows are shared with a worker thread (tests make its numbers small) */
  sharing?: SharingOptions;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Every row of a query as a byte stream. Pull-based: rows are read from the database only when the consumer
 * asks for more, so a slow client holds back the reading instead of filling memory. On a SQLite file a large
 * export shares its rows with a worker thread (lib/export/parallel.ts); the bytes are the same.
 */
export function exportStream(db: Db, query: FactQuery, format: ExportFormat, options: StreamOptions = {}): ReadableStream<Uint8Array> {
  // a bad FIGURES_EXPORT_THREADS stops the export here, before its first byte, not when a worker would join
  exportWorkerCount();
  const writer = streamWriter(format, options);
  let rows: SharedExport | null = null;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      // opened here, not lazily, so a query that cannot run fails before the response starts
      const snapshot = await db.snapshot();
      try {
        rows = new SharedExport(snapshot, writer, query, format, options, options.sharing);
      } catch (error) {
        await snapshot.close();
        throw error;
      }
      if (format === 'csv') controller.enqueue(new TextEncoder().encode(`${options.bom === false ? '' : BOM}${CSV_HEADER}`));
    },
    async pull(controller) {
      try {
        const bytes = await rows!.next();
        if (bytes) controller.enqueue(bytes); else controller.close();
      } catch (error) {
        await rows?.close();
        controller.error(error);
      }
    },
    async cancel() { await rows?.close(); },
  }, { highWaterMark: 1 });
}
