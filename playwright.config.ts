import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, systemChromium } from './scripts/browser.mjs';

const port = Number(process.env.E2E_PORT || 3100);
// A throwaway database per run, so browser tests never touch data/figures.db.
const databasePath = process.env.E2E_DATABASE_PATH || join(tmpdir(), `civic-figures-e2e-${process.pid}.db`);
if (!process.env.E2E_DATABASE_PATH) {
  // the same file for the server, the workers and the teardown, which removes only a file made here
  process.env.E2E_DATABASE_PATH = databasePath;
  process.env.E2E_DATABASE_THROWAWAY = '1';
}
const results = process.env.E2E_RESULTS || 'e2e/.results';
const executablePath: string | undefined = systemChromium() ?? undefined;

export default defineConfig({
  testDir: './e2e',
  outputDir: results,
  timeout: 60_000,
  workers: 1,
  globalTeardown: './e2e/teardown.ts',
  reporter: [['list'], ['json', { outputFile: `${results}/report.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'node scripts/start.mjs',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    env: {
      PORT: String(port), DATABASE_PATH: databasePath, NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next',
      // the editor account browser tests sign in with
      FIGURES_ADMIN_PASSWORD: process.env.FIGURES_ADMIN_PASSWORD || 'e2e-editor-password',
      // a long extraction in the tests is refused after 30 s rather than the default 120
      FIGURES_EXTRACT_SECONDS: '30',
    },
  },
});
