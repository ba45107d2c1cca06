// LRMX / LRM interchange (docs/domain.md "Interchange formats"): pure parsing, building and the dossier mapping.
export * from './schema';
export { LrmxError, type LrmxErrorKind } from './errors';
export { parseLrmx } from './parse';
export { buildLrmx } from './build';
export { parseLrm, withLrmPhoto } from './lrm';
export { decodeInterchangeBytes, type DetectedEncoding, type TextDecoderEffect } from './encoding';
export { encodeBase64, decodeBase64 } from './base64';
export { readLrmxMonth, writeLrmxMonth } from './dates';
export { parseResume, formatResume } from './resume';
export * from './mapping';
export { formatOf, pairInterchangeFiles, readInterchangeFile, type InterchangeFile, type InterchangeFormat } from './files';
