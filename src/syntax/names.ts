import { KEYWORDS } from "./tokens.js";

/**
 * How a name is written back as `.ha` text: the one place that knows which
 * text the lexer reads back as the same name. The importer, the checker's
 * messages that rebuild a statement, the language server's rename and the
 * IR's set text all write names through it.
 */

/** A bare word, as the lexer reads one (src/syntax/tokens.ts, `Word`). */
export const WORD = /^[A-Za-z0-9_.+-][A-Za-z0-9_.:+/@-]*$/;

const KEYWORD_TEXTS: ReadonlySet<string> = new Set(KEYWORDS.map((k) => String(k.PATTERN)));

/** Whether `s` is a keyword of the language (`group`, `order`, `location`, ...). */
export function isKeyword(s: string): boolean {
  return KEYWORD_TEXTS.has(s);
}

/** Whether `s` can stand where the grammar wants a name (a node, a resource): a word and no keyword. */
export function isNameWord(s: string): boolean {
  return WORD.test(s) && !KEYWORD_TEXTS.has(s);
}

/**
 * A name as hacc writes it: a bare word when the grammar reads it back as a name, a string when
 * it is a keyword (`"group"`: docs/language.md, "Lexical rules"); undefined when it is not even a word.
 */
export function nameText(s: string): string | undefined {
  if (isNameWord(s)) return s;
  return WORD.test(s) ? `"${s}"` : undefined;
}

/** A name already let through (`nameText` holds it), as the grammar reads it. */
export const nm = (s: string): string => nameText(s) ?? s;

/**
 * A name as `.ha` source, whatever its text: a bare word when the grammar reads it back as the
 * name, else a string with `"` and `\` escaped (`"group"`, `"a b"`). For text a user copies back.
 */
export function nameSource(s: string): string {
  return nameText(s) ?? `"${s.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}
