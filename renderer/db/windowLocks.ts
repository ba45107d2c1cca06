// Web Locks between the app's windows (docs/architecture.md "Backup and restore"). Every window — the main one and
// each print window — runs the same start-up, which finishes off what a closed window left half done (a demo load,
// a restore). Work that a start must not mistake for abandoned holds a lock while it runs; the start's clean-up
// runs only when nobody holds it.

/** The part of the Web Locks API used here (absent in jsdom: then there is one window and nothing to guard). */
export interface Locks {
  request<T>(name: string, options: { ifAvailable: true }, fn: (lock: unknown) => Promise<T>): Promise<T>;
  request<T>(name: string, fn: (lock: unknown) => Promise<T>): Promise<T>;
}

export const browserLocks = (): Locks | undefined => (globalThis.navigator as { locks?: Locks } | undefined)?.locks;

/** Runs `work` holding the lock `name` (waiting for it if another window holds it); without `locks`, just runs it. */
export function holding<T>(name: string, work: () => Promise<T>, locks: Locks | undefined): Promise<T> {
  return locks ? locks.request(name, () => work()) : work();
}

/** Runs `work` holding the lock `name` if nobody holds it now; otherwise does nothing and gives `otherwise`. */
export function unlessHeld<T>(name: string, work: () => Promise<T>, otherwise: T, locks: Locks | undefined): Promise<T> {
  if (!locks) return work();
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : Promise.resolve(otherwise)));
}
