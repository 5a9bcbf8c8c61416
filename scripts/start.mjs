// `npm start`: create or migrate the database, load the bundled sample when it holds no articles,
// build when no build exists, then serve (scripts/server.mjs) on HOST:PORT — 127.0.0.1:3000 unless told.
// DATABASE_PATH (or DATABASE_URL), HOST and PORT override the defaults.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const bin = (name) => join(process.cwd(), 'node_modules', '.bin', name);
const port = process.env.PORT || '3000';

function runOrExit(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

runOrExit(bin('tsx'), ['lib/cli/main.ts', 'init']);
if (!existsSync(join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  console.log('no build found: building the app (next build)…');
  runOrExit(bin('next'), ['build']);
}
const server = spawn(process.execPath, [join('scripts', 'server.mjs')], { stdio: 'inherit', env: { ...process.env, PORT: port, HOST: process.env.HOST || '127.0.0.1', NODE_ENV: 'production' } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
