// Passphrases for backups and passphrase bundles (docs/bundle-format.md "Stanzas"): the file is only as safe as
// its passphrase, and it travels on a USB stick. Refused with a reason a person can act on; a generated one is
// offered instead.

export const MIN_PASSPHRASE_LENGTH = 12;
/** Below this estimate a passphrase is refused even when long enough ("aaaaaaaaaaaa", "123456789012"). */
export const MIN_PASSPHRASE_BITS = 50;

const classOf = (ch: string): 'digit' | 'lower' | 'upper' | 'cjk' | 'other' => {
  if (/\d/.test(ch)) return 'digit';
  if (/[a-z]/.test(ch)) return 'lower';
  if (/[A-Z]/.test(ch)) return 'upper';
  if (/[\u3400-\u9fff]/.test(ch)) return 'cjk';
  return 'other';
};
const ALPHABET: Record<ReturnType<typeof classOf>, number> = { digit: 10, lower: 26, upper: 26, cjk: 3000, other: 33 };

/**
 * A rough strength estimate in bits: the characters' alphabet size per character, counting a run of repeated
 * or consecutive characters ("aaaa", "1234", "abcd") as one.
 */
export function passphraseBits(passphrase: string): number {
  const chars = [...passphrase];
  const classes = new Set(chars.map(classOf));
  const alphabet = [...classes].reduce((n, c) => n + ALPHABET[c], 0);
  let effective = 0;
  chars.forEach((ch, i) => {
    const prev = i > 0 ? chars[i - 1]!.codePointAt(0)! : NaN;
    const step = ch.codePointAt(0)! - prev;
    if (!(step === 0 || step === 1 || step === -1)) effective++;
  });
  return Math.round(effective * Math.log2(Math.max(alphabet, 2)));
}

/** Why a passphrase cannot be used, in Chinese, or null when it can. */
export function passphraseProblem(passphrase: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `口令至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符`;
  if (passphrase.trim() !== passphrase) return '口令的开头和结尾不能是空格';
  if (passphraseBits(passphrase) < MIN_PASSPHRASE_BITS) return '口令太简单（重复或连续的字符、只用一种字符），请混合使用字母、数字和符号，或点“生成口令”';
  return null;
}

// no 0/O, 1/I/L: read aloud or copied by hand without mistakes
const GENERATED = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Four groups of four characters (about 79 bits), from the random bytes given (crypto.getRandomValues). */
export function generatePassphrase(random: (bytes: Uint8Array) => Uint8Array): string {
  const out: string[] = [];
  while (out.length < 16) {
    for (const b of random(new Uint8Array(32))) {
      // rejection sampling: no bias towards the first letters
      if (b < 256 - (256 % GENERATED.length) && out.length < 16) out.push(GENERATED[b % GENERATED.length]!);
    }
  }
  return [0, 4, 8, 12].map((i) => out.slice(i, i + 4).join('')).join('-');
}
