import { KEYWORDS } from "../syntax/tokens.js";

/**
 * How the importer writes words of a `.ha` file: the one place that knows
 * which text the lexer reads back as the same word.
 */

/** A bare word, as the lexer reads one (src/syntax/tokens.ts, `Word`). */
const WORD = /^[A-Za-z0-9_.+-][A-Za-z0-9_.:+/@-]*$/;

const KEYWORD_TEXTS: ReadonlySet<string> = new Set(KEYWORDS.map((k) => String(k.PATTERN)));

/** Whether `s` can stand where the grammar wants a name (a node, a resource): a word and no keyword. */
export function isNameWord(s: string): boolean {
  return WORD.test(s) && !KEYWORD_TEXTS.has(s);
}

/**
 * A name as the importer writes it: a bare word when the grammar reads it back as a name, a string when
 * it is a keyword (`"group"`: docs/language.md, "Lexical rules"); undefined when it is not even a word.
 */
export function nameText(s: string): string | undefined {
  if (isNameWord(s)) return s;
  return WORD.test(s) ? `"${s}"` : undefined;
}

/** A name already let through (`nameText` holds it), as the grammar reads it. */
export const nm = (s: string): string => nameText(s) ?? s;

/** Whether `s` can stand where the grammar wants a key (a parameter, a meta attribute): any word, keywords included. */
export function isKeyWord(s: string): boolean {
  return WORD.test(s);
}

/** Whether a string can hold `s`: one line, no control character (HA3015). */
export function fitsString(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f]/.test(s);
}

/**
 * A value as the formatter writes one: a bare word when it reads back as the
 * same text, else a string with `"` and `\` escaped.
 */
export function value(s: string): string {
  if (WORD.test(s)) return s;
  return `"${s.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}
