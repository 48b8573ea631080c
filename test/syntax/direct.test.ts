import { readFileSync } from "node:fs";
import {
  Alternation,
  Alternative,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Terminal,
  type IProduction,
  type TokenType,
} from "chevrotain";
import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { AstBuilder } from "../../src/ast/build.js";
import { readStatements } from "../../src/ast/direct.js";
import { parse, parseChunked } from "../../src/ast/parse.js";
import { sortDiagnostics, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { SourceLines } from "../../src/diagnostics/span.js";
import { haParser } from "../../src/syntax/parser.js";
import { lex } from "../../src/syntax/scan.js";
import * as T from "../../src/syntax/tokens.js";
import { repositoryHaFiles, seededRandom as random } from "../helpers.js";

// A file without syntax errors is read straight into the AST
// (src/ast/direct.ts); chevrotain's parser, the grammar of record, reads the
// rest. The two must accept the same token lists and give the same AST and
// diagnostics. The sentences below are generated from chevrotain's own
// description of the grammar, so a rule added there and not to the direct
// reader makes this suite fail.

const codes = (ds: readonly Diagnostic[]) => sortDiagnostics(ds).map((d) => `${d.code} ${d.span.start}-${d.span.end} ${d.message}`);

/** Both readers on one text: the direct reader's statements (undefined where it gave up) and chevrotain's. */
function readBoth(text: string) {
  const lines = new SourceLines("t.ha", text);
  const { tokens, errors } = lex(text);
  expect(errors).toEqual([]);
  const direct = new AstBuilder(lines);
  const statements = readStatements(tokens, direct);
  const parser = haParser();
  parser.input = tokens;
  const cst = parser.file();
  const syntaxErrors = parser.errors.length;
  const viaCst = new AstBuilder(lines);
  const reference = viaCst.build(cst, [], { file: "t.ha", start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 }).statements;
  return { statements, directDiagnostics: direct.diagnostics, syntaxErrors, reference, referenceDiagnostics: viaCst.diagnostics };
}

/** Checks the two readers agree on `text`; true when it has no syntax error. */
function agree(text: string): boolean {
  const r = readBoth(text);
  expect(r.statements === undefined, `direct reader gave up iff chevrotain found an error:\n${text}`).toBe(r.syntaxErrors > 0);
  if (r.statements === undefined) return false;
  expect(r.statements, text).toStrictEqual(r.reference);
  expect(codes(r.directDiagnostics), text).toEqual(codes(r.referenceDiagnostics));
  return true;
}


const WORDS = ["a", "b1", "nio005", "vm-x", "500", "-50", "+INFINITY", "10s", "0000:82:01.0", "00:05.0", "ocf:heartbeat:Dummy", "x.y", "start", "_z", "op1"];
const STRINGS = ['"a b"', '"q\\"x"', '""', '"back\\\\slash"', '"bad\\escape"', '"open'];

/** A generated token: its text and the terminal it stands for. */
interface Generated {
  text: string;
  readonly type: TokenType;
}

/** Random sentences of the grammar, walked from chevrotain's productions. */
class Sentences {
  constructor(private readonly next: () => number) {}

  /** A token of another kind than `type`: a keyword or a string where a name belongs, a string where a word belongs, ... */
  wrong(type: TokenType): string {
    const keyword = () => this.pick(T.KEYWORDS).PATTERN as string;
    const string = () => this.pick(STRINGS.slice(0, 5));
    const punctuation = () => this.pick(["{", "}", ";", ",", "="]);
    if (type === T.Word) return this.pick([keyword, string, punctuation])();
    if (type === T.AnyWord) return this.pick([string, punctuation])();
    if (type === T.StringTok) return punctuation();
    return this.pick([() => this.pick(WORDS), keyword, string, punctuation])();
  }

  private pick<X>(xs: readonly X[]): X {
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  private times(min: number): number {
    return min + Math.floor(this.next() * 3);
  }

  private token(type: TokenType): string {
    if (type === T.Word) return this.pick(WORDS);
    if (type === T.AnyWord) return this.next() < 0.6 ? this.pick(WORDS) : (this.pick(T.KEYWORDS).PATTERN as string);
    if (type === T.StringTok) {
      const s = this.pick(STRINGS);
      return s === '"open' ? `${s}\n` : s;
    }
    return type.PATTERN as string;
  }

  walk(prods: readonly IProduction[], out: Generated[]): void {
    for (const p of prods) {
      if (p instanceof Terminal) out.push({ text: this.token(p.terminalType), type: p.terminalType });
      else if (p instanceof NonTerminal) this.walk(p.referencedRule.definition, out);
      else if (p instanceof Option) {
        if (this.next() < 0.5) this.walk(p.definition, out);
      } else if (p instanceof Alternation) this.walk((this.pick(p.definition) as Alternative).definition, out);
      else if (p instanceof Alternative) this.walk(p.definition, out);
      else if (p instanceof Repetition || p instanceof RepetitionMandatory) {
        for (let n = this.times(p instanceof RepetitionMandatory ? 1 : 0); n > 0; n--) this.walk(p.definition, out);
      } else if (p instanceof RepetitionMandatoryWithSeparator || p instanceof RepetitionWithSeparator) {
        const n = this.times(p instanceof RepetitionMandatoryWithSeparator ? 1 : 0);
        for (let k = 0; k < n; k++) {
          if (k > 0) out.push({ text: this.token(p.separator), type: p.separator });
          this.walk(p.definition, out);
        }
      } else throw new Error(`a production this generator does not know: ${p.constructor.name}`);
    }
  }

  /** Some statements as text, tokens apart by spaces, line breaks or a comment. */
  text(tokens: readonly Generated[]): string {
    let text = "";
    for (const { text: t } of tokens) {
      const r = this.next();
      text += t + (t.endsWith("\n") ? "" : r < 0.7 ? " " : r < 0.95 ? "\n" : " # c\n");
    }
    return text;
  }
}


describe("the direct reader", () => {
  it("agrees with chevrotain's parser on random sentences of the grammar, most with a token of the wrong kind, dropped or doubled", () => {
    const rules = haParser().getGAstProductions();
    const gen = new Sentences(random(20261130));
    const next = random(7);
    let valid = 0;
    let invalid = 0;
    for (let n = 0; n < 6000; n++) {
      const tokens: Generated[] = [];
      for (let k = 1 + Math.floor(next() * 3); k > 0; k--) gen.walk(rules["statement"]!.definition, tokens);
      const at = Math.floor(next() * tokens.length);
      const mistake = n % 4;
      // Three sentences in four have a mistake: a token of the wrong kind
      // (a keyword where a name belongs, ...), or one dropped or doubled.
      if (mistake === 1) tokens[at]!.text = gen.wrong(tokens[at]!.type);
      else if (mistake === 2) tokens.splice(at, 1);
      else if (mistake === 3) tokens.splice(at, 0, { ...tokens[at]! });
      if (agree(gen.text(tokens))) valid++;
      else invalid++;
    }
    // Both paths were exercised: the sentences without a mistake are valid
    // but for the gates of `order`; most with one are not.
    expect(valid).toBeGreaterThan(1500);
    expect(invalid).toBeGreaterThan(3000);
  });

  it("gives every .ha file of the repository the AST and diagnostics chevrotain's parser gives", () => {
    const files = repositoryHaFiles();
    expect(files.length).toBeGreaterThan(50);
    let read = 0;
    for (const file of files) {
      const source = { file, text: readFileSync(file, "utf8") };
      const direct = parse(source);
      const reference = parse(source, { direct: false });
      expect(direct.value, file).toStrictEqual(reference.value);
      expect(codes(direct.diagnostics), file).toEqual(codes(reference.diagnostics));
      if (lex(source.text).errors.length === 0 && readStatements(lex(source.text).tokens, new AstBuilder(new SourceLines(file, source.text)))) read++;
    }
    expect(read).toBeGreaterThan(30);
  });

  it("reads a large site chunk by chunk into the AST chevrotain's parser gives", () => {
    const source = { file: "site.ha", text: generateSite({ guests: 80 }).text };
    expect(source.text.length).toBeGreaterThan(2 * 16 * 1024);
    // parseChunked is the chunked direct path alone: undefined where it gave up and parse would fall back.
    const direct = parseChunked(source);
    expect(direct).toBeDefined();
    expect(direct!.diagnostics).toEqual([]);
    expect(direct!.value).toStrictEqual(parse(source, { direct: false }).value);
    expect(parse(source).value).toStrictEqual(direct!.value);
  });

  it("takes `order A B then C D` as actions only where a word follows a word", () => {
    const r = readBoth("order start a then promote b optional;\norder a then b;\n");
    expect(r.statements?.map((s) => s.kind === "order" && [s.firstAction?.text, s.first.text, s.thenAction?.text, s.then.text, s.orderKind?.text])).toEqual([
      ["start", "a", "promote", "b", "optional"],
      [undefined, "a", undefined, "b", undefined],
    ]);
  });
});
