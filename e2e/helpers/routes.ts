// The app's routes as the app/ folder has them, read when a test runs, so routes added later (another
// page, a *.json twin) are tested too: pages (page.tsx), route handlers (route.ts) with their methods,
// dynamic segments ([id], [code], [...rest]), route groups ((name)) left out of the URL.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface AppRoute {
  /** /facts/[id], /checks.csv … as in the folder names */
  pattern: string;
  kind: 'page' | 'route';
  methods: string[];
  /** the names of its dynamic segments, in order */
  segments: string[];
}

const APP = join(process.cwd(), 'app');

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
}

export function appRoutes(): AppRoute[] {
  const files: string[] = [];
  walk(APP, files);
  const routes: AppRoute[] = [];
  for (const file of files) {
    const m = /[\\/](page|route)\.(tsx?|jsx?)$/.exec(file);
    if (!m) continue;
    const dir = relative(APP, file).split(sep).slice(0, -1).filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith('@'));
    const pattern = `/${dir.join('/')}`;
    const segments = dir.filter((p) => p.startsWith('[')).map((p) => p.replace(/^\[+\.{0,3}|\]+$/g, ''));
    const methods = m[1] === 'page'
      ? ['GET']
      : [...readFileSync(file, 'utf8').matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map((x) => x[1]);
    routes.push({ pattern, kind: m[1] as 'page' | 'route', methods, segments });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** A URL of a route, its dynamic segments filled by `fill` (already URL-encoded). */
export function urlOf(route: AppRoute, fill: (segment: string) => string): string {
  return route.pattern.replace(/\[+\.{0,3}([^\]]+)\]+/g, (_, name: string) => fill(name));
}

/**
 * Every query parameter name the app reads: the names the source passes to .get('…'), .getAll('…'),
 * .has('…') or reads as params.… / query.…, in app/ and lib/.
 */
export function queryParameterNames(): string[] {
  const files: string[] = [];
  walk(APP, files);
  walk(join(process.cwd(), 'lib'), files);
  const names = new Set<string>();
  for (const file of files) {
    if (!/\.(tsx?)$/.test(file) || /\.test\.ts$/.test(file) || file.includes(`${sep}fixtures${sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.(?:get|getAll|has)\(\s*'([a-z_]{1,30})'\s*\)/g)) names.add(m[1]);
    for (const m of text.matchAll(/\b(?:params|query|searchParams)\.([a-z_]{1,30})\b/g)) names.add(m[1]);
  }
  for (const noise of ['get', 'getAll', 'has', 'keys', 'entries', 'then', 'toString', 'set', 'append', 'delete', 'forEach', 'size', 'values']) names.delete(noise);
  return [...names].sort();
}
