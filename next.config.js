// Security headers on every answer (pages get their nonce-based CSP and the Link header naming their data
// twins from proxy.ts; everything proxy.ts leaves out gets the strict policy below), every view's data twins,
// and pdf.js kept out of the bundle: bundled, it looks for its worker file beside the bundle's chunks and
// every PDF upload fails.

/** What is not a page: JSON, files, static assets. Nothing in them may run, load or be framed. */
const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Every view's data twins (lib/views/twin.ts): the page's path with .json or .csv, the same query. */
const TWINS = [
  ['/overview', 'overview', '-'],
  ['/checks', 'checks', '-'],
  ['/search', 'search', '-'],
  ['/facts/:key(\\d+)', 'facts', ':key'],
  ['/articles/:key(\\d+)', 'articles', ':key'],
  ['/places/:key(\\d+)', 'places', ':key'],
];
const twinSource = (page) => `${page}.:format(json|csv)`;

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel builds (a developer's and a test run's) keep separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['pdfjs-dist'],
  experimental: {
    // proxy.ts matches no route that takes a body; if a client posts to a page anyway, little is buffered
    proxyClientMaxBodySize: '64kb',
  },
  async rewrites() {
    return TWINS.map(([page, view, key]) => ({ source: twinSource(page), destination: `/api/views/${view}/${key}/:format` }));
  },
  async headers() {
    const everywhere = [
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'same-origin' },
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ];
    const strict = [{ key: 'Content-Security-Policy', value: STRICT_CSP }];
    return [
      { source: '/:path*', headers: everywhere },
      ...['/api/:path*', '/export/:file((?!README$).*)', '/_next/static/:path*', '/icon.svg', '/favicon.ico', ...TWINS.map(([page]) => twinSource(page))]
        .map((source) => ({ source, headers: strict })),
    ];
  },
};

export default nextConfig;
