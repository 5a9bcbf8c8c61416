// The one row writer of every export: HTTP downloads and `figures export` both stream through here.
import type { Db } from '../../db/client';
import { openFactCursor, type FactQuery, type RowOptions } from '../../db/export';
import { BOM, CSV_HEADER, csvRow, jsonlRow } from './csv';
import type { ExportFormat } from './urls';

export interface StreamOptions extends RowOptions {
  /** CSV only: start with a UTF-8 byte-order mark so Excel reads the Chinese text as UTF-8 (default true) */
  bom?: boolean;
  /** rows per chunk handed to the stream: big enough to amortise, small enough to keep memory flat */
  chunkRows?: number;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Every row of a query as a byte stream. Pull-based: a chunk is read from SQLite only when the consumer
 * asks for more, so a slow client holds back the reading instead of filling memory.
 */
export function exportStream(db: Db, query: FactQuery, format: ExportFormat, options: StreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const writeRow = format === 'csv' ? csvRow : jsonlRow;
  const chunkRows = options.chunkRows ?? 2000;
  let cursor: ReturnType<typeof openFactCursor> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // opened here, not lazily, so a query that cannot run fails before the response starts
      cursor = openFactCursor(db, query, options);
      if (format === 'csv') controller.enqueue(encoder.encode(`${options.bom === false ? '' : BOM}${CSV_HEADER}`));
    },
    pull(controller) {
      try {
        const rows = cursor!.next(chunkRows);
        if (rows.length === 0) { controller.close(); return; }
        let text = '';
        for (const row of rows) text += writeRow(row);
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        cursor?.close();
        controller.error(error);
      }
    },
    cancel() { cursor?.close(); },
  }, { highWaterMark: 1 });
}
