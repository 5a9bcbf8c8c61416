// `npm run bench`: runs every benchmark under bench/ and prints one table: each figure with its value on
// SQLite (the default engine; the only value of figures that touch no database) and on PostgreSQL (a
// throwaway server the bench starts itself, bench/postgres.ts), its unit and its target.
import { benchmarks } from './registry';
import { postgresUnavailable, stopBenchServer } from './postgres';

export interface BenchRow {
  figure: string;
  /** on SQLite, or the figure's only value when it involves no database; null: not measured there */
  value: number | null;
  /** the same figure on PostgreSQL, when it was measured there */
  postgres?: number | null;
  unit: string;
  target: string;
  ok?: boolean;
  postgresOk?: boolean;
}

function format(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(Math.abs(v) >= 10 ? 1 : 3);
}

const met = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'yes' : 'NO');

async function main() {
  const rows: BenchRow[] = [];
  const only = process.argv.slice(2);
  try {
    for (const b of benchmarks) {
      if (only.length && !only.includes(b.name)) continue;
      process.stderr.write(`bench: ${b.name}…\n`);
      rows.push(...(await b.run()));
    }
  } finally {
    stopBenchServer();
  }
  const cells = rows.map((r) => [r.figure, format(r.value), format(r.postgres), r.unit, r.target,
    r.postgresOk === undefined ? met(r.ok) : `${met(r.ok) || '—'} / ${met(r.postgresOk)}`]);
  const header = ['figure', 'SQLite', 'PostgreSQL', 'unit', 'target', 'met (SQLite / PostgreSQL)'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  console.log('\nSQLite: the default engine; figures that involve no database (extraction) show their one value there.');
  if (postgresUnavailable) console.log(`PostgreSQL column empty: ${postgresUnavailable}`);
}

main().then(() => process.exit(0), (e) => { console.error(e); stopBenchServer(); process.exit(1); });
