// @vitest-environment node
// (the encoder's arrays and the expected ones must come from the same realm to compare)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ndjsonBytes, ndjsonLines } from '../../../renderer/sync/ndjsonBytes';

describe('ndjsonBytes', () => {
  it('gives exactly the UTF-8 of the joined lines, in a buffer of its own length', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 })), (lines) => {
        const bytes = ndjsonBytes(lines);
        expect(bytes).toEqual(new TextEncoder().encode(lines.join('')));
        expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      }),
    );
  });

  it('encodes Chinese, astral characters and lone surrogates as TextEncoder does', () => {
    const lines = ['{"name":"王芳"}\n', '𠮷野家\n', 'a\uD800b\n', ''];
    expect(ndjsonBytes(lines)).toEqual(new TextEncoder().encode(lines.join('')));
    expect(ndjsonBytes([]).byteLength).toBe(0);
  });
});

describe('ndjsonLines', () => {
  it('gives the non-empty lines of the decoded text, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }).map((l) => l.replaceAll('\n', ''))), fc.boolean(), (lines, lastNewline) => {
        const text = lines.join('\n') + (lastNewline ? '\n' : '');
        expect([...ndjsonLines(new TextEncoder().encode(text))]).toEqual(text.split('\n').filter((l) => l !== ''));
      }),
    );
  });

  it('reads what ndjsonBytes wrote', () => {
    const lines = ['{"table":"cadres","record":{"name":"王芳"}}', '{"table":"units","record":{"name":"𠮷"}}'];
    expect([...ndjsonLines(ndjsonBytes(lines.map((l) => `${l}\n`)))]).toEqual(lines);
  });
});
