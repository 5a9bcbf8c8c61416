// For tests only: articles stored through the app's own writer (lib/ingest storeDocument) with figures given
// by the test instead of found by the extractor, so what a view must show does not depend on the extractor.
import { expect } from 'vitest';
import type { Sql } from '../../db/client';
import { setRollups } from '../../db/dashboard';
import type { UnitClass } from '../extract/facet-classes';
import type { Fact } from '../extract/types';
import { trailingUnitWord, type Extractor } from '../ingest/prepare';
import { unitDefinition } from '../vocab/units';
import { storeDocument } from '../ingest/store';

export type FigureSpec = Partial<Fact> & { text: string; value: number; unit: Fact['unit']; metric: string };

/** The extractor's unit class of a unit: its dimension, as the extractor names ratios. */
function unitClassOf(unit: string): UnitClass {
  const dimension = unitDefinition(unit)?.dimension ?? 'count';
  return dimension === 'ratio' ? 'percent' : dimension === 'ratio_change' ? 'percentage_point' : dimension;
}

/** Stores one article of `text` whose figures are `figures` (each located by its text), placed in 上城区 by default. */
export async function storeArticle(db: Sql, text: string, figures: FigureSpec[], options: { published?: string; source?: string } = {}): Promise<number> {
  const facts: Fact[] = figures.map((f) => {
    const start = text.indexOf(f.text);
    if (start < 0) throw new Error(`"${f.text}" is not in the test article`);
    let s = start, e = start + f.text.length;
    while (s > 0 && !/[。！？\n]/.test(text[s - 1])) s -= 1;
    while (e < text.length && !/[。！？\n]/.test(text[e])) e += 1;
    return {
      start, end: start + f.text.length, low: null, high: null, qualifier: 'exact', cues: [], sentence: [s, Math.min(e + 1, text.length)] as [number, number],
      district: '上城区', districtCode: '330102', street: null, streetCode: null, community: null, communityCode: null,
      placeProvenance: 'stated', date: options.published ?? '2021-04-06', datePrecision: 'day', dateProvenance: 'stated', cumulative: false,
      unitWord: trailingUnitWord(f.text) ?? '', role: 'measured', metricConfidence: 1, metricSource: 'facets',
      facets: { object: null, object_class: null, action: null, action_class: null, aspect: null, unit_class: unitClassOf(f.unit), measure_class: null },
      ...f,
    };
  });
  const extractor: Extractor = {
    version: 'test',
    findPublicationDate: () => null,
    extract: () => ({ extractorVersion: 'test', published: options.published ?? null, articles: [{ start: 0, end: text.length, title: text.split('\n')[0], facts }] }),
  };
  const [stored] = await storeDocument(db, { text, sourceName: options.source ?? '测试报', district: '上城区', published: options.published ?? null }, extractor);
  return stored.id;
}

/** A user who may review figures, for tests that correct or reject them. */
export async function addEditor(db: Sql, name: string): Promise<{ id: number; name: string }> {
  return (await db.get<{ id: number; name: string }>("INSERT INTO users (name, password_hash, role) VALUES (?, 'x', 'editor') RETURNING id, name", [name]))!;
}

/** The same answer from the rollups and from aggregating the facts: `run`'s answer, checked both ways. */
export async function bothWays<T>(run: () => Promise<T>): Promise<T> {
  setRollups(false);
  const fromFacts = await run();
  setRollups(true);
  const fromRollups = await run();
  expect(fromRollups).toEqual(fromFacts);
  return fromRollups;
}
