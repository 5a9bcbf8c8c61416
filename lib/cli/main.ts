// `npm run -s figures -- COMMAND ...`: one entry point for every command-line task.
import { CliError } from './args';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  extract: { summary: 'extract FILE [--published YYYY-MM-DD] [--district NAME] [--json]', load: () => import('./extract') },
  init: { summary: 'init: create/migrate the database and load the bundled sample when it holds no articles', load: () => import('./init') },
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
    if (error instanceof CliError) { console.error(`figures: ${error.message}`); process.exitCode = 2; return; }
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
