import { createHash, type Hash } from 'node:crypto';

// The three SHA-256 passes a bundle needs (docs/bundle-format.md "Plaintext container" and "Bundle hash"): the
// signature's hash over all entry bytes, each entry's own hash for the manifest, and the bundle hash over the
// file's bytes, in this thread. Large bundles are sealed and opened on two workers that keep these hashes there
// (cryptoWorker.ts); these are for small ones, where starting the workers would cost more.

/** Lanes: which running hashes a piece of bytes goes into. */
export const LANE = { signature: 0, entry: 1, file: 2 } as const;
type Lane = (typeof LANE)[keyof typeof LANE];

export interface Hashing {
  /** Entry header bytes: the signature hash only. */
  entryHeader(bytes: Uint8Array): void;
  /** Entry content: the signature hash and the current entry's hash. */
  content(bytes: Uint8Array): void;
  /** Ends the current entry's own hash: its digest joins the list entryDigests() gives. */
  endEntry(): void;
  /** The file's bytes, as written or read (not hashed when created without the bundle hash). */
  file(bytes: Uint8Array): void;
  /** The file's bytes in a buffer from takeBuffer() that the caller is done with: it goes back to the pool. */
  fileOwned(bytes: Buffer): void;
  /** A 1 MiB buffer to read or write the file's bytes in; give it back through fileOwned(). */
  takeBuffer(): Buffer;
  /** Digests of the entries ended so far, in order (each entry's digest is returned once). */
  entryDigests(): Promise<Buffer[]>;
  signatureDigest(): Promise<Buffer>;
  fileDigest(): Promise<Buffer>;
  /** Resolves when the hashes have caught up enough that memory stays bounded (at once, in this thread). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The size of the buffers passed around: outboxes, file reads, output batches. */
export const BUFFER_SIZE = 1 << 20;

class InThreadHashing implements Hashing {
  private readonly lanes: Hash[] = [createHash('sha256'), createHash('sha256'), createHash('sha256')];
  constructor(private readonly hashFile: boolean) {}
  private done: Buffer[] = [];
  entryHeader(bytes: Uint8Array) {
    this.lanes[LANE.signature]!.update(bytes);
  }
  content(bytes: Uint8Array) {
    this.lanes[LANE.signature]!.update(bytes);
    this.lanes[LANE.entry]!.update(bytes);
  }
  endEntry() {
    this.done.push(this.lanes[LANE.entry]!.digest());
    this.lanes[LANE.entry] = createHash('sha256');
  }
  file(bytes: Uint8Array) {
    if (this.hashFile) this.lanes[LANE.file]!.update(bytes);
  }
  private readonly spare: Buffer[] = [];
  fileOwned(bytes: Buffer) {
    this.file(bytes);
    if (bytes.buffer.byteLength === BUFFER_SIZE && this.spare.length < 8) {
      this.spare.push(Buffer.from(bytes.buffer, 0, BUFFER_SIZE));
    }
  }
  takeBuffer() {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(BUFFER_SIZE);
  }
  async entryDigests() {
    const out = this.done;
    this.done = [];
    return out;
  }
  private digestLane(lane: Lane): Buffer {
    const d = this.lanes[lane]!.digest();
    this.lanes[lane] = createHash('sha256');
    return d;
  }
  async signatureDigest() {
    return this.digestLane(LANE.signature);
  }
  async fileDigest() {
    if (!this.hashFile) throw new Error('created without the bundle hash');
    return this.digestLane(LANE.file);
  }
  async drain() {}
  async close() {}
}

/**
 * The three hashes in this thread: small bundles, and the in-thread engines (sealEngine.ts, reader.ts). Without
 * `hashFile` the file's bytes are not hashed (the bundle hash is taken elsewhere) and fileDigest() is an error.
 */
export function createHashing(hashFile = true): Hashing {
  return new InThreadHashing(hashFile);
}
