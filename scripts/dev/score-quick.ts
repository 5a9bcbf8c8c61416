// Fast in-process scoring of the whole pipeline (extract(), no CLI start-up per document) on the sample,
// the dev articles and our own held-out fixtures (lib/extract/fixtures/unseen). Same numbers as
// scripts/dev/score.sh and scripts/dev/score-unseen.sh, in a few seconds.
// usage: npx tsx scripts/dev/score-quick.ts [sample|dev|unseen|GOLD_DIR …] [--verbose]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { extract } from '../../lib/extract';

const root = resolve(import.meta.dirname, '../..');
const shared = resolve(root, '../shared');
const folders: Record<string, string> = {
  sample: join(shared, 'gold'), dev: join(shared, 'gold/dev'), unseen: join(root, 'lib/extract/fixtures/unseen'),
};
const args = process.argv.slice(2);
const verbose = args.includes('--verbose') ? ['--verbose'] : [];
const picked = args.filter((a) => !a.startsWith('--'));
// any other argument is a folder of NAME.gold.json files
for (const p of picked) if (!folders[p]) folders[p] = resolve(p);
const out = join(tmpdir(), `score-quick-${process.pid}`);
for (const label of picked.length ? picked : Object.keys(folders)) {
  const goldDir = folders[label];
  const dir = join(out, label);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(goldDir).filter((n) => n.endsWith('.gold.json'))) {
    const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8'));
    const text = readFileSync(resolve(goldDir, gold.document), 'utf8');
    const result = extract(text, { published: gold.publication?.date ?? null });
    writeFileSync(join(dir, `${basename(name, '.gold.json')}.json`), JSON.stringify(result));
  }
  console.log(`--- ${label}`);
  console.log(execFileSync('node', [join(shared, 'tools/score-extraction.mjs'), '--corpus', goldDir, '--facts', dir, ...verbose], { encoding: 'utf8' }).trimEnd());
}
