// Every route under app/api, with each method it exports, is described in the OpenAPI document.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_KEYS } from './filters';
import { openApiDocument } from './openapi';

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === 'route.ts' ? [join(dir, e.name)] : []));
}

const API = join(process.cwd(), 'app', 'api');

describe('/api/openapi.json', () => {
  const doc = openApiDocument('http://example.org') as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };

  it('describes every route under app/api and every method it answers', () => {
    const files = routeFiles(API);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const path = `/api/${relative(API, file).split(sep).slice(0, -1).join('/')}`.replace(/\[(\w+)\]/g, '{$1}');
      expect(doc.paths, `${path} is missing`).toHaveProperty([path]);
      const methods = [...readFileSync(file, 'utf8').matchAll(/^export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1].toLowerCase());
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) expect(doc.paths[path], `${m.toUpperCase()} ${path}`).toHaveProperty([m]);
    }
  });

  it('names every filter of the views on the facts API', () => {
    const names = doc.paths['/api/facts'].get.parameters!.map((p) => p.name);
    for (const key of FILTER_KEYS) expect(names).toContain(key);
  });
});
