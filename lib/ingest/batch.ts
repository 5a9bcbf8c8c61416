// A bulk ingest: worker threads read, decode and extract documents on every core; this thread is the one
// writer, storing them in order in batched transactions (each document a savepoint inside). Memory stays
// bounded: at most `window` documents are in flight or waiting to be written.
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/client';
import { beginBulkLoad, type BulkLoad } from '../../db/bulk';
import { threadCpuMs, threadTimes, type ThreadTimes } from './cpu';
import { tsWorkerCode } from './threads';
import type { IngestItem, ItemOptions, ItemResult } from './items';
import type { Extractor } from './prepare';
import { writeDocuments, type DocumentOutcome, type WriteOptions } from './write';
import type { WorkerAnswer, WorkerReady, WorkerRequest } from './worker';

export interface BatchOptions extends ItemOptions, Omit<WriteOptions, 'staleRollups'> {
  /** worker threads; 0 extracts on this thread (and is the only way to use a custom `extractor`) */
  workers?: number;
  extractor?: Extractor;
  /** documents per write (default 1000: fewer commits, each index page written to the WAL fewer times); each
   * transaction of it is also cut at MAX_TRANSACTION_MS (lib/ingest/write.ts) so other writers never wait long */
  batchSize?: number;
  /**
   * a load that at least doubles the facts: the dashboard's indexes of facts are set aside and the rollups left
   * stale until the end, then each is built once (db/bulk.ts beginBulkLoad) instead of updated row by row
   */
  bulk?: boolean;
  /** called for every document, in input order, once it is stored or refused */
  onOutcome?: (outcome: DocumentOutcome) => void;
  /** called after every write with the running totals */
  onProgress?: (progress: BatchProgress) => void;
  /** problems of the batch itself, not of one document (workers that cannot start) */
  onWarning?: (line: string) => void;
}

export interface BatchProgress { done: number; added: number; duplicates: number; failed: number; figures: number }

export interface BatchSummary extends BatchProgress {
  failures: { label: string; reason: string; message: string }[];
  seconds: number;
  /**
   * CPU milliseconds by thread (null where the platform cannot tell): this thread in all, the part of it
   * spent writing (the batch transactions with the checks stored in them, and afterCommit), and the
   * extraction workers (reading, decoding, extracting, computing the checks); and the milliseconds this
   * thread and the workers were ready to run but waited for a CPU (other load on the machine)
   */
  cpu: { mainMs: number; writerMs: number; workersMs: number; mainWaitMs: number; workersWaitMs: number } | null;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * A bulk write touches every index of facts on every row: a larger page cache keeps their pages in memory
 * and rarer WAL checkpoints write them once, not on every batch. Returns the undo.
 */
function bulkWritePragmas(db: Db): () => void {
  const client = db.sqlite;
  if (!client) return () => {};
  const cache = client.pragma('cache_size', { simple: true });
  const checkpoint = client.pragma('wal_autocheckpoint', { simple: true });
  client.pragma('cache_size = -131072'); // 128 MB
  client.pragma('wal_autocheckpoint = 16384'); // 64 MB of WAL
  // (not temp_store: changing it drops the connection's TEMP tables and triggers, which a caller may rely on)
  return () => {
    client.pragma(`cache_size = ${Number(cache)}`);
    client.pragma(`wal_autocheckpoint = ${Number(checkpoint)}`);
  };
}

interface Runner {
  run(item: IngestItem): Promise<ItemResult>;
  close(): Promise<void>;
  /** CPU (and runnable-wait) milliseconds the runner's worker threads used (0 for extraction on this thread; null: unknown) */
  workerTimes(): ThreadTimes | null;
}

/** Extraction on this thread; the extractor loads on first use, so a batch run by workers never loads it here. */
function localRunner(options: ItemOptions, extractor?: Extractor): Runner {
  return { run: async (item) => (await import('./items')).prepareItem(item, options, extractor), close: async () => {}, workerTimes: () => ({ cpuMs: 0, waitMs: 0 }) };
}

function labelOf(item: IngestItem): string {
  return item.kind === 'file' ? item.path : item.kind === 'bytes' ? item.fileName : item.label;
}

/** The code a worker thread starts with: lib/ingest/worker.ts, loaded through tsx. */
function workerBootstrap(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return tsWorkerCode(join(here, 'worker.ts'), join(here, '..', '..'));
}

/**
 * Worker threads, each given the next chunk of items when it has fewest in flight. A worker that crashes is
 * replaced; when workers cannot start at all, the rest of the batch is extracted on this thread instead.
 */
function workerRunner(count: number, options: ItemOptions, fallback: Runner, warn: (line: string) => void): Runner {
  interface Pending { item: IngestItem; resolve: (r: ItemResult) => void }
  interface Slot { worker: Worker; answered: boolean; pending: Map<number, Pending>; times: ThreadTimes | null }
  const CHUNK = 16;
  const slots: Slot[] = [];
  const code = workerBootstrap();
  let nextId = 0;
  let closing = false;
  let broken = false;
  let queued: { id: number; item: IngestItem; resolve: (r: ItemResult) => void }[] = [];
  let flushScheduled = false;
  const retired: ThreadTimes = { cpuMs: 0, waitMs: 0 }; // of workers that crashed and were replaced

  const spawn = (index: number) => {
    const worker = new Worker(code, { eval: true });
    const slot: Slot = { worker, answered: false, pending: new Map(), times: { cpuMs: 0, waitMs: 0 } };
    worker.on('message', (answer: WorkerAnswer | WorkerReady) => {
      if (!('results' in answer)) return;
      slot.answered = true;
      slot.times = answer.times;
      for (const { id, result } of answer.results) {
        const p = slot.pending.get(id);
        slot.pending.delete(id);
        p?.resolve(result);
      }
    });
    const fail = (message: string) => {
      if (slots[index] !== slot) return;
      retired.cpuMs += slot.times?.cpuMs ?? 0;
      retired.waitMs += slot.times?.waitMs ?? 0;
      slot.times = { cpuMs: 0, waitMs: 0 };
      if (!slot.answered && !broken) {
        broken = true;
        warn(`extraction workers cannot start (${message}); extracting on one thread`);
      }
      for (const [, p] of slot.pending) {
        // a worker that never answered was broken, not the document: extract it here
        if (broken) void fallback.run(p.item).then(p.resolve);
        else p.resolve({ ok: false, label: labelOf(p.item), reason: 'extraction-failed', message: `the extraction worker crashed on it: ${message}` });
      }
      slot.pending.clear();
      if (!closing && !broken) spawn(index);
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (exitCode) => { if (!closing) fail(`exit code ${exitCode}`); });
    slots[index] = slot;
  };

  /** Sends what is queued, a chunk at a time, each chunk to the worker with the fewest documents in flight. */
  const flush = () => {
    flushScheduled = false;
    while (queued.length) {
      const chunk = queued.slice(0, CHUNK);
      queued = queued.slice(CHUNK);
      if (broken) { for (const q of chunk) void fallback.run(q.item).then(q.resolve); continue; }
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      for (const q of chunk) slot.pending.set(q.id, { item: q.item, resolve: q.resolve });
      slot.worker.postMessage({ options, items: chunk.map(({ id, item }) => ({ id, item })) } satisfies WorkerRequest);
    }
  };

  for (let i = 0; i < count; i++) spawn(i);
  return {
    run(item) {
      if (broken) return fallback.run(item);
      return new Promise((resolve) => {
        queued.push({ id: nextId++, item, resolve });
        if (queued.length >= CHUNK) flush();
        else if (!flushScheduled) { flushScheduled = true; setImmediate(flush); }
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
    workerTimes() {
      if (slots.some((s) => s.times === null)) return null;
      return slots.reduce((t, s) => ({ cpuMs: t.cpuMs + s.times!.cpuMs, waitMs: t.waitMs + s.times!.waitMs }), retired);
    },
  };
}

/**
 * Ingests every item; never throws for a bad document (it is reported through onOutcome and in the summary).
 * Items are written in input order, so which of two equal texts is "added" and which the duplicate is stable.
 */
export async function ingestBatch(db: Db, items: Iterable<IngestItem> | AsyncIterable<IngestItem>, options: BatchOptions): Promise<BatchSummary> {
  const started = process.hrtime.bigint();
  const mainAtStart = threadTimes();
  let writerMs = 0;
  const workers = options.extractor ? 0 : options.workers ?? defaultWorkerCount();
  const { extractor, onOutcome, onProgress, onWarning, afterCommit, batchSize: _b, workers: _w, bulk: _bulk, ...rest } = options;
  // with fact checks wanted, each article's arithmetic checks are computed with its extraction (in the
  // workers), and the writer only stores them
  const itemOptions: ItemOptions = { ...rest, checks: rest.checks ?? Boolean(afterCommit) };
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  // documents in flight, extracted and waiting, or being written; a write takes `batchSize` of them, so the
  // workers keep as many to go on with while it runs
  const window = Math.max(batchSize * 3, workers * 64);
  const local = localRunner(itemOptions, extractor);
  const runner = workers > 0 ? workerRunner(workers, itemOptions, local, onWarning ?? ((line) => console.error(line))) : local;
  const restore = bulkWritePragmas(db);
  let bulk: BulkLoad | null = null;

  const totals: BatchProgress = { done: 0, added: 0, duplicates: 0, failed: 0, figures: 0 };
  const failures: BatchSummary['failures'] = [];
  const ready = new Map<number, ItemResult>();
  let inFlight = 0;
  let nextSeq = 0;
  let writeSeq = 0;
  let lastWrite = Date.now();
  // the write under way: the documents it holds still count against the window
  let writing: Promise<void> | null = null;
  let writingCount = 0;
  let failure: { error: unknown } | null = null;
  // one waiter (the loop below), woken when a document is extracted or a write ends
  let wake: (() => void) | null = null;
  const signal = () => { const w = wake; wake = null; w?.(); };
  const woken = () => new Promise<void>((resolve) => { wake = resolve; });

  const record = (outcome: DocumentOutcome) => {
    totals.done++;
    if (outcome.status === 'failed') {
      totals.failed++;
      failures.push({ label: outcome.label, reason: outcome.reason, message: outcome.message });
    } else {
      for (const a of outcome.articles) {
        if (a.duplicate) totals.duplicates++;
        else { totals.added++; totals.figures += a.facts; }
      }
    }
    onOutcome?.(outcome);
  };

  const write = async (results: ItemResult[]) => {
    const prepared = results.flatMap((r) => (r.ok ? [r.doc] : []));
    const before = threadCpuMs();
    const written = prepared.length ? await writeDocuments(db, prepared, { afterCommit, staleRollups: bulk !== null }) : [];
    const after = threadCpuMs();
    if (before !== null && after !== null) writerMs += after - before;
    let w = 0;
    for (const r of results) {
      record(r.ok ? written[w++] : { label: r.label, status: 'failed', reason: r.reason, message: r.message });
    }
    lastWrite = Date.now();
    onProgress?.({ ...totals });
  };

  /**
   * Starts writing the documents ready in input order once there are enough of them (or time has passed, or
   * at the end), unless a write is under way. Not awaited: the workers are handed more documents while it runs
   * (a write of a thousand documents takes a few hundred milliseconds, which they would otherwise spend idle).
   */
  const startWrite = (force: boolean) => {
    if (writing || failure) return;
    let contiguous = 0;
    while (ready.has(writeSeq + contiguous)) contiguous++;
    if (!contiguous || (!force && contiguous < batchSize && Date.now() - lastWrite < 250)) return;
    // at most a batch to a write, as when the writes held up the extraction: the next write starts as soon as
    // this one ends, with the documents extracted meanwhile
    const results: ItemResult[] = [];
    for (let i = 0; i < Math.min(contiguous, batchSize); i++) { results.push(ready.get(writeSeq)!); ready.delete(writeSeq++); }
    writingCount = results.length;
    writing = write(results)
      .catch((error: unknown) => { failure = { error }; })
      .finally(() => { writing = null; writingCount = 0; signal(); });
  };

  /** Throws what a write (or a runner) threw. */
  const rethrow = () => { if (failure) throw failure.error; };
  /** Waits for the next document or the end of the write under way. */
  const next = async () => {
    await woken();
    rethrow();
    startWrite(false);
  };

  let workerTimes: ThreadTimes | null = null;
  try {
    // kept: the checks read an article's figures by it while the load runs
    if (options.bulk) bulk = await beginBulkLoad(db, ['facts_article']);
    for await (const item of items) {
      const seq = nextSeq++;
      inFlight++;
      runner.run(item).then(
        (result) => { ready.set(seq, result); inFlight--; signal(); },
        (error: unknown) => { failure ??= { error }; inFlight--; signal(); },
      );
      rethrow();
      startWrite(false);
      while (inFlight + ready.size + writingCount >= window && (inFlight > 0 || writing)) await next();
    }
    while (inFlight > 0 || writing) await next();
    rethrow();
    // everything is extracted: what is left is written in one go
    startWrite(true);
    while (writing) {
      await writing;
      rethrow();
      startWrite(true);
    }
  } finally {
    // a write under way ends before the workers stop and the load is finished
    await writing;
    workerTimes = runner.workerTimes();
    await runner.close();
    restore();
    await bulk?.finish();
  }
  const mainAtEnd = threadTimes();
  const cpu = mainAtStart && mainAtEnd && workerTimes
    ? {
      mainMs: mainAtEnd.cpuMs - mainAtStart.cpuMs, writerMs, workersMs: workerTimes.cpuMs,
      mainWaitMs: mainAtEnd.waitMs - mainAtStart.waitMs, workersWaitMs: workerTimes.waitMs,
    }
    : null;
  return { ...totals, failures, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpu };
}
