// A worker thread of a bulk ingest: reads, decodes and extracts documents; the main thread writes them.
// Requests come in chunks (one message per few dozen documents: a message costs more than a small article).
import { parentPort } from 'node:worker_threads';
import { prepareItem, type IngestItem, type ItemOptions, type ItemResult } from './items';

export interface WorkerRequest { options: ItemOptions; items: { id: number; item: IngestItem }[] }
export interface WorkerAnswer { results: { id: number; result: ItemResult }[] }

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
  port.postMessage({ results } satisfies WorkerAnswer);
});
