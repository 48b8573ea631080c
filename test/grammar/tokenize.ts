import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";
import { ROOT } from "../helpers.js";

export const GRAMMAR_PATH = join(ROOT, "grammar/hacc.tmLanguage.json");

/** One token as VS Code sees it: its text and its scopes (without `source.hacc`). */
export interface Tok {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

/** Loads the committed grammar with vscode-textmate on the Oniguruma WASM build, as VS Code does. */
function load(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(join(require.resolve("vscode-oniguruma"), "..", "onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === "source.hacc" ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH) : null,
    });
    const g = await registry.loadGrammar("source.hacc");
    if (g === null) throw new Error("grammar source.hacc did not load");
    return g;
  })();
  return grammar;
}

/** Tokenizes a text line by line, carrying the rule stack across lines. */
export async function tokenize(text: string): Promise<Tok[]> {
  const g = await load();
  const out: Tok[] = [];
  let stack = textmate.INITIAL;
  text.split("\n").forEach((line, i) => {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end <= t.startIndex) continue;
      out.push({ line: i + 1, start: t.startIndex, end, text: line.slice(t.startIndex, end), scopes: t.scopes.filter((s) => s !== "source.hacc") });
    }
    stack = r.ruleStack;
  });
  return out;
}

/** A readable snapshot: each source line, then its non-blank tokens and their scopes. */
export async function snapshot(text: string): Promise<string> {
  const toks = await tokenize(text);
  const lines = text.split("\n");
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (i === lines.length - 1 && l === "") return;
    out.push(`${String(i + 1).padStart(3)} | ${l}`);
    for (const t of toks) {
      if (t.line !== i + 1 || t.text.trim() === "") continue;
      out.push(`      ${JSON.stringify(t.text).padEnd(24)} ${t.scopes.join(" ")}`);
    }
  });
  return out.join("\n") + "\n";
}
