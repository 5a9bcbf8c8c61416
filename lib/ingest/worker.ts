// A worker thread of a bulk ingest: reads, decodes and extracts documents; the main thread writes them.
// Requests come in chunks (one message per few dozen documents: a message costs more than a small article).
import { parentPort } from 'node:worker_threads';
import { threadTimes, type ThreadTimes } from './cpu';
import { prepareItem, type IngestItem, type ItemOptions, type ItemResult } from './items';

export interface WorkerRequest { options: ItemOptions; items: { id: number; item: IngestItem }[] }
/** `times`: the CPU time this worker thread has used so far, and its wait for a CPU (null where unknown) */
export interface WorkerAnswer { results: { id: number; result: ItemResult }[]; times: ThreadTimes | null }
export interface WorkerReady { ready: true }

if (!parentPort) throw new Error('lib/ingest/worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', async (request: WorkerRequest) => {
  const results: WorkerAnswer['results'] = [];
  for (const { id, item } of request.items) {
    try {
      results.push({ id, result: await prepareItem(item, request.options) });
    } catch (error) {
      results.push({ id, result: { ok: false, label: '', reason: 'extraction-failed', message: String(error) } });
    }
  }
  port.postMessage({ results, times: threadTimes() } satisfies WorkerAnswer);
});
// The extractor loads its vocabularies on first use: a short text loads them now, so that a time budget
// (lib/ingest/pool.ts), which counts from this message, measures documents and not the thread's start-up.
await prepareItem({ kind: 'text', label: 'warm-up', text: '望江街道今年完成投资1.2亿元。' }, { maxBytes: 1024 }).catch(() => undefined);
port.postMessage({ ready: true } satisfies WorkerReady);
