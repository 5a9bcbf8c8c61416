// The SQLite and PostgreSQL schemas describe the same tables: same names, columns, nullability, keys.
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from './schema-pg';
import * as sqliteSchema from './schema';

type Shape = Record<string, { columns: Record<string, { notNull: boolean; primary: boolean; default: boolean }>; indexes: string[]; foreignKeys: string[] }>;

function shapeOf(tables: Record<string, unknown>, config: (t: never) => ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>): Shape {
  const shape: Shape = {};
  for (const table of Object.values(tables)) {
    if (!table || typeof table !== 'object' || !(Symbol.for('drizzle:IsDrizzleTable') in (table as object))) continue;
    const c = config(table as never);
    shape[c.name] = {
      columns: Object.fromEntries(c.columns.map((col) => [col.name, { notNull: col.notNull, primary: col.primary, default: col.hasDefault && !col.primary }])),
      indexes: c.indexes.map((i) => i.config.name ?? '').sort(),
      foreignKeys: c.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return `${ref.columns.map((x) => x.name).join(',')}->${ref.foreignColumns.map((x) => x.name).join(',')}:${fk.onDelete ?? 'no action'}`;
      }).sort(),
    };
  }
  return shape;
}

describe('the two schemas', () => {
  it('hold the same tables, columns, keys and indexes', () => {
    const sqlite = shapeOf(sqliteSchema as Record<string, unknown>, sqliteConfig as never);
    const pg = shapeOf(pgSchema as Record<string, unknown>, pgConfig as never);
    // search lives in SQLite's hand-written migrations (beside its FTS5 table); PostgreSQL declares it
    delete pg.search_passages;
    delete pg.search_pending;
    expect(Object.keys(sqlite).length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
    for (const name of Object.keys(sqlite)) expect(pg[name], name).toEqual(sqlite[name]);
  });
});
