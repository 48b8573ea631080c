import { format as prettierFormat, type Options, type Parser, type Plugin, type SupportLanguage } from "prettier";
import { parse } from "../ast/parse.js";
import { hasErrors, sortDiagnostics, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { Source } from "../diagnostics/span.js";
import { printer } from "./printer.js";
import { buildTree, FormatSyntaxError, type FmtNode } from "./tree.js";

/**
 * The Prettier plugin for `.ha` files. Its parser is hacc's own front end
 * (src/syntax); a file with syntax errors is refused with hacc's first
 * diagnostic (by position). Load it in Prettier as `hacc/dist/format/index.js`.
 */

export const languages: SupportLanguage[] = [
  {
    name: "hacc",
    parsers: ["hacc"],
    extensions: [".ha"],
    tmScope: "source.hacc",
    vscodeLanguageIds: ["hacc"],
  },
];

/** A syntax error as Prettier shows it: message and 1-based position. */
class HaccSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } },
  ) {
    super(message);
  }
}

export const parsers: Record<string, Parser<FmtNode>> = {
  hacc: {
    astFormat: "hacc",
    parse(text, options) {
      try {
        return buildTree(text);
      } catch (e) {
        if (!(e instanceof FormatSyntaxError)) throw e;
        // Say why in hacc's words: its first syntax diagnostic.
        const file = (options as { filepath?: string }).filepath ?? "<input>";
        const first = sortDiagnostics(parse({ file, text }).diagnostics).find((d) => d.severity === "error");
        if (first === undefined) throw e;
        const s = first.span;
        throw new HaccSyntaxError(`${first.code}: ${first.message}`, {
          start: { line: s.line, column: s.column },
          end: { line: s.endLine, column: s.endColumn },
        });
      }
    },
    locStart: (node) => node.start,
    locEnd: (node) => node.end,
  },
};

export const printers = { hacc: printer };

/** The canonical settings of `hacc fmt`; a Prettier config may change them for the plugin. */
export const defaultOptions = { printWidth: 80, tabWidth: 2, useTabs: false };

const plugin: Plugin<FmtNode> = { languages, parsers, printers, defaultOptions };
export default plugin;

/**
 * Formats one source the way `hacc fmt` does. A source with syntax errors is
 * not formatted: its value is `undefined` and the diagnostics say why (the
 * same ones `hacc check` gives for the syntax).
 */
export async function formatSource(source: Source): Promise<Result<string | undefined>> {
  const r = parse(source);
  const diagnostics: readonly Diagnostic[] = sortDiagnostics(r.diagnostics);
  if (hasErrors(diagnostics)) return { value: undefined, diagnostics };
  const options: Options = { parser: "hacc", plugins: [plugin], filepath: source.file, endOfLine: "lf", ...defaultOptions };
  return { value: await prettierFormat(source.text, options), diagnostics };
}
