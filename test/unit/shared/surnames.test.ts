import { describe, expect, it } from 'vitest';
import { COMPOUND_SURNAMES, splitName, surnameLength } from '../../../shared/rules/surnames';

describe('splitName', () => {
  it('reads the listed 复姓 as one surname', () => {
    for (const s of ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '令狐', '长孙', '慕容', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '百里']) {
      expect(COMPOUND_SURNAMES.has(s), s).toBe(true);
    }
    expect(splitName('欧阳修')).toEqual({ surname: '欧阳', given: '修' });
    expect(splitName('诸葛孔明')).toEqual({ surname: '诸葛', given: '孔明' });
  });

  it('takes the first character of any other name, and of every two-character name', () => {
    expect(splitName('王五')).toEqual({ surname: '王', given: '五' });
    expect(splitName('欧明')).toEqual({ surname: '欧', given: '明' });
    expect(splitName('东方')).toEqual({ surname: '东', given: '方' });
    expect(splitName('宗政华')).toEqual({ surname: '宗', given: '政华' });
    expect(splitName('王')).toEqual({ surname: '王', given: '' });
    expect(splitName('')).toEqual({ surname: '', given: '' });
    expect(splitName('𠀀一')).toEqual({ surname: '𠀀', given: '一' });
  });

  it('measures the surname in code units, characters outside the BMP included', () => {
    expect(surnameLength('欧阳修')).toBe(2);
    expect(surnameLength('王五')).toBe(1);
    expect(surnameLength('𠀀一')).toBe(2);
    expect(surnameLength('')).toBe(0);
  });
});
