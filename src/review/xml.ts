import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One XML element: its tag, attributes (entities decoded), element children in document order. */
export interface El {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
  /** Its own text (not its children's), entities decoded, when it has any: a libvirt `<name>`. */
  readonly text?: string;
}

/** Where and why a document is not well-formed XML. */
export interface XmlError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Well formed, but refused (a DOCTYPE, entities, deep nesting). */
  readonly refused?: boolean;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Whether XML 1.0 allows the character (its production `Char`). */
function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Decodes XML's five named entities and numeric character references, nothing else. */
export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return NAMED[name]!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    // A reference to a character XML does not allow (NUL, most C0 controls, a surrogate) stays as written.
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  // Attribute values as written: trimming would drop a value's leading or trailing spaces (and U+2028, ...).
  trimValues: false,
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
  let text = "";
  for (const k of kids) if ("#text" in k) text += decodeEntities(String(k["#text"]));
  return text === "" ? { tag, attrs, children } : { tag, attrs, children, text };
}

/** Deeper than any CIB (cib/configuration/resources/clone/group/primitive/operations/op/...: under 15). */
export const MAX_DEPTH = 64;

/** Comments, CDATA, processing instructions, a DOCTYPE, and tags with whether they open, close or are empty. */
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!(DOCTYPE|ENTITY)\b|<(\/?)[^\s>/!?]+(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

function where(text: string, offset: number, message: string): { error: XmlError } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { error: { line, column: offset - start + 1, message, refused: true } };
}

/**
 * What hacc refuses before parsing: a DOCTYPE or entity declaration (a CIB
 * has none; one could pull in files or expand without bound), and elements
 * nested deeper than MAX_DEPTH.
 */
function refused(text: string, doc: string): { error: XmlError } | undefined {
  let depth = 0;
  for (const m of text.matchAll(MARKUP)) {
    if (m[1] !== undefined) return where(text, m.index, `a <!${m[1]}> declaration, which ${doc} never has; hacc reads no DTD and no entities`);
    if (m[0].startsWith("<!") || m[0].startsWith("<?")) continue;
    if (m[2] === "/") depth--;
    else if (m[3] !== "/" && ++depth > MAX_DEPTH) return where(text, m.index, `elements nested more than ${MAX_DEPTH} deep, which ${doc} never is`);
  }
  // After the declarations: a DOCTYPE is the first thing to say of a file that has one.
  // Outside comments and CDATA, `&` starts one of XML's five entities or a character reference; any other name is undefined (no DTD defines one).
  const plain = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => " ".repeat(m.length));
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)([^;\s<&"']{0,40})/.exec(plain);
  if (entity) return where(text, entity.index, `the entity reference \`&${entity[1]}${text[entity.index + 1 + entity[1]!.length] === ";" ? ";" : ""}\`, which XML does not define (${doc} uses &amp; &lt; &gt; &quot; &apos; and &#...; only)`);
  return undefined;
}

/**
 * A document cut short, said as a reader needs it: where the text ends, the
 * tag it ends inside if any, and the closing tags it lacks. The validator
 * says `Invalid '["cib", "configuration"]' found.` or `Unclosed tag 'cib'.`
 * at 1:1, or trips on the cut tag's last attribute (`boolean attribute 'ty'
 * is not allowed`) on the last line. Undefined for any other error, or when
 * the text does not end open.
 */
function endsOpen(text: string, err: { msg: string; line?: number }): XmlError | undefined {
  const body = text.trimEnd();
  const lines = body.split(/\r\n|\r|\n/);
  const line = lines.length;
  const atEnd = /^(Invalid '\[[\s\S]*\]' found|Unclosed tag '[^']*')\.$/.test(err.msg) || err.line === line;
  if (!atEnd) return undefined;
  // The elements open where the text ends, and the tag it is cut inside (a `<` after the last `>`).
  const lt = body.lastIndexOf("<");
  const inside = lt > body.lastIndexOf(">") ? /^<\/?([^\s>/]*)/.exec(body.slice(lt))![1]! : undefined;
  const open: string[] = [];
  for (const m of (inside !== undefined ? body.slice(0, lt) : body).matchAll(MARKUP)) {
    if (m[1] !== undefined || m[0].startsWith("<!") || m[0].startsWith("<?")) continue;
    const tag = /^<\/?([^\s>/]+)/.exec(m[0])![1]!;
    if (m[2] === "/") {
      if (open[open.length - 1] === tag) open.pop();
    } else if (m[3] !== "/") open.push(tag);
  }
  if (open.length === 0 && inside === undefined) return undefined;
  const column = lines[line - 1]!.length + 1;
  const closing = (tags: readonly string[]) => [...tags].reverse().map((t) => `\`</${t}>\``).join(", ");
  if (inside !== undefined) {
    const rest = closing(open);
    return { line, column, message: `the XML ends inside the tag \`<${inside}\`: expected the rest of it and \`>\`${rest ? `, then ${rest}` : ""}` };
  }
  return { line, column, message: `the XML ends with ${open.length === 1 ? "an element" : `${open.length} elements`} not closed: expected ${closing(open)}` };
}

/**
 * Parses an XML document with a real parser (fast-xml-parser) after
 * checking it is well formed, has no DOCTYPE or entity declarations and is
 * not nested deeper than MAX_DEPTH. Returns the root element, or where and
 * why it cannot be read. `doc` names the kind of document in a refusal
 * ("a CIB", "a libvirt domain"): neither has a DOCTYPE or deep nesting.
 */
export function parseXml(text: string, doc = "a CIB"): { root: El } | { error: XmlError } {
  if (text.trim() === "") return { error: { line: 1, column: 1, message: "the file is empty" } };
  const ok = XMLValidator.validate(text);
  if (ok !== true) return { error: endsOpen(text, ok.err) ?? { line: ok.err.line ?? 1, column: ok.err.col ?? 1, message: ok.err.msg } };
  // After the validator, so the scan meets only well-formed markup.
  const no = refused(text, doc);
  if (no) return no;
  let nodes: Raw[];
  try {
    nodes = parser.parse(text) as Raw[];
  } catch (e) {
    // The validator passes some documents the parser then rejects (an unclosed CDATA after the root element).
    return { error: { line: 1, column: 1, message: e instanceof Error ? e.message : String(e) } };
  }
  const roots = nodes.flatMap((n) => convert(n) ?? []);
  if (roots.length !== 1) return { error: { line: 1, column: 1, message: `expected one root element, found ${roots.length}` } };
  return { root: roots[0]! };
}
