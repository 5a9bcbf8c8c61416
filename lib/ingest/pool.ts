// Extraction for the web server (POST /api/articles, /ingest): a few worker threads kept for the life of
// the process, so reading a file and extracting its figures never run on the thread that answers requests.
// Each document has a time budget (FIGURES_EXTRACT_SECONDS); past it the worker is stopped — whatever it
// was doing, a pathological text or a PDF bomb — a fresh one takes its place, and the document is refused
// with reason 'too-slow'. A worker also runs with a heap ceiling, so one document cannot take the server's
// memory with it.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IngestItem, ItemOptions, ItemResult } from './items';
import { labelOf } from './items';
import { tsWorkerCode } from './threads';
import type { WorkerAnswer, WorkerReady, WorkerRequest } from './worker';
import { numberSetting, threadsByDefault } from '../settings.mjs';

export const DEFAULT_EXTRACT_SECONDS = 120;

/** The time budget of one document, in milliseconds: FIGURES_EXTRACT_SECONDS, default 120 s. */
export function extractBudgetMs(env: Record<string, string | undefined> = process.env): number {
  return Math.round(numberSetting('FIGURES_EXTRACT_SECONDS', DEFAULT_EXTRACT_SECONDS, env) * 1000);
}

export interface PoolOptions {
  workers: number;
  budgetMs: number;
  /** the worker's heap ceiling */
  heapMb: number;
}

interface Job { item: IngestItem; options: ItemOptions; resolve: (result: ItemResult) => void }

interface Slot { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null; ready: boolean }

export class ExtractionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly code: string;
  private closed = false;

  constructor(readonly options: PoolOptions) {
    // the project's own folder, not this module's: inside the server's bundle this file is not where it was written
    const root = process.cwd();
    this.code = tsWorkerCode(join(root, 'lib', 'ingest', 'worker.ts'), root);
  }

  /** Reads and extracts one document on a worker; never throws (a failure is an ItemResult). */
  run(item: IngestItem, options: ItemOptions): Promise<ItemResult> {
    if (this.closed) return Promise.resolve(failed(item, 'extraction-failed', 'the server is shutting down'));
    return new Promise((resolve) => {
      this.queue.push({ item, options, resolve });
      this.dispatch();
    });
  }

  /** Starts a worker ahead of the first document (the ingest page does, while an editor picks files). */
  warm(): void {
    if (!this.closed && this.slots.length === 0) this.spawn();
  }

  /** Documents waiting for a worker and being extracted. */
  get load(): { queued: number; running: number } {
    return { queued: this.queue.length, running: this.slots.filter((s) => s.job).length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(failed(job.item, 'extraction-failed', 'the server is shutting down'));
    await Promise.all(this.slots.map((s) => this.retire(s)));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot) {
        if (this.slots.length >= this.options.workers) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.code, { eval: true, workerData: { preloadReaders: true }, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    // an idle pool must not keep a process (a test, a CLI) alive
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null, ready: false };
    worker.on('message', (answer: WorkerAnswer | WorkerReady) => {
      if (!('results' in answer)) {
        slot.ready = true;
        if (slot.job) this.armBudget(slot, slot.job);
        return;
      }
      const job = slot.job;
      if (!job) return;
      this.finish(slot, answer.results[0]?.result ?? failed(job.item, 'extraction-failed', 'the extraction worker answered nothing'));
    });
    const fail = (message: string) => {
      const job = slot.job;
      this.remove(slot);
      slot.job = null;
      if (job) job.resolve(failed(job.item, 'extraction-failed', message));
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => fail(error.message.includes('out of memory') || (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? 'the document needs more memory than one extraction may take'
      : `the extraction worker failed: ${error.message}`));
    worker.on('exit', (code) => { if (this.slots.includes(slot)) fail(`the extraction worker stopped (exit code ${code})`); });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    const request: WorkerRequest = { options: job.options, items: [{ id: 0, item: job.item }] };
    slot.worker.postMessage(request);
    // a fresh worker is still loading the extractor: its budget starts when it says it is ready
    if (slot.ready) this.armBudget(slot, job);
  }

  private armBudget(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      // the worker is still busy with it: it is stopped, and a fresh one takes its place
      this.remove(slot);
      slot.job = null;
      void slot.worker.terminate().catch(() => undefined);
      const seconds = Math.round(this.options.budgetMs / 100) / 10;
      job.resolve(failed(job.item, 'too-slow', `reading and extracting it took longer than ${seconds} s (FIGURES_EXTRACT_SECONDS); split it, or ingest it with figures ingest`));
      this.dispatch();
    }, this.options.budgetMs);
  }

  private finish(slot: Slot, result: ItemResult): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
    job?.resolve(result);
    this.dispatch();
  }

  /** Takes a slot out of the pool (its worker is ended or being ended). */
  private remove(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private async retire(slot: Slot): Promise<void> {
    this.remove(slot);
    await slot.worker.terminate().catch(() => undefined);
  }
}

function failed(item: IngestItem, reason: 'extraction-failed' | 'too-slow', message: string): ItemResult {
  return { ok: false, label: labelOf(item), reason, message };
}

// One pool per server process; Next's dev mode reloads modules, so it lives on globalThis.
const holder = globalThis as unknown as { __civicFiguresPool?: ExtractionPool };

/** The web's extraction pool: FIGURES_WEB_WORKERS threads (default 2, at most the cores), started on first use. */
export function extractionPool(): ExtractionPool {
  if (!holder.__civicFiguresPool) {
    const workers = numberSetting('FIGURES_WEB_WORKERS', threadsByDefault());
    holder.__civicFiguresPool = new ExtractionPool({ workers, budgetMs: extractBudgetMs(), heapMb: 1536 });
  }
  return holder.__civicFiguresPool;
}
