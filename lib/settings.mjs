// The numeric settings read from the environment, each described once. Plain JavaScript (with settings.d.mts
// beside it) because the server's own front (scripts/server.mjs, lib/http/gate.mjs) runs without TypeScript.
//
// An unset or empty variable means the default; any other value that is not what the setting allows is an error
// naming the variable. Falling back to the default instead would hide an operator's typo: FIGURES_EXPORT_THREADS=l
// would quietly start worker threads on a machine meant to keep exports on one core.

import { availableParallelism } from 'node:os';

/** @typedef {{ whole: boolean, min: number, above?: boolean, meaning: string }} NumberSetting */

/** @type {Record<string, NumberSetting>} */
export const NUMBER_SETTINGS = {
  FIGURES_EXPENSIVE_CONCURRENCY: { whole: true, min: 1, meaning: 'requests of each expensive kind served at once' },
  FIGURES_EXPORT_THREADS: { whole: true, min: 1, meaning: 'threads a large export may use; 1 keeps it on the main thread' },
  FIGURES_WEB_WORKERS: { whole: true, min: 1, meaning: 'worker threads the web server extracts uploads on' },
  FIGURES_MAX_UPLOAD_MB: { whole: false, min: 0, above: true, meaning: 'megabytes of one upload, all files together' },
  FIGURES_MAX_FILE_MB: { whole: false, min: 0, above: true, meaning: 'megabytes of one file' },
  FIGURES_EXTRACT_SECONDS: { whole: false, min: 0, above: true, meaning: 'seconds one uploaded document may take to extract' },
};

export class SettingError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SettingError';
  }
}

const WHOLE = /^\s*\d{1,9}\s*$/;
const DECIMAL = /^\s*\d{1,9}(\.\d{1,9})?\s*$/;

const isUnset = (raw) => raw === undefined || raw.trim() === '';

/** The value `raw` (set) gives the setting `name`, or a SettingError naming it. */
function parseSetting(name, raw) {
  const rule = NUMBER_SETTINGS[name];
  const value = (rule.whole ? WHOLE : DECIMAL).test(raw) ? Number(raw) : NaN;
  if (!(rule.above ? value > rule.min : value >= rule.min)) {
    const wanted = rule.whole ? `a whole number from ${rule.min} up` : `a number above ${rule.min}`;
    throw new SettingError(`${name} (${rule.meaning}) must be ${wanted}, not "${raw}"`);
  }
  return value;
}

/** The value of the numeric setting `name`, or `fallback` when it is unset or empty; a SettingError otherwise. */
export function numberSetting(name, fallback, env = process.env) {
  if (!NUMBER_SETTINGS[name]) throw new Error(`${name} is not a numeric setting of Civic Figures`);
  const raw = env[name];
  return isUnset(raw) ? fallback : parseSetting(name, raw);
}

/** Threads a setting of threads or workers gives by default: the cores, at most 2 (one machine's fair share). */
export function threadsByDefault() {
  return Math.min(2, availableParallelism());
}

/** Every numeric setting that is set but not allowed, as messages; `figures init` refuses to start the server on any. */
export function settingProblems(env = process.env) {
  const problems = [];
  for (const name of Object.keys(NUMBER_SETTINGS)) {
    if (isUnset(env[name])) continue;
    try {
      parseSetting(name, env[name]);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(error.message);
    }
  }
  return problems;
}
