import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeInterchangeBytes, type TextDecoderEffect } from '../../../../shared/lrmx';

// Hand-made sample files (test/fixtures/lrmx) and the decoder the renderer passes: TextDecoder, fatal for UTF-8.

export const fixtureBytes = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/lrmx/${name}`, import.meta.url))));

export const textDecoder: TextDecoderEffect = (bytes, encoding) => new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(bytes);

export const fixtureText = (name: string) => decodeInterchangeBytes(fixtureBytes(name), textDecoder).text;

export const TODAY = '2025-06-15';
