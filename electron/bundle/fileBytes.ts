import { promises as fs } from 'node:fs';

/**
 * A file's bytes, read into two buffers used in turn: a piece is valid only until the next one is asked for. The
 * bundle writer copies what it keeps (into the cipher, the hashes and the record counter), so this is the source
 * for entries read from disk. A stream that allocates a fresh 1 MiB buffer per read costs more than the encryption
 * itself (the memory is faulted in anew each time: docs/bundle-format.md "Writing a bundle"). The next piece is
 * read while the caller works on this one, into the other buffer.
 */
export async function* fileBytes(file: string, bufferSize = 1 << 20): AsyncGenerator<Uint8Array> {
  const handle = await fs.open(file, 'r');
  const buffers: [Buffer, Buffer] = [take(bufferSize), take(bufferSize)];
  let position = 0;
  const readInto = (buffer: Buffer) => {
    const at = position;
    const read = handle.read(buffer, 0, buffer.length, at).then(({ bytesRead }) => {
      position = at + bytesRead;
      return buffer.subarray(0, bytesRead);
    });
    read.catch(() => undefined);
    return read;
  };
  let turn = 0;
  let next: Promise<Buffer> | null = readInto(buffers[0]);
  try {
    for (;;) {
      const piece: Buffer = await next;
      next = null;
      if (piece.length === 0) return;
      turn ^= 1;
      // The other buffer is free: the caller asked for this piece, so it is done with the one before.
      next = readInto(turn === 0 ? buffers[0] : buffers[1]);
      yield piece;
    }
  } finally {
    if (next) await next.catch(() => undefined);
    await handle.close();
    spare.push(...buffers);
    spare.splice(0, spare.length - MAX_SPARE);
  }
}

/**
 * Buffers kept from one file to the next: an export reads thousands of files, and fresh memory costs a page fault
 * per 4 KiB on first touch (it showed as system time when each file had buffers of its own).
 */
const spare: Buffer[] = [];
const MAX_SPARE = 4;

function take(size: number): Buffer {
  const i = spare.findIndex((b) => b.length === size);
  return i >= 0 ? spare.splice(i, 1)[0]! : Buffer.allocUnsafeSlow(size);
}

/**
 * A file as an entry's bytes. The bundle writer reads it straight into the sealing engine's memory (no buffer of
 * its own in between: docs/bundle-format.md "Speed"); iterated, it gives the file's pieces as fileBytes does.
 */
export class FileSource implements AsyncIterable<Uint8Array> {
  constructor(readonly path: string) {}

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return fileBytes(this.path)[Symbol.asyncIterator]();
  }
}
