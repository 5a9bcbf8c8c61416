// Starting a worker thread on lib/ingest/worker.ts, which is TypeScript: the worker loads it through tsx's
// API, the way the CLI itself runs TypeScript (Node 20 does not apply `--import tsx` to a worker's entry).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The code a worker starts with (for `new Worker(code, { eval: true })`): it imports `entryFile` with tsx,
 * resolved from `root` (the project's folder). Exits 70 when it cannot load.
 */
export function tsWorkerCode(entryFile: string, root: string): string {
  const tsxRoot = dirname(createRequire(join(root, 'package.json')).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = pathToFileURL(entryFile).href;
  return `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`
    + '.catch((error) => { console.error(error); process.exit(70); });';
}
