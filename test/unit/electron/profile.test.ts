import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../electron/profile';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cadredesk-profile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PROFILE = { name: '新城区教育局', type: 'unit', operator: '李四', unitId: 'u-1' } as const;

describe('createProfileStore', () => {
  it('reads null before anything is written', async () => {
    expect(await createProfileStore(dir).read()).toBeNull();
  });

  it('writes profile.json (0600) and reads it back, also from a new store', async () => {
    await createProfileStore(dir).write(PROFILE);
    expect(JSON.parse(readFileSync(path.join(dir, 'profile.json'), 'utf8'))).toEqual(PROFILE);
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'profile.json')).mode & 0o777).toBe(0o600);
    expect(await createProfileStore(dir).read()).toEqual(PROFILE);
  });

  it('a profile.json of the wrong shape reads as null', async () => {
    writeFileSync(path.join(dir, 'profile.json'), JSON.stringify({ ...PROFILE, type: 'boss' }));
    expect(await createProfileStore(dir).read()).toBeNull();
  });

  it('an unreadable (truncated) profile.json reads as null, so the first-run screen can ask again', async () => {
    writeFileSync(path.join(dir, 'profile.json'), '{"name": "新城');
    expect(await createProfileStore(dir).read()).toBeNull();
  });

  it('strips unknown keys when reading', async () => {
    writeFileSync(path.join(dir, 'profile.json'), JSON.stringify({ ...PROFILE, extra: 1 }));
    expect(await createProfileStore(dir).read()).toEqual(PROFILE);
  });
});
