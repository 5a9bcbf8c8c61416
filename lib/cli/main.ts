// `npm run -s figures -- COMMAND ...`: one entry point for every command-line task.
import { CliError } from './args';
import { SettingError } from '../settings.mjs';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  extract: { summary: 'extract FILE [--published YYYY-MM-DD] [--district NAME] [--json]', load: () => import('./extract') },
  synth: { summary: 'synth --facts N [--db PATH] [--seed N] [--per-article N] [--force]: synthetic articles and facts for benchmarks', load: () => import('./synth') },
  ingest: { summary: 'ingest PATH... [--source NAME] [--district NAME] [--published YYYY-MM-DD] [--max-size MB] [--workers N]: files and folders into the database', load: () => import('./ingest') },
  crawl: { summary: 'crawl URL...|--config FILE|--source NAME [--since YYYY-MM-DD] [--delay S] [--max-pages N] [--max-depth N] [--district NAME]: articles from feeds, sitemaps and news-list pages, politely and incrementally', load: () => import('./crawl') },
  reextract: { summary: 'reextract [--all]: re-run the current extractor over articles extracted by an older one, keeping every review decision', load: () => import('./reextract') },
  export: { summary: 'export --format csv|jsonl [--district CODE --street CODE --community CODE --metric KEY --from DAY --to DAY --qualifier Q --source NAME --unit U --pick P --include-rejected --no-bom --base-url URL --db PATH] > FILE; export --dictionary prints the data dictionary', load: () => import('./export') },
  init: { summary: 'init: create/migrate the database and load the bundled sample when it holds no articles', load: () => import('./init') },
  editor: { summary: 'editor NAME [--sign-out]: add an editor or set their password (FIGURES_EDITOR_PASSWORD, else one is generated and printed once; ends their sessions); --sign-out only ends every session of theirs', load: () => import('./editor') },
  db: { summary: 'db copy --from PATH_OR_URL --to PATH_OR_URL [--sessions]: the whole database into an empty one (SQLite or PostgreSQL either way), verified, resumable', load: () => import('./db') },
  rollups: { summary: 'rollups [--db PATH]: derive the effective figures and periods again and rebuild the rollups (after edits that went around the app)', load: () => import('./rollups') },
  checks: { summary: 'checks: recompute every fact check (rates, shares, parts, growth, running totals, conflicts, streets vs district)', load: () => import('./checks') },
};

function usage(): string {
  return ['usage: figures COMMAND [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') { console.log(usage()); return name ? 0 : 2; }
  const command = COMMANDS[name];
  if (!command) { console.error(`figures: unknown command "${name}"\n\n${usage()}`); return 2; }
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof CliError || error instanceof SettingError) { console.error(`figures: ${error.message}`); process.exitCode = 2; return; }
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
