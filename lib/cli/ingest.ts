// `figures ingest PATH...`: files and folders (recursively) into the database. A bad file is reported with
// its reason and the batch goes on; the exit code is 1 when any file failed.
import { SingleBar } from 'cli-progress';
import { openDb } from '../../db/client';
import { countRows } from '../../db/ingest';
import { ingestBatch, type BatchProgress } from '../ingest/batch';
import { ingestChecks } from '../ingest/checks';
import { maxFileBytes } from '../ingest/errors';
import { listFiles } from '../ingest/files';
import type { IngestItem } from '../ingest/items';
import { CliError, checkDay, flagOptions, numberFlag, parseCommandArgs } from './args';

export const INGEST_USAGE = 'ingest PATH... [--source NAME] [--district NAME] [--published YYYY-MM-DD] [--max-size MB] [--workers N]';

/** Files from which an ingest into a database holding fewer articles is a bulk load (lib/ingest/batch.ts). */
const BULK_FROM_FILES = 1000;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flagOptions(['source', 'district', 'published', 'max-size', 'workers']));
  if (!positionals.length) throw new CliError(`usage: figures ${INGEST_USAGE}`);
  const published = checkDay(values.published, '--published');
  const maxBytes = maxFileBytes(numberFlag(values['max-size'], '--max-size', { above: 0 }));
  const workersFlag = numberFlag(values.workers, '--workers', { above: 0 });

  const { files, missing } = await listFiles(positionals);
  for (const m of missing) console.error(`figures ingest: ${m.label}: ${m.message}`);
  // a handful of files is done before worker threads would have started
  const workers = workersFlag !== undefined ? Math.floor(workersFlag) : files.length < 8 ? 0 : undefined;

  const db = await openDb();
  // A load that at least doubles the articles builds the dashboard's indexes and the rollups once at its end
  // instead of updating them with every figure; a few files go the ordinary way.
  const bulk = files.length >= BULK_FROM_FILES && files.length >= (await countRows(db)).articles;
  const bar = process.stderr.isTTY && files.length > 1
    ? new SingleBar({
      format: 'ingest [{bar}] {value}/{total} files | {figures} figures | {rate} files/s | {eta_formatted}',
      hideCursor: true, clearOnComplete: true, fps: 5, stream: process.stderr,
    })
    : null;
  const started = Date.now();
  bar?.start(files.length, 0, { figures: 0, rate: '0' });
  const report = (line: string) => {
    // a line printed while the bar is drawn would be overwritten: clear the bar's line first
    if (bar) process.stderr.write('\r\x1b[K');
    console.error(line);
  };
  const progress = (p: BatchProgress) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    bar?.update(p.done, { figures: p.figures, rate: (p.done / seconds).toFixed(0) });
  };

  const checks = ingestChecks(db, (line) => report(`figures ingest: ${line}`));
  let summary;
  try {
    summary = await ingestBatch(db, files.map((path): IngestItem => ({ kind: 'file', path })), {
      sourceName: values.source ?? null, district: values.district ?? null, published: published ?? null, maxBytes,
      workers,
      bulk,
      afterCommit: checks.afterCommit,
      onOutcome: (o) => {
        if (o.status === 'failed') { report(`figures ingest: ${o.label}: ${o.reason}: ${o.message}`); return; }
        // a duplicate names the stored article it repeats
        for (const a of o.articles) {
          if (a.duplicate && a.duplicateOf) report(`figures ingest: ${o.label}: duplicate of article ${a.duplicateOf.id}${a.duplicateOf.title ? ` “${a.duplicateOf.title}”` : ''}, not stored again`);
        }
      },
      onProgress: progress,
      onWarning: (line) => report(`figures ingest: ${line}`),
    });
    await checks.finish();
  } finally {
    bar?.stop();
    await db.close();
  }
  const failed = summary.failed + missing.length;
  console.log(`ingest: ${files.length} files in ${summary.seconds.toFixed(1)} s: ${summary.added} articles added, `
    + `${summary.duplicates} duplicates, ${failed} failed, ${summary.figures} figures`);
  return failed > 0 ? 1 : 0;
}
