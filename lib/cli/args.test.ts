import { describe, expect, it } from 'vitest';
import { CliError, flagOptions, numberFlag, parseCommandArgs } from './args';

describe('numberFlag', () => {
  it('is undefined for an absent flag and the number for a good one', () => {
    expect(numberFlag(undefined, '--seed', { min: 0, integer: true })).toBeUndefined();
    expect(numberFlag('0', '--seed', { min: 0, integer: true })).toBe(0);
    expect(numberFlag('2.5', '--max-size', { above: 0 })).toBe(2.5);
    expect(numberFlag('0.01', '--max-minutes', { min: 0.01 })).toBe(0.01);
  });

  it.each([
    ['0', { above: 0 }, '--workers must be a number above 0, got "0"'],
    ['-1', { min: 0 }, '--delay must be a number of at least 0, got "-1"'],
    ['1.5', { min: 1, integer: true }, '--facts must be a whole number of at least 1, got "1.5"'],
    ['', { min: 0, integer: true }, '--facts must be a whole number of at least 0, got ""'],
    [' ', { above: 0 }, '--facts must be a number above 0, got " "'],
    ['ten', { min: 1 }, '--facts must be a number of at least 1, got "ten"'],
    ['Infinity', { min: 1 }, '--facts must be a number of at least 1, got "Infinity"'],
  ] as const)('refuses "%s" under %j', (value, rule, message) => {
    const flag = message.split(' ')[0];
    expect(() => numberFlag(value, flag, rule)).toThrow(new CliError(message));
  });
});

describe('flagOptions', () => {
  it('declares value flags as text and switches as false unless given', () => {
    const options = flagOptions(['db', 'per-article'], ['force']);
    expect(options).toEqual({ db: { type: 'string' }, 'per-article': { type: 'string' }, force: { type: 'boolean', default: false } });
    const { values } = parseCommandArgs(['--per-article', '5', 'x'], options);
    expect(values).toEqual({ 'per-article': '5', force: false });
    expect(() => parseCommandArgs(['--nope'], options)).toThrow(CliError);
  });
});
