import type { BundleMeta } from './bundleMeta';

// Whether an incoming bundle may be imported, from its META and what the ledger holds (docs/bundle-format.md
// "Sync in this code"). Pure: the renderer looks the ledger up and passes what it found.

/** What the ledger knows of the bundle's stream: its last imported bundle, if any. */
export interface StreamTip {
  bundleId: string;
  seq: number;
  hash: string;
}

export type LedgerDecision =
  /** This bundleId was imported before: nothing to do, nothing changes. */
  | { kind: 'already'; message: string }
  /** Refused, with the reason in Chinese (replay, fork, a bundle of another kind or for another installation). */
  | { kind: 'refuse'; reason: 'replay' | 'fork' | 'backup' | 'destination' | 'own' | 'demo' | 'newer'; message: string }
  /** Later bundles of the stream were skipped (lost or not yet imported): allowed, and the user is told. */
  | { kind: 'gap'; missing: { from: number; to: number }; message: string }
  /** The next bundle of its stream (or the first one seen). */
  | { kind: 'next' };

export interface LedgerContext {
  /** This installation's id. */
  self: string;
  /** The database schema version this program writes. */
  schemaVersion: number;
  /** Whether the ledger holds the bundle's id. */
  known: boolean;
  /** The last bundle imported on the bundle's stream. */
  tip: StreamTip | undefined;
}

const range = (from: number, to: number) => (from === to ? `第 ${from} 号` : `第 ${from}–${to} 号`);

/** The ledger's rules, in the order docs/bundle-format.md gives them, after the checks of META itself. */
export function ledgerDecision(meta: BundleMeta, ctx: LedgerContext): LedgerDecision {
  if (ctx.known) return { kind: 'already', message: '该数据包已经导入过，本次导入不会更改任何数据。' };
  if (meta.demo) {
    return { kind: 'refuse', reason: 'demo', message: '该数据包来自载有演示数据的电脑，演示数据不得进入实际数据库，已拒绝导入。请对方清除演示数据后重新导出。' };
  }
  if (meta.kind === 'backup') {
    return { kind: 'refuse', reason: 'backup', message: '这是一个备份文件，不是交换数据包，只能在“恢复数据”中使用。' };
  }
  if (meta.source.installationId === ctx.self) {
    return { kind: 'refuse', reason: 'own', message: '这是本机自己导出的数据包，不能导入本机。请在接收方电脑上导入。' };
  }
  if (meta.destination !== null && meta.destination !== ctx.self) {
    return { kind: 'refuse', reason: 'destination', message: '该数据包是发给另一台电脑的，不能在本机导入。请让对方重新导出给本机。' };
  }
  if (meta.schemaVersion > ctx.schemaVersion) {
    return {
      kind: 'refuse',
      reason: 'newer',
      message: `该数据包由较新版本的软件（${meta.appVersion}）导出，本机软件无法读取。请先将本机软件升级到 ${meta.appVersion} 版本，再导入。`,
    };
  }
  const last = ctx.tip?.seq ?? 0;
  if (ctx.tip && meta.seq <= last) {
    return {
      kind: 'refuse',
      reason: 'replay',
      message: `该数据包的序号为 ${meta.seq}，本机已导入过同一来源的第 ${last} 号数据包，它是旧的或被重复使用的数据包，已拒绝导入。请让对方重新导出最新的数据包。`,
    };
  }
  if (ctx.tip && meta.seq === last + 1 && meta.prevBundleHash !== ctx.tip.hash) {
    return {
      kind: 'refuse',
      reason: 'fork',
      message: `该数据包（第 ${meta.seq} 号）与本机已导入的第 ${last} 号数据包接不上，可能是对方的数据库被恢复或复制过，已拒绝导入。请联系对方核实后重新导出。`,
    };
  }
  if (meta.seq > last + 1) {
    const missing = { from: last + 1, to: meta.seq - 1 };
    return {
      kind: 'gap',
      missing,
      message: `同一来源的${range(missing.from, missing.to)}数据包没有在本机导入过（可能丢失或尚未导入）。本数据包包含对方至今未确认收到的全部修改，可以照常导入。`,
    };
  }
  return { kind: 'next' };
}
