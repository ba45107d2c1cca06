import { LrmxError, NOT_LRMX, REEXPORT_HINT } from './errors';

// A small strict XML reader for LRMX, written here rather than using fast-xml-parser because the interchange
// needs three things that library makes awkward: document order of known and unknown elements side by side
// (its preserveOrder output is a different, array-of-objects shape per node), text exactly as written (it
// trims and number-parses values unless each option is switched off), and errors that say where a damaged
// file breaks (line and column) in Chinese. It jumps from markup to markup with indexOf, so a 6 MB base64
// photo costs a few linear passes (slice, CRLF normalisation), not per-character work. Supported: XML declaration and processing instructions, comments, DOCTYPE (skipped;
// only the predefined entities are known), CDATA, character and predefined entity references, attributes.

export interface XmlNode {
  name: string;
  attributes: [string, string][];
  /** Text runs (adjacent text and CDATA merged, references decoded) and child elements, in document order. */
  children: (string | XmlNode)[];
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*/y;
const SPACE = /[ \t\r\n]*/y;

function location(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `第 ${line} 行第 ${pos - lineStart + 1} 列`;
}

/** Reads one XML document and returns its root element; throws LrmxError('notXml') saying where it breaks. */
export function readXml(input: string): XmlNode {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let pos = 0;
  const fail = (what: string, at = pos): never => {
    throw new LrmxError('notXml', `${NOT_LRMX}：${location(text, Math.min(at, text.length))}${what}。${REEXPORT_HINT}`);
  };

  const skipSpace = () => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) return fail('应为元素名');
    pos = NAME.lastIndex;
    return m[0];
  };
  const skipPast = (close: string, what: string) => {
    const end = text.indexOf(close, pos);
    if (end === -1) fail(`的${what}没有结束`);
    pos = end + close.length;
  };

  const decode = (raw: string, start: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&<\s]*);?/g, (whole, ref: string, offset: number) => {
      const at = start + offset;
      if (!whole.endsWith(';')) fail('有未转义的“&”（应写作 &amp;）', at);
      if (ref.startsWith('#')) {
        const hex = ref[1] === 'x' || ref[1] === 'X';
        const digits = ref.slice(hex ? 2 : 1);
        const cp = hex ? /^[0-9a-fA-F]+$/.test(digits) && parseInt(digits, 16) : /^\d+$/.test(digits) && parseInt(digits, 10);
        if (cp === false || cp > 0x10ffff || cp === 0) return fail(`的字符引用“${whole}”无效`, at);
        return String.fromCodePoint(cp);
      }
      const named = PREDEFINED[ref];
      if (named === undefined) return fail(`有未定义的实体“${whole}”`, at);
      return named;
    });
  };

  /** Comments, processing instructions and DOCTYPE, which may stand before and after the root. */
  const skipMisc = (allowDoctype: boolean) => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', pos)) skipPast('-->', '注释');
      else if (text.startsWith('<?', pos)) skipPast('?>', '处理指令');
      else if (allowDoctype && text.startsWith('<!DOCTYPE', pos)) {
        // an internal subset may hold '>' inside brackets
        const bracket = text.indexOf('[', pos);
        const close = text.indexOf('>', pos);
        if (bracket !== -1 && bracket < close) {
          pos = bracket;
          skipPast(']', '文档类型定义');
        }
        skipPast('>', '文档类型定义');
      } else return;
    }
  };

  const readAttributes = (node: XmlNode) => {
    for (;;) {
      const before = pos;
      skipSpace();
      const c = text[pos];
      if (c === '>' || c === '/' || c === undefined) return;
      if (pos === before) fail('属性之间应有空格');
      const name = readName();
      skipSpace();
      if (text[pos] !== '=') fail(`属性“${name}”缺少“=”`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") return fail(`属性“${name}”的值应加引号`);
      const end = text.indexOf(quote, pos + 1);
      if (end === -1) fail(`属性“${name}”的值没有结束`);
      const raw = text.slice(pos + 1, end);
      if (raw.includes('<')) fail(`属性“${name}”的值中有“<”`);
      // attribute-value normalisation: literal white space becomes a space; references are kept as decoded
      node.attributes.push([name, decode(raw.replace(/\r\n|[\r\n\t]/g, ' '), pos + 1)]);
      pos = end + 1;
    }
  };

  /** Reads the element starting at pos ('<' + name) with its content, iteratively (deep files do not recurse). */
  const readElement = (): XmlNode => {
    const stack: XmlNode[] = [];
    let root: XmlNode | undefined;
    const texts: string[] = [];
    const flushText = () => {
      const top = stack[stack.length - 1];
      if (texts.length && top) {
        const joined = texts.join('');
        const last = top.children[top.children.length - 1];
        if (typeof last === 'string') top.children[top.children.length - 1] = last + joined;
        else top.children.push(joined);
      }
      texts.length = 0;
    };
    for (;;) {
      // at '<' of a start tag
      pos++;
      const node: XmlNode = { name: readName(), attributes: [], children: [] };
      readAttributes(node);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else root = node;
      if (text.startsWith('/>', pos)) {
        pos += 2;
        if (!parent) return node;
      } else if (text[pos] === '>') {
        pos++;
        stack.push(node);
      } else fail(`元素 <${node.name}> 的开始标记没有结束`);

      // content until the next start tag (or the end of the root)
      for (;;) {
        const lt = text.indexOf('<', pos);
        if (lt === -1) {
          const open = stack[stack.length - 1];
          return fail(open ? `文件在元素 <${open.name}> 结束之前就结束了，文件可能不完整` : '文件不完整', text.length);
        }
        if (lt > pos) {
          const raw = text.slice(pos, lt);
          if (raw.includes(']]>')) fail('文本中有“]]>”', pos + raw.indexOf(']]>'));
          texts.push(decode(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw, pos));
        }
        pos = lt;
        if (text.startsWith('</', pos)) {
          flushText();
          pos += 2;
          const name = readName();
          const open = stack.pop();
          if (!open || open.name !== name) fail(`的结束标记 </${name}> 与开始标记 <${open?.name ?? ''}> 不对应`);
          skipSpace();
          if (text[pos] !== '>') fail(`结束标记 </${name}> 没有“>”`);
          pos++;
          if (stack.length === 0) return root!;
        } else if (text.startsWith('<![CDATA[', pos)) {
          const end = text.indexOf(']]>', pos + 9);
          if (end === -1) fail('的 CDATA 段没有结束');
          texts.push(text.slice(pos + 9, end).replace(/\r\n?/g, '\n'));
          pos = end + 3;
        } else if (text.startsWith('<!--', pos)) {
          skipPast('-->', '注释');
        } else if (text.startsWith('<?', pos)) {
          skipPast('?>', '处理指令');
        } else {
          flushText();
          break; // a child start tag
        }
      }
    }
  };

  skipMisc(true);
  if (pos >= text.length) fail('文件是空的，没有任何 XML 内容', 0);
  if (text[pos] !== '<') fail('应以“<”开头，这不是 XML 文件');
  const root = readElement();
  skipMisc(false);
  if (pos < text.length) fail('根元素之后还有其他内容');
  return root;
}
