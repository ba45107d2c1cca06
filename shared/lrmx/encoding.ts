// Which encoding an interchange file is in. LRMX should be UTF-8, but files saved by older tools are GBK (often
// declared encoding="GB2312"), and .lrm files usually are. The decoder is an effect so shared/ stays pure: the
// renderer passes TextDecoder — `(b, e) => new TextDecoder(e, { fatal: e === 'utf-8' }).decode(b)`.

export type TextDecoderEffect = (bytes: Uint8Array, encoding: 'utf-8' | 'gbk') => string;
export type DetectedEncoding = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const parts: string[] = [];
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
    if (units.length === 8192) parts.push(String.fromCharCode(...units.splice(0)));
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}

/**
 * Decodes a file's bytes: a byte-order mark decides when there is one (UTF-8, or UTF-16, which Windows tools
 * call "Unicode"); otherwise strict UTF-8 is tried first, since GBK text is almost never valid UTF-8, and GBK
 * is the fallback (it is what a declaration of GB2312 means in practice). The decoder must throw on bytes that
 * are not valid UTF-8. The text comes back without the mark.
 */
export function decodeInterchangeBytes(bytes: Uint8Array, decode: TextDecoderEffect): { text: string; encoding: DetectedEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(bytes.subarray(2), true), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(bytes.subarray(2), false), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: stripBom(decode(body, 'utf-8')), encoding: 'utf-8' };
  } catch {
    return { text: stripBom(decode(body, 'gbk')), encoding: 'gbk' };
  }
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
