// Builds the community index of lib/extract/gazetteer.ts ahead of first use (otherwise the first
// extraction that needs a community builds it, ~2-3 s). The file goes to
// node_modules/.cache/civic-figures/ (or $CIVIC_FIGURES_CACHE_DIR); it is generated, not committed.
// usage: npx tsx scripts/build-gazetteer.ts [--force]
import { existsSync } from 'node:fs';
import { buildCommunityIndex, communityIndexPaths, loadCommunityIndex, loadGazetteer, lookupCommunities } from '../lib/extract/gazetteer';

const force = process.argv.includes('--force');
const t0 = performance.now();
const existing = communityIndexPaths().find((p) => existsSync(p));
const path = existing && !force ? existing : buildCommunityIndex();
const t1 = performance.now();
const g = loadGazetteer();
const idx = loadCommunityIndex();
console.log(`${existing && !force ? 'kept' : 'built'} ${path} in ${(t1 - t0).toFixed(0)} ms; `
  + `districts ${g.districts.length}, streets ${g.streets.length} loaded in ${g.loadMs.toFixed(0)} ms; `
  + `community index ${idx ? `${idx.n} names, loaded in ${idx.loadMs.toFixed(0)} ms` : 'unavailable'}; `
  + `青年路社区 × ${lookupCommunities('青年路社区').length}`);
