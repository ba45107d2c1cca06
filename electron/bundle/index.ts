/**
 * Exchange bundles (`.cadre` files): how installations carry records and blobs to each other on USB sticks
 * (docs/bundle-format.md; docs/architecture.md "Exchange between machines").
 *
 * Layers, each its own module:
 * - primitives.ts — X25519, Ed25519, HKDF, scrypt, AES-GCM key wrapping, on algorithms Electron's BoringSSL has.
 * - chunked.ts — the payload layer, Cobblestone-256: sealChunked/openChunked and streaming forms; no byte of a
 *   chunk is released before its tag verifies.
 * - header.ts — magic, version, recipient and passphrase stanzas, the header MAC.
 * - container.ts — the entries inside the payload (META, RECORDS, BLOB, MANIFEST, SIGNATURE) and their rules.
 * - hashing.ts — the signature, entry and bundle hashes, on a worker thread for large bundles.
 * - parts.ts — FAT32-sized parts, written as `.partial` and renamed once flushed.
 * - writer.ts / reader.ts — streaming seal and open with constant memory; the reader decides the signer's trust
 *   from the header before any decryption, and checks manifest and signature at the end.
 * - errors.ts — BundleError: a code for programs, a Chinese and an English message for people.
 * Keys and peers live in electron/keys/ (identity.ts, card.ts, peers.ts); the command-line tool in electron/cli/.
 */
export { BundleError, type BundleFailure } from './errors';
export { sealChunked, openChunked, createSealChunkedStream, createOpenChunkedStream } from './chunked';
export { sealBundle, type SealOptions, type SealResult, type EntrySource, type MetaInput } from './writer';
export { openBundle, inspectBundle, type OpenOptions, type OpenedBundle, type EntrySink, type TrustResolver } from './reader';
export { type Manifest } from './container';
