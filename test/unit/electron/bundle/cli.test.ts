import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/bundleCommand';
import { fingerprint } from '../../../../shared/identity/fingerprint';

// The command of `npm run cadre-bundle` (electron/cli/bundleCommand.ts), run in this process on its arguments with
// its output captured: a process of its own per call cost about a second of tsx's start each, twenty times over.
// The last test runs the real entry (tsx on electron/cli/cadreBundle.ts) as an administrator does: its streams and
// exit codes.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
let dir: string;
const at = (...p: string[]) => path.join(dir, ...p);

function command(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/cadreBundle.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

async function ok(...args: string[]) {
  const r = await cli(...args);
  expect(r.stderr, `${args[0]} failed`).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Non-zero, and exactly one line naming what failed, in Chinese and English. */
async function refused(pattern: RegExp, ...args: string[]) {
  const r = await cli(...args);
  expect(r.status).not.toBe(0);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
  expect(r.stderr).toMatch(pattern);
  return r.stderr;
}

const lines = '{"table":"cadres","record":{"id":"c1","name":"张三"}}\n{"table":"cadres","record":{"id":"c2","name":"李四"}}\n';
const photo = randomBytes(20_000);
const photoName = createHash('sha256').update(photo).digest('hex');
let idA = '';
let idB = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cadre-cli-'));
  mkdirSync(at('in', 'records'), { recursive: true });
  mkdirSync(at('in', 'blobs'), { recursive: true });
  writeFileSync(at('in', 'meta.json'), JSON.stringify({ schemaVersion: 3, seq: 4, scope: { units: ['u1'], tables: 'all' } }));
  writeFileSync(at('in', 'records', 'cadres.ndjson'), lines);
  writeFileSync(at('in', 'blobs', photoName), photo);
  writeFileSync(at('pass.txt'), '长长的口令 correct horse battery staple\n');
  writeFileSync(at('wrong.txt'), '错误的口令 wrong horse battery staple\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cadre-bundle', () => {
  it('identity new ×2, card, seal --to, inspect, open --trust', async () => {
    idA = /identity created: ([0-9a-f]{32})/.exec(await ok('identity', 'new', '--dir', at('A'), '--name', '新城区委组织部'))![1]!;
    idB = /identity created: ([0-9a-f]{32})/.exec(await ok('identity', 'new', '--dir', at('B'), '--name', '新城区教育局'))![1]!;
    await refused(/already holds an identity/, 'identity', 'new', '--dir', at('A'), '--name', 'again');
    await ok('card', '--dir', at('A'), '--out', at('A.card'));
    await ok('card', '--dir', at('B'), '--out', at('B.card'));
    expect(JSON.parse(readFileSync(at('A.card'), 'utf8'))).toMatchObject({ installationId: idA, name: '新城区委组织部' });

    await ok('seal', '--dir', at('A'), '--to', at('B.card'), '--in', at('in'), '--out', at('x.cadre'), '--part-size', '4000');
    expect(existsSync(at('x.cadre.002'))).toBe(true);

    const info = JSON.parse(await ok('inspect', at('x.cadre'))) as { header: { signerId: string; stanzas: { recipientId: string }[] } };
    expect(info.header.signerId).toBe(idA);
    expect(info.header.stanzas[0]!.recipientId).toBe(idB);

    const said = await ok('open', '--dir', at('B'), '--trust', at('A.card'), '--trust', at('B.card'), '--out', at('out'), at('x.cadre'));
    expect(said).toContain(fingerprint(idA));
    const meta = JSON.parse(readFileSync(at('out', 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ seq: 4, scope: { units: ['u1'], tables: 'all' }, destination: idB, source: { installationId: idA, name: '新城区委组织部' }, schemaVersion: 3 });
    expect(readFileSync(at('out', 'records', '0001.ndjson'), 'utf8')).toBe(lines);
    expect(readFileSync(at('out', 'blobs', photoName)).equals(photo)).toBe(true);
  }, 180_000);

  it('a tampered file: non-zero, one line, nothing written', async () => {
    const part = readFileSync(at('x.cadre.002'));
    part[1000]! ^= 0x40;
    writeFileSync(at('x.cadre.002'), part);
    await refused(/chunk \d+: authentication failed/, 'open', '--dir', at('B'), '--trust', at('A.card'), '--out', at('bad'), at('x.cadre'));
    expect(existsSync(at('bad'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
    part[1000]! ^= 0x40;
    writeFileSync(at('x.cadre.002'), part);
  }, 60_000);

  it('an unknown signer and the wrong recipient are named', async () => {
    await refused(new RegExp(`unknown signer ${fingerprint(idA)}`), 'open', '--dir', at('B'), '--trust', at('B.card'), '--out', at('o2'), at('x.cadre'));
    await refused(/not addressed to this installation/, 'open', '--dir', at('A'), '--trust', at('A.card'), '--out', at('o3'), at('x.cadre'));
  }, 60_000);

  it('seal and open with a passphrase file; a wrong one is refused', async () => {
    await ok('seal', '--dir', at('A'), '--passphrase-file', at('pass.txt'), '--in', at('in'), '--out', at('p.cadre'));
    await refused(/wrong passphrase/, 'open', '--passphrase-file', at('wrong.txt'), '--trust', at('A.card'), '--out', at('p-bad'), at('p.cadre'));
    await ok('open', '--passphrase-file', at('pass.txt'), '--trust', at('A.card'), '--out', at('p-out'), at('p.cadre'));
    expect(JSON.parse(readFileSync(at('p-out', 'meta.json'), 'utf8')).destination).toBeNull();
    expect(readFileSync(at('p-out', 'blobs', photoName)).equals(photo)).toBe(true);
  }, 120_000);

  it('refuses a blob file whose name is not a hash, and bad usage', async () => {
    mkdirSync(at('in2', 'blobs'), { recursive: true });
    writeFileSync(at('in2', 'meta.json'), JSON.stringify({ schemaVersion: 3 }));
    writeFileSync(at('in2', 'blobs', 'photo.jpg'), photo);
    await refused(/blob name/, 'seal', '--dir', at('A'), '--to', at('B.card'), '--in', at('in2'), '--out', at('y.cadre'));
    expect(existsSync(at('y.cadre'))).toBe(false);
    const usage = await cli('frobnicate');
    expect(usage.status).toBe(2);
    expect(usage.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 60_000);

  it('the command itself: the entry prints to its streams and exits 0 on success, 1 on a failure, 2 on bad usage', () => {
    const listed = command('inspect', at('x.cadre'));
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect((JSON.parse(listed.stdout) as { header: { signerId: string } }).header.signerId).toBe(idA);
    const failed = command('open', '--dir', at('B'), '--trust', at('B.card'), '--out', at('o4'), at('x.cadre'));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/unknown signer/);
    expect(failed.stdout).toBe('');
    expect(command('frobnicate').status).toBe(2);
  }, 60_000);
});
