// Passwords are stored as scrypt hashes; the cost parameters are stored with each hash, so a hash made with
// weaker ones is recognised (needsRehash) and replaced on the editor's next sign-in.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OWASP's scrypt minimum: N = 2^17, r = 8, p = 1 (128 MiB and a few hundred milliseconds per hash). */
export const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** Parameters never accepted from a stored hash: a tampered row must not make one sign-in take gigabytes. */
const MAX_N = 2 ** 20;
/** How many hashes may be computed at once: each holds 128 · N · r bytes (128 MiB) while it runs. */
const PARALLEL = 2;

let cost: { N: number; r: number; p: number } = COST;

/**
 * Tests of throttling and sessions sign in hundreds of times: they may hash at a lower N (vitest only;
 * anywhere else this throws). `undefined` restores today's cost.
 */
export function setHashCostForTests(N: number | undefined): void {
  if (!process.env.VITEST) throw new Error('the scrypt cost is fixed outside tests');
  cost = N === undefined ? COST : { ...COST, N };
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); else running--;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number }): Promise<Buffer> {
  const maxmem = 128 * options.N * options.r + 16 * 1024 * 1024;
  return slot(() => new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  }));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n), R = Number(r), P = Number(p);
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || !Number.isInteger(R) || R < 1 || R > 32 || !Number.isInteger(P) || P < 1 || P > 16) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await derive(password, h.salt, { N: h.N, r: h.r, p: h.p });
  return key.length === h.hash.length && timingSafeEqual(key, h.hash);
}

/** Whether a stored hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.N < cost.N || h.r < cost.r || h.p < cost.p;
}

/** A hash no password matches, verified against for unknown names so they take as long as known ones. */
export function unmatchableHash(): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
}

/** A random password an operator can type: 20 characters from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join('');
}
