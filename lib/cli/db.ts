// `figures db copy --from PATH_OR_URL --to PATH_OR_URL [--sessions]`: a whole database into an empty one,
// between SQLite files and PostgreSQL databases in either direction, verified table by table, resumable.
import { existsSync } from 'node:fs';
import { describeLocation, isPostgresUrl, locationOf, openDb } from '../../db/client';
import { CopyRefused, copyDatabase, type TableReport } from '../../db/copy';
import { CliError, flagOptions, parseCommandArgs } from './args';

export const DB_USAGE = 'db copy --from PATH_OR_URL --to PATH_OR_URL [--sessions]';

function location(raw: string | undefined, flag: string): string {
  if (!raw?.trim()) throw new CliError(`db copy needs ${flag} PATH_OR_URL (a SQLite file or a postgres:// URL)`);
  return locationOf(raw.trim());
}

function table(reports: TableReport[]): string {
  const rows = reports.map((r) => [r.table, r.kind, String(r.sourceRows), String(r.targetRows),
    r.checksumsMatch === null ? '(rebuilt)' : r.checksumsMatch ? 'equal' : 'DIFFERENT', r.ok ? 'ok' : 'MISMATCH']);
  const header = ['table', 'kind', 'source rows', 'target rows', 'checksum', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flagOptions(['from', 'to'], ['sessions']));
  const [sub, ...rest] = positionals;
  if (sub !== 'copy' || rest.length) throw new CliError(`usage: figures ${DB_USAGE}`);
  const from = location(values.from, '--from');
  const to = location(values.to, '--to');
  // both are brought up to date with the app's migrations first, so they hold the same tables
  // opening a missing file would create an empty database and copy nothing
  if (!isPostgresUrl(from) && !existsSync(from)) throw new CliError(`db copy: no such database file: ${from}`);
  const source = await openDb(from);
  let target;
  try {
    target = await openDb(to);
  } catch (error) {
    await source.close();
    throw error;
  }
  try {
    let last = '';
    const report = await copyDatabase(source, target, {
      sessions: values.sessions,
      onProgress: (p) => {
        const line = p.phase === 'search' ? `db copy: search index up to article ${p.rows}` : `db copy: ${p.table}: ${p.rows.toLocaleString('en')} rows`;
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
        else if (line.split(':').slice(0, 2).join(':') !== last) console.error(line);
        last = line.split(':').slice(0, 2).join(':');
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    console.log(`${report.resumed ? 'resumed and finished' : 'copied'} ${describeLocation(source.location)} → ${describeLocation(target.location)} in ${report.seconds.toFixed(1)} s`);
    console.log(table(report.tables));
    if (!report.ok) {
      console.error('db copy: the target does not match the source (above); its progress is kept in figures_db_copy');
      return 1;
    }
    console.log('verified: every copied table has the same rows and checksum, every rebuilt one the same number of rows');
    return 0;
  } catch (error) {
    if (error instanceof CopyRefused) throw new CliError(`db copy: ${error.message}`);
    throw error;
  } finally {
    await source.close();
    await target.close();
  }
}
