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

  it('decodes lines across its 64 KiB chunks whole: long lines, multi-byte characters at the edges, empty lines', () => {
    const piece = fc.record({ length: fc.integer({ min: 0, max: 40_000 }), char: fc.constantFrom('a', '王', '𠮷', '"é"') });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, lastNewline) => {
        const lines = pieces.map(({ length, char }, i) => `${i}${char.repeat(length)}`);
        const text = lines.join('\n') + (lastNewline ? '\n' : '');
        expect([...ndjsonLines(new TextEncoder().encode(text))]).toEqual(lines);
      }),
      { numRuns: 60 },
    );
    // a line of 200,000 bytes, and newlines only
    const long = '王'.repeat(66_667);
    expect([...ndjsonLines(new TextEncoder().encode(`a\n${long}\n\n\nb`))]).toEqual(['a', long, 'b']);
    expect([...ndjsonLines(new TextEncoder().encode('\n'.repeat(70_000)))]).toEqual([]);
  });

  it('reads what ndjsonBytes wrote', () => {
    const lines = ['{"table":"cadres","record":{"name":"王芳"}}', '{"table":"units","record":{"name":"𠮷"}}'];
    expect([...ndjsonLines(ndjsonBytes(lines.map((l) => `${l}\n`)))]).toEqual(lines);
  });
});
