// `npm run bench`: runs every benchmark under bench/ and prints one table (figure, value, unit, target).
import { benchmarks } from './registry';

export interface BenchRow { figure: string; value: number; unit: string; target: string; ok?: boolean }

async function main() {
  const rows: BenchRow[] = [];
  const only = process.argv.slice(2);
  for (const b of benchmarks) {
    if (only.length && !only.includes(b.name)) continue;
    process.stderr.write(`bench: ${b.name}…\n`);
    rows.push(...(await b.run()));
  }
  const widths = [Math.max(6, ...rows.map((r) => r.figure.length)), 12, Math.max(4, ...rows.map((r) => r.unit.length)), Math.max(6, ...rows.map((r) => r.target.length))];
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(['figure', 'value', 'unit', 'target']) + '  met');
  console.log(widths.map((w) => '-'.repeat(w)).join('  ') + '  ---');
  for (const r of rows) {
    const v = Math.abs(r.value) >= 100 ? r.value.toFixed(0) : r.value.toFixed(r.value >= 10 ? 1 : 3);
    console.log(line([r.figure, v, r.unit, r.target]) + '  ' + (r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
