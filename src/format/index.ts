import { format as prettierFormat, type Options, type Parser, type Plugin, type SupportLanguage } from "prettier";
import { nestingError, parse } from "../ast/parse.js";
import { hasErrors, sortDiagnostics, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { Source } from "../diagnostics/span.js";
import { cutPieces, joinPieces, type Piece } from "./chunks.js";
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
 * Characters per piece, about: large enough that Prettier's cost per call is
 * nothing, small enough that a piece's CST, layout tree and document die young.
 */
const PIECE = 16 * 1024;

/**
 * The plugin as `hacc fmt` runs it: its parser refuses a piece with a syntax
 * error without explaining (formatSource then asks the front end why).
 */
const strict: Plugin<FmtNode> = { ...plugin, parsers: { hacc: { ...parsers["hacc"]!, parse: (text) => buildTree(text) } } };

/** The syntax diagnostics of a source, sorted, as `hacc check` gives them. */
function syntaxDiagnostics(source: Source): readonly Diagnostic[] {
  return sortDiagnostics(parse(source).diagnostics);
}

/**
 * Formats one source the way `hacc fmt` does. A source with syntax errors is
 * not formatted: its value is `undefined` and the diagnostics say why (the
 * same ones `hacc check` gives for the syntax).
 *
 * The source is formatted a piece at a time, cut between top-level
 * statements where the pieces join to the bytes of the whole source formatted
 * at once (see chunks.ts), so a large file needs one piece's memory at a
 * time. A source whose pieces all parse and whose strings are plain has no
 * syntax diagnostic, so the front end's whole-file reading is needed only
 * otherwise. `pieceSize` (characters, about) is for tests; `Infinity`
 * formats the source whole.
 */
export async function formatSource(source: Source, pieceSize: number = PIECE): Promise<Result<string | undefined>> {
  const deep = nestingError(source);
  if (deep !== undefined) return { value: undefined, diagnostics: [deep] };
  const cut = cutPieces(source.text, pieceSize);
  let diagnostics: readonly Diagnostic[] = [];
  if (cut === undefined || !cut.plain) {
    diagnostics = syntaxDiagnostics(source);
    if (hasErrors(diagnostics)) return { value: undefined, diagnostics };
  }
  const options: Options = { parser: "hacc", plugins: [strict], filepath: source.file, endOfLine: "lf", ...defaultOptions };
  const formatted: { piece: Piece; text: string }[] = [];
  try {
    for (const piece of cut?.pieces ?? [{ start: 0, end: source.text.length, blankBefore: false }]) {
      formatted.push({ piece, text: await prettierFormat(source.text.slice(piece.start, piece.end), options) });
    }
  } catch (e) {
    if (!(e instanceof FormatSyntaxError)) throw e;
    const all = syntaxDiagnostics(source);
    if (!hasErrors(all)) throw e;
    return { value: undefined, diagnostics: all };
  }
  return { value: joinPieces(formatted), diagnostics };
}
