import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";
import { SUGGESTED_STATEMENT_KEYWORDS } from "./keywords.js";

function describe(t: TokenType): string {
  return t.LABEL ?? t.name;
}

function found(tok: IToken): string {
  return tok.tokenType.name === "EOF" ? "the end of the file" : "`" + tok.image + "`";
}

/** Syntax error messages in hacc's voice: what was expected, what was found. */
export const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (expected.name === "EOF") return STRAY(actual);
    return `expected ${describe(expected)}, found ${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return STRAY(firstRedundant);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const firsts = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) firsts.add(describe(path[0]));
    return expectedFound(firsts, actual[0]);
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const firsts = new Set<string>();
    for (const path of expectedIterationPaths) if (path[0]) firsts.add(describe(path[0]));
    return expectedFound(firsts, actual[0]);
  },
};

/** `expected A, B or C, found X`: what may come here, in a stable order; no grammar rule is named. */
function expectedFound(firsts: ReadonlySet<string>, tok: IToken | undefined): string {
  const all = [...firsts].sort();
  const list = all.length > 1 ? `${all.slice(0, -1).join(", ")} or ${all.at(-1)}` : (all[0] ?? "something else");
  return `expected ${list}, found ${tok ? found(tok) : "the end of the file"}`;
}

/** The message for a token that cannot start a statement. */
export const STRAY = (tok: IToken): string => `unexpected ${found(tok)}; expected a statement (${STATEMENTS}, a service such as \`lwfsd on GUEST\`, ...)`;
const STATEMENTS = SUGGESTED_STATEMENT_KEYWORDS.map((k) => "`" + k + "`").join(", ");
