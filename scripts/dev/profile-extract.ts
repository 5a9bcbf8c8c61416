// Runs extract() on the dev articles of ../shared joined and repeated to ~1 MB for a few seconds, for a
// CPU profile taken after a warm-up (--profile FILE writes it; the start-up of the gazetteer and the JIT is
// left out); with --top FILE it instead prints the functions of a .cpuprofile by self time.
// usage: npx tsx scripts/dev/profile-extract.ts [seconds] [--profile FILE] | --top FILE
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, resolve } from 'node:path';
import { extract } from '../../lib/extract';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }

function top(file: string, n = 25): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(lib|scripts|node_modules)\//u, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}`);
}

const topAt = process.argv.indexOf('--top');
if (topAt >= 0) top(process.argv[topAt + 1]);
else {
  const dev = process.env.DEV_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus/dev');
  const articles = readdirSync(dev).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(join(dev, name), 'utf8'));
  const bytes = articles.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
  const joined = Array.from({ length: Math.ceil(1e6 / bytes) }, () => articles.join('\n\n\n')).join('\n\n\n');
  const seconds = Number(/^\d+$/u.test(process.argv[2] ?? '') ? process.argv[2] : 6);
  for (let warm = 0; warm < 3; warm++) extract(joined);
  const profileAt = process.argv.indexOf('--profile');
  const session = profileAt >= 0 ? new Session() : null;
  if (session) {
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.start');
  }
  const c0 = process.cpuUsage();
  let rounds = 0, figures = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) { figures = extract(joined).articles.reduce((s, a) => s + a.facts.length, 0); rounds++; }
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mb = (Buffer.byteLength(joined, 'utf8') * rounds) / 1e6;
  if (session) session.post('Profiler.stop', (error, result) => { if (!error) writeFileSync(process.argv[profileAt + 1], JSON.stringify(result.profile)); });
  console.log(`${rounds} rounds of ${(Buffer.byteLength(joined, 'utf8') / 1e6).toFixed(2)} MB: ${(mb / cpuSeconds).toFixed(2)} MB/s CPU, ${((figures * rounds) / cpuSeconds).toFixed(0)} facts/s CPU`);
}
