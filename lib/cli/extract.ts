import { readFileSync } from 'node:fs';
import { extract } from '../extract';
import { decodeText } from '../text/decode';
import { CliError, checkDay, parseCommandArgs } from './args';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    published: { type: 'string' },
    district: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new CliError('extract takes exactly one FILE');
  let bytes: Buffer;
  try { bytes = readFileSync(positionals[0]); } catch (e) { throw new CliError(`cannot read ${positionals[0]}: ${(e as Error).message}`); }
  const { text } = decodeText(bytes);
  const result = extract(text, { published: checkDay(values.published, '--published'), district: values.district });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  for (const article of result.articles) {
    console.log(`\n## ${article.title ?? '(untitled)'}  [${article.start}, ${article.end})  ${article.facts.length} figures`);
    for (const f of article.facts) {
      const place = [f.district, f.street, f.community].filter(Boolean).join(' ');
      // why the metric: what is counted · what was done (and the role when the figure is no measured quantity)
      const why = [f.facets.object, f.facets.action].filter(Boolean).join('·') + (f.metricSource === 'fallback' ? ' (cues)' : '');
      console.log([f.text.padEnd(14), String(f.value).padStart(14), f.unit.padEnd(8), f.qualifier.padEnd(9), f.metric.padEnd(22), f.role.padEnd(9), place.padEnd(20), (f.date ?? '').padEnd(10), why].join('  '));
    }
  }
  return 0;
}
