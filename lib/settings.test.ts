import { afterEach, describe, expect, it, vi } from 'vitest';
import { NUMBER_SETTINGS, numberSetting, SettingError, settingProblems } from './settings.mjs';

const WHOLE = Object.keys(NUMBER_SETTINGS).filter((name) => NUMBER_SETTINGS[name].whole);
const DECIMAL = Object.keys(NUMBER_SETTINGS).filter((name) => !NUMBER_SETTINGS[name].whole);

describe('numeric settings from the environment', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('knows both kinds', () => {
    expect(WHOLE).toEqual(expect.arrayContaining(['FIGURES_EXPORT_THREADS', 'FIGURES_EXPENSIVE_CONCURRENCY', 'FIGURES_WEB_WORKERS']));
    expect(DECIMAL).toEqual(expect.arrayContaining(['FIGURES_MAX_UPLOAD_MB', 'FIGURES_MAX_FILE_MB', 'FIGURES_EXTRACT_SECONDS']));
  });

  it.each(Object.keys(NUMBER_SETTINGS))('%s: unset or empty gives the default', (name) => {
    expect(numberSetting(name, 7, {})).toBe(7);
    expect(numberSetting(name, 7, { [name]: '' })).toBe(7);
    expect(numberSetting(name, 7, { [name]: '  ' })).toBe(7);
  });

  it.each(WHOLE)('%s: a whole number from 1 up, spaces around allowed', (name) => {
    expect(numberSetting(name, 7, { [name]: '1' })).toBe(1);
    expect(numberSetting(name, 7, { [name]: ' 12 ' })).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'two', '1e1', '0x2', 'Infinity', '3 cores', '9999999999']) {
      expect(() => numberSetting(name, 7, { [name]: bad }), bad).toThrow(new RegExp(`^${name} \\(.+\\) must be a whole number from 1 up, not "${bad}"$`));
    }
  });

  it.each(DECIMAL)('%s: a number above 0, a fraction allowed', (name) => {
    expect(numberSetting(name, 7, { [name]: '0.5' })).toBe(0.5);
    expect(numberSetting(name, 7, { [name]: '300' })).toBe(300);
    for (const bad of ['0', '0.0', '-5', 'ten', '1e3', '.5', '5.', 'NaN']) {
      expect(() => numberSetting(name, 7, { [name]: bad }), bad).toThrow(SettingError);
      expect(() => numberSetting(name, 7, { [name]: bad }), bad).toThrow(`must be a number above 0, not "${bad}"`);
    }
  });

  it('refuses to read a setting it does not describe', () => {
    expect(() => numberSetting('FIGURES_NOPE', 1, {})).toThrow(/not a numeric setting/);
  });

  it('lists every bad setting at once, and none when all are fine or unset', () => {
    expect(settingProblems({})).toEqual([]);
    expect(settingProblems({ FIGURES_WEB_WORKERS: '2', FIGURES_MAX_FILE_MB: '12.5' })).toEqual([]);
    const problems = settingProblems({ FIGURES_WEB_WORKERS: 'auto', FIGURES_MAX_FILE_MB: '20MB', FIGURES_EXPORT_THREADS: '2' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/FIGURES_WEB_WORKERS .* not "auto"[\s\S]*FIGURES_MAX_FILE_MB .* not "20MB"/);
  });

  it('stops `figures init` (run before the server starts) on a bad value', async () => {
    vi.stubEnv('FIGURES_EXPORT_THREADS', 'both');
    vi.resetModules();
    const init = await import('./cli/init');
    await expect(init.run()).rejects.toThrow(/FIGURES_EXPORT_THREADS .* not "both"/);
  });
});
