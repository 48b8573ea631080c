import type { RuleExpression } from "../../ir/types.js";
import { CONTROL } from "../pcs/pcs.js";

/**
 * Whether crmsh's own second reading of a value succeeds. After parsing an
 * object, crmsh prints it back in its own syntax (double quotes, `"` written
 * as `\"`, backslashes left alone) and parses that again with Python's
 * `shlex`; a value whose printed form does not tokenise (a trailing `\`, or
 * `\` before `"`) makes `crm configure load` fail with "No closing quotation".
 */
export function crmshRereads(v: string): boolean {
  if (/^[A-Za-z0-9_.-]+$/.test(v)) return true;
  const printed = v.includes('"') ? `"${v.replace(/"/g, '\\"')}"` : `"${v}"`;
  let state: "word" | "double" | "single" = "word";
  for (let i = 0; i < printed.length; i++) {
    const c = printed[i];
    if (state === "word") {
      if (c === "\\") {
        if (i + 1 >= printed.length) return false;
        i++;
      } else if (c === '"') state = "double";
      else if (c === "'") state = "single";
    } else if (state === "double") {
      // shlex: inside double quotes a backslash always takes the next character with it.
      if (c === "\\") {
        if (i + 1 >= printed.length) return false;
        i++;
      } else if (c === '"') state = "word";
    } else if (c === "'") state = "word";
  }
  return state === "word";
}

/**
 * Printable ASCII without `"` and `\`: nothing below can object to such a
 * value, so the common case costs one test.
 */
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

/** Why crmsh cannot carry `v` exactly, or `undefined` when it can. */
export function crmshCannotCarry(
  v: string,
): { what: string; hint: string } | undefined {
  if (PLAIN.test(v)) return undefined;
  if (CONTROL.test(v)) {
    return {
      what: "holds a control character (newline, tab, ...) that the CIB cannot store",
      hint: "Pacemaker 2.1 writes a newline as `\\n` and a tab as four spaces, and crmsh reads its input line by line; keep such values on one line, without tabs",
    };
  }
  if (/[^\u0020-\u007e]/.test(v)) {
    return {
      what: "holds a character outside ASCII, which crmsh stores as an XML character reference (`ü` becomes the text `&#252;`)",
      hint: "use the cib or pcs target for this site, or write the value in ASCII",
    };
  }
  if (!crmshRereads(v)) {
    return {
      what: "ends in a backslash or has a backslash before a double quote, which crmsh cannot read back",
      hint: 'crmsh prints the value in double quotes without escaping backslashes and fails with "No closing quotation"; use the cib or pcs target for this site',
    };
  }
  return undefined;
}

/**
 * Why crmsh 4.4 cannot write a rule's test, or undefined: an attribute its
 * parser takes for no identifier (parse.py `_IDENT_RE`: `%1-ok` is refused,
 * "Expected identifier"), a value-source whose name has a space, a quote or a
 * brace (crmsh fails on it), or a literal value crmsh would read back as a
 * value-source (`a{b}`).
 */
export function crmshTestProblem(e: RuleExpression): string | undefined {
  if (e.kind !== "expression") return undefined;
  if (!/^[A-Za-z0-9_#$-][^=]*$/.test(e.attribute)) return `the attribute \`${e.attribute}\`, which crmsh reads as no identifier`;
  if (e.value === undefined) return undefined;
  if (e.valueSource !== undefined ? !/^[^\s{}'"\\]+$/.test(e.value) : /^[^\s{}]+\{\S+\}$/.test(e.value)) {
    return e.valueSource !== undefined ? `the ${e.valueSource} \`${e.value}\`, which crmsh cannot write` : `the value \`${e.value}\`, which crmsh would read as a value-source`;
  }
  return undefined;
}
