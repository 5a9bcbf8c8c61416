import { readFileSync } from 'node:fs';
import { extract } from '../extract';
import { findPublicationDate } from '../extract/dates';
import { resolvePublished } from '../ingest/published';
import { decodeText } from '../text/decode';
import { CliError, checkDay, flagOptions, parseCommandArgs } from './args';
import { formatTable } from './table';

/** Where the publication day came from, as `ingest` resolves it. */
const PUBLISHED_FROM = { option: '--published', text: 'the text', metadata: 'the metadata', 'file-name': 'the file name', none: 'nowhere' } as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flagOptions(['published', 'district'], ['json']));
  if (positionals.length !== 1) throw new CliError('extract takes exactly one FILE');
  let bytes: Buffer;
  try { bytes = readFileSync(positionals[0]); } catch (e) { throw new CliError(`cannot read ${positionals[0]}: ${(e as Error).message}`); }
  const { text } = decodeText(bytes);
  // the publication day as `ingest` resolves it: --published, else the text's dateline, else the file name
  const published = resolvePublished({ option: checkDay(values.published, '--published'), fromText: () => findPublicationDate(text), fileName: positionals[0] });
  const result = extract(text, { published: published.published, district: values.district });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  console.log(`published: ${published.published ?? 'unknown'} (from ${PUBLISHED_FROM[published.provenance]})`);
  for (const article of result.articles) {
    console.log(`\n## ${article.title ?? '(untitled)'}  [${article.start}, ${article.end})  ${article.facts.length} figures`);
    const rows = article.facts.map((f) => {
      // why the metric: what is counted · what was done (and the role when the figure is no measured quantity)
      const why = [f.facets.object, f.facets.action].filter(Boolean).join('·') + (f.metricSource === 'fallback' ? ' (cues)' : '');
      return [f.text, String(f.value), f.unit, f.qualifier, f.metric, f.role, [f.district, f.street, f.community].filter(Boolean).join(' ') || '—', f.date ?? '—', why];
    });
    for (const line of formatTable(rows, ['left', 'right'])) console.log(line);
  }
  return 0;
}
