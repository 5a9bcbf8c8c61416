// What the checks read (a figure as an editor last left it) and what they produce.
import type { Placed } from '../vocab/places';

export const CHECK_KINDS = [
  'rate', 'share_of_target', 'parts_within_total', 'growth', 'cumulative_decrease', 'conflict', 'streets_within_district',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const VERDICTS = ['holds', 'off', 'cannot_tell'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Roles a figure plays in a check. */
export type CheckRole = 'stated' | 'part' | 'whole' | 'total' | 'base' | 'current' | 'earlier' | 'later' | 'report' | 'street' | 'district';

/**
 * A figure as checked: its effective value, unit and metric (lib/vocab/effective.ts: an editor's correction
 * wins); rejected figures and attributes (size classes, not quantities reported) are never loaded. Offsets
 * are relative to the article's text, as stored.
 */
export interface CheckFact extends Placed {
  id: number;
  articleId: number;
  value: number;
  unit: string;
  metric: string;
  qualifier: string;
  text: string;
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
  placeProvenance: string;  // stated | inherited | default (the source's district, not said by the text)
  date: string | null;
  dateProvenance: string;   // stated | inherited | default (the publication day)
  cumulative: boolean;
  /** the unit or measure word as written (户, 张, 万元): counts of different things differ in it */
  unitWord: string | null;
  /** measured | attribute | plan | stock (lib/vocab codes.ts) */
  role: string;
  /** for checks across articles, which name the reports */
  articleTitle?: string | null;
}

export interface CheckDraft {
  kind: CheckKind;
  verdict: Verdict;
  metric: string;
  date: string | null;
  stated: number | null;
  expected: number | null;
  /** stated − expected, in the stated figure's unit (percentage points for rates) */
  difference: number | null;
  arithmetic: string;
  note: string | null;
  facts: { factId: number; role: CheckRole }[];
}
