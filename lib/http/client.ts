// Who is on the other end of a request, and which forwarded headers may be believed.
//
// A Next route handler never sees the TCP peer: its Request carries headers only, and Next itself fills
// X-Forwarded-For with the socket address only when the client did not send one. So our own server
// (scripts/server.mjs, what `npm start` runs) writes the socket address into PEER_HEADER on every request,
// overwriting whatever a client sent, tagged with a token only this process knows (PEER_TOKEN_ENV).
// X-Forwarded-For, X-Forwarded-Host and X-Forwarded-Proto are then believed only when that peer is one of
// FIGURES_TRUSTED_PROXIES; from anyone else they are the client's own words and are ignored.
import { BlockList, isIP } from 'node:net';

export const PEER_HEADER = 'x-figures-peer';
export const PEER_TOKEN_ENV = 'FIGURES_PEER_TOKEN';
export const TRUSTED_PROXIES_ENV = 'FIGURES_TRUSTED_PROXIES';

/** The address used when no server of ours names the peer (tests, `next dev`): one shared client. */
export const UNKNOWN_CLIENT = 'unknown';

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it is. */
export function normaliseAddress(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return (mapped ? mapped[1] : a).toLowerCase();
}

export class TrustedProxyError extends Error {}

/**
 * FIGURES_TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces
 * (`127.0.0.1, 10.0.0.0/8, ::1`), or `loopback` for 127.0.0.0/8 and ::1. Throws on an entry that is neither.
 */
export function parseTrustedProxies(raw: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address, bits, extra] = entry.split('/');
    const family = isIP(normaliseAddress(address));
    if (!family || extra !== undefined) throw new TrustedProxyError(`${TRUSTED_PROXIES_ENV}: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) { list.addAddress(normaliseAddress(address), type); continue; }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new TrustedProxyError(`${TRUSTED_PROXIES_ENV}: "${entry}" has a bad prefix length`);
    list.addSubnet(normaliseAddress(address), prefix, type);
  }
  return list;
}

let cached: { raw: string | undefined; list: BlockList } | null = null;

function trustedProxies(): BlockList {
  const raw = process.env[TRUSTED_PROXIES_ENV];
  if (!cached || cached.raw !== raw) cached = { raw, list: parseTrustedProxies(raw) };
  return cached.list;
}

function isTrusted(address: string, list: BlockList): boolean {
  const a = normaliseAddress(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/** The TCP peer our server recorded, or null when no server of ours stands in front (or the tag is forged). */
export function peerAddress(request: Request): string | null {
  const token = process.env[PEER_TOKEN_ENV];
  const value = request.headers.get(PEER_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space) !== token) return null;
  const address = normaliseAddress(value.slice(space + 1));
  return isIP(address) ? address : null;
}

export interface ClientView {
  /** the client's address: the peer, or what trusted proxies say the client was */
  address: string;
  /** whether the peer is a trusted proxy, whose X-Forwarded-Host and -Proto count */
  viaTrustedProxy: boolean;
}

/**
 * The client of a request. Without a trusted proxy in front it is the socket's peer; behind trusted
 * proxies, X-Forwarded-For is read from the right, skipping every trusted hop, so the first address a
 * trusted proxy did not vouch for is the client (the leftmost entries are whatever the client typed).
 */
export function clientOf(request: Request, proxies: BlockList = trustedProxies()): ClientView {
  const peer = peerAddress(request);
  if (!peer) return { address: UNKNOWN_CLIENT, viaTrustedProxy: false };
  if (!isTrusted(peer, proxies)) return { address: peer, viaTrustedProxy: false };
  const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((h) => normaliseAddress(h)).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i])) break;
    client = hops[i];
    if (!isTrusted(hops[i], proxies)) break;
  }
  return { address: client, viaTrustedProxy: true };
}

/** The client's address, for throttling sign-in. */
export function clientAddress(request: Request): string {
  return clientOf(request).address;
}

/** The first value of a comma-separated forwarded header. */
function firstForwarded(request: Request, name: string): string | null {
  return request.headers.get(name)?.split(',')[0].trim() || null;
}

/** The host the client addressed: the Host header, or X-Forwarded-Host when a trusted proxy sets it. */
export function addressedHost(request: Request): string {
  const forwarded = clientOf(request).viaTrustedProxy ? firstForwarded(request, 'x-forwarded-host') : null;
  return forwarded || request.headers.get('host') || new URL(request.url).host;
}

/** Whether the client reached us over HTTPS: directly, or as a trusted proxy says. */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return clientOf(request).viaTrustedProxy && firstForwarded(request, 'x-forwarded-proto') === 'https';
}

/** The site's own origin as the client sees it (scheme and host it addressed). */
export function siteOrigin(request: Request): string {
  return `${isHttps(request) ? 'https' : 'http'}://${addressedHost(request)}`;
}
