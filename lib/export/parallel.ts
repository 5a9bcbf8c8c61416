// An export of a SQLite file shared between the main thread and a worker thread (lib/export/worker.ts): both
// read and write rows, each its own ranges of ids, and the chunks go out in id order, so the bytes are those of
// one thread writing every row. Reading a row from SQLite and writing its line cost about the same, and neither
// can be halved much further: a second core is what doubles the rate.
//
// The export starts on the main thread alone (a small export never waits for a worker); once it has written
// JOIN_AFTER_ROWS rows with many ids still ahead, it asks the pool for a worker, which opens a snapshot of its own.
// The worker joins only if nothing was committed to the file since the main thread's snapshot began (PRAGMA
// data_version, Snapshot.shared): then both see the same data. Otherwise the export stays on one thread.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FactPages, lastFactId, type FactQuery } from '../../db/export';
import type { Snapshot } from '../../db/sql';
import { tsWorkerCode } from '../ingest/threads';
import { ChunkEncoder } from './chunks';
import type { StreamOptions } from './stream';
import type { ExportFormat } from './urls';
import type { ExportAnswer, ExportRequest } from './worker';
import type { StreamWriter } from './writers';
import { numberSetting, threadsByDefault } from '../settings.mjs';

/** How an export shares its rows out; tests make the numbers small to cross every boundary with little data. */
export interface SharingOptions {
  /** rows the main thread writes alone before a worker may join */
  joinAfterRows: number;
  /** about how many rows a range holds (its width in ids follows the density of the rows so far) */
  rangeRows: number;
  /** told at the end how many rows each thread wrote (tests, benchmarks) */
  onEnd?: (rows: { main: number; worker: number }) => void;
}

export const DEFAULT_SHARING: SharingOptions = { joinAfterRows: 4000, rangeRows: 8192 };

/**
 * Worker threads kept for exports, each shared by one export at a time: FIGURES_EXPORT_THREADS − 1 (default: the
 * cores, at most 2). A value that is not a whole number of threads from 1 up is an error, not the default: a
 * typo must not quietly start threads on a machine that was meant to keep exports on one.
 */
export function exportWorkerCount(env: Record<string, string | undefined> = process.env): number {
  return numberSetting('FIGURES_EXPORT_THREADS', threadsByDefault(), env) - 1;
}

/** A worker of the pool; it serves one export at a time, which listens to its answers and to its end. */
class ExportWorker {
  private listener: ((answer: ExportAnswer) => void) | null = null;
  private onGone: ((error: Error) => void) | null = null;
  /** why the worker ended, once it has */
  failure: Error | null = null;
  constructor(private readonly worker: Worker) {
    worker.on('message', (answer: ExportAnswer) => this.listener?.(answer));
  }
  attach(listener: (answer: ExportAnswer) => void, onGone: (error: Error) => void): void {
    this.listener = listener;
    this.onGone = onGone;
    if (this.failure) onGone(this.failure);
  }
  detach(): void { this.listener = null; this.onGone = null; }
  post(request: ExportRequest): void { if (!this.failure) this.worker.postMessage(request); }
  terminate(): Promise<number> { return this.worker.terminate(); }
  gone(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.onGone?.(error);
  }
}

/** How long an idle export worker is kept for the next export (its heap is tens of MB). */
const IDLE_MS = 60_000;

/** The export workers of this process, kept between exports (starting one loads the export code again). */
class ExportWorkerPool {
  private readonly idle: { handle: ExportWorker; timer: NodeJS.Timeout }[] = [];
  private readonly all = new Set<ExportWorker>();

  constructor(private readonly most: () => number) {}

  /** An idle worker, a new one once it has loaded, or null when the pool is at its size. */
  async acquire(): Promise<ExportWorker | null> {
    const ready = this.idle.pop();
    if (ready) { clearTimeout(ready.timer); return ready.handle; }
    if (this.all.size >= this.most()) return null;
    const root = process.cwd();
    const worker = new Worker(tsWorkerCode(join(root, 'lib', 'export', 'worker.ts'), root), { eval: true });
    // an idle worker must not keep a process (the CLI, a test) alive
    worker.unref();
    const handle = new ExportWorker(worker);
    this.all.add(handle);
    const gone = (error: Error) => {
      if (!this.all.delete(handle)) return;
      const i = this.idle.findIndex((entry) => entry.handle === handle);
      if (i !== -1) { clearTimeout(this.idle[i].timer); this.idle.splice(i, 1); }
      handle.gone(error);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the export worker stopped (exit code ${code})`)));
    return new Promise((resolve) => {
      handle.attach((answer) => { if (answer.kind === 'ready') resolve(handle); }, () => resolve(null));
    });
  }

  release(handle: ExportWorker): void {
    handle.detach();
    if (handle.failure) return;
    const timer = setTimeout(() => void handle.terminate(), IDLE_MS);
    timer.unref();
    this.idle.push({ handle, timer });
  }

  /** Stops every worker (a command that exported and ends). */
  async close(): Promise<void> {
    for (const { timer } of this.idle.splice(0)) clearTimeout(timer);
    await Promise.all([...this.all].map((handle) => handle.terminate()));
  }
}

const pool = new ExportWorkerPool(exportWorkerCount);

/** Stops the export workers: a command calls it when it is done (an idle worker would otherwise wait IDLE_MS). */
export function closeExportWorkers(): Promise<void> {
  return pool.close();
}

/** Starts a worker ahead of an export (a test; a server expecting downloads); false when the pool has none to give. */
export async function warmExportWorkers(): Promise<boolean> {
  const handle = await pool.acquire();
  if (handle) pool.release(handle);
  return handle !== null;
}

/** A range of ids of the export (after < id ≤ upTo) and what is written of it but not yet sent. */
interface Range {
  id: number;
  after: number;
  upTo: number | undefined;
  owner: 'main' | 'worker';
  chunks: Uint8Array[];
  bytes: number;
  done: boolean;
  rows: number;
  encoder: ChunkEncoder | null;
}

/** A main-thread range buffered ahead (while the worker's range is sent) holds at most this many bytes. */
const AHEAD_BYTES = 8 * 1024 * 1024;
/** Ranges the worker holds at once: one it writes, one queued so that it never waits for the main thread. */
const WORKER_RANGES = 2;

let exports = 0;

/**
 * The chunks of an export, in order, written by the main thread and, once it joins, a worker. `next` gives the
 * next chunk, null at the end; `close` ends it early (a cancelled download).
 */
export class SharedExport {
  private readonly ranges: Range[] = [];
  private readonly byId = new Map<number, Range>();
  private rangeCount = 0;
  private worker: ExportWorker | null = null;
  private exportId = 0;
  private joining = false;
  private joined: ExportWorker | null = null;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private closed = false;
  /** the id after which the next range starts, and the last id of the snapshot */
  private nextAfter = 0;
  private lastId = 0;
  private width = 0;
  private written = 0;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly writer: StreamWriter,
    private readonly query: FactQuery,
    private readonly format: ExportFormat,
    private readonly options: StreamOptions,
    private readonly sharing: SharingOptions = DEFAULT_SHARING,
  ) {
    this.ranges.push(this.range('main', 0, undefined));
  }

  /** rows written by the worker so far */
  private workerRows = 0;

  private range(owner: Range['owner'], after: number, upTo: number | undefined): Range {
    const r: Range = { id: this.rangeCount++, after, upTo, owner, chunks: [], bytes: 0, done: false, rows: 0, encoder: null };
    if (owner === 'main') r.encoder = new ChunkEncoder(new FactPages(this.snapshot, this.query, this.writer), this.writer, after, upTo, this.options.chunkRows);
    this.byId.set(r.id, r);
    return r;
  }

  /** The next range of ids for `owner`, or null when the ids are all given out. */
  private plan(owner: Range['owner']): Range | null {
    if (this.nextAfter >= this.lastId) return null;
    const upTo = Math.min(this.lastId, this.nextAfter + this.width);
    const r = this.range(owner, this.nextAfter, upTo);
    this.nextAfter = upTo;
    this.ranges.push(r);
    if (owner === 'worker') this.worker!.post({ kind: 'range', exportId: this.exportId, range: r.id, after: r.after, upTo });
    return r;
  }

  /** A finished range tells how dense the ids are: the next ranges hold about rangeRows rows. */
  private finished(r: Range, rows: number): void {
    r.done = true;
    r.rows = rows;
    this.written += rows;
    if (r.upTo === undefined) return;
    const width = r.upTo - r.after;
    this.width = Math.max(64, Math.round(rows > 0 ? Math.min(width * 8, (width * this.sharing.rangeRows) / rows) : width * 8));
  }

  private feedWorker(): void {
    if (!this.worker) return;
    let held = this.ranges.filter((r) => r.owner === 'worker' && !r.done).length;
    while (held < WORKER_RANGES && this.plan('worker')) held++;
  }

  /** Asks for a worker once the export is big enough; it joins at the next call of next() (not while a page is read). */
  private considerJoining(encoder: ChunkEncoder): void {
    if (this.joining || this.worker || this.snapshot.shared === null || encoder.rows < this.sharing.joinAfterRows) return;
    this.joining = true;
    void (async () => {
      this.lastId = await lastFactId(this.snapshot);
      // the rest must be worth a second thread: several ranges of ids at the density so far
      if ((this.lastId - encoder.pageEnd) * encoder.density < 2 * this.sharing.rangeRows) return;
      const handle = await pool.acquire();
      if (!handle) return;
      const exportId = ++exports;
      const opened = await new Promise<boolean>((resolve) => {
        handle.attach((answer) => {
          if (answer.kind === 'opened' && answer.exportId === exportId) resolve(true);
          else if (answer.kind === 'failed' && answer.exportId === exportId) resolve(false);
        }, () => resolve(false));
        handle.post({ kind: 'open', exportId, path: this.snapshot.shared!.path, query: this.query, format: this.format, options: { ...this.options, sharing: undefined } });
      });
      // the worker's snapshot sees the main thread's data only if nothing was committed since the main one began
      if (!opened || this.closed || !this.snapshot.shared!.unchanged()) {
        handle.post({ kind: 'close', exportId });
        pool.release(handle);
        return;
      }
      this.exportId = exportId;
      handle.attach((answer) => this.answer(answer), (error) => this.fail(error));
      this.joined = handle;
      this.wake?.();
    })().catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
  }

  /** The main thread's open range ends at the page it holds; the ids after it are given out in ranges. */
  private join(): void {
    const handle = this.joined!;
    this.joined = null;
    const open = this.ranges.find((r) => r.upTo === undefined);
    if (!open || open.done || open.encoder!.done) {
      // the main thread finished meanwhile
      handle.post({ kind: 'close', exportId: this.exportId });
      pool.release(handle);
      return;
    }
    const encoder = open.encoder!;
    encoder.upTo = encoder.pageEnd;
    open.upTo = encoder.pageEnd;
    this.nextAfter = encoder.pageEnd;
    this.width = Math.max(64, Math.round(this.sharing.rangeRows / Math.max(encoder.density, 1e-6)));
    this.worker = handle;
  }

  private answer(answer: ExportAnswer): void {
    if (answer.kind === 'ready' || answer.exportId !== this.exportId) return;
    if (answer.kind === 'failed') { this.fail(new Error(answer.message)); return; }
    if (answer.kind === 'opened') return;
    const r = this.byId.get(answer.range);
    if (!r) return;
    if (answer.kind === 'chunk') { r.chunks.push(answer.bytes); r.bytes += answer.bytes.byteLength; } else { this.workerRows += answer.rows; this.finished(r, answer.rows); }
    this.wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }

  /** The next chunk of the export in order, or null after the last. */
  async next(): Promise<Uint8Array | null> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.joined) this.join();
      this.feedWorker();
      let head = this.ranges[0];
      if (!head) {
        // after a worker joined, the main thread takes the next range when every earlier one is sent
        head = (this.worker && this.plan('main')) || undefined!;
        if (!head) { await this.close(); return null; }
      }
      if (head.chunks.length) {
        const bytes = head.chunks.shift()!;
        head.bytes -= bytes.byteLength;
        return bytes;
      }
      if (head.done) { this.ranges.shift(); this.byId.delete(head.id); continue; }
      if (head.owner === 'main') {
        const bytes = await head.encoder!.chunk();
        if (bytes) { if (head.upTo === undefined) this.considerJoining(head.encoder!); return bytes; }
        this.finished(head, head.encoder!.rows);
        continue;
      }
      // the worker's range is next and not written yet: write one of the main thread's ahead, else wait for the worker
      const ahead = this.ranges.find((r) => r.owner === 'main' && !r.done) ?? this.plan('main');
      if (ahead && ahead.bytes < AHEAD_BYTES) {
        const bytes = await ahead.encoder!.chunk();
        if (bytes) { ahead.chunks.push(bytes); ahead.bytes += bytes.byteLength; } else this.finished(ahead, ahead.encoder!.rows);
        continue;
      }
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = null;
    }
  }

  /** Ends the export: the worker is told to stop and goes back to the pool, the snapshot closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sharing.onEnd?.({ main: this.written - this.workerRows, worker: this.workerRows });
    for (const handle of [this.worker, this.joined]) {
      if (!handle) continue;
      handle.post({ kind: 'close', exportId: this.exportId });
      pool.release(handle);
    }
    this.worker = null;
    this.joined = null;
    await this.snapshot.close();
  }
}
