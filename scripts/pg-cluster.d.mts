export class PostgresUnavailable extends Error {}
export function postgresBinDir(): string | null;
export function freePort(): Promise<number>;
export interface Cluster { url: string; port: number; dir: string; stop(): void }
export function startCluster(options?: { port?: number; durable?: boolean; log?: (line: string) => void }): Promise<Cluster>;
export function createDatabase(serverUrl: string, name: string): Promise<string>;
