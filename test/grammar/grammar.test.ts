import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceLines } from "../../src/diagnostics/span.js";
import { STATEMENT_KEYWORDS } from "../../src/syntax/keywords.js";
import { haLexer, KEYWORDS } from "../../src/syntax/tokens.js";
import { CONTRACT, expectGolden, ROOT } from "../helpers.js";
import { GRAMMAR_PATH, snapshot, tokenize } from "./tokenize.js";

const FILES: string[] = [
  join(ROOT, "examples/storage-cluster.ha"),
  CONTRACT,
  ...readdirSync(join(ROOT, "stdlib"))
    .filter((n) => n.endsWith(".ha"))
    .sort()
    .map((n) => join(ROOT, "stdlib", n)),
  join(ROOT, "test/format/cases/messy.ha"),
  join(ROOT, "test/fixtures/bundles.ha"),
  join(ROOT, "test/fixtures/defaults-rules.ha"),
  join(ROOT, "test/fixtures/property-sets.ha"),
  join(ROOT, "test/fixtures/node-sets.ha"),
  join(ROOT, "test/fixtures/templates.ha"),
  join(ROOT, "test/fixtures/tags.ha"),
  join(ROOT, "test/fixtures/nested-rules.ha"),
  join(ROOT, "test/fixtures/date-spec.ha"),
];

describe("TextMate grammar: snapshots of real files", () => {
  it.each(FILES.map((f) => [basename(f), f]))("%s", async (name, path) => {
    expectGolden(join(ROOT, "test/grammar/snapshots", `${name}.snap`), await snapshot(readFileSync(path, "utf8")));
  });
});

/** The innermost scope of the token at a word, which must be one whole grammar token. */
async function scopeOf(line: string, word: string, nth = 0): Promise<string> {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(word, at + 1);
  const t = (await tokenize(line)).find((x) => x.start === at);
  expect(t, `a token starts at ${word}`).toBeDefined();
  expect(t!.text, `${word} is one token`).toBe(word);
  return t!.scopes[t!.scopes.length - 1]!;
}

describe("TextMate grammar: words", () => {
  it("a name that starts with a keyword is a name, not a keyword", async () => {
    const line = "order order1 then guests optional; colocate on-call with grouped; resource cluster-ip ocf:heartbeat:IPaddr2 on nodes1;";
    expect(await scopeOf(line, "order")).toBe("storage.type.declaration.hacc");
    expect(await scopeOf(line, "order1")).toBe("variable.other.name.hacc");
    expect(await scopeOf(line, "guests")).toBe("variable.other.name.hacc");
    expect(await scopeOf(line, "on-call")).toBe("variable.other.name.hacc");
    expect(await scopeOf(line, "grouped")).toBe("variable.other.name.hacc");
    expect(await scopeOf(line, "cluster-ip")).toBe("entity.name.declaration.hacc");
    expect(await scopeOf(line, "nodes1")).toBe("variable.other.name.hacc");
    expect(await scopeOf(line, "optional")).toBe("storage.modifier.hacc");
  });

  it("scopes `score` and `named` in a defaults or property block's head as connectives", async () => {
    for (const line of ["  property score 5 named window { maintenance-mode = true; }", "  defaults score 10 when date gt 2027-01-01 named new-year { priority = 1; }"]) {
      expect(await scopeOf(line, "score")).toBe("keyword.other.connective.hacc");
      expect(await scopeOf(line, "named")).toBe("keyword.other.connective.hacc");
    }
  });

  it("scopes `score` and `named` in a node's set's head as connectives, its node as a name, as in a plain line", async () => {
    const plain = "  attributes n1 rack = 1;";
    for (const line of ["  attributes n1 score 5 when date gt 2001-01-01 named late { rack = 2; }", "  utilization n1 score 5 { cap = 1; }"]) {
      expect(await scopeOf(line, "score")).toBe("keyword.other.connective.hacc");
      expect(await scopeOf(line, "n1")).toBe(await scopeOf(plain, "n1"));
      expect(await scopeOf(line, line.includes("attributes") ? "attributes" : "utilization")).toBe(await scopeOf(plain, "attributes"));
    }
    expect(await scopeOf("  attributes n1 score 5 when date gt 2001-01-01 named late { rack = 2; }", "named")).toBe("keyword.other.connective.hacc");
    // `score` as a node attribute's name stays a key.
    expect(await scopeOf("  attributes n1 score = 5;", "score")).toBe(await scopeOf(plain, "rack"));
  });

  it("scopes a bundle's lines as items only where a KEY = follows", async () => {
    const line = "bundle web of network { docker image = x; network control-port = 3121; port-map port = 80; storage-map id = s, source-dir = a, target-dir = b; }";
    expect(await scopeOf(line, "bundle")).toBe("storage.type.declaration.hacc");
    expect(await scopeOf(line, "web")).toBe("entity.name.declaration.hacc");
    expect(await scopeOf(line, "network")).toBe("variable.other.name.hacc");
    for (const w of ["docker", "port-map", "storage-map"]) expect(await scopeOf(line, w)).toBe("keyword.other.setting.hacc");
    expect(await scopeOf(line, "network", 1)).toBe("keyword.other.setting.hacc");
    expect(await scopeOf(line, "control-port")).toBe("variable.other.property.hacc");
  });

  it("gives values their own scopes", async () => {
    const line = 'guest g on a prefer INFINITY, b -INFINITY, c -50 { ib 0000:82:01.0 at 00:05.0; op start timeout = 90s; op stop timeout PT5M; config "a\\"b\\\\c\\x"; }';
    expect(await scopeOf(line, "INFINITY")).toBe("constant.language.infinity.hacc");
    expect(await scopeOf(line, "-INFINITY")).toBe("constant.language.infinity.hacc");
    expect(await scopeOf(line, "-50")).toBe("constant.numeric.integer.hacc");
    expect(await scopeOf(line, "0000:82:01.0")).toBe("constant.numeric.pci-address.hacc");
    expect(await scopeOf(line, "00:05.0")).toBe("constant.numeric.pci-address.hacc");
    expect(await scopeOf(line, "90s")).toBe("constant.numeric.duration.hacc");
    expect(await scopeOf(line, "PT5M")).toBe("constant.numeric.duration.hacc");
    expect(await scopeOf(line, "start")).toBe("entity.name.function.operation.hacc");
    expect(await scopeOf(line, "timeout")).toBe("variable.other.property.hacc");
    expect(await scopeOf(line, "=")).toBe("keyword.operator.assignment.hacc");
    expect(await scopeOf(line, '\\"')).toBe("constant.character.escape.hacc");
    expect(await scopeOf(line, "\\\\")).toBe("constant.character.escape.hacc");
    expect(await scopeOf(line, "\\x")).toBe("invalid.illegal.unknown-escape.hacc");
    expect(await scopeOf(line, "prefer")).toBe("keyword.other.connective.hacc");
  });

  it("scopes a resource set's brackets and options", async () => {
    const line = "order (promote db) then (a, b independent require-any ordering listed);";
    expect(await scopeOf(line, "(")).toBe("punctuation.section.set.hacc");
    expect(await scopeOf(line, ")")).toBe("punctuation.section.set.hacc");
    expect(await scopeOf(line, "independent")).toBe("storage.modifier.hacc");
    expect(await scopeOf(line, "ordering")).toBe("storage.modifier.hacc");
    expect(await scopeOf(line, "db")).toBe("variable.other.name.hacc");
  });

  it("scopes `spec` after `date` as a modifier, and only there", async () => {
    const line = "rule 100 when date spec hours 9-16 weekdays 1-5;";
    expect(await scopeOf(line, "date")).toBe("storage.modifier.hacc");
    expect(await scopeOf(line, "spec")).toBe("storage.modifier.hacc");
    expect(await scopeOf("resource spec ocf:pacemaker:Dummy;", "spec")).toBe("entity.name.declaration.hacc");
  });

  it("scopes a comment to the end of the line, and a `#` inside a string is not a comment", async () => {
    const line = 'meta description = "#1"; # a note "not a string"';
    expect(await scopeOf(line, '"#1"'.slice(1, 3))).toBe("string.quoted.double.hacc");
    const toks = await tokenize(line);
    const comment = toks.filter((t) => t.scopes.includes("comment.line.number-sign.hacc"));
    expect(comment.map((t) => t.text).join("")).toBe('# a note "not a string"');
  });

  it("ends an unterminated string at the end of its line", async () => {
    const toks = await tokenize('config "abc\nnodes a;');
    expect(toks.find((t) => t.text === "nodes")?.scopes).toEqual(["keyword.other.setting.hacc"]);
  });

  it("scopes `unlisted-nodes` as a cluster item's keyword, and its names as names", async () => {
    const line = "  unlisted-nodes gone, unlisted-nodes1;";
    expect(await scopeOf(line, "unlisted-nodes")).toBe("keyword.other.setting.hacc");
    expect(await scopeOf(line, "gone")).toBe(await scopeOf("  nodes n1, gone;", "gone"));
    expect(await scopeOf(line, "unlisted-nodes1")).toBe(await scopeOf("  nodes n1, gone;", "gone"));
  });

  it("scopes every keyword of the lexer as a keyword", async () => {
    for (const k of KEYWORDS) {
      const word = String(k.PATTERN);
      const scope = await scopeOf(`${word}`, word);
      expect(scope, word).toMatch(/^(storage\.type|keyword\.other|storage\.modifier)\./);
    }
  });

  it("scopes the keywords that start a statement, and only those, as declarations", async () => {
    expect(STATEMENT_KEYWORDS.length).toBeGreaterThan(5);
    for (const k of KEYWORDS) {
      const word = String(k.PATTERN);
      const declaration = (await scopeOf(`${word}`, word)).startsWith("storage.type.declaration.");
      expect(declaration, word).toBe(STATEMENT_KEYWORDS.includes(word));
    }
  });

  it("splits each file where hacc's lexer does: every lexer token is one grammar token", async () => {
    for (const path of FILES) {
      const text = readFileSync(path, "utf8");
      const toks = await tokenize(text);
      const lexed = haLexer().tokenize(text);
      expect(lexed.errors).toEqual([]);
      // hacc's tokens carry offsets; the line table gives their lines and columns.
      const lines = new SourceLines(path, text);
      for (const t of lexed.tokens) {
        if (t.tokenType.name === "StringLiteral") continue;
        const line = lines.lineOf(t.startOffset);
        const col = t.startOffset - lines.lineStart(line);
        const g = toks.find((x) => x.line === line && x.start === col);
        expect(g?.text, `${basename(path)}:${line}:${col + 1} ${t.image}`).toBe(t.image);
        expect(g!.scopes.some((s) => s.startsWith("invalid.")), `${t.image} is not invalid`).toBe(false);
      }
    }
  });
});

describe("TextMate grammar: the file itself", () => {
  const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, "utf8")) as Record<string, unknown>;

  /** Every rule object (with match, begin, patterns or include), and every scope name. */
  function walk(v: unknown, rules: object[], names: string[]): void {
    if (Array.isArray(v)) v.forEach((x) => walk(x, rules, names));
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if ("match" in o || "begin" in o || "patterns" in o) rules.push(o);
      for (const k of ["name", "contentName"]) if (typeof o[k] === "string" && o !== grammar) names.push(o[k] as string);
      for (const [k, x] of Object.entries(o)) if (k !== "comment") walk(x, rules, names);
    }
  }

  it("names source.hacc, and every scope ends in .hacc", () => {
    expect(grammar["scopeName"]).toBe("source.hacc");
    const names: string[] = [];
    walk(grammar["repository"], [], names);
    walk(grammar["patterns"], [], names);
    expect(names.length).toBeGreaterThan(20);
    expect(names).toEqual(expect.arrayContaining(["comment.line.number-sign.hacc", "string.quoted.double.hacc", "constant.language.infinity.hacc"]));
    for (const n of names) for (const s of n.split(" ")) expect(s).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.hacc$/);
  });

  it("has a comment on every rule", () => {
    const rules: object[] = [];
    walk(grammar["repository"], rules, []);
    expect(rules.length).toBeGreaterThan(15);
    for (const r of rules) expect((r as { comment?: unknown }).comment, JSON.stringify(r).slice(0, 80)).toEqual(expect.any(String));
  });

  it("is packaged as a VS Code extension that contributes it for .ha files", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "grammar/package.json"), "utf8"));
    expect(manifest.engines.vscode).toMatch(/^\^1\./);
    expect(manifest.contributes.languages).toEqual([
      expect.objectContaining({ id: "hacc", extensions: [".ha"], configuration: "./language-configuration.json" }),
    ]);
    expect(manifest.contributes.grammars).toEqual([{ language: "hacc", scopeName: "source.hacc", path: "./hacc.tmLanguage.json" }]);
    const config = JSON.parse(readFileSync(join(ROOT, "grammar/language-configuration.json"), "utf8"));
    expect(config.comments).toEqual({ lineComment: "#" });
    expect(config.brackets).toEqual([["{", "}"]]);
  });
});
