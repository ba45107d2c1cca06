import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LRMX_ELEMENTS,
  LRMX_FAMILY_ELEMENTS,
  LRMX_TEXT_ELEMENTS,
  LrmxError,
  buildLrmx,
  lrmxToDossier,
  parseLrmx,
  type LrmxAttributes,
  type LrmxElement,
  type LrmxFamilyItem,
  type LrmxPerson,
} from '../../../../shared/lrmx';
import { fixtureText } from './fixtures';

describe('buildLrmx', () => {
  it("writes a UTF-8 declaration, the editor's order whatever the key order, CRLF everywhere and escaped text", () => {
    const xml = buildLrmx({
      Version: '3.2.1.6',
      JianLi: '1998.09--2002.07  南京大学学习\n2002.07--  新城区委组织部科员',
      XingMing: '王<建>国 & "子"',
      JiaTingChengYuan: [{ ChengWei: '妻子', XingMing: '李梅' }],
      XingBie: '',
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Person>',
        '  <XingMing>王&lt;建&gt;国 &amp; "子"</XingMing>',
        '  <XingBie />',
        '  <JianLi>1998.09--2002.07  南京大学学习',
        '2002.07--  新城区委组织部科员</JianLi>',
        '  <JiaTingChengYuan>',
        '    <Item>',
        '      <ChengWei>妻子</ChengWei>',
        '      <XingMing>李梅</XingMing>',
        '    </Item>',
        '  </JiaTingChengYuan>',
        '  <Version>3.2.1.6</Version>',
        '</Person>',
        '',
      ].join('\r\n'),
    );
    expect(xml.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('escapes attribute values so that a reader gets back quotes, tabs and line breaks', () => {
    const p: LrmxPerson = { $attributes: { Person: [['note', 'a"b\tc\nd\re&<>']] } };
    expect(buildLrmx(p)).toContain('<Person note="a&quot;b&#9;c&#10;d&#13;e&amp;&lt;&gt;">');
    expect(parseLrmx(buildLrmx(p))).toEqual(p);
  });

  it('refuses text that XML cannot hold, naming the element, instead of writing a file no editor opens', () => {
    expect(() => buildLrmx({ JianLi: '一\u0007二' })).toThrow(LrmxError);
    expect(() => buildLrmx({ JianLi: '一\u0007二' })).toThrow('“简历”中有无法写入任免审批表文件的控制字符');
    expect(() => buildLrmx({ XingMing: 'a\ud800b' })).toThrow('姓名');
  });

  it('parse → build → parse keeps every sample file as it was read, unknown elements included', () => {
    for (const name of ['editor-3.2.1.6.lrmx', 'newer-daoling.lrmx', 'missing-elements.lrmx', 'gb2312-declared.lrmx']) {
      const once = parseLrmx(fixtureText(name));
      const xml = buildLrmx(once);
      expect(parseLrmx(xml), name).toEqual(once);
      expect(buildLrmx(parseLrmx(xml)), name).toBe(xml);
    }
  });

  it('puts unknown elements back after the element they followed, and family extras after their item', () => {
    const xml = buildLrmx(parseLrmx(fixtureText('newer-daoling.lrmx')));
    const order = [...xml.matchAll(/^ {2}<(\w+)/gm)].map((m) => m[1]);
    expect(order.indexOf('ZhiJi')).toBe(order.indexOf('CanJiaGongZuoShiJian') + 1);
    expect(order.indexOf('KuoZhan')).toBe(order.indexOf('Version') + 1);
    expect(xml).toMatch(/<\/Item>\r\n {4}<BeiZhu>家庭成员由本人填报<\/BeiZhu>\r\n {2}<\/JiaTingChengYuan>/);
    expect(xml).toContain('<NianLing>40</NianLing>');
  });
});

// ---------------------------------------------------------------- property: build → parse is lossless

/** Pieces that stress the writer: markup characters, "]]>", line breaks, tabs, astral characters, look-alike entities. */
const PIECES = ['张', '三', '组织部', 'a', 'Z', '0', '&', '<', '>', '"', "'", ']]>', '\n', ' ', '\t', '&amp;', '&#x41;', '😀', '\u3000', '\u00a0', '--', '1980.5'];
const blank = (s: string) => /^[ \t\r\n]*$/.test(s);
const anyText = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((a) => a.join(''));
/** Text as parseLrmx gives it back: whitespace-only is ''. */
const text = anyText.map((s) => (blank(s) ? '' : s));
const nonBlank = anyText.filter((s) => !blank(s));

const UNKNOWN_NAMES = ['BeiZhu', 'KuoZhan', 'X1', 'ns:z', '中文元素', '_q.r-s'];
const attributes: fc.Arbitrary<LrmxAttributes> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'xml:lang', 'lei'), fc.array(fc.constantFrom(...PIECES, '\r'), { maxLength: 4 }).map((a) => a.join(''))), {
    maxLength: 2,
    selector: ([n]) => n,
  })
  .map((a) => a as LrmxAttributes);

/** Children in the canonical form the reader produces: no blank runs, no two runs side by side. */
const canonicalChildren = (children: (string | LrmxElement)[]) => {
  const out: (string | LrmxElement)[] = [];
  for (const c of children) {
    if (typeof c === 'string' && blank(c)) continue;
    const last = out[out.length - 1];
    if (typeof c === 'string' && typeof last === 'string') out[out.length - 1] = last + c;
    else out.push(c);
  }
  return out;
};
const { element } = fc.letrec<{ element: LrmxElement }>((tie) => ({
  element: fc.record({
    name: fc.constantFrom(...UNKNOWN_NAMES),
    attributes,
    children: fc
      .array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, nonBlank, tie('element')), { maxLength: 3 })
      .map(canonicalChildren),
  }),
}));

/** Unknowns anchored to present elements, sorted in the order the writer emits them. */
function anchored<A>(slots: readonly A[], present: readonly A[]) {
  return fc
    .array(fc.record({ after: fc.constantFrom<A | null>(null, ...present), element }), { maxLength: 3 })
    .map((list) => [...list].sort((x, y) => slotOf(slots, x.after) - slotOf(slots, y.after)));
}
const slotOf = <A>(slots: readonly A[], a: A | null) => (a === null ? -1 : slots.indexOf(a));

const attributesFor = (names: readonly string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...(names.length ? names : ['-'])), attributes.filter((a) => a.length > 0)), { maxLength: 2 })
    .map((pairs) => Object.fromEntries(pairs.filter(([n]) => names.includes(n))));

const familyItem: fc.Arbitrary<LrmxFamilyItem> = fc
  .record(Object.fromEntries(LRMX_FAMILY_ELEMENTS.map((n) => [n, text])) as Record<(typeof LRMX_FAMILY_ELEMENTS)[number], fc.Arbitrary<string>>, {
    requiredKeys: [],
  })
  .chain((item) => {
    const present = LRMX_FAMILY_ELEMENTS.filter((n) => item[n] !== undefined);
    return fc.record({ unknown: anchored(LRMX_FAMILY_ELEMENTS, present), attrs: attributesFor(['Item', ...present]) }).map(({ unknown, attrs }) => {
      const out: LrmxFamilyItem = { ...item };
      if (unknown.length) out.$unknown = unknown;
      if (Object.keys(attrs).length) out.$attributes = attrs;
      return out;
    });
  });

const person: fc.Arbitrary<LrmxPerson> = fc
  .record(
    {
      ...(Object.fromEntries(LRMX_TEXT_ELEMENTS.map((n) => [n, text])) as Record<(typeof LRMX_TEXT_ELEMENTS)[number], fc.Arbitrary<string>>),
      JiaTingChengYuan: fc.array(familyItem, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .chain((p) => {
    const present = LRMX_ELEMENTS.filter((n) => p[n] !== undefined);
    const items = p.JiaTingChengYuan?.map((_, i) => i) ?? [];
    return fc
      .record({
        unknown: anchored(LRMX_ELEMENTS, present),
        inFamily: p.JiaTingChengYuan ? anchored(items, items) : fc.constant<{ after: number | null; element: LrmxElement }[]>([]),
        attrs: attributesFor(['Person', ...present]),
      })
      .map(({ unknown, inFamily, attrs }) => {
        const out: LrmxPerson = { ...p };
        if (unknown.length) out.$unknown = unknown;
        if (inFamily.length) out.$unknownInJiaTingChengYuan = inFamily;
        if (Object.keys(attrs).length) out.$attributes = attrs;
        return out;
      });
  });

describe('build → parse is lossless', () => {
  it('for arbitrary LrmxPerson values: unknown elements, multi-line text, characters that need escaping', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(person, (p) => {
        expect(parseLrmx(buildLrmx(p))).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the mapping takes whatever a file holds', () => {
  it('lrmxToDossier never throws on arbitrary values, and every issue names a known element in Chinese', { timeout: 60_000 }, () => {
    const known = new Set<string>([...LRMX_ELEMENTS, ...LRMX_FAMILY_ELEMENTS]);
    fc.assert(
      fc.property(person, (p) => {
        const im = lrmxToDossier(p, { today: '2025-06-15' });
        for (const issue of im.issues) {
          expect(known.has(issue.element)).toBe(true);
          expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
        }
        // and what it drafts can be written again
        expect(() => buildLrmx(im.kept)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
