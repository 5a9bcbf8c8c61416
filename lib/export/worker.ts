// A worker thread of an export (lib/export/parallel.ts): it opens its own snapshot of the same SQLite file, and
// writes the id ranges the main thread gives it into chunks of bytes with the same writer, which it hands back
// (transferred, not copied). The main thread checks that its snapshot and this one see the same data, and
// keeps the chunks in order.
import { parentPort } from 'node:worker_threads';
import { openSqliteSnapshot, type Snapshot } from '../../db/sql';
import { FactPages, type FactQuery } from '../../db/export';
import { ChunkEncoder } from './chunks';
import type { StreamOptions } from './stream';
import type { ExportFormat } from './urls';
import { streamWriter, type StreamWriter } from './writers';

/** From the main thread: start an export's share, write one range of it, or end it. */
export type ExportRequest =
  | { kind: 'open'; exportId: number; path: string; query: FactQuery; format: ExportFormat; options: StreamOptions }
  | { kind: 'range'; exportId: number; range: number; after: number; upTo: number }
  | { kind: 'close'; exportId: number };

/** To the main thread: the worker is ready, its snapshot is open, a chunk of a range, a range written, a failure. */
export type ExportAnswer =
  | { kind: 'ready' }
  | { kind: 'opened'; exportId: number }
  | { kind: 'chunk'; exportId: number; range: number; bytes: Uint8Array }
  | { kind: 'done'; exportId: number; range: number; rows: number }
  | { kind: 'failed'; exportId: number; message: string };

if (!parentPort) throw new Error('lib/export/worker.ts runs as a worker thread');
const port = parentPort;

interface Share { exportId: number; snapshot: Snapshot; query: FactQuery; writer: StreamWriter; chunkRows: number | undefined }

let share: Share | null = null;
/** ranges are written one after another, in the order they came */
let queue: Promise<void> = Promise.resolve();

const send = (answer: ExportAnswer, transfer: ArrayBuffer[] = []) => port.postMessage(answer, transfer);

/** Ends an export's share now: a range being written stops at its next chunk, the snapshot closes after it. */
function close(exportId: number): void {
  const ending = share;
  if (ending?.exportId !== exportId) return;
  share = null;
  queue = queue.then(() => ending.snapshot.close()).catch(() => undefined);
}

async function writeRange(s: Share, range: number, after: number, upTo: number): Promise<void> {
  const encoder = new ChunkEncoder(new FactPages(s.snapshot, s.query, s.writer), s.writer, after, upTo, s.chunkRows);
  for (;;) {
    // the export was cancelled or ended meanwhile: stop reading
    if (share !== s) return;
    const bytes = await encoder.chunk();
    if (!bytes) break;
    send({ kind: 'chunk', exportId: s.exportId, range, bytes }, [bytes.buffer as ArrayBuffer]);
  }
  send({ kind: 'done', exportId: s.exportId, range, rows: encoder.rows });
}

port.on('message', (request: ExportRequest) => {
  // not queued: a cancelled export stops between two chunks of the range being written
  if (request.kind === 'close') { close(request.exportId); return; }
  queue = queue.then(async () => {
    try {
      if (request.kind === 'open') {
        if (share) close(share.exportId);
        const writer = streamWriter(request.format, request.options);
        const snapshot = openSqliteSnapshot(request.path);
        share = { exportId: request.exportId, snapshot, query: request.query, writer, chunkRows: request.options.chunkRows };
        send({ kind: 'opened', exportId: request.exportId });
      } else if (share?.exportId === request.exportId) {
        await writeRange(share, request.range, request.after, request.upTo);
      }
    } catch (error) {
      close(request.exportId);
      send({ kind: 'failed', exportId: request.exportId, message: error instanceof Error ? error.message : String(error) });
    }
  });
});

send({ kind: 'ready' });
