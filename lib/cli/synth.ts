import { describeLocation, locationOf, openDb } from '../../db/client';
import { RealDataError, SYNTHETIC_SOURCE, generateSynthetic } from '../synth';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    facts: { type: 'string' },
    db: { type: 'string' },
    seed: { type: 'string' },
    'per-article': { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  if (positionals.length) throw new CliError(`synth takes no positional arguments, got "${positionals[0]}"`);
  const whole = (flag: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new CliError(`${flag} must be a whole number ≥ ${min}, got "${raw}"`);
    return Number(raw);
  };
  if (values.facts === undefined) throw new CliError('synth needs --facts N');
  const facts = whole('--facts', values.facts, 0, 1);
  const location = locationOf(values.db);
  const path = describeLocation(location);
  const db = await openDb(location);
  try {
    const result = await generateSynthetic(db, {
      facts,
      seed: whole('--seed', values.seed, 1, 0),
      factsPerArticle: whole('--per-article', values['per-article'], 20, 1),
      force: values.force,
      onProgress: (n) => process.stderr.write(`\rsynth: ${n.toLocaleString('en')} / ${facts.toLocaleString('en')} facts`),
    });
    process.stderr.write('\n');
    console.log(`database ${path}: wrote ${result.facts} synthetic facts in ${result.articles} articles (source "${SYNTHETIC_SOURCE}") in ${result.seconds.toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof RealDataError) throw new CliError(`refusing to write into ${path}: ${error.message}`);
    throw error;
  } finally {
    await db.close();
  }
}
