import { promises as fs } from 'node:fs';

/**
 * A file's bytes, read into one buffer that is reused for every piece: a piece is valid only until the next one is
 * asked for. The bundle writer copies what it keeps (into the cipher, the hashes and the record counter), so this is
 * the source for entries read from disk. A stream that allocates a fresh 1 MiB buffer per read costs more than the
 * encryption itself (the memory is faulted in anew each time: docs/bundle-format.md "Writing a bundle").
 */
export async function* fileBytes(file: string, bufferSize = 1 << 20): AsyncGenerator<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(bufferSize);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
