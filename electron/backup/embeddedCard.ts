import { UserError } from '../../shared/errors';
import { BACKUP_CARD_TABLE } from '../../shared/contract/exchange';
import { fingerprint } from '../../shared/identity/fingerprint';
import type { EntrySink } from '../bundle/reader';
import { fail } from '../bundle/errors';
import { ENTRY } from '../bundle/container';
import { CardSchema, verifyCard, type Card } from '../keys/card';

// The contact card a backup carries (docs/architecture.md "Backup and restore"): the main process writes it as the
// first record line of every backup it seals, and reads it back when another installation's backup is opened (a
// replaced PC), to check the signature against it.

/** The first record line of a backup: who made it. */
export function backupCardLine(card: Card): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify({ table: BACKUP_CARD_TABLE, record: card })}\n`);
}

/** What a backup made before cards were carried in it says on another installation. */
export const NO_CARD_MESSAGE =
  '这个备份由另一台电脑制作，而且是旧版本程序制作的，其中没有那台电脑的联系卡，无法核实备份由谁制作，因此不能在本机恢复。' +
  '请在原来的电脑上用新版本程序重新备份后再恢复；原来的电脑已无法使用时，请联系系统管理员。';

/**
 * Finds a backup's contact card while pass 1 decrypts it (META, then the first line of the first RECORDS entry)
 * and gives the signer's key from it once everything has been read: only for a backup, only a card whose own
 * signature holds and whose installation is the bundle's signer.
 */
export function embeddedCard(): { sink: EntrySink; resolve: (signerId: string) => { signingKey: Buffer; name: string }; resolved: () => { signingKey: Buffer; name: string } | null } {
  const meta: Buffer[] = [];
  const first: Buffer[] = [];
  let firstDone = false;
  let resolved: { signingKey: Buffer; name: string } | null = null;
  const sink: EntrySink = {
    data: (entry, bytes) => {
      if (entry.kind === ENTRY.META) meta.push(Buffer.from(bytes));
      else if (entry.kind === ENTRY.RECORDS && !firstDone) {
        first.push(Buffer.from(bytes));
        if (bytes.includes(0x0a)) firstDone = true;
      }
    },
    end: (entry) => {
      if (entry.kind === ENTRY.RECORDS) firstDone = true;
    },
  };
  const resolve = (signerId: string) => {
    let kind: unknown;
    try {
      kind = (JSON.parse(Buffer.concat(meta).toString('utf8')) as { kind?: unknown }).kind;
    } catch {
      kind = null;
    }
    // only a backup carries its signer's card: any other bundle needs the signer trusted first, as always
    if (kind !== 'backup') throw fail.unknownSigner(fingerprint(signerId));
    const text = Buffer.concat(first).toString('utf8');
    let card: Card | null = null;
    try {
      const line = JSON.parse(text.slice(0, text.indexOf('\n'))) as { table?: unknown; record?: unknown };
      if (line.table === BACKUP_CARD_TABLE) card = CardSchema.parse(line.record);
    } catch {
      card = null;
    }
    if (!card) throw new UserError(NO_CARD_MESSAGE);
    const verified = verifyCard(card);
    if (verified.installationId !== signerId) throw new UserError('备份中的联系卡与备份的签名者不一致，文件可能被改动过，不能恢复。');
    resolved = { signingKey: verified.signingKey, name: verified.name };
    return resolved;
  };
  return { sink, resolve, resolved: () => resolved };
}

