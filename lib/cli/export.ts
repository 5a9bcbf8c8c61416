// `figures export --format csv|jsonl [filters] > FILE`: the same rows, columns and checks as
// GET /export/facts.csv, written by the same row writer.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { locationOf, openDb } from '../../db/client';
import { FilterError } from '../filters';
import { dataDictionaryMarkdown } from '../export/dictionary';
import { parseFactQuery } from '../export/request';
import { closeExportWorkers } from '../export/parallel';
import { exportStream } from '../export/stream';
import { MULTI_FILTER_KEYS } from '../filters';
import { EXPORT_FILTER_KEYS, type ExportFormat } from '../export/urls';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  // --review-status for review_status; the filters that take several values take the flag again (--metric a --metric b)
  const flagOf = (key: string) => key.replace(/_/g, '-');
  const several = MULTI_FILTER_KEYS as readonly string[];
  const filterFlags = Object.fromEntries(EXPORT_FILTER_KEYS.map((key) => [flagOf(key), { type: 'string' as const, multiple: several.includes(key) }]));
  const { values, positionals } = parseCommandArgs(argv, {
    ...filterFlags,
    format: { type: 'string', default: 'csv' },
    unit: { type: 'string' },
    pick: { type: 'string' },
    'include-rejected': { type: 'boolean', default: false },
    'no-bom': { type: 'boolean', default: false },
    'base-url': { type: 'string' },
    db: { type: 'string' },
    dictionary: { type: 'boolean', default: false },
  });
  if (values.dictionary) {
    // the data dictionary as Markdown: the "Data dictionary" section of README.md
    process.stdout.write(`${dataDictionaryMarkdown()}\n`);
    return 0;
  }
  if (positionals.length) throw new CliError(`export writes to standard output and takes no FILE (use > FILE), got "${positionals[0]}"`);
  const format = values.format as string;
  if (format !== 'csv' && format !== 'jsonl') throw new CliError(`--format must be csv or jsonl, got "${format}"`);

  const params = new URLSearchParams();
  for (const key of [...EXPORT_FILTER_KEYS, 'unit', 'pick']) {
    const v = (values as Record<string, unknown>)[flagOf(key)];
    for (const one of Array.isArray(v) ? v : [v]) if (typeof one === 'string') params.append(key, one);
  }
  if (values['include-rejected']) params.set('include_rejected', '1');

  const db = await openDb(locationOf(values.db));
  try {
    let query;
    try {
      query = await parseFactQuery(db, params);
    } catch (error) {
      if (error instanceof FilterError) throw new CliError(`--${error.parameter.replace(/_/g, '-')} ${error.message.slice(error.parameter.length + 2)}`);
      throw error;
    }
    const stream = exportStream(db, query, format as ExportFormat, { bom: !values['no-bom'], baseUrl: values['base-url'] });
    // pipeline waits on stdout's 'drain', so a slow pipe holds back the reading instead of filling memory
    try {
      await pipeline(Readable.fromWeb(stream as NodeReadableStream<Uint8Array>), process.stdout);
    } catch (error) {
      // the reader went away (| head): not a failure of the export
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return 0;
  } finally {
    await closeExportWorkers();
    await db.close();
  }
}
