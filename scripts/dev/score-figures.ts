// Runs findFigures on every gold document and writes FACTS files for ../shared/tools/score-extraction.mjs.
// usage: npx tsx scripts/dev/score-figures.ts [OUT_DIR]   (then run the scorer on OUT_DIR/sample and OUT_DIR/dev)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { findFigures } from '../../lib/extract/figures';

const shared = resolve(import.meta.dirname, '../../../shared');
const out = resolve(process.argv[2] ?? '/tmp/figures-facts');

function writeFacts(goldDir: string, factsDir: string) {
  mkdirSync(factsDir, { recursive: true });
  for (const name of readdirSync(goldDir).filter((n) => n.endsWith('.gold.json'))) {
    const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8'));
    const text = readFileSync(resolve(goldDir, gold.document), 'utf8');
    const facts = findFigures(text).map((f) => ({ ...f, metric: 'other' }));
    writeFileSync(join(factsDir, `${basename(name, '.gold.json')}.json`), JSON.stringify(facts, null, 1));
  }
}

const scorer = join(shared, 'tools/score-extraction.mjs');
writeFacts(join(shared, 'gold'), join(out, 'sample'));
writeFacts(join(shared, 'gold/dev'), join(out, 'dev'));
const verbose = process.argv.includes('--verbose') ? ['--verbose'] : [];
for (const [label, goldDir] of [['sample', join(shared, 'gold')], ['dev', join(shared, 'gold/dev')]]) {
  console.log(`--- ${label}`);
  console.log(execFileSync('node', [scorer, '--corpus', goldDir, '--facts', join(out, label), ...verbose], { encoding: 'utf8' })
    .split('\n').filter((l) => !/^\s+(wrong:|.*: (metric|street|date|qualifier) )/.test(l)).join('\n'));
}
