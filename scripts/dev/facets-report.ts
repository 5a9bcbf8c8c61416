// Lists, for a folder of gold files, every core figure whose metric is wrong, with its facets and the
// source of its metric, and the share of metrics decided by facets vs the fallback scorer.
// usage: npx tsx scripts/dev/facets-report.ts GOLD_DIR [--all]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extract, type Fact } from '../../lib/extract';

const UNIT_FACTOR: Record<string, number> = { mu: 10000 / 15, ha: 1e4, km2: 1e6, km: 1e3, t: 1e3 };
const dir = resolve(process.argv[2] ?? '../shared/gold/dev');
const all = process.argv.includes('--all');
let facetCount = 0, fallbackCount = 0, wrongFacets = 0, wrongFallback = 0, matched = 0;
const roles: Record<string, number> = {};
for (const name of readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
  const gold = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const text = readFileSync(resolve(dir, gold.document), 'utf8');
  const facts: Fact[] = extract(text, { published: gold.publication?.date ?? null }).articles.flatMap((a) => a.facts);
  for (const f of facts) {
    if (f.metricSource === 'facets') facetCount++; else fallbackCount++;
    roles[f.role] = (roles[f.role] ?? 0) + 1;
  }
  const lines: string[] = [];
  for (const g of gold.facts) {
    const at = text.indexOf(g.text);
    const same = (x: Fact) => Math.abs(x.value * (UNIT_FACTOR[x.unit] ?? 1) - g.value * (UNIT_FACTOR[g.unit] ?? 1)) <= 1e-6 * Math.max(1, Math.abs(g.value));
    const f = facts.find((x) => x.start < at + g.text.length && at < x.end && same(x));
    if (!f || !g.core) continue;
    matched++;
    const ok = g.metric === f.metric || (g.alt_metrics ?? []).includes(f.metric);
    if (!ok) { if (f.metricSource === 'facets') wrongFacets++; else wrongFallback++; }
    if (ok && !all) continue;
    const s = text.slice(Math.max(f.sentence[0], f.start - 30), Math.min(f.sentence[1], f.end + 15)).replace(/\s+/g, ' ');
    const fc = f.facets;
    lines.push(`  ${ok ? '  ' : '✗ '}${g.metric}${ok ? '' : ` ≠ ${f.metric}`} [${f.metricSource} ${f.metricConfidence}] ${f.role}  obj=${fc.object}/${fc.object_class} act=${fc.action}/${fc.action_class} asp=${fc.aspect} ${fc.unit_class}/${fc.measure_class}\n      ${s.replace(f.text, `⟦${f.text}⟧`)}`);
  }
  if (lines.length) console.log(`${name}\n${lines.join('\n')}`);
}
console.log(`facets ${facetCount} (${(100 * facetCount / (facetCount + fallbackCount)).toFixed(1)}%), fallback ${fallbackCount}; wrong on ${matched} matched core: facets ${wrongFacets}, fallback ${wrongFallback}; roles ${JSON.stringify(roles)}`);
