import { base32, hexToBytes } from './base32';

/**
 * What people read aloud to compare installations (docs/bundle-format.md#installation-id-and-fingerprint):
 * base32 of the 16-byte installation id, in groups of four joined by '-'.
 */
export function fingerprint(installationIdHex: string): string {
  if (!/^[0-9a-f]{32}$/.test(installationIdHex)) throw new Error('installation id must be 32 lowercase hex');
  return base32(hexToBytes(installationIdHex)).match(/.{1,4}/g)!.join('-');
}
