// `npm test`: typecheck, lint, unit tests (vitest), then browser tests (Playwright) against a fresh
// production build on a throwaway database. Ends with one line "N passed, N failed" for CI to count.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './browser.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const root = process.cwd();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = { passed: 0, failed: 0 };

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Typecheck and lint count as one check each, so a type error can never hide behind green tests. */
function check(title, ok) {
  if (ok) results.passed += 1; else { results.failed += 1; console.log(`${title}: FAILED`); }
}

check('typecheck', step('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit']));
check('lint', step('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']));

const reports = join(root, '.test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestReport = join(reports, 'vitest.json');
step('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
if (existsSync(vitestReport)) {
  const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
  results.passed += v.numPassedTests ?? 0;
  results.failed += (v.numFailedTests ?? 0) + (v.numRuntimeErrorTestSuites ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
} else {
  results.failed += 1;
  console.log('vitest wrote no report: counted as one failure');
}

const chromium = ensureChromium();
if (!chromium) {
  console.log('browser tests: no system Chromium; using Playwright\'s own browser (npx playwright install chromium)');
  spawnSync(bin('playwright'), ['install', 'chromium'], { stdio: 'inherit' });
}
const built = step('production build (next build)', bin('next'), ['build']);
check('build', built);
if (built) {
  const e2eReport = join(root, 'e2e', '.results', 'report.json');
  rmSync(e2eReport, { force: true });
  step('browser tests (playwright)', bin('playwright'), ['test'], chromium ? { CHROMIUM_PATH: chromium } : {});
  if (existsSync(e2eReport)) {
    const p = JSON.parse(readFileSync(e2eReport, 'utf8'));
    results.passed += p.stats?.expected ?? 0;
    results.failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
    if (!p.stats || (p.stats.expected ?? 0) + (p.stats.unexpected ?? 0) === 0) results.failed += 1;
  } else {
    results.failed += 1;
    console.log('playwright wrote no report: counted as one failure');
  }
}

console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
