import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One XML element: its tag, attributes (entities decoded), element children in document order. */
export interface El {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
}

/** Where and why a document is not well-formed XML. */
export interface XmlError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes XML's five named entities and numeric character references, nothing else. */
export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return NAMED[name]!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  // Entities are decoded by decodeEntities: the parser's own leaves numeric references as text.
  processEntities: false,
});

type Raw = Record<string, unknown>;

function convert(node: Raw): El | undefined {
  const tag = Object.keys(node).find((k) => k !== ":@");
  if (tag === undefined || tag.startsWith("#") || tag.startsWith("?") || tag.startsWith("!")) return undefined;
  const rawAttrs = (node[":@"] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const k of Object.keys(rawAttrs)) attrs[k] = decodeEntities(String(rawAttrs[k]));
  const kids = (node[tag] ?? []) as Raw[];
  const children = kids.flatMap((k) => convert(k) ?? []);
  return { tag, attrs, children };
}

/**
 * Parses an XML document with a real parser (fast-xml-parser) after
 * checking it is well formed. Returns the root element, or where it is not
 * well formed.
 */
export function parseXml(text: string): { root: El } | { error: XmlError } {
  const ok = XMLValidator.validate(text);
  if (ok !== true) return { error: { line: ok.err.line, column: ok.err.col, message: ok.err.msg } };
  const nodes = parser.parse(text) as Raw[];
  const roots = nodes.flatMap((n) => convert(n) ?? []);
  if (roots.length !== 1) return { error: { line: 1, column: 1, message: `expected one root element, found ${roots.length}` } };
  return { root: roots[0]! };
}
