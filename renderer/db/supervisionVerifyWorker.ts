import { VerifySession, type VerifyRequest } from '../../shared/rules/supervisionChainVerify';

// The worker that recomputes the supervision log's hashes while the window reads the next blocks from IndexedDB and
// digests the records (docs/supervision.md "Performance"). It holds no database: the window sends it the blocks as
// read, in order, and it answers each request in turn (VerifySession).

const session = new VerifySession();
self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  try {
    self.postMessage(session.handle(event.data));
  } catch (e) {
    self.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
