// A worker thread of a bulk ingest (lib/ingest/batch.ts) or of the web server (lib/ingest/pool.ts): reads,
// decodes and extracts documents; the main thread writes them. Requests come in chunks (one message per few
// dozen documents: a message costs more than a small article).
import { parentPort, workerData } from 'node:worker_threads';
import { threadTimes, type ThreadTimes } from './cpu';
import { prepareItem, type IngestItem, type ItemOptions, type ItemResult } from './items';

export interface WorkerRequest { options: ItemOptions; items: { id: number; item: IngestItem }[] }
/** `times`: the CPU time this worker thread has used so far, and its wait for a CPU (null where unknown) */
export interface WorkerAnswer { results: { id: number; result: ItemResult }[]; times: ThreadTimes | null }
/** Sent once, when the worker has loaded what it needs and takes requests. */
export interface WorkerReady { ready: true }

if (!parentPort) throw new Error('lib/ingest/worker.ts runs as a worker thread');
const port = parentPort;

// The extractor loads its vocabularies on first use: a short text loads them now, so that a time budget
// (lib/ingest/pool.ts), which counts from the ready message, measures documents and not the thread's start-up.
await prepareItem({ kind: 'text', label: 'warm-up', text: '望江街道今年完成投资1.2亿元。' }, { maxBytes: 1024 }).catch(() => undefined);
// a web server's worker also loads the readers of .docx, HTML and PDF now: an editor's upload should not wait
// seconds for them (pdf.js sets up a worker of its own on its first document)
if ((workerData as { preloadReaders?: boolean } | null)?.preloadReaders) {
  await Promise.all([import('./docx'), import('./html')]).catch(() => undefined);
  await import('./pdf').then((m) => m.pdfToText(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'))).catch(() => undefined);
}

// requests sent during the warm-up waited in the port's queue: they are taken from here on
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
port.postMessage({ ready: true } satisfies WorkerReady);
