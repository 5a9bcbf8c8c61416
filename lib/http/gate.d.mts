import type { IncomingMessage, ServerResponse } from 'node:http';

export const PEER_HEADER: string;
export const SECURITY_HEADERS: Record<string, string>;
export const RETRY_AFTER_SECONDS: number;
export function malformedPath(target: string | undefined): boolean;
export function expensiveKind(pathname: string): 'search' | 'export' | 'places' | 'data' | null;
export class ConcurrencyGate {
  constructor(limit: number);
  readonly limit: number;
  tryAcquire(kind: string): (() => void) | null;
}
export function expensiveConcurrency(env?: Record<string, string | undefined>): number;
export function gateRequests(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  options: { token: string; limit?: number },
): (req: IncomingMessage, res: ServerResponse) => unknown;
