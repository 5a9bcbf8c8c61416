// The extraction output of every text of the gold sets, recorded so that speed work can prove it changes
// nothing: for the sample page and our own fixtures (lib/extract/fixtures/unseen, unseen2) the whole
// output is stored; for texts we do not own (../shared/gold/dev, /work/unseen3, /work/unseen4) only a
// SHA-256 of it. lib/extract/recorded.test.ts compares; this script (re)writes the record.
// usage: npx tsx scripts/dev/recorded-outputs.ts --write   (only when an output is meant to change)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extract, type ExtractResult } from '../../lib/extract';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '..', 'shared');
export const RECORD_DIR = join(ROOT, 'lib/extract/fixtures/recorded');

/** A set of gold files: its name, its folder, and whether its outputs may be stored in full. */
export interface RecordedSet { name: string; dir: string; full: boolean }
export const SETS: RecordedSet[] = [
  { name: 'sample', dir: join(SHARED, 'gold'), full: true },
  { name: 'dev', dir: join(SHARED, 'gold/dev'), full: false },
  { name: 'unseen', dir: join(ROOT, 'lib/extract/fixtures/unseen'), full: true },
  { name: 'unseen2', dir: join(ROOT, 'lib/extract/fixtures/unseen2'), full: true },
  { name: 'unseen3', dir: '/work/unseen3', full: false },
  { name: 'unseen4', dir: '/work/unseen4', full: false },
];

export const available = (set: RecordedSet): boolean => existsSync(set.dir);

/** The output of every document of a set, by gold file name, as extract() gives it (published from the gold file). */
export function outputsOf(set: RecordedSet): Map<string, ExtractResult> {
  const out = new Map<string, ExtractResult>();
  for (const name of readdirSync(set.dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(set.dir, name), 'utf8'));
    const text = readFileSync(resolve(set.dir, gold.document), 'utf8');
    out.set(name.replace(/\.gold\.json$/u, ''), extract(text, { published: gold.publication?.date ?? null }));
  }
  return out;
}

export const hashOf = (result: ExtractResult): string => createHash('sha256').update(JSON.stringify(result)).digest('hex');

export const recordPath = (set: RecordedSet): string => join(RECORD_DIR, `${set.name}.${set.full ? 'outputs' : 'hashes'}.json`);

/** What is stored for a set: full outputs or hashes, by document. */
export function recordOf(set: RecordedSet): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [name, result] of outputsOf(set)) record[name] = set.full ? result : hashOf(result);
  return record;
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1]) && process.argv.includes('--write')) {
  mkdirSync(RECORD_DIR, { recursive: true });
  for (const set of SETS) {
    if (!available(set)) { console.log(`${set.name}: ${set.dir} missing, kept as it was`); continue; }
    const record = recordOf(set);
    writeFileSync(recordPath(set), JSON.stringify(record, null, set.full ? 0 : 1) + '\n');
    console.log(`${set.name}: ${Object.keys(record).length} documents → ${recordPath(set)}`);
  }
}
