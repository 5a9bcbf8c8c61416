import { openDb } from './db/client';
import { placesWithFigures, setResultCache } from './db/dashboard';
import { placeData } from './lib/views/place';
const db = await openDb('/tmp/vocab-1m.db');
setResultCache(false);
const districts = (await placesWithFigures(db, 'district')).map((d) => d.code);
const streets = (await placesWithFigures(db, 'street', districts[1])).map((s) => s.code);
let current: { sql: string; t: number }[] = [];
for (const m of ['all', 'get'] as const) {
  const orig = (db as any)[m].bind(db);
  (db as any)[m] = async (sql: string, p: any) => { const t0 = performance.now(); const r = await orig(sql, p); current.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 150), t: performance.now() - t0 }); return r; };
}
for (const code of [...districts, ...streets.slice(0, 6)]) {
  current = [];
  const t0 = performance.now();
  await placeData(db, code, new URLSearchParams());
  console.log(`${(performance.now() - t0).toFixed(0).padStart(6)} ms place ${code} (${current.length} queries)`);
  for (const q of current.filter((q) => q.t > 15)) console.log(`        ${q.t.toFixed(0).padStart(5)} ${q.sql}`);
}
