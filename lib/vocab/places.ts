// Place levels and their official codes (national division list): a district (区/县/县级市) has 6 digits,
// a street (街道/镇/乡) 9, a community (社区/村) 12, and each code starts with its parent's. Client-safe.
import type { PlaceLevel, PlaceRef } from '../extract/types';
import type { Lang } from './codes';

export type { PlaceLevel };

/** Where a figure is placed: names and official codes of its district, street and community (null above its level). */
export type Placed = PlaceRef;

export const PLACE_LEVELS = ['district', 'street', 'community'] as const satisfies readonly PlaceLevel[];

export interface PlaceLevelDefinition {
  level: PlaceLevel;
  digits: number;
  /** the facts columns holding the place's name and code */
  nameColumn: string;
  codeColumn: string;
  zh: string;
  en: string;
}

export const PLACE_LEVEL_DEFINITIONS: Readonly<Record<PlaceLevel, PlaceLevelDefinition>> = {
  district: { level: 'district', digits: 6, nameColumn: 'district', codeColumn: 'district_code', zh: '区县', en: 'District' },
  street: { level: 'street', digits: 9, nameColumn: 'street', codeColumn: 'street_code', zh: '街道', en: 'Street' },
  community: { level: 'community', digits: 12, nameColumn: 'community', codeColumn: 'community_code', zh: '社区/村', en: 'Community' },
};

/** The level an official code belongs to, by its length; null for anything else. */
export function levelOfCode(code: string): PlaceLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return PLACE_LEVELS.find((level) => PLACE_LEVEL_DEFINITIONS[level].digits === code.length) ?? null;
}

/** The level right below (street under a district, community under a street); null under a community. */
export function childLevel(level: PlaceLevel): PlaceLevel | null {
  return level === 'district' ? 'street' : level === 'street' ? 'community' : null;
}

/** The codes above a code: 330102003001 → { district: 330102, street: 330102003 }. */
export function parentCodes(code: string): { district: string | null; street: string | null } {
  const level = levelOfCode(code);
  return {
    district: level === 'street' || level === 'community' ? code.slice(0, 6) : null,
    street: level === 'community' ? code.slice(0, 9) : null,
  };
}

/** Whether `code` lies in (or is) `parent`. */
export function liesIn(code: string, parent: string): boolean {
  return code.startsWith(parent);
}

/** The finest place a figure is placed in: its community, else its street, else its district ('' when unplaced). */
export function finestPlace(f: { districtCode: string | null; streetCode: string | null; communityCode: string | null }): string {
  return f.communityCode ?? f.streetCode ?? f.districtCode ?? '';
}

/** finestPlace as SQL over a facts alias. */
export function finestPlaceSql(alias = 'f'): string {
  return `coalesce(${alias}.community_code, ${alias}.street_code, ${alias}.district_code, '')`;
}

export function levelLabel(level: PlaceLevel, lang: Lang): string {
  return PLACE_LEVEL_DEFINITIONS[level][lang];
}
