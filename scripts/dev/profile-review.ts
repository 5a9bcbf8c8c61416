// A review's cost in-process, on a database `figures synth` made (argument: its path; it is copied, never
// changed): wall-clock and CPU per review of synthetic figures, then of the same figures as if real (their
// checks across articles recomputed). PROFILE=file.cpuprofile writes a CPU profile of the timed reviews.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { openDb } from '../../db/client';
import { ensureAdmin } from '../../lib/auth/users';
import { ReviewError, parseReviewInput, reviewFact } from '../../lib/review';

async function main() {
  const source = process.argv[2];
  if (!source) throw new Error('usage: profile-review.ts DB_PATH');
  const path = `${source}.profile-${process.pid}.db`;
  copyFileSync(source, path);
  try {
    const db = await openDb(path);
    await ensureAdmin(db, { FIGURES_ADMIN_PASSWORD: 'profile-password' });
    const editor = { id: 1, name: 'admin' };
    const ids = (await db.all<{ id: number }>('SELECT id FROM facts ORDER BY id LIMIT 20 OFFSET 1000')).map((r) => r.id);
    const first = (await db.get<{ metric: string; unit: string; district: string }>('SELECT metric, unit, district_code AS district FROM facts WHERE id = ?', [ids[0]]))!;
    const scopeIds = (await db.all<{ id: number }>('SELECT id FROM facts WHERE metric = ? AND unit = ? AND district_code = ? ORDER BY id LIMIT 10', [first.metric, first.unit, first.district])).map((r) => r.id);
    const round = async (label: string, list: number[]) => {
      const times: number[] = [];
      const cpu0 = process.cpuUsage();
      for (const [i, id] of list.entries()) {
        const t0 = performance.now();
        // as the bench: a figure already so reviewed is refused (400), and that is timed too
        await reviewFact(db, id, editor, parseReviewInput(i % 2 ? { status: 'rejected', reason: 'bench' } : { status: 'verified' }))
          .catch((e: unknown) => { if (!(e instanceof ReviewError)) throw e; });
        times.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpu0);
      times.sort((a, b) => a - b);
      console.log(`${label}: ${list.length} reviews, median ${times[times.length >> 1].toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms, CPU ${((cpu.user + cpu.system) / 1000 / list.length).toFixed(1)} ms/review`);
    };
    await round('warm-up', ids.slice(0, 4));
    // STATEMENTS=1: the time from each statement's start to the next one's, summed by statement
    const bySql = new Map<string, { n: number; ms: number }>();
    let last: { sql: string; at: number } | null = null;
    const mark = (sql: string | null) => {
      const now = performance.now();
      if (last) { const e = bySql.get(last.sql) ?? { n: 0, ms: 0 }; e.n++; e.ms += now - last.at; bySql.set(last.sql, e); }
      last = sql === null ? null : { sql, at: now };
    };
    if (process.env.STATEMENTS) db.hooks.onStatement = mark;
    const session = process.env.PROFILE ? new Session() : null;
    if (session) { session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start'); }
    await round('synthetic', ids.slice(4));
    await db.run('UPDATE sources SET synthetic = 0');
    // the scope's checks computed for the first time: two opposite decisions, so one is a change
    await round('as if real, first', [scopeIds[0], scopeIds[0]]);
    await round('as if real', [...scopeIds, ...scopeIds]);
    mark(null);
    for (const [sql, e] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(`${e.ms.toFixed(0).padStart(7)} ms ${String(e.n).padStart(5)}×  ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (session) writeFileSync(process.env.PROFILE!, JSON.stringify((await session.post('Profiler.stop')).profile));
    await db.close();
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
