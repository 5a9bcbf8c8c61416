// The writer's transactions are bounded in time, so another process writing the same SQLite database (the
// web server while `figures ingest` runs) waits a moment, never its busy timeout: no "database is locked".
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { openTestDb, testDialect } from '../../db/testing';
import { prepareDocument } from './prepare';
import { writeDocuments } from './write';

const doc = (i: number) => prepareDocument({ text: `第${i}号简报：望江街道今年投资${i + 1}亿元，完成项目${i % 9 + 1}个。`, sourceName: '测试' }, `doc-${i}`);

describe('the writer', () => {
  it('commits when a transaction has run its time budget, calling afterCommit for each commit', async () => {
    const db = await openTestDb();
    const commits: number[][] = [];
    const outcomes = await writeDocuments(db, Array.from({ length: 5 }, (_, i) => doc(i)), { maxTransactionMs: 0, afterCommit: async (ids) => { commits.push(ids); } });
    expect(outcomes.filter((o) => o.status === 'stored')).toHaveLength(5);
    expect(commits).toHaveLength(5);
    const one: number[][] = [];
    await writeDocuments(db, Array.from({ length: 5 }, (_, i) => doc(i + 10)), { afterCommit: async (ids) => { one.push(ids); } });
    expect(one).toHaveLength(1);
  });

  it.skipIf(testDialect() !== 'sqlite')('lets another process write while figures ingest runs: no lock error, short waits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'figures-locks-'));
    try {
      const path = join(dir, 'figures.db');
      const corpus = join(dir, 'corpus');
      mkdirSync(corpus);
      for (let i = 0; i < 3000; i++) writeFileSync(join(corpus, `${String(i).padStart(5, '0')}.txt`), `第${i}号简报\n\n截至4月底，望江街道累计完成投资${i + 1}亿元，收集问题${700 + i}个，已解决${600 + i}个，解决率达${(600 + i) / (700 + i) * 100 | 0}%。`);
      const db = await openDb(path);
      await db.run("INSERT INTO users (name, password_hash, role, created_at) VALUES ('probe', 'x', 'editor', '2024-01-01T00:00:00Z')");
      const cli = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'ingest', corpus, '--workers', '1'], {
        env: { ...process.env, DATABASE_PATH: path }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      cli.stderr.on('data', (c) => { stderr += c; });
      const exited = new Promise<number>((resolve) => cli.on('exit', (code) => resolve(code ?? -1)));
      let running = true;
      void exited.then(() => { running = false; });
      const waits: number[] = [];
      const errors: string[] = [];
      let articlesSeen = 0;
      while (running) {
        const t0 = performance.now();
        try {
          // what an editor's review does: a short write transaction
          await db.transaction(async (tx) => { await tx.run('UPDATE users SET role = role WHERE name = ?', ['probe']); });
          articlesSeen = (await db.get<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n;
        } catch (error) {
          errors.push((error as Error).message);
        }
        waits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await exited, stderr).toBe(0);
      await db.close();
      expect(errors).toEqual([]);
      expect(articlesSeen).toBeGreaterThan(0);
      expect(waits.length).toBeGreaterThan(5);
      console.log(`longest wait ${Math.round(Math.max(...waits))} ms over ${waits.length} writes`);
      expect(Math.max(...waits)).toBeLessThan(5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
