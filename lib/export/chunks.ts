// Rows of an export written into chunks of bytes: what the main thread does for the stream and a worker thread
// (lib/export/worker.ts) does for its share of it, so both write the same bytes.
import { PAGE_ROWS, type FactPages } from '../../db/export';
import type { StreamWriter } from './writers';

/** Bytes per chunk handed to the stream: big enough to amortise, small enough to keep memory flat. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The lines of the facts with after < id ≤ upTo (no bound when upTo is undefined), a chunk at a time. The bound
 * may be set while the encoder runs (an export that shares out the rest of its ids ends its own range at the
 * page it holds: pageEnd).
 *
 * Each line is encoded into the chunk's buffer as it is written (Buffer#write): joining a chunk's lines
 * into one string first and encoding that cost more than writing the lines (V8 flattens the joined rope
 * before encoding it).
 */
export class ChunkEncoder {
  private page: unknown[][] = [];
  /** the last id read */
  private after: number;
  private next = 0;
  /** a line written but not yet encoded: it did not fit in the last chunk */
  private pending: string | null = null;
  private finished = false;
  /** rows written so far */
  rows = 0;
  /** rows read from the database so far (a page ahead of those written) */
  read = 0;

  constructor(
    private readonly pages: FactPages<unknown[]>,
    private readonly writer: StreamWriter,
    /** the id after which the rows start */
    private readonly start: number,
    public upTo: number | undefined,
    /** at most this many rows per chunk */
    private readonly chunkRows = Infinity,
  ) {
    this.after = start;
  }

  /** The last id of the rows read from the database so far: a bound that keeps every row read in this range. */
  get pageEnd(): number { return this.after; }

  /** Rows read per id so far (ids from the range's start to pageEnd) */
  get density(): number { return this.read / Math.max(1, this.after - this.start); }

  get done(): boolean { return this.finished; }

  /** The next chunk of lines, or null once every row of the range is written. */
  async chunk(): Promise<Uint8Array | null> {
    let buffer: Buffer | null = null;
    let used = 0;
    let rows = 0;
    while (rows < this.chunkRows) {
      let line = this.pending;
      this.pending = null;
      if (line === null) {
        if (this.next >= this.page.length) {
          // a short page was the last one
          if (this.finished || (this.page.length && this.page.length < PAGE_ROWS) || (this.upTo !== undefined && this.after >= this.upTo)) { this.finished = true; break; }
          this.page = await this.pages.next(this.after, this.upTo);
          this.next = 0;
          this.read += this.page.length;
          if (!this.page.length) { this.finished = true; break; }
          this.after = this.page[this.page.length - 1][0] as number;
        }
        line = this.writer.write(this.page[this.next++], this.pages);
      }
      // a UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4)
      const most = line.length * 3;
      if (buffer === null) buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      else if (used + most > buffer.length) { this.pending = line; break; }
      used += buffer.write(line, used);
      rows++;
    }
    this.rows += rows;
    if (rows === 0) return null;
    return new Uint8Array(buffer!.buffer, buffer!.byteOffset, used);
  }
}
