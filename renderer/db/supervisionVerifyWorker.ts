import { verifyPart, type PartRequest } from './supervisionVerifyPart';

// The worker of 日志校验 (renderer/db/supervisionVerifyPart.ts): it opens the database itself and answers one
// request, the records' digests and what it found in its part of the log, or the error that stopped it.

self.onmessage = async (event: MessageEvent<PartRequest>) => {
  try {
    self.postMessage({ kind: 'part', reply: await verifyPart(indexedDB, event.data) });
  } catch (e) {
    self.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
