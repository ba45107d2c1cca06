import { describe, expect, it } from 'vitest';
import { LrmxError, buildLrmx, decodeInterchangeBytes, lrmxToDossier, parseLrmx, type LrmxPerson } from '../../../../shared/lrmx';
import { TODAY, fixtureBytes, fixtureText, textDecoder } from './fixtures';

// The issue's bad inputs: not XML, wrong root, a GBK file, a 6 MB photo, "1980.5" and "198013", a 5,000-character 简历.

const ms = (since: number) => Math.round(performance.now() - since);

describe('bad input', () => {
  it('not XML and wrong root are typed errors with a Chinese message', () => {
    expect(() => parseLrmx(fixtureText('truncated.lrmx'))).toThrow(LrmxError);
    expect(() => parseLrmx(fixtureText('wrong-root.lrmx'))).toThrow(/^不是有效的任免审批表文件（LRMX）：根元素是 <Cadre>/);
  });

  it('a GBK file is detected and decoded', () => {
    const { text, encoding } = decodeInterchangeBytes(fixtureBytes('gb2312-declared.lrmx'), textDecoder);
    expect(encoding).toBe('gbk');
    expect(lrmxToDossier(parseLrmx(text), { today: TODAY }).cadre).toMatchObject({ name: '陈喆', birth: '1978-11', politicalStatus: '06', partyJoined: '2001-08' });
  });

  it('a 6 MB photo parses, maps and builds quickly, and comes back byte for byte', () => {
    const photo = Buffer.alloc(6 * 1024 * 1024, 'CadreDesk');
    photo.set([0xff, 0xd8, 0xff, 0xe0]);
    const base64 = photo.toString('base64');
    // wrapped at 76 columns with CRLF, as editors write it
    const wrapped = base64.replace(/.{76}/g, '$&\r\n');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\r\n<Person><XingMing>甲</XingMing><ZhaoPian>${wrapped}</ZhaoPian><Version>3.2.1.6</Version></Person>`;
    let t = performance.now();
    const p = parseLrmx(xml);
    const parseMs = ms(t);
    t = performance.now();
    const im = lrmxToDossier(p, { today: TODAY });
    const mapMs = ms(t);
    t = performance.now();
    const out = buildLrmx(p);
    const buildMs = ms(t);
    console.log(`6 MB photo (${(xml.length / 1e6).toFixed(1)} M chars): parse ${parseMs} ms, map ${mapMs} ms, build ${buildMs} ms`);
    expect(im.photoBase64).toBe(base64);
    expect(p.Version).toBe('3.2.1.6');
    expect(parseLrmx(out).ZhaoPian).toBe(p.ZhaoPian);
    // not a speed target (bench/lrmxBench.ts measures): a regression to per-character work on 8 million characters
    // would take minutes, whatever else the machine is doing
    expect(parseMs).toBeLessThan(10_000);
    expect(mapMs).toBeLessThan(10_000);
  });

  it('a 5,000-character 简历 is read line by line, every entry kept', () => {
    const lines: string[] = [];
    for (let y = 1960; lines.join('\n').length < 5000; y++) {
      lines.push(`${y}.01--${y + 1}.01  ${'新城区某某局办公室科员'.repeat(3)}第${y}段`);
      if (y % 4 === 0) lines.push(`                  （其间：${y}.03--${y}.09在区委党校中青班学习）`);
    }
    lines.push(`${1960 + lines.length}.01--`);
    const jianLi = lines.join('\n');
    expect(jianLi.length).toBeGreaterThanOrEqual(5000);
    const person: LrmxPerson = { XingMing: '甲', JianLi: jianLi };
    const t = performance.now();
    const im = lrmxToDossier(parseLrmx(buildLrmx(person)), { today: TODAY });
    console.log(`5,000-character 简历 (${jianLi.length} chars, ${lines.length} lines): build+parse+map ${ms(t)} ms`);
    const segments = lines.filter((l) => /^\d{4}/.test(l)).length;
    expect(im.career).toHaveLength(segments);
    expect(im.career[0]!.unit).toContain('（其间：1960.03--1960.09在区委党校中青班学习）');
    // the last line has dates but no text: named, not dropped silently
    expect(im.issues).toContainEqual({ element: 'JianLi', severity: 'error', message: expect.stringContaining(`第 ${lines.length} 行只有起止年月`) });
  });

  it('"1980.5" is accepted and "198013" refused in the mapping, naming the element', () => {
    const read = (ChuShengNianYue: string) => lrmxToDossier({ ChuShengNianYue }, { today: TODAY });
    expect(read('1980.5').cadre.birth).toBe('1980-05');
    expect(read('198013').issues).toContainEqual({ element: 'ChuShengNianYue', severity: 'error', message: expect.stringContaining('出生年月“198013”') });
  });
});
