import { describe, expect, it } from 'vitest';
import '../../../shared/zodLocale';
import { AppInfoSchema, InstallationSetupSchema } from '../../../shared/domain/installation';

const valid = { name: '新城区委组织部干部科', type: 'department', operator: '张三' } as const;

function messagesOf(input: unknown): string[] {
  const r = InstallationSetupSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

const CJK = /[\u4e00-\u9fff]/;

describe('InstallationSetupSchema', () => {
  it('accepts a valid setup, both types', () => {
    expect(InstallationSetupSchema.parse(valid)).toEqual(valid);
    expect(InstallationSetupSchema.parse({ ...valid, type: 'unit' }).type).toBe('unit');
  });

  it('trims name and operator', () => {
    expect(InstallationSetupSchema.parse({ ...valid, name: '  干部科 \n', operator: '\t张三 ' })).toEqual({
      ...valid,
      name: '干部科',
      operator: '张三',
    });
  });

  it('rejects newlines and control characters inside a name or operator', () => {
    expect(messagesOf({ ...valid, name: '干部\n科' })).toEqual(['本机名称不能包含换行或控制字符']);
    expect(messagesOf({ ...valid, operator: '张\u0007三' })).toEqual(['操作员姓名不能包含换行或控制字符']);
  });

  it('rejects an empty or blank name with a Chinese message', () => {
    expect(messagesOf({ ...valid, name: '' })).toEqual(['请填写本机名称']);
    expect(messagesOf({ ...valid, name: '   ' })).toEqual(['请填写本机名称']);
    expect(messagesOf({ ...valid, operator: ' ' })).toEqual(['请填写操作员姓名']);
  });

  it('60 characters is fine, 61 and 200 are refused with a Chinese message', () => {
    expect(InstallationSetupSchema.parse({ ...valid, name: '字'.repeat(60) }).name).toHaveLength(60);
    expect(messagesOf({ ...valid, name: '字'.repeat(61) })).toEqual(['本机名称不能超过60个字']);
    expect(messagesOf({ ...valid, name: 'a'.repeat(200) })).toEqual(['本机名称不能超过60个字']);
    // length counts after trimming
    expect(InstallationSetupSchema.parse({ ...valid, name: ` ${'字'.repeat(60)} ` }).name).toHaveLength(60);
    expect(messagesOf({ ...valid, operator: '名'.repeat(31) })).toEqual(['操作员姓名不能超过30个字']);
  });

  it('rejects a wrong type, with a Chinese message', () => {
    const [message] = messagesOf({ ...valid, type: 'admin' });
    expect(message).toMatch(CJK);
    expect(InstallationSetupSchema.safeParse({ ...valid, type: '组织部' }).success).toBe(false);
  });

  it('rejects missing fields and non-strings with Chinese messages', () => {
    for (const m of messagesOf({})) expect(m).toMatch(CJK);
    expect(messagesOf({})).toHaveLength(3);
    for (const m of messagesOf({ ...valid, name: 42 })) expect(m).toMatch(CJK);
    expect(InstallationSetupSchema.safeParse(null).success).toBe(false);
  });
});

describe('AppInfoSchema', () => {
  const info = {
    appName: '干部选育管用信息系统',
    version: '0.1.0',
    installationId: '0123456789abcdef0123456789abcdef',
    fingerprint: 'AERU-KZ4J-VPG6-6AJD-UVTZ-5TY3-34',
    keyProtection: 'userFile',
    dataFolder: '/tmp/x',
    profile: null,
  };

  it('accepts a profile-less and a set-up installation', () => {
    expect(AppInfoSchema.parse(info)).toEqual(info);
    const profile = { ...valid, unitId: null };
    expect(AppInfoSchema.parse({ ...info, profile }).profile).toEqual(profile);
  });

  it('strips undeclared keys (what the dispatcher relies on)', () => {
    expect(AppInfoSchema.parse({ ...info, signingPrivateKey: 'secret' })).not.toHaveProperty('signingPrivateKey');
  });

  it('rejects a bad installation id and an unknown key protection', () => {
    expect(AppInfoSchema.safeParse({ ...info, installationId: 'ABC' }).success).toBe(false);
    expect(AppInfoSchema.safeParse({ ...info, keyProtection: 'none' }).success).toBe(false);
  });
});
