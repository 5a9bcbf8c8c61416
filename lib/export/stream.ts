// The one row writer of every export: HTTP downloads and `figures export` both stream through here.
import type { Db } from '../../db/client';
import { openFactRows, type FactQuery, type FactRowCursor, type RowOptions } from '../../db/export';
import { BOM, CSV_HEADER } from './csv';
import type { ExportFormat } from './urls';
import { streamWriter } from './writers';

export interface StreamOptions extends RowOptions {
  /** CSV only: start with a UTF-8 byte-order mark so Excel reads the Chinese text as UTF-8 (default true) */
  bom?: boolean;
  /** at most this many rows per chunk handed to the stream (default: as many as fill CHUNK_BYTES) */
  chunkRows?: number;
}

/** Bytes per chunk handed to the stream: big enough to amortise, small enough to keep memory flat. */
export const CHUNK_BYTES = 256 * 1024;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Every row of a query as a byte stream. Pull-based: a page is read from the database only when the consumer
 * asks for more, so a slow client holds back the reading instead of filling memory.
 *
 * Each line is encoded into the chunk's buffer as it is written (Buffer#write): joining a chunk's lines
 * into one string first and encoding that cost more than writing the lines (V8 flattens the joined rope
 * before encoding it).
 */
export function exportStream(db: Db, query: FactQuery, format: ExportFormat, options: StreamOptions = {}): ReadableStream<Uint8Array> {
  const writer = streamWriter(format, options);
  const chunkRows = options.chunkRows ?? Infinity;
  let cursor: FactRowCursor<unknown[]> | null = null;
  let page: unknown[][] = [];
  let next = 0;
  /** a line written but not yet encoded: it did not fit in the last chunk */
  let pending: string | null = null;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      // opened here, not lazily, so a query that cannot run fails before the response starts
      cursor = await openFactRows<unknown[]>(db, query, writer.select, writer.articleIndex, writer.needsRaw);
      if (format === 'csv') controller.enqueue(new TextEncoder().encode(`${options.bom === false ? '' : BOM}${CSV_HEADER}`));
    },
    async pull(controller) {
      try {
        const c = cursor!;
        let buffer: Buffer | null = null;
        let used = 0;
        let rows = 0;
        while (rows < chunkRows) {
          let line = pending;
          pending = null;
          if (line === null) {
            if (next >= page.length) {
              page = await c.nextPage();
              next = 0;
              if (!page.length) break;
            }
            line = writer.write(page[next++], c);
          }
          // a UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4)
          const most = line.length * 3;
          if (buffer === null) buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
          else if (used + most > buffer.length) { pending = line; break; }
          used += buffer.write(line, used);
          rows++;
        }
        if (rows === 0) { controller.close(); return; }
        controller.enqueue(new Uint8Array(buffer!.buffer, buffer!.byteOffset, used));
      } catch (error) {
        await cursor?.close();
        controller.error(error);
      }
    },
    async cancel() { await cursor?.close(); },
  }, { highWaterMark: 1 });
}
