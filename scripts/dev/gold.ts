// One helper for every test and script that scores the extractor against gold answers in the format of
// ../shared/gold/README.md with the shared scorer (../shared/tools/score-extraction.mjs): it finds and loads
// the scorer, reads a folder of NAME.gold.json files with their documents, extracts each and scores them.
// lib/extract/gold.test.ts and lib/extract/unseen.test.ts each load the scorer their own way today; they can
// use this instead (their owners' call).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SHARED = resolve(process.cwd(), '..', 'shared');
export const SCORER_PATH = join(SHARED, 'tools', 'score-extraction.mjs');

export interface Score { core: number; f1: number; precision: number; recall: number; metric: number; qualifier: number; street: number; date: number }

export interface Scorer {
  score(gold: unknown, doc: string, facts: unknown[]): Score & { name?: string };
  combine(scores: Score[]): Score & { documents: number };
}

/** What an extractor gives for one document: the facts of its articles. */
export type ExtractFacts = (text: string, published: string | null) => unknown[];

export interface GoldDocument {
  name: string;
  gold: { document: string; publication?: { date?: string | null }; facts: { text: string }[] };
  text: string;
}

/** Whether the shared scorer is on this machine (tests that need it are skipped where it is not). */
export function scorerAvailable(): boolean {
  return existsSync(SCORER_PATH);
}

export async function loadScorer(): Promise<Scorer> {
  return (await import(pathToFileURL(SCORER_PATH).href)) as Scorer;
}

/** The gold answers of a folder, in name order, each with its document's text. */
export function goldDocuments(folder: string): GoldDocument[] {
  return readdirSync(folder).filter((n) => n.endsWith('.gold.json')).sort().map((name) => {
    const gold = JSON.parse(readFileSync(join(folder, name), 'utf8')) as GoldDocument['gold'];
    return { name, gold, text: readFileSync(resolve(folder, gold.document), 'utf8') };
  });
}

/** Every document of a folder extracted and scored, combined as the scorer combines them. */
export function scoreFolder(scorer: Scorer, folder: string, extract: ExtractFacts): Score & { documents: number } {
  return scorer.combine(goldDocuments(folder).map((d) => scorer.score(d.gold, d.text, extract(d.text, d.gold.publication?.date ?? null))));
}
