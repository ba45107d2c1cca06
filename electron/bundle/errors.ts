import { UserError } from '../../shared/errors';

/**
 * What failed while sealing or opening a bundle (docs/bundle-format.md "File layout"). The code is for programs
 * (tests, the import wizard), the two messages for people: the app shows the Chinese one, the command-line tool
 * prints both on one line.
 */
export type BundleFailure =
  | 'notBundle'
  | 'version'
  | 'suite'
  | 'header'
  | 'headerMac'
  | 'wrongRecipient'
  | 'wrongPassphrase'
  | 'keySize'
  | 'commitment'
  | 'chunk'
  | 'truncated'
  | 'trailing'
  | 'unknownSigner'
  | 'revokedSigner'
  | 'untrustedSigner'
  | 'badSignature'
  | 'meta'
  | 'manifest'
  | 'container'
  | 'blobName'
  | 'parts'
  | 'card'
  | 'input';

export interface BundleErrorDetail {
  /** the chunk index (from 0) for 'chunk' */
  chunk?: number;
  /** the signer's fingerprint for signer refusals */
  fingerprint?: string;
}

export class BundleError extends UserError {
  readonly chunk: number | undefined;
  readonly fingerprint: string | undefined;
  constructor(
    readonly code: BundleFailure,
    readonly zh: string,
    readonly en: string,
    detail: BundleErrorDetail = {},
  ) {
    super(zh);
    this.name = 'BundleError';
    this.chunk = detail.chunk;
    this.fingerprint = detail.fingerprint;
  }

  /** One line, Chinese then English: what the command-line tool prints. */
  line(): string {
    return `${this.zh} / ${this.en}`.replace(/[\r\n]+/g, ' ');
  }
}

const DAMAGED = '文件可能在复制时损坏或被篡改，请重新导出或重新复制后再试。';

/** The errors by name, so every message is written once. */
export const fail = {
  notBundle: () =>
    new BundleError('notBundle', '这不是干部交换包文件（文件开头不对）。请确认选择的是 .cadre 文件。', 'header: not a CadreDesk bundle (bad magic)'),
  version: (v: number) =>
    new BundleError('version', `交换包格式版本 ${v} 不受支持，请先升级本机软件。`, `header: unsupported format version ${v}`),
  suite: (s: number) =>
    new BundleError('suite', `交换包使用的加密算法组 ${s} 不受支持，请先升级本机软件。`, `header: unsupported cipher suite ${s}`),
  header: (zh: string, en: string) =>
    new BundleError('header', `交换包文件头有误：${zh}。${DAMAGED}`, `header: ${en}`),
  headerMac: () =>
    new BundleError('headerMac', `交换包文件头校验失败。${DAMAGED}`, 'header MAC: verification failed'),
  wrongRecipient: () =>
    new BundleError(
      'wrongRecipient',
      '这个交换包不是发给本机的，本机无法解开。请让对方用本机的联系卡重新导出。',
      'header: this bundle is not addressed to this installation',
    ),
  unwrapFailed: () =>
    new BundleError(
      'wrongRecipient',
      `无法用本机的密钥解开交换包。${DAMAGED}`,
      'header: the file key could not be unwrapped with this installation\'s key',
    ),
  wrongPassphrase: () =>
    new BundleError('wrongPassphrase', '口令不正确，无法解开交换包。请核对口令后重试。', 'header: wrong passphrase'),
  keySize: (n: number) =>
    new BundleError('keySize', `内部错误：密钥长度 ${n} 字节不对（应为 32 字节）。`, `payload: key must be 32 bytes, got ${n}`),
  commitment: () =>
    new BundleError('commitment', `交换包数据校验失败（密钥或数据不匹配）。${DAMAGED}`, 'payload: key commitment mismatch'),
  chunk: (i: number) =>
    new BundleError('chunk', `交换包第 ${i} 号数据块校验失败。${DAMAGED}`, `chunk ${i}: authentication failed`, { chunk: i }),
  truncated: (where: string) =>
    new BundleError('truncated', `交换包不完整（${where}），文件被截断了。请重新复制完整的文件。`, `truncated: ${where}`),
  trailing: () =>
    new BundleError('trailing', `交换包末尾有多余的数据。${DAMAGED}`, 'trailing data after the last chunk'),
  unknownSigner: (fp: string) =>
    new BundleError(
      'unknownSigner',
      `交换包的发送方（指纹 ${fp}）不在本机信任的单位中。请先导入对方的联系卡并核对指纹。`,
      `unknown signer ${fp}`,
      { fingerprint: fp },
    ),
  revokedSigner: (fp: string) =>
    new BundleError(
      'revokedSigner',
      `交换包的发送方（指纹 ${fp}）已被本机撤销信任，拒绝导入。`,
      `revoked signer ${fp}`,
      { fingerprint: fp },
    ),
  untrustedSigner: (fp: string) =>
    new BundleError(
      'untrustedSigner',
      `交换包的发送方（指纹 ${fp}）的指纹尚未核对确认。请先与对方核对指纹并确认信任。`,
      `signer ${fp} is not yet trusted (fingerprint not confirmed)`,
      { fingerprint: fp },
    ),
  badSignature: () =>
    new BundleError('badSignature', `交换包的签名不正确。${DAMAGED}`, 'bad signature'),
  meta: (zh: string, en: string) => new BundleError('meta', `交换包说明（meta.json）有误：${zh}。`, `meta: ${en}`),
  manifest: (zh: string, en: string) =>
    new BundleError('manifest', `交换包清单与内容不符：${zh}。${DAMAGED}`, `manifest: ${en}`),
  container: (zh: string, en: string) =>
    new BundleError('container', `交换包内容结构有误：${zh}。${DAMAGED}`, `container: ${en}`),
  blobName: (name: string) =>
    new BundleError(
      'blobName',
      `交换包里的附件名“${name.slice(0, 80)}”不是其内容的校验值，拒绝写入。${DAMAGED}`,
      `blob name is not its SHA-256: ${JSON.stringify(name.slice(0, 80))}`,
    ),
  parts: (zh: string, en: string) => new BundleError('parts', `交换包分卷有误：${zh}。`, `parts: ${en}`),
  card: (zh: string, en: string) => new BundleError('card', `联系卡无效：${zh}。`, `card: ${en}`),
  input: (zh: string, en: string) => new BundleError('input', zh, en),
};
