/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel builds (a developer's and a test run's) keep separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
