// `figures reextract [--all]`: re-runs the current extractor over articles an older one extracted, keeping
// every review decision (see lib/ingest/reextract.ts).
import { openDb } from '../../db/client';
import { runChecksForArticle, runCrossChecks } from '../checks';
import { EXTRACTOR_VERSION } from '../extract';
import { reextractStale } from '../ingest/reextract';
import { CliError, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { all: { type: 'boolean', default: false } });
  if (positionals.length) throw new CliError('reextract takes no file: it works on the stored articles');
  const db = await openDb();
  let failedChecks = 0; // or failed articles: either makes the exit code 1
  try {
    const totals = await reextractStale(db, {
      all: values.all,
      onFailure: (id, message) => console.error(`figures reextract: article ${id} kept its figures as they were: ${message}`),
      afterArticle: async (id) => {
        try { await runChecksForArticle(db, id); } catch (error) {
          failedChecks++;
          console.error(`figures reextract: the fact checks of article ${id} failed: ${(error as Error).message}`);
        }
      },
    });
    if (totals.articles) await runCrossChecks(db);
    console.log(`reextract: ${totals.articles} articles re-extracted with extractor ${EXTRACTOR_VERSION}: ${totals.kept} figures kept, `
      + `${totals.added} added, ${totals.removed} removed, ${totals.keptReviewed} no longer found but kept for their review, ${totals.failed} failed`);
    if (totals.failed) failedChecks++;
  } finally {
    await db.close();
  }
  return failedChecks ? 1 : 0;
}
