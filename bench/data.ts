// Benchmark databases and servers shared by the benchmarks. Synthetic databases are generated once by
// `figures synth` into BENCH_DATA_DIR (default: civic-figures-bench in the OS temp folder) and reused by
// later runs: 10M facts take a long while to generate. A file is complete or absent: synth writes to a
// .partial file that is renamed when it finished. The benchmarks only read these databases (opening one
// applies new migrations, which is what the app would do).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BENCH_DATA_DIR = process.env.BENCH_DATA_DIR || join(tmpdir(), 'civic-figures-bench');

export interface BenchDb {
  path: string;
  /** seconds it took to generate now, or null when it was there from an earlier run */
  generatedSeconds: number | null;
}

/** The synthetic database of `facts` facts (seed 1), generated when it is not in the data folder yet. */
export function cachedSynthDb(facts: number): BenchDb {
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const path = join(BENCH_DATA_DIR, `synth-${facts}.db`);
  if (existsSync(path)) return { path, generatedSeconds: null };
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  process.stderr.write(`bench: generating ${facts.toLocaleString('en')} synthetic facts into ${path} (kept for later runs)…\n`);
  const t0 = performance.now();
  const synth = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'synth', '--facts', String(facts), '--db', partial], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (synth.status !== 0) throw new Error(`figures synth --facts ${facts} failed`);
  renameSync(partial, path);
  for (const suffix of ['-wal', '-shm']) if (existsSync(partial + suffix)) renameSync(partial + suffix, path + suffix);
  return { path, generatedSeconds: (performance.now() - t0) / 1000 };
}

/** A copy of a cached database under another name, made once (for benchmarks that add to the data). */
export async function cachedCopy(source: string, name: string, fill: (path: string) => Promise<void>): Promise<string> {
  const path = join(BENCH_DATA_DIR, name);
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  copyFileSync(source, partial);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${partial}-wal`);
  await fill(partial);
  renameSync(partial, path);
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  return path;
}

export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** CPU milliseconds used so far by every process of a process group (Linux /proc; null elsewhere). */
export function groupCpuMs(pgid: number): number | null {
  if (process.platform !== 'linux') return null;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      // the command may hold spaces and parentheses: the fields start after the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch { /* the process ended meanwhile */ }
  }
  return total;
}

const WARM_UP_MS = 10_000;

export interface Server {
  base: string;
  /** CPU milliseconds the server used so far (every process of it), null where unknown */
  cpuMs(): number | null;
  stop(): void;
}

/** The production build (NEXT_DIST_DIR or .next) served on a database; null when there is no build. */
export async function startServer(path: string): Promise<Server | null> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(join(distDir, 'BUILD_ID'))) {
    process.stderr.write(`bench: no build in ${distDir}: HTTP timing skipped (run next build first)\n`);
    return null;
  }
  const port = 3900 + Math.floor(Math.random() * 90);
  // the server `npm start` runs (scripts/server.mjs), in a process group of its own, so its CPU can be read
  const server = spawn(process.execPath, [join('scripts', 'server.mjs')], {
    env: { ...process.env, DATABASE_PATH: path, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: 'ignore', detached: true,
  });
  const stop = () => { if (server.pid && server.exitCode === null) { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } } };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
        // the server warms an extraction worker as it starts (instrumentation.ts): let it finish, as it would long before anyone reads
        await new Promise((r) => setTimeout(r, WARM_UP_MS));
        return { base, cpuMs: () => groupCpuMs(server.pid!), stop };
      }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error('the built server did not answer /api/health within 2 minutes');
}

export interface HttpTimes { times: number[]; cpuMsPerRequest: number | null }

/** Each URL fetched in turn, `rounds` times: wall milliseconds per request, and the server's CPU per request. */
export async function timeRequests(server: Server, urls: string[], rounds: number): Promise<HttpTimes> {
  const times: number[] = [];
  const cpu0 = server.cpuMs();
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const t0 = performance.now();
      const res = await fetch(server.base + url);
      await res.text();
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      times.push(performance.now() - t0);
    }
  }
  const cpu1 = server.cpuMs();
  return { times, cpuMsPerRequest: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / times.length };
}

// ── a large article ──

const STREETS = ['望江街道', '小营街道', '南星街道', '紫阳街道', '湖滨街道', '清波街道'];
const SENTENCES = [
  (n: number, s: string) => `${s}今年以来累计排查各类隐患${n % 900 + 100}处，已整改到位${n % 90 + 10}处。`,
  (n: number, s: string) => `截至${n % 12 + 1}月底，${s}完成老旧小区改造投资${(n % 500) / 10 + 1}亿元，惠及居民${n % 4000 + 500}户。`,
  (n: number, s: string) => `${s}组织网格员开展入户走访，倾听群众意见，把矛盾纠纷化解在基层、解决在萌芽状态。`,
  (n: number, s: string) => `下一步，${s}将继续深化“一件事”集成改革，推动更多便民服务事项就近可办、一次办成。`,
  (n: number, s: string) => `${s}新增就业岗位${n % 700 + 50}个，帮扶困难家庭${n % 60 + 5}户，发放各类补助资金${n % 300 + 20}万元。`,
];

/** District news of our own wording, paragraph after paragraph, to `bytes` of UTF-8: one article as large as a year's bulletin. */
export function largeArticle(bytes: number): string {
  const paragraphs: string[] = ['【合成】街道工作年度汇编'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const street = STREETS[i % STREETS.length];
    const paragraph = [0, 1, 2, 3].map((k) => SENTENCES[(i * 7 + k * 3) % SENTENCES.length](i * 31 + k, street)).join('');
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 1;
  }
  return paragraphs.join('\n');
}
