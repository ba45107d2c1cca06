import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession, writeContextOf } from '../../../renderer/stores/session';
import type { AppInfo } from '../../../shared/domain/installation';

const INFO: AppInfo = {
  appName: '干部选育管用信息系统',
  version: '0.1.0',
  installationId: '0123456789abcdef0123456789abcdef',
  fingerprint: 'AERU-KZ4J-VPG6-6AJD-UVTZ-5TY3-34',
  keyProtection: 'userFile',
  dataFolder: '/tmp/x',
  profile: { name: '干部科', type: 'department', operator: '张三', unitId: null },
};

afterEach(() => vi.useRealTimers());

describe('writeContextOf', () => {
  it('the actor is this installation and its operator', () => {
    expect(writeContextOf(INFO).actor).toEqual({ installationId: INFO.installationId, operator: '张三' });
  });

  it("before setup the operator is ''", () => {
    expect(writeContextOf({ ...INFO, profile: null }).actor).toEqual({ installationId: INFO.installationId, operator: '' });
  });

  it('now() reads the clock at each call', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_000_000);
    const ctx = writeContextOf(INFO);
    expect(ctx.now()).toBe(1_700_000_000_000);
    vi.setSystemTime(1_700_000_005_000);
    expect(ctx.now()).toBe(1_700_000_005_000);
  });
});

describe('useSession', () => {
  it('starts empty and holds the info it is given', () => {
    expect(useSession.getState().info).toBeNull();
    useSession.getState().setInfo(INFO);
    expect(useSession.getState().info).toBe(INFO);
  });
});
