import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KAT_CHECKS, runKatChecks } from './katChecks';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const vectors = path.resolve(repoRoot, '../shared/testvectors');

describe('known-answer tests over every vector file', () => {
  it('finds the vector folder (a missing folder fails, it never skips)', () => {
    expect(existsSync(vectors), `missing ${vectors}`).toBe(true);
  });

  const results = existsSync(vectors) ? runKatChecks(vectors) : [];
  it('has a check for every vector file and for no file that is absent', () => {
    expect(results.map((r) => r.file).sort()).toEqual(Object.keys(KAT_CHECKS).sort());
  });

  for (const name of Object.keys(KAT_CHECKS)) {
    it(name, () => {
      const result = results.find((r) => r.file === name);
      expect(result, `${name} was not checked`).toBeDefined();
      expect(result!.failures).toEqual([]);
      expect(result!.checked).toBeGreaterThan(0);
    });
  }
});
