import { createToken, Lexer, type TokenType } from "chevrotain";
import { OffsetLexer } from "./chevrotain.js";

/** Category matched by any word-like token: plain words and every keyword. */
export const AnyWord = createToken({ name: "AnyWord", pattern: Lexer.NA, label: "a name" });
/**
 * Category of the words that may start a block's `KEY = VALUE;` line: every
 * word but `meta` and `params`, whose own alternatives read `meta = V;` and
 * `params = V;` too. So the block item's choice is made on the first word,
 * and a mistake after `params` or `meta` (a `{` left out) is reported there.
 */
export const BlockKey = createToken({ name: "BlockKey", pattern: Lexer.NA, label: "a name" });
/** Category for strings, terminated or not (an unterminated one is reported by the AST stage). */
export const StringTok = createToken({ name: "StringTok", pattern: Lexer.NA, label: "a string" });
/**
 * Category for a name (a node, a resource, a constraint's id, ...): a word, or the same as a string, so
 * that a name that is a keyword is written `"group"` (docs/language.md, "Lexical rules").
 */
export const NameTok = createToken({ name: "NameTok", pattern: Lexer.NA, label: "a name" });

/**
 * A word: names, numbers, scores, durations, agents (`ocf:heartbeat:Dummy`),
 * PCI addresses (`0000:82:01.0`), and agents with `/` or `@` after the
 * first character (`stonith:external/ipmi`, `systemd:getty@tty1`). Its meaning comes from its position; the
 * checker validates each kind, so a malformed score is a value error with a
 * precise message rather than a syntax error.
 */
export const Word = createToken({
  name: "Word",
  pattern: /[A-Za-z0-9_.+-][A-Za-z0-9_.:+\/@-]*/,
  categories: [AnyWord, BlockKey, NameTok],
  label: "a name or value",
});

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments" });
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\n]|\\[^\n])*"/,
  categories: [StringTok, NameTok],
  label: "a string",
});
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n]|\\[^\n])*/,
  categories: [StringTok, NameTok],
  label: "a string",
});

export const LBrace = createToken({ name: "LBrace", pattern: "{", label: "`{`" });
export const RBrace = createToken({ name: "RBrace", pattern: "}", label: "`}`" });
export const Semi = createToken({ name: "Semi", pattern: ";", label: "`;`" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "`,`" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "`=`" });
/** A resource set's brackets: `order (a, b) then (c);`. */
export const LParen = createToken({ name: "LParen", pattern: "(", label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "`)`" });

const keywords: TokenType[] = [];
function kw(word: string, categories: TokenType[] = [AnyWord, BlockKey]): TokenType {
  const name = "Kw_" + word.replace(/-/g, "_");
  const t = createToken({ name, pattern: word, longer_alt: Word, categories, label: "`" + word + "`" });
  keywords.push(t);
  return t;
}

export const OpDefaults = kw("op-defaults");
export const GuestDefaults = kw("guest-defaults");
export const GuestParam = kw("guest-param");
export const SiteProvided = kw("site-provided");
export const SharedStorage = kw("shared-storage");
export const VfLimit = kw("vf-limit");
export const HostFailures = kw("host-failures");
export const Cluster = kw("cluster");
export const Nodes = kw("nodes");
/** `unlisted-nodes NAME, ...;` in the cluster block: nodes constraints may name that have no `<node>` entry. */
export const UnlistedNodes = kw("unlisted-nodes");
export const Property = kw("property");
export const Defaults = kw("defaults");
export const Guest = kw("guest");
export const On = kw("on");
export const Prefer = kw("prefer");
export const Config = kw("config");
export const Hypervisor = kw("hypervisor");
export const Ib = kw("ib");
export const At = kw("at");
export const Op = kw("op");
export const Meta = kw("meta", [AnyWord]);
/** `params` opens a resource's extra parameter set (`params [score N] [when ...] { ... }`); `params = V;` is still a parameter of that name. */
export const Params = kw("params", [AnyWord]);
export const Utilization = kw("utilization");
export const Resource = kw("resource");
export const Order = kw("order");
export const Then = kw("then");
export const Colocate = kw("colocate");
export const With = kw("with");
export const Group = kw("group");
export const Clone = kw("clone");
export const Promotable = kw("promotable");
export const Bundle = kw("bundle");
export const Of = kw("of");
export const After = kw("after");
export const Agent = kw("agent");
export const Service = kw("service");
export const Param = kw("param");
export const Required = kw("required");
export const Default = kw("default");
export const Shared = kw("shared");
export const Mmp = kw("mmp");
export const ExactOps = kw("exact-ops");
export const Optional = kw("optional");
export const Mandatory = kw("mandatory");
export const Serialize = kw("serialize");
export const Ticket = kw("ticket");
export const For = kw("for");
export const LossPolicy = kw("loss-policy");
export const OneWay = kw("one-way");
export const Symmetrical = kw("symmetrical");
export const RequireAny = kw("require-any");
export const RequireAll = kw("require-all");
export const NodeAttribute = kw("node-attribute");
export const Influence = kw("influence");
export const Description = kw("description");
export const Location = kw("location");
export const Discovery = kw("discovery");
/** `location NAME for pattern "REGEX" ...`: a location of every top-level resource whose id matches (`rsc-pattern`). */
export const Pattern = kw("pattern");
export const Rule = kw("rule");
export const When = kw("when");
export const And = kw("and");
export const Or = kw("or");
export const Defined = kw("defined");
export const NotDefined = kw("not_defined");
export const DateKw = kw("date");
export const To = kw("to");
export const ScoreAttribute = kw("score-attribute");
export const Attributes = kw("attributes");
export const Named = kw("named");
export const FencingLevel = kw("fencing-level");
export const Alert = kw("alert");
export const Acl = kw("acl");
export const Template = kw("template");
export const From = kw("from");
export const Tag = kw("tag");

/** Every keyword, in the order the lexer tries them. */
export const KEYWORDS: readonly TokenType[] = keywords;

/** All tokens in lexer order: keywords before `Word`. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  LBrace,
  RBrace,
  Semi,
  Comma,
  Equals,
  LParen,
  RParen,
  // Longest first, so `optional` is not read as the keyword `op` (whose
  // longer alternative would then make it a plain word).
  ...[...keywords].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Word,
  AnyWord,
  BlockKey,
  StringTok,
  NameTok,
];

/**
 * Builds the lexer. Keywords are not patterns of the lexer: it matches a
 * `Word` and looks its text up among the keywords (`OffsetLexer`,
 * src/syntax/chevrotain.ts), which gives what chevrotain's lexer gives with
 * `ALL_TOKENS` (each keyword a pattern with `longer_alt: Word`), as
 * test/syntax/chevrotain.test.ts checks, at a fraction of the regular
 * expressions per word (docs/performance.md, "The reader").
 *
 * `validate` runs chevrotain's checks of the token definitions (unreachable
 * or empty patterns, ...); like the parser's, they only fail when tokens are
 * edited, so the shared lexer skips them and a test runs them
 * (test/syntax/grammar-valid.test.ts), with `ensureOptimizations`
 * (chevrotain's first-character dispatch must hold for every token).
 *
 * Tokens carry offsets only (`startOffset`, `endOffset`): every consumer
 * turns offsets into lines and columns through the source's line table
 * (src/diagnostics/span.ts), so the lexer keeps no line count.
 */
export function buildLexer({ validate = false }: { validate?: boolean } = {}): Lexer {
  return new OffsetLexer(
    LEXER_TOKENS,
    { positionTracking: "onlyOffset", ensureOptimizations: validate, skipValidations: !validate },
    { type: Word, keywords: KEYWORD_BY_TEXT },
  );
}

/** A keyword the `Word` pattern matches whole, which the lexer can find by its text (every keyword so far). */
const isWordlike = (k: TokenType): boolean => new RegExp(`^(?:${(Word.PATTERN as RegExp).source})$`).test(k.PATTERN as string);
/** The keywords found by their text. */
const KEYWORD_BY_TEXT: ReadonlyMap<string, TokenType> = new Map(keywords.filter(isWordlike).map((k) => [k.PATTERN as string, k]));
/** The patterns the lexer tries: `ALL_TOKENS` without the keywords it finds by their text. */
const LEXER_TOKENS: TokenType[] = ALL_TOKENS.filter((t) => KEYWORD_BY_TEXT.get(t.PATTERN as string) !== t);

let singleton: Lexer | undefined;

/** The lexer, built on first use. */
export function haLexer(): Lexer {
  return (singleton ??= buildLexer());
}
