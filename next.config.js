/** Every view's data twins (lib/views/twin.ts): the page's path with .json or .csv, the same query. */
const TWINS = [
  ['/overview', 'overview', '-'],
  ['/checks', 'checks', '-'],
  ['/search', 'search', '-'],
  ['/facts/:key(\\d+)', 'facts', ':key'],
  ['/articles/:key(\\d+)', 'articles', ':key'],
  ['/places/:key(\\d+)', 'places', ':key'],
];

/** A Link header on the pages whose path alone names their data (the others' twins carry their query: see lib/views/links.ts). */
const LINKED_PAGES = [['/facts/:key(\\d+)', '/facts/:key'], ['/articles/:key(\\d+)', '/articles/:key'], ['/places/:key(\\d+)', '/places/:key']];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel builds (a developer's and a test run's) keep separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  async rewrites() {
    return TWINS.map(([page, view, key]) => ({ source: `${page}.:format(json|csv)`, destination: `/api/views/${view}/${key}/:format` }));
  },
  async headers() {
    return LINKED_PAGES.map(([source, page]) => ({
      source,
      headers: [{ key: 'Link', value: `<${page}.json>; rel="alternate"; type="application/json", <${page}.csv>; rel="alternate"; type="text/csv"` }],
    }));
  },
};

export default nextConfig;
