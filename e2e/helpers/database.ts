// The database of a browser-test run (playwright.config.ts): a command a test runs must use the one the
// server uses — E2E_DATABASE_URL (PostgreSQL) or E2E_DATABASE_PATH (SQLite file).
export function serverDatabaseEnv(): Record<string, string> {
  const url = process.env.E2E_DATABASE_URL;
  if (url) return { DATABASE_URL: url };
  const path = process.env.E2E_DATABASE_PATH;
  if (!path) throw new Error('no E2E_DATABASE_URL or E2E_DATABASE_PATH: run the browser tests through playwright.config.ts');
  // (an empty DATABASE_URL overrides one of the shell's, which would otherwise win over the file)
  return { DATABASE_URL: '', DATABASE_PATH: path };
}
