import { LrmxError } from './errors';
import {
  LRMX_ELEMENT_LABELS,
  LRMX_ELEMENTS,
  LRMX_FAMILY,
  LRMX_FAMILY_ELEMENTS,
  LRMX_FAMILY_ITEM,
  LRMX_ROOT,
  type LrmxAttributes,
  type LrmxElement,
  type LrmxFamilyItem,
  type LrmxPerson,
} from './schema';

// LrmxPerson → LRMX text: UTF-8 declaration, the editor's element order, CRLF line breaks (in the layout and
// inside multi-line text, as the Windows editor writes them), unknown elements back where they stood.

const CRLF = '\r\n';
const INDENT = '  ';

// XML 1.0 cannot carry these at all, not even as references; a lone surrogate would not survive UTF-8.
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkWritable(value: string, where: string): void {
  if (UNWRITABLE.test(value)) {
    throw new LrmxError('unwritable', `“${where}”中有无法写入任免审批表文件的控制字符，请删除后再导出`);
  }
}

const labelOf = (name: string) => LRMX_ELEMENT_LABELS[name as keyof typeof LRMX_ELEMENT_LABELS] ?? name;

/** Text content: &, < and > escaped (> because of "]]>"); every line break written as CRLF. */
function escapeText(value: string, where: string): string {
  checkWritable(value, where);
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')).replace(/\r\n|\r|\n/g, CRLF);
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
/** Attribute values: quotes and white space that a reader would otherwise normalise are written as references. */
function attributesOf(attributes: LrmxAttributes | undefined, where: string): string {
  if (!attributes?.length) return '';
  return attributes
    .map(([name, value]) => {
      checkWritable(value, where);
      return ` ${name}="${value.replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!)}"`;
    })
    .join('');
}

function textElement(out: string[], depth: string, name: string, value: string, attributes?: LrmxAttributes): void {
  const open = `${name}${attributesOf(attributes, labelOf(name))}`;
  out.push(value === '' ? `${depth}<${open} />` : `${depth}<${open}>${escapeText(value, labelOf(name))}</${name}>`);
}

/** An unknown element: element-only content is indented; mixed or text content is written inline, exactly. */
function writeElement(out: string[], depth: string, element: LrmxElement): void {
  const open = `${element.name}${attributesOf(element.attributes, element.name)}`;
  const { children } = element;
  if (children.length === 0) {
    out.push(`${depth}<${open} />`);
  } else if (children.some((c) => typeof c === 'string')) {
    out.push(`${depth}<${open}>${children.map((c) => inline(c, element.name)).join('')}</${element.name}>`);
  } else {
    out.push(`${depth}<${open}>`);
    for (const c of children) writeElement(out, depth + INDENT, c as LrmxElement);
    out.push(`${depth}</${element.name}>`);
  }
}

function inline(node: string | LrmxElement, parent: string): string {
  if (typeof node === 'string') return escapeText(node, parent);
  const open = `${node.name}${attributesOf(node.attributes, node.name)}`;
  if (node.children.length === 0) return `<${open} />`;
  return `<${open}>${node.children.map((c) => inline(c, node.name)).join('')}</${node.name}>`;
}

/** Unknown elements anchored after `after`, in their order. */
function unknownsAfter<A>(out: string[], depth: string, list: readonly { after: A | null; element: LrmxElement }[] | undefined, after: A | null) {
  for (const u of list ?? []) if (u.after === after) writeElement(out, depth, u.element);
}

function writeItem(out: string[], depth: string, item: LrmxFamilyItem): void {
  const inner = depth + INDENT;
  out.push(`${depth}<${LRMX_FAMILY_ITEM}${attributesOf(item.$attributes?.[LRMX_FAMILY_ITEM], '家庭成员')}>`);
  unknownsAfter(out, inner, item.$unknown, null);
  for (const name of LRMX_FAMILY_ELEMENTS) {
    const value = item[name];
    if (value !== undefined) textElement(out, inner, name, value, item.$attributes?.[name]);
    unknownsAfter(out, inner, item.$unknown, name);
  }
  out.push(`${depth}</${LRMX_FAMILY_ITEM}>`);
}

function writeFamily(out: string[], depth: string, person: LrmxPerson, items: readonly LrmxFamilyItem[]): void {
  const open = `${LRMX_FAMILY}${attributesOf(person.$attributes?.[LRMX_FAMILY], labelOf(LRMX_FAMILY))}`;
  const extra = person.$unknownInJiaTingChengYuan;
  if (items.length === 0 && !extra?.length) {
    out.push(`${depth}<${open} />`);
    return;
  }
  const inner = depth + INDENT;
  out.push(`${depth}<${open}>`);
  unknownsAfter(out, inner, extra, null);
  items.forEach((item, i) => {
    writeItem(out, inner, item);
    unknownsAfter(out, inner, extra, i);
  });
  // anchored after an item that is not there: keep them anyway, at the end
  for (const u of extra ?? []) if (u.after !== null && u.after >= items.length) writeElement(out, inner, u.element);
  out.push(`${depth}</${LRMX_FAMILY}>`);
}

/**
 * Writes an LRMX document. Absent keys are not written (an empty string is written as an empty element);
 * `$lrmUnknownPositions` belongs to the old .lrm format and has no place here. Throws LrmxError('unwritable')
 * for text that XML cannot hold (control characters).
 */
export function buildLrmx(person: LrmxPerson): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<${LRMX_ROOT}${attributesOf(person.$attributes?.[LRMX_ROOT], '任免审批表')}>`);
  const depth = INDENT;
  unknownsAfter(out, depth, person.$unknown, null);
  for (const name of LRMX_ELEMENTS) {
    if (name === LRMX_FAMILY) {
      if (person.JiaTingChengYuan !== undefined || person.$unknownInJiaTingChengYuan?.length) {
        writeFamily(out, depth, person, person.JiaTingChengYuan ?? []);
      }
    } else {
      const value = person[name];
      if (value !== undefined) textElement(out, depth, name, value, person.$attributes?.[name]);
    }
    unknownsAfter(out, depth, person.$unknown, name);
  }
  out.push(`</${LRMX_ROOT}>`, '');
  return out.join(CRLF);
}
