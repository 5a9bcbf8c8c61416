import { rmSync } from 'node:fs';

/** The throwaway database of a browser-test run goes with the run. */
export default function removeThrowawayDatabase(): void {
  const path = process.env.E2E_DATABASE_PATH;
  if (!path || process.env.E2E_DATABASE_THROWAWAY !== '1') return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
