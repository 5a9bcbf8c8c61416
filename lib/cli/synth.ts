import { openForBulkLoad } from '../../db/bulk';
import { describeLocation, locationOf } from '../../db/client';
import { RealDataError, SYNTHETIC_SOURCE, generateSynthetic } from '../synth';
import { CliError, flagOptions, numberFlag, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flagOptions(['facts', 'db', 'seed', 'per-article'], ['force']));
  if (positionals.length) throw new CliError(`synth takes no positional arguments, got "${positionals[0]}"`);
  if (values.facts === undefined) throw new CliError('synth needs --facts N');
  const facts = numberFlag(values.facts, '--facts', { min: 1, integer: true });
  const location = locationOf(values.db);
  const path = describeLocation(location);
  const db = await openForBulkLoad(location);
  try {
    const result = await generateSynthetic(db, {
      facts,
      seed: numberFlag(values.seed, '--seed', { min: 0, integer: true }) ?? 1,
      factsPerArticle: numberFlag(values['per-article'], '--per-article', { min: 1, integer: true }) ?? 20,
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
