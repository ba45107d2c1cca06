import { VerifySession, type RecordToCompare, type VerifyReply, type VerifyRequest } from '../../shared/rules/supervisionChainVerify';

// Where verification of the supervision log runs (docs/supervision.md "Performance"): in a worker, so the hashes
// are recomputed on the other core while the window reads the next blocks and digests the records; in the thread
// where there is no worker (unit tests) or the worker fails. Both run the same VerifySession on the same requests.

/** A verification's requests, answered in order. */
export interface VerifyChannel {
  send(request: VerifyRequest): Promise<VerifyReply>;
  close(): void;
}

/** The worker could not be used: verification starts again in the thread. */
export class WorkerFailed extends Error {}

export function inThread(): VerifyChannel {
  const session = new VerifySession();
  // handled at once, as the request is made: the thread hashes while IndexedDB fetches the next page
  return { send: async (request) => session.handle(request), close: () => undefined };
}

/** A channel to a new verifying worker, or null where there are no workers. */
export function inWorker(): VerifyChannel | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./supervisionVerifyWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  const waiting: { resolve: (reply: VerifyReply) => void; reject: (e: Error) => void }[] = [];
  let failure: WorkerFailed | null = null;
  const fail = (message: string) => {
    failure ??= new WorkerFailed(message);
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.onmessage = (event: MessageEvent<VerifyReply | { kind: 'error'; message: string }>) => {
    const reply = event.data;
    if (reply.kind === 'error') fail(reply.message);
    else waiting.shift()?.resolve(reply);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || 'the verifying worker failed');
  };
  worker.onmessageerror = () => fail('a message to the verifying worker could not be read');
  return {
    send: (request) =>
      failure
        ? Promise.reject(failure)
        : new Promise((resolve, reject) => {
            waiting.push({ resolve, reject });
            worker.postMessage(request);
          }),
    close: () => worker.terminate(),
  };
}

/** Lets the window's other work (IndexedDB's answers, the worker's) run between slices of a long loop. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type { RecordToCompare };
