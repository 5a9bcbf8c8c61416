// Which Chromium the browser tests drive: Debian's where it exists (Playwright cannot download its own
// browser on this kind of machine), else Playwright's own download.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function systemChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return SYSTEM_CHROMIUM.find((p) => existsSync(p)) ?? null;
}

function canApt() {
  return process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0
    && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** Returns a Chromium path, installing Debian's package when running as root on Debian; null means "use Playwright's own". */
export function ensureChromium(log = console.log) {
  const found = systemChromium();
  if (found) return found;
  if (canApt()) {
    log('browser tests: installing Debian chromium (apt-get install -y chromium, about a minute)…');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], {
      stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status === 0 && systemChromium()) return systemChromium();
    log('browser tests: apt-get could not install chromium; falling back to Playwright\'s browser');
  }
  return null;
}

/** Flags that keep headless Chromium quiet on a machine without internet, and working as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
