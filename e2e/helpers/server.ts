// The production server under test, seen from the machine: its process (by the port it listens on) and the
// memory it holds. Linux only (/proc), which is what CI runs.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export const PORT = Number(process.env.E2E_PORT || 3100);

/** The id of the process listening on `port` on 127.0.0.1, or null. */
export function listeningPid(port = PORT): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(table, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds: string[] = [];
    try { fds = readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch { /* gone */ }
    }
  }
  return null;
}

/** Resident memory of a process, in MB. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples a process's memory every 20 ms while `work` runs: the most it rose above where it started. */
export async function peakRiseMb<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; riseMb: number }> {
  const base = rssMb(pid);
  let peak = base;
  const timer = setInterval(() => { try { peak = Math.max(peak, rssMb(pid)); } catch { /* ended */ } }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, rssMb(pid));
    return { result, riseMb: peak - base };
  } finally {
    clearInterval(timer);
  }
}

export interface RawAnswer { status: number; headers: IncomingHttpHeaders; body: string }

/**
 * A request with Node's own client, for what a browser context cannot do: choose the local address it
 * comes from (127.0.0.2 is another client of a server on 127.0.0.1), stream a body of any size.
 */
export function rawRequest(options: {
  method?: string; path: string; headers?: Record<string, string>; localAddress?: string; host?: string;
  body?: string | Buffer | AsyncIterable<Buffer>;
}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // agent: false — a fresh connection each time: a kept-alive one may be closed by the server just as it is reused
    const req = httpRequest({ host: options.host ?? '127.0.0.1', port: PORT, method: options.method ?? 'GET', path: options.path, headers: options.headers, localAddress: options.localAddress, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { if (body.length < 1_000_000) body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    // the server may answer (413) and stop reading before a large body is sent: that is the answer we want
    req.on('error', (error) => reject(error));
    const body = options.body;
    if (body === undefined) { req.end(); return; }
    if (typeof body === 'string' || Buffer.isBuffer(body)) { req.end(body); return; }
    (async () => {
      try {
        for await (const chunk of body) {
          if (req.destroyed) return;
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      } catch { /* the server closed the connection: its answer is already on its way */ }
    })();
  });
}

/** The session cookies and CSRF token of a JSON sign-in. */
export async function signInRaw(name: string, password: string, localAddress?: string): Promise<{ status: number; cookie: string; csrf: string }> {
  const r = await rawRequest({
    method: 'POST', path: '/api/auth/login', localAddress,
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${PORT}` }, body: JSON.stringify({ name, password }),
  });
  const cookies = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  const csrf = r.status === 200 ? (JSON.parse(r.body) as { csrfToken: string }).csrfToken : '';
  return { status: r.status, cookie, csrf };
}
