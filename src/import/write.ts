import { WORD } from "../syntax/names.js";

/**
 * How the importer writes keys and values of a `.ha` file (names: src/syntax/names.ts).
 */

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
