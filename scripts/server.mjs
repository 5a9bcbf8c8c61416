// The production server `npm start` runs: Next.js behind a small Node HTTP server of ours (Next's
// documented custom server), listening on HOST (default 127.0.0.1, this machine only) and PORT. Ours
// because a Next route handler cannot see the socket's address, which sign-in throttling needs; see
// lib/http/gate.mjs for what it does to each request before Next does the rest.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import next from 'next';
import { expensiveConcurrency, gateRequests } from '../lib/http/gate.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
// only this process and the app it runs know it: a client cannot forge the peer header
const token = randomBytes(18).toString('base64url');
process.env.FIGURES_PEER_TOKEN = token;

let limit;
try {
  limit = expensiveConcurrency();
} catch (error) {
  console.error(`civic figures: ${error.message}`);
  process.exit(1);
}

const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const server = createServer(gateRequests(app.getRequestHandler(), { token, limit }));
server.on('clientError', (error, socket) => {
  // a malformed request line or header: 400, never a crash
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
});
server.listen(port, host, () => {
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`civic figures: listening on http://${shown}:${port}${host === '127.0.0.1' || host === '::1' || host === 'localhost' ? ' (this machine only; HOST=0.0.0.0 serves the network)' : ''}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
