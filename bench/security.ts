// Issue 18 at a million facts: what an editor's review costs and whether readers wait for it, /api/places,
// and search with a 5 MB article stored — all over HTTP against the built server (scripts/server.mjs), as
// users get them. BENCH_SECURITY_FACTS overrides the size.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client';
import { ensureAdmin } from '../lib/auth/users';
import { prepareDocument } from '../lib/ingest/prepare';
import { writeDocuments } from '../lib/ingest/write';
import type { BenchRow } from './run';

const FACTS = Number(process.env.BENCH_SECURITY_FACTS || 1_000_000);
const PASSWORD = 'bench-editor-password';

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/** A long report of about `bytes`: prose with a figure every few sentences, one article. */
function longReport(bytes: number): string {
  const streets = ['望江', '紫阳', '清波', '湖滨', '小营', '南星'];
  const prose = ['持续推进老旧小区改造和垃圾分类工作', '深入走访辖区企业，听取居民意见建议', '组织志愿者开展环境整治和安全巡查', '完善网格化管理，推动矛盾纠纷就地化解'];
  const parts = ['上城区基层治理长篇汇编\n\n'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = i % 8 === 0 ? `${streets[i % 6]}街道${i % 12 + 1}月完成投资${(i % 97) + 1}万元，收集问题${i % 53 + 5}个。` : `${streets[i % 6]}街道${prose[i % 4]}（第${i}条）。`;
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join('');
}

/** A process's CPU milliseconds, all its threads (Linux /proc; null elsewhere): what the server spends, beside the wall clock. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch { return null; }
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const r = await fn();
  await r.arrayBuffer();
  if (r.status >= 500) throw new Error(`HTTP ${r.status}`);
  return performance.now() - t0;
}

export async function securityBenchmark(): Promise<BenchRow[]> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(join(distDir, 'BUILD_ID'))) {
    process.stderr.write(`bench security: no build in ${distDir}: skipped (run next build first)\n`);
    return [];
  }
  const path = join(tmpdir(), `civic-figures-bench-security-${process.pid}.db`);
  const rows: BenchRow[] = [];
  const port = 3900 + Math.floor(Math.random() * 90);
  let server: ReturnType<typeof spawn> | null = null;
  try {
    const synth = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'synth', '--facts', String(FACTS), '--db', path], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (synth.status !== 0) throw new Error('figures synth failed');
    const db = await openDb(path);
    await ensureAdmin(db, { FIGURES_ADMIN_PASSWORD: PASSWORD });
    const t0 = performance.now();
    await writeDocuments(db, [prepareDocument({ text: longReport(5 * 1024 * 1024), sourceName: '长篇汇编' }, 'long report')]);
    rows.push({ figure: 'security: storing a 5 MB article (extraction on this thread, store, index)', value: (performance.now() - t0) / 1000, unit: 's', target: '—' });
    const factIds = (await db.all<{ id: number }>('SELECT id FROM facts ORDER BY id LIMIT 20 OFFSET 1000')).map((r) => r.id);
    // ten figures of one (metric, unit, district): the scope a review recomputes when the figures are real
    const first = (await db.get<{ metric: string; unit: string; district: string }>('SELECT metric, unit, district_code AS district FROM facts WHERE id = ?', [factIds[0]]))!;
    const scopeIds = (await db.all<{ id: number }>('SELECT id FROM facts WHERE metric = ? AND unit = ? AND district_code = ? ORDER BY id LIMIT 10', [first.metric, first.unit, first.district])).map((r) => r.id);
    const scopeSize = (await db.get<{ n: number }>('SELECT count(*) AS n FROM facts WHERE metric = ? AND unit = ? AND district_code = ?', [first.metric, first.unit, first.district]))!.n;
    await db.close();

    server = spawn(process.execPath, ['scripts/server.mjs'], {
      env: { ...process.env, DATABASE_PATH: path, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
      stdio: 'ignore', detached: true,
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 500));
    }
    // the server warms an extraction worker as it starts (instrumentation.ts): let it finish, as it would long
    // before anyone reviews anything
    await new Promise((r) => setTimeout(r, 15_000));
    const origin = { origin: base };
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...origin }, body: JSON.stringify({ name: 'admin', password: PASSWORD }) });
    if (!login.ok) throw new Error(`sign-in: HTTP ${login.status}`);
    const { csrfToken } = await login.json() as { csrfToken: string };
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    /** Reviews of `ids`, one after another, while a reader polls /api/health: both latencies. */
    const reviewRound = async (ids: number[]) => {
      const reviews: number[] = [];
      const health: number[] = [];
      const cpu0 = processCpuMs(server?.pid);
      let reviewing = true;
      const poller = (async () => {
        while (reviewing) {
          health.push(await timed(() => fetch(`${base}/api/health`)));
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      for (const [i, id] of ids.entries()) {
        reviews.push(await timed(() => fetch(`${base}/api/facts/${id}/review`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie, ...origin },
          body: JSON.stringify(i % 2 ? { status: 'rejected', reason: 'bench' } : { status: 'verified' }),
        })));
      }
      reviewing = false;
      await poller;
      const cpu1 = processCpuMs(server?.pid);
      return { reviews, health, serverCpuMsPerReview: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / ids.length };
    };
    // a few reviews first, untimed: the first ones read cold pages of a database just written
    await reviewRound(factIds.slice(0, 4));
    await reviewRound(factIds.slice(0, 4));
    const synthetic = await reviewRound(factIds);
    rows.push({ figure: `review latency over HTTP, p95 (${FACTS.toLocaleString('en')} synthetic facts: in no check across articles)`, value: p95(synthetic.reviews), unit: 'ms', target: '< 200', ok: p95(synthetic.reviews) < 200 });
    rows.push({ figure: '/api/health during those reviews, p95', value: p95(synthetic.health), unit: 'ms', target: '< 100', ok: p95(synthetic.health) < 100 });
    rows.push({ figure: 'server CPU per review (synthetic; the health polls included)', value: synthetic.serverCpuMsPerReview, unit: 'ms', target: '—' });
    // the same figures as if they were real: each review recomputes the checks across articles of its scope
    const real = await openDb(path);
    await real.run('UPDATE sources SET synthetic = 0');
    await real.close();
    // the scope's checks computed for the first time, untimed: two opposite decisions, so one is a change even
    // when the figure was among those reviewed above
    await reviewRound([scopeIds[0], scopeIds[0]]);
    const asReal = await reviewRound([...scopeIds, ...scopeIds]);
    rows.push({ figure: `review latency, p95, figures as if real (scope of ${scopeSize.toLocaleString('en')} figures)`, value: p95(asReal.reviews), unit: 'ms', target: '< 200', ok: p95(asReal.reviews) < 200 });
    rows.push({ figure: '/api/health during those reviews, p95', value: p95(asReal.health), unit: 'ms', target: '< 100', ok: p95(asReal.health) < 100 });
    rows.push({ figure: 'server CPU per review (as if real; the health polls included)', value: asReal.serverCpuMsPerReview, unit: 'ms', target: '—' });

    const places: number[] = [];
    for (let i = 0; i < 10; i++) places.push(await timed(() => fetch(`${base}/api/places`)));
    rows.push({ figure: '/api/places over HTTP, p95 (read from the place rollup)', value: p95(places), unit: 'ms', target: '—' });

    const search: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of ['上城', '望江街道', '投资', '收集问题', '走访 紫阳', '垃圾分类']) search.push(await timed(() => fetch(`${base}/search?q=${encodeURIComponent(q)}`)));
    }
    rows.push({ figure: 'search over HTTP with a 5 MB article stored, p95', value: p95(search), unit: 'ms', target: '< 1000', ok: p95(search) < 1000 });
  } catch (error) {
    process.stderr.write(`bench security: ${(error as Error).message}\n`);
  } finally {
    if (server?.pid) { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } }
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  return rows;
}
