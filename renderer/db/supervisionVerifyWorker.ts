import { digestRecords, type PartRequest } from './supervisionVerifyPart';

// The worker of 日志校验 (renderer/db/supervisionVerifyPart.ts): it opens the database itself and answers one
// request, the supervision records' digests, or the error that stopped it.

self.onmessage = async (event: MessageEvent<PartRequest>) => {
  try {
    self.postMessage({ kind: 'records', records: await digestRecords(indexedDB, event.data) });
  } catch (e) {
    self.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
