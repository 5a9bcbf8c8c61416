// `npm test`: typecheck, lint and a production build once; then the whole suite — unit tests (vitest) and
// browser tests (Playwright) — twice: on SQLite, and on PostgreSQL, a throwaway server this script starts
// itself (scripts/pg-cluster.mjs) and removes at the end, also on failure or Ctrl-C. A PostgreSQL that
// cannot be had is reported and counted as a failure, never skipped. Ends with one line "N passed, N failed"
// (both rounds counted) for CI to read.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './browser.mjs';
import { PostgresUnavailable, createDatabase, freePort, startCluster } from './pg-cluster.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const root = process.cwd();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = { passed: 0, failed: 0 };
/** what the rounds counted, for the closing summary */
const tally = [];

// Neither round may inherit a database of the shell: tests make their own.
for (const name of ['DATABASE_URL', 'DATABASE_PATH', 'TEST_DATABASE_URL', 'E2E_DATABASE_URL', 'E2E_DATABASE_PATH']) delete process.env[name];

let cluster = null;
let child = null;
const cleanUp = () => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  if (cluster) { cluster.stop(); cluster = null; }
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping the tests and the throwaway PostgreSQL server`);
    cleanUp();
    process.exit(130);
  });
}

/** Runs one command with the terminal; resolves to whether it exited 0. */
function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  return new Promise((resolve) => {
    child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => { console.log(`${title}: ${error.message}`); resolve(false); });
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** Typecheck, lint and build count as one check each, so a type error can never hide behind green tests. */
function check(title, ok) {
  if (ok) results.passed += 1; else { results.failed += 1; console.log(`${title}: FAILED`); }
}

function count(round, passed, failed) {
  results.passed += passed;
  results.failed += failed;
  tally.push(`${round}: ${passed} passed, ${failed} failed`);
}

const reports = join(root, '.test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

async function unitTests(dialect, env) {
  const report = join(reports, `vitest-${dialect}.json`);
  await step(`unit tests on ${dialect} (vitest)`, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  if (!existsSync(report)) {
    count(`unit tests on ${dialect}`, 0, 1);
    console.log(`vitest on ${dialect} wrote no report: counted as one failure`);
    return;
  }
  const v = JSON.parse(readFileSync(report, 'utf8'));
  const failed = (v.numFailedTests ?? 0) + (v.numRuntimeErrorTestSuites ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
  count(`unit tests on ${dialect}`, v.numPassedTests ?? 0, failed);
}

async function browserTests(dialect, env, chromium) {
  const folder = join('e2e', dialect === 'sqlite' ? '.results' : `.results-${dialect}`);
  const report = join(root, folder, 'report.json');
  rmSync(report, { force: true });
  // a port nobody listens on, unless E2E_PORT names one: several checkouts may test on one machine
  const port = process.env.E2E_PORT || String(await freePort());
  await step(`browser tests on ${dialect} (playwright, port ${port})`, bin('playwright'), ['test'],
    { ...env, E2E_PORT: port, E2E_RESULTS: folder, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) });
  if (!existsSync(report)) {
    count(`browser tests on ${dialect}`, 0, 1);
    console.log(`playwright on ${dialect} wrote no report: counted as one failure`);
    return;
  }
  const p = JSON.parse(readFileSync(report, 'utf8'));
  let failed = (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  if (!p.stats || (p.stats.expected ?? 0) + (p.stats.unexpected ?? 0) === 0) failed += 1;
  count(`browser tests on ${dialect}`, p.stats?.expected ?? 0, failed);
}

check('typecheck', await step('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit']));
check('lint', await step('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']));

const chromium = ensureChromium();
if (!chromium) {
  console.log('browser tests: no system Chromium; using Playwright\'s own browser (npx playwright install chromium)');
  spawnSync(bin('playwright'), ['install', 'chromium'], { stdio: 'inherit' });
}
const built = await step('production build (next build)', bin('next'), ['build']);
check('build', built);

// ── round 1: SQLite ──
await unitTests('sqlite', {});
if (built) await browserTests('sqlite', {}, chromium);

// ── round 2: PostgreSQL ──
console.log('\n=== PostgreSQL: starting a throwaway server ===');
try {
  cluster = await startCluster();
} catch (error) {
  const reason = error instanceof PostgresUnavailable ? error.message : error instanceof Error ? error.stack : String(error);
  console.log(`PostgreSQL round NOT RUN: ${reason}`);
  console.log('(on Debian: apt-get install postgresql; the round counts as a failure until it can run)');
  count('PostgreSQL round', 0, 1);
}
if (cluster) {
  await unitTests('postgres', { TEST_DATABASE_URL: cluster.url });
  if (built) {
    const e2eDatabase = await createDatabase(cluster.url, 'figures_e2e');
    await browserTests('postgres', { E2E_DATABASE_URL: e2eDatabase }, chromium);
  }
  cluster.stop();
  cluster = null;
}

console.log(`\n${tally.join('\n')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
