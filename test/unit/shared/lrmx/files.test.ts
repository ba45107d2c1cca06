import { describe, expect, it } from 'vitest';
import { LrmxError, decodeBase64, pairInterchangeFiles, readInterchangeFile } from '../../../../shared/lrmx';
import { fixtureBytes, textDecoder } from './fixtures';

const file = (name: string, fixture = name) => ({ name, bytes: fixtureBytes(fixture) });

describe('pairInterchangeFiles', () => {
  it('pairs a .lrm with the .pic of the same name, case ignored, and names what it skips', () => {
    const files = [file('孙立平.LRM', 'legacy.lrm'), file('孙立平.pic', 'legacy.pic'), file('王建国.lrmx', 'editor-3.2.1.6.lrmx'), file('说明.txt', 'wrong-root.lrmx'), file('旧照片.pic', 'legacy.pic')];
    const { entries, skipped } = pairInterchangeFiles(files);
    expect(entries.map((e) => [e.file.name, e.pic?.name ?? null])).toEqual([
      ['孙立平.LRM', '孙立平.pic'],
      ['王建国.lrmx', null],
    ]);
    expect(skipped.map((f) => f.name)).toEqual(['说明.txt', '旧照片.pic']);
  });
});

describe('readInterchangeFile', () => {
  it('reads a GBK .lrm with its photo, and a UTF-8 .lrmx', () => {
    const lrm = readInterchangeFile(file('a.lrm', 'legacy.lrm'), file('a.pic', 'legacy.pic'), textDecoder);
    expect([lrm.format, lrm.encoding, lrm.person.XingMing]).toEqual(['lrm', 'gbk', '孙立平']);
    expect(decodeBase64(lrm.person.ZhaoPian!)).toEqual(fixtureBytes('legacy.pic'));
    const lrmx = readInterchangeFile(file('b.lrmx', 'gb2312-declared.lrmx'), null, textDecoder);
    expect([lrmx.format, lrmx.encoding, lrmx.person.XingMing]).toEqual(['lrmx', 'gbk', '陈喆']);
  });

  it('refuses other files and damaged ones with a reason that names the file or the place', () => {
    expect(() => readInterchangeFile(file('照片.jpg', 'legacy.pic'), null, textDecoder)).toThrow('“照片.jpg”不是任免审批表文件');
    expect(() => readInterchangeFile(file('x.lrmx', 'truncated.lrmx'), null, textDecoder)).toThrow(LrmxError);
    expect(() => readInterchangeFile(file('x.lrm', 'editor-3.2.1.6.lrmx'), null, textDecoder)).toThrow('不是有效的任免审批表文件（LRM）');
  });
});
