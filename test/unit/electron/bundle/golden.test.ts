import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../../electron/bundle/reader';
import {
  GOLDEN_BUNDLES,
  GOLDEN_DIR,
  generateGoldenBundles,
  keysOf,
  readKeys,
  readPlaintext,
  type GoldenKeys,
} from '../../../fixtures/bundles/generate';
import { recordingSink, tempDir } from './helpers';

// Bundles committed to the repository with their keys and plaintext: every later version must open them.

let keys: GoldenKeys;
let plain: Awaited<ReturnType<typeof readPlaintext>>;
const expected = JSON.parse(readFileSync(path.join(GOLDEN_DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { bundleId: string; bundleHash: string; parts: number }
>;

beforeAll(async () => {
  keys = await readKeys();
  plain = await readPlaintext();
});

describe('golden bundles', () => {
  it('lists every golden bundle in expected.json', () => {
    expect(Object.keys(expected).sort()).toEqual([...GOLDEN_BUNDLES].sort());
  });

  for (const name of GOLDEN_BUNDLES) {
    it(`opens ${name} with the committed keys and gives back the committed plaintext`, async () => {
      const sender = keysOf(keys.sender);
      const recipient = keysOf(keys.recipient);
      const rec = recordingSink();
      const opened = await openBundle({
        file: path.join(GOLDEN_DIR, name),
        unlock:
          name === 'passphrase.cadre'
            ? { kind: 'passphrase', passphrase: keys.passphrase }
            : { kind: 'identity', installationId: Buffer.from(keys.recipient.installationId, 'hex'), encryptionPrivateKey: recipient.encryptionPrivateKey },
        trust: (id) =>
          id === keys.sender.installationId ? { state: 'trusted', signingKey: sender.signingKey, name: keys.sender.name } : { state: 'unknown' },
        sink: rec.sink,
      });
      expect(opened.bundleHash).toBe(expected[name]!.bundleHash);
      expect(opened.parts).toHaveLength(expected[name]!.parts);
      expect(opened.meta).toMatchObject({
        ...plain.meta,
        kind: name === 'parts.cadre' ? 'incremental' : plain.meta.kind,
        bundleId: expected[name]!.bundleId,
        source: { installationId: keys.sender.installationId, name: keys.sender.name },
        destination: name === 'passphrase.cadre' ? null : keys.recipient.installationId,
        createdAt: keys.createdAt,
      });
      const names = rec.entries.map((e) => e.entry.name).filter((n) => n !== 'meta.json');
      expect(names).toEqual([...plain.files.keys()]);
      for (const [file, bytes] of plain.files) expect(rec.content(file).equals(bytes), file).toBe(true);
      expect(opened.manifest.counts).toEqual({ cadres: 40, units: 1 });
    });
  }

  describe('regenerated from keys.json and plaintext/', () => {
    let out: { dir: string; cleanup: () => void };
    beforeAll(async () => {
      out = tempDir('cadre-golden-');
      await generateGoldenBundles(out.dir);
    });
    afterAll(() => out.cleanup());
    it('the writer still makes the same bytes (if it changed on purpose, add new goldens; keep the old)', () => {
      const committed = readdirSync(GOLDEN_DIR).filter((f) => /\.cadre(\.\d{3})?$/.test(f)).sort();
      expect(readdirSync(out.dir).filter((f) => /\.cadre(\.\d{3})?$/.test(f)).sort()).toEqual(committed);
      for (const f of committed) {
        expect(readFileSync(path.join(out.dir, f)).equals(readFileSync(path.join(GOLDEN_DIR, f))), f).toBe(true);
      }
    });
  });
});
