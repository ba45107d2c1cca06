// cadre-bundle: the administrators' command-line tool over the same modules the app uses (docs/bundle-format.md).
// This module is the command; cadreBundle.ts runs it on the process's arguments and streams.
//   npm run cadre-bundle -- identity new --dir D --name NAME
//   npm run cadre-bundle -- card --dir D --out FILE
//   npm run cadre-bundle -- seal --dir D (--to CARD | --passphrase-file F) --in CONTAINER_DIR --out FILE [--part-size BYTES]
//   npm run cadre-bundle -- open (--dir D | --passphrase-file F) --trust CARD ... --out DIR FILE
//   npm run cadre-bundle -- inspect FILE
// Exit 0 on success; otherwise non-zero and one line, Chinese then English, naming what failed.
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../shared/errors';
import { BundleError, fail } from '../bundle/errors';
import { inspectBundle, openBundle, type TrustDecision } from '../bundle/reader';
import { sealBundle } from '../bundle/writer';
import { writeFileAtomic } from '../fsAtomic';
import { buildCard, parseCard, recipientOf, serializeCard, type VerifiedCard } from '../keys/card';
import { loadOrCreateIdentity, type Identity } from '../keys/identity';
import { ContainerDirSink, readContainerDir } from './containerDir';

const USAGE = [
  'cadre-bundle identity new --dir D --name NAME',
  'cadre-bundle card --dir D --out FILE',
  'cadre-bundle seal --dir D (--to CARD | --passphrase-file F) --in CONTAINER_DIR --out FILE [--part-size BYTES]',
  'cadre-bundle open (--dir D | --passphrase-file F) --trust CARD ... --out DIR FILE',
  'cadre-bundle inspect FILE',
].join('\n');

const NAME_FILE = 'name.json';
const PARALLEL_FROM = 8 << 20;

class UsageError extends Error {}

/** Where the command writes: the process's streams when run, a buffer in the tests. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

type Say = (line: string) => void;

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** An existing identity (the tool never creates one except with `identity new`), and its name. */
async function loadIdentity(dir: string): Promise<{ identity: Identity; name: string }> {
  if (!existsSync(path.join(dir, 'identity.json')) || !existsSync(path.join(dir, 'private.key'))) {
    throw fail.input(
      `文件夹 ${dir} 中没有本机身份，请先运行 identity new。`,
      `identity: no identity in ${dir} (run "identity new" first)`,
    );
  }
  let identity: Identity;
  try {
    identity = await loadOrCreateIdentity(dir, null);
  } catch (error) {
    if (error instanceof UserError) throw fail.input(error.message, `identity: the key folder ${dir} is damaged`);
    throw error;
  }
  let name = identity.installationId;
  try {
    name = (JSON.parse(await fs.readFile(path.join(dir, NAME_FILE), 'utf8')) as { name: string }).name || name;
  } catch {
    /* a folder made by the app has no name file: the id stands in */
  }
  return { identity, name };
}

async function readCard(file: string): Promise<VerifiedCard> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw fail.input(`无法读取联系卡文件 ${file}。`, `card: cannot read ${file}`);
  }
  try {
    return parseCard(text);
  } catch (error) {
    if (error instanceof BundleError) {
      throw new BundleError('card', `${error.zh}（${file}）`, `${error.en} (${file})`);
    }
    throw error;
  }
}

async function readPassphrase(file: string): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw fail.input(`无法读取口令文件 ${file}。`, `passphrase: cannot read ${file}`);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (!passphrase) throw fail.input('口令文件是空的。', 'passphrase: the file is empty');
  return passphrase;
}

function need(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`missing --${option}`);
  return value;
}

async function identityNew(say: Say, dir: string, name: string): Promise<void> {
  if (existsSync(path.join(dir, 'identity.json')) || existsSync(path.join(dir, 'private.key'))) {
    throw fail.input(`文件夹 ${dir} 中已有本机身份，不会覆盖。`, `identity: ${dir} already holds an identity`);
  }
  const trimmed = name.trim();
  if (!trimmed) throw new UsageError('--name must not be empty');
  // No safeStorage outside Electron: the keys are kept in a file only this user may read.
  const identity = await loadOrCreateIdentity(dir, null);
  await writeFileAtomic(path.join(dir, NAME_FILE), `${JSON.stringify({ name: trimmed })}\n`);
  say(`已创建本机身份 / identity created: ${identity.installationId} ${identity.fingerprint}`);
}

async function card(say: Say, dir: string, out: string): Promise<void> {
  const { identity, name } = await loadIdentity(dir);
  await writeFileAtomic(out, serializeCard(buildCard(identity, name)), 0o644);
  say(`联系卡已写出 / card written: ${out} (${identity.fingerprint})`);
}

async function seal(say: Say, v: Record<string, string | string[] | boolean | undefined>): Promise<void> {
  const { identity, name } = await loadIdentity(need(v.dir as string, 'dir'));
  const to = v.to as string | undefined;
  const passFile = v['passphrase-file'] as string | undefined;
  if (!to === !passFile) throw new UsageError('give exactly one of --to and --passphrase-file');
  const partSize = v['part-size'] === undefined ? undefined : Number(v['part-size']);
  if (partSize !== undefined && !(Number.isSafeInteger(partSize) && partSize > 0)) {
    throw new UsageError('--part-size must be a positive whole number of bytes');
  }
  const input = await readContainerDir(need(v.in as string, 'in'), appVersion());
  const out = need(v.out as string, 'out');
  const result = await sealBundle({
    signer: { installationId: identity.installationId, name, signingPrivateKey: identity.signingPrivateKey },
    to: to ? { recipient: recipientOf(await readCard(to)) } : { passphrase: await readPassphrase(passFile!) },
    meta: input.meta,
    entries: input.entries,
    out,
    partSize,
    parallel: input.bytes >= PARALLEL_FROM,
  });
  say(
    `已封装 / sealed: ${result.parts.join(', ')} (${result.bytes} bytes, bundle ${result.bundleId}, sha256 ${result.bundleHash})`,
  );
}

async function open(say: Say, v: Record<string, string | string[] | boolean | undefined>, file: string): Promise<void> {
  const dir = v.dir as string | undefined;
  const passFile = v['passphrase-file'] as string | undefined;
  if (!dir === !passFile) throw new UsageError('give exactly one of --dir and --passphrase-file');
  const trustFiles = (v.trust as string[] | undefined) ?? [];
  if (trustFiles.length === 0) throw new UsageError('give at least one --trust CARD');
  const trusted = new Map<string, VerifiedCard>();
  for (const f of trustFiles) {
    const c = await readCard(f);
    trusted.set(c.installationId, c);
  }
  const out = need(v.out as string, 'out');
  const existing = await fs.readdir(out).catch(() => null);
  if (existing && existing.length > 0) {
    throw fail.input(`输出文件夹 ${out} 已存在且不是空的。`, `output: ${out} exists and is not empty`);
  }
  const unlock = dir
    ? await loadIdentity(dir).then(({ identity }) => ({
        kind: 'identity' as const,
        installationId: Buffer.from(identity.installationId, 'hex'),
        encryptionPrivateKey: identity.encryptionPrivateKey,
      }))
    : { kind: 'passphrase' as const, passphrase: await readPassphrase(passFile!) };
  const sink = await ContainerDirSink.create(out);
  try {
    const opened = await openBundle({
      file,
      unlock,
      sink,
      trust: (id): TrustDecision => {
        const c = trusted.get(id);
        return c ? { state: 'trusted', signingKey: c.signingKey, name: c.name } : { state: 'unknown' };
      },
    });
    await sink.commit(out);
    const counts = Object.entries(opened.manifest.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    const blobs = opened.manifest.entries.filter((e) => e.kind === 3).length;
    say(
      `已验证并解开 / opened and verified: ${out} — from ${opened.signer.name} (${opened.signer.fingerprint}), ` +
        `seq ${opened.meta.seq}, records: ${counts || 'none'}, blobs: ${blobs}, sha256 ${opened.bundleHash}`,
    );
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

async function inspect(say: Say, file: string): Promise<void> {
  const info = await inspectBundle(file);
  say(JSON.stringify(info, null, 2));
}

export async function main(
  argv: string[],
  output: CommandOutput = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
): Promise<number> {
  const say: Say = (line) => output.stdout(`${line}\n`);
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        dir: { type: 'string' },
        name: { type: 'string' },
        out: { type: 'string' },
        to: { type: 'string' },
        'passphrase-file': { type: 'string' },
        in: { type: 'string' },
        'part-size': { type: 'string' },
        trust: { type: 'string', multiple: true },
      },
    });
    const [verb, ...rest] = positionals;
    if (verb === 'identity' && rest[0] === 'new' && rest.length === 1) {
      await identityNew(say, need(values.dir, 'dir'), need(values.name, 'name'));
    } else if (verb === 'card' && rest.length === 0) {
      await card(say, need(values.dir, 'dir'), need(values.out, 'out'));
    } else if (verb === 'seal' && rest.length === 0) {
      await seal(say, values);
    } else if (verb === 'open' && rest.length === 1) {
      await open(say, values, rest[0]!);
    } else if (verb === 'inspect' && rest.length === 1) {
      await inspect(say, rest[0]!);
    } else {
      throw new UsageError(verb ? `unknown command or arguments: ${positionals.join(' ')}` : 'no command given');
    }
    return 0;
  } catch (error) {
    if (error instanceof BundleError) {
      output.stderr(`${error.line()}\n`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.stderr(`用法错误：${(error as Error).message} / usage: ${USAGE.replace(/\n/g, ' | ')}\n`);
      return 2;
    }
    if (error instanceof UserError) {
      output.stderr(`${error.message} / error: ${error.message}\n`.replace(/\n(?!$)/g, ' '));
      return 1;
    }
    const io = error as NodeJS.ErrnoException;
    if (typeof io.code === 'string' && io.syscall) {
      output.stderr(`无法访问文件 ${io.path ?? ''}（${io.code}）/ io: ${io.syscall} ${io.path ?? ''} ${io.code}\n`);
      return 1;
    }
    const message = (error as Error).message?.split('\n')[0] ?? String(error);
    output.stderr(`内部错误：${message} / internal error: ${message}\n`);
    return 3;
  }
}
