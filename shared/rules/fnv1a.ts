// FNV-1a, 32 bits, over a text's UTF-16 code units: a cheap, stable hash where no adversary chooses the input (the
// generator's seeds, the classes' cadre keys). Stored values depend on it: it never changes.

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
