// Speed work must not change what is extracted: the output of every document of the gold sets equals the
// output recorded before (scripts/dev/recorded-outputs.ts: whole outputs for the sample and our own
// fixtures, SHA-256 hashes for texts we do not own). A set whose texts are absent on this machine is skipped.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETS, available, hashOf, outputsOf, recordPath } from '../../scripts/dev/recorded-outputs';

describe.each(SETS)('recorded outputs of $name', (set) => {
  it.runIf(available(set) && existsSync(recordPath(set)))('are unchanged', () => {
    const recorded = JSON.parse(readFileSync(recordPath(set), 'utf8')) as Record<string, unknown>;
    const outputs = outputsOf(set);
    expect([...outputs.keys()].sort()).toEqual(Object.keys(recorded).sort());
    for (const [name, result] of outputs) {
      if (set.full) expect(JSON.parse(JSON.stringify(result)), name).toEqual(recorded[name]);
      else expect(hashOf(result), name).toBe(recorded[name]);
    }
  });
});
