import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how a command was called: printed as one line, exit code 2. */
export class CliError extends Error {}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

type ValueFlags<V extends string> = { [K in V]: { type: 'string' } };
type Switches<S extends string> = { [K in S]: { type: 'boolean'; default: false } };

/** parseArgs options of a command: flags that take a value (read as text; numbers through numberFlag) and
 *  switches (false unless given). */
export function flagOptions<const V extends string, const S extends string = never>(
  valueFlags: readonly V[], switches: readonly S[] = [],
): ValueFlags<V> & Switches<S> {
  return Object.fromEntries([
    ...valueFlags.map((name) => [name, { type: 'string' }]),
    ...switches.map((name) => [name, { type: 'boolean', default: false }]),
  ]) as ValueFlags<V> & Switches<S>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkDay(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (!ISO_DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new CliError(`${flag} must be a day written YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** What a numeric flag accepts: at least `min`, or more than `above`; a whole number when `integer`. */
export type NumberRule = { integer?: boolean } & ({ min: number } | { above: number });

/** A numeric flag's value (undefined when the flag is absent), or a CliError saying what it must be. */
export function numberFlag(value: string, flag: string, rule: NumberRule): number;
export function numberFlag(value: string | undefined, flag: string, rule: NumberRule): number | undefined;
export function numberFlag(value: string | undefined, flag: string, rule: NumberRule): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  const inRange = 'min' in rule ? n >= rule.min : n > rule.above;
  if (!Number.isFinite(n) || !inRange || (rule.integer && !Number.isInteger(n))) {
    const bound = 'min' in rule ? `of at least ${rule.min}` : `above ${rule.above}`;
    throw new CliError(`${flag} must be ${rule.integer ? 'a whole number' : 'a number'} ${bound}, got "${value}"`);
  }
  return n;
}
