// `npm start`: create or migrate the database, load the bundled sample when it holds no articles,
// build when no build exists, then serve (scripts/server.mjs) on HOST:PORT — 127.0.0.1:3000 unless told.
// DATABASE_PATH (or DATABASE_URL), HOST, PORT and FIGURES_PUBLIC_URL override the defaults.
// A first start creates the editor "admin" and prints its password once, framed: the frame is held back
// and printed right before the server's ready line, so it is not lost above the build's output.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const bin = (name) => join(process.cwd(), 'node_modules', '.bin', name);
const port = process.env.PORT || '3000';

function runOrExit(cmd, args, stdio = 'inherit') {
  const r = spawnSync(cmd, args, { stdio, env: process.env, encoding: 'utf8' });
  if (r.status !== 0) {
    if (stdio !== 'inherit') process.stdout.write(r.stdout ?? '');
    process.exit(r.status ?? 1);
  }
  return r.stdout ?? '';
}

/** The lines of a framed notice (from ╔ to ╚) taken out of `output`, and the rest. */
function takeFrame(output) {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('╔'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('╚'));
  if (start < 0 || end < 0) return { frame: null, rest: output };
  return { frame: lines.slice(start, end + 1).join('\n'), rest: [...lines.slice(0, start), ...lines.slice(end + 1)].join('\n') };
}

const init = takeFrame(runOrExit(bin('tsx'), ['lib/cli/main.ts', 'init'], ['ignore', 'pipe', 'inherit']));
process.stdout.write(init.rest);
if (init.frame) console.log('(the new editor password follows once the server is ready)');
if (!existsSync(join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  console.log('no build found: building the app (next build)…');
  runOrExit(bin('next'), ['build']);
}
const server = spawn(process.execPath, [join('scripts', 'server.mjs')], {
  stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, PORT: port, HOST: process.env.HOST || '127.0.0.1', NODE_ENV: 'production' },
});
let frame = init.frame;
createInterface({ input: server.stdout }).on('line', (line) => {
  // the server's ready line (scripts/server.mjs: "listening on …"; Next's own: "Ready")
  if (frame && /listening on|\bReady\b/.test(line)) { console.log(`\n${frame}\n`); frame = null; }
  console.log(line);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
