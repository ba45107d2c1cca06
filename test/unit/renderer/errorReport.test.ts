import { describe, expect, it } from 'vitest';
import { buildErrorReport, describeRoute, errorMessage, errorName } from '../../../renderer/features/startup/errorReport';

describe('describeRoute', () => {
  it('keeps the page and the parameter names, never their values', () => {
    expect(describeRoute('#/cadre?id=0193abcd&tab=career')).toBe('#/cadre?id=…&tab=…');
    expect(describeRoute('#/roster')).toBe('#/roster');
    expect(describeRoute('')).toBe('#/');
    expect(describeRoute('#')).toBe('#/');
    expect(describeRoute('#/roster?q=张三')).not.toContain('张三');
  });
});

describe('buildErrorReport', () => {
  const error = new RangeError('not a YYYY-MM month: 1975年3月');
  const report = buildErrorReport({
    error,
    componentStack: '\n    at DossierPage\n    at ErrorBoundary',
    hash: '#/cadre?id=0193abcd-secret&tab=basic',
    version: '0.1.0',
    at: new Date(2026, 10, 30, 14, 5, 9),
    where: '干部档案',
  });

  it('says what failed, where, in which version and when', () => {
    expect(report).toContain('RangeError: not a YYYY-MM month: 1975年3月');
    expect(report).toContain('位置：干部档案（#/cadre?id=…&tab=…）');
    expect(report).toContain('程序版本：0.1.0');
    expect(report).toMatch(/时间：2026-11-30 14:05:09 \(UTC[+-]\d\d:\d\d\)/);
    expect(report).toContain(error.stack!.split('\n')[1]!.trim());
    expect(report).toContain('at DossierPage');
  });

  it('holds no parameter values', () => {
    expect(report).not.toContain('0193abcd-secret');
  });

  it('copes with things thrown that are not Errors, and with an unknown version', () => {
    const odd = buildErrorReport({ error: 'boom', hash: '#/units', version: null, at: new Date(0), where: '单位管理' });
    expect(odd).toContain('错误：string: boom');
    expect(odd).toContain('程序版本：未知');
    expect(odd).toContain('调用栈：\n（无）');
    expect(odd).not.toContain('组件：');
    expect(errorName({ name: 'VersionError', message: 'x' })).toBe('VersionError');
    expect(errorMessage({ name: 'VersionError', message: 'newer' })).toBe('newer');
    expect(errorMessage(null)).toBe('null');
  });
});
