import type { IToken } from "chevrotain";
import { nameSource } from "../syntax/names.js";
import type { SourceLines } from "../diagnostics/span.js";
import * as T from "../syntax/tokens.js";
import { ORDER_KINDS } from "./slips.js";

/**
 * Lines written for Pacemaker's other front ends, pasted into a site: a `pcs`
 * or `crm configure` command, crmsh's `primitive`, `location`, `order` and
 * `colocation` lines, or pcs's `KEY=VALUE` where `.ha` has its own form. Each
 * is read as the words the user typed (`ip=10.0.0.1` is one word, as the
 * shell sees it) and given back as the `.ha` statement it means, for one
 * error's hint (src/ast/recover.ts).
 */

/** What a foreign line means: the statement's first token, how to say what it is, the hint, and where it ends. */
export interface ForeignLine {
  /** The index of the first token after the line (where reading may go on). */
  readonly end: number;
  /** The index of the token the error points at. */
  readonly at: number;
  readonly message: string;
  readonly hint: string;
}

/** The first words of a line that `.ha` never starts a statement with and pcs or crmsh do. */
const FOREIGN_STARTS: ReadonlySet<string> = new Set(["pcs", "crm", "primitive", "location", "colocation", "order"]);

/** A word that may start a foreign line (where reading may go on after a broken statement). */
export function startsForeign(word: string): boolean {
  return FOREIGN_STARTS.has(word);
}

/**
 * The foreign line starting at token `s` (at the start of a source line), or
 * undefined when the line is not one this knows. The line runs to the end of
 * its source line (pasted commands have no `;`), or to its `;`.
 */
export function foreignLine(tokens: readonly IToken[], s: number, lines: SourceLines): ForeignLine | undefined {
  const first = tokens[s]!;
  if (!FOREIGN_STARTS.has(first.image)) return undefined;
  const line = lines.lineOf(first.startOffset);
  let end = s;
  while (end < tokens.length && lines.lineOf(tokens[end]!.startOffset) === line && tokens[end]!.tokenType !== T.Semi) end++;
  if (tokens[end]?.tokenType === T.Semi) end++;
  const w = words(tokens.slice(s, end));
  if (first.tokenType === T.Order) {
    // pcs's `kind=Optional` in an order: the error points at `kind`.
    const kind = tokens.findIndex((t, i) => i >= s && i < end && t.image === "kind" && tokens[i + 1]?.tokenType === T.Equals);
    const said = kind < 0 ? undefined : pcsOrder(w.slice(1));
    if (said) return { end, at: kind, message: "an order's kind is a word at its end, not pcs's `kind=`", hint: said };
  }
  const said = translate(w);
  return said && { end, at: s, ...said };
}

/** The words of a line as a shell splits them: `KEY = VALUE` and `KEY=VALUE` are one word; a `;` ends it. */
function words(tokens: readonly IToken[]): string[] {
  const out: string[] = [];
  let glue = false;
  for (const t of tokens) {
    if (t.tokenType === T.Semi) break;
    if (t.tokenType === T.Equals) {
      if (out.length > 0) out[out.length - 1] += "=";
      glue = true;
    } else if (glue && out.length > 0) {
      out[out.length - 1] += t.image;
      glue = false;
    } else out.push(t.image);
  }
  return out;
}

function translate(w: readonly string[]): { message: string; hint: string } | undefined {
  if (w[0] === "pcs") {
    const said = pcs(w.slice(1));
    return said === undefined ? undefined : { message: "a pcs command is not a statement", hint: said };
  }
  if (w[0] === "crm") {
    const rest = w[1] === "configure" ? w.slice(2) : w.slice(1);
    const said = crm(rest);
    return said === undefined ? undefined : { message: "a crmsh command is not a statement", hint: said };
  }
  if (w[0] === "location") {
    // `location NAME for RSC ...` is the language's own statement: its mistakes are its own.
    if (w[2] === "for") return undefined;
    const said = pcsLocation(w.slice(1)) ?? crmLocation(w.slice(1));
    return said === undefined ? undefined : { message: "a pcs or crmsh `location` line: where a resource runs is part of its own statement (`location NAME for RSC ...` is for rules and roles)", hint: said };
  }
  // crmsh's own statements, without `crm configure` before them.
  const said = crm(w);
  return said === undefined ? undefined : { message: `\`${w[0]}\` is crmsh's, not a \`.ha\` statement`, hint: said };
}

/** `pcs resource create ...`, `pcs constraint location|order|colocation ...`. */
function pcs(w: readonly string[]): string | undefined {
  if (w[0] === "resource" && w[1] === "create" && w[2] !== undefined && w[3] !== undefined) return write(resource(w[2], w[3], w.slice(4), false));
  if (w[0] !== "constraint") return undefined;
  if (w[1] === "location") return pcsLocation(w.slice(2));
  if (w[1] === "order") return pcsOrder(w.slice(2));
  if (w[1] === "colocation" && w[2] === "add") return pcsColocation(w.slice(3));
  return undefined;
}

/** crmsh's `primitive`, `location`, `order` and `colocation` (Pacemaker's crm shell syntax). */
function crm(w: readonly string[]): string | undefined {
  if (w[0] === "primitive" && w[1] !== undefined && w[2] !== undefined) return write(resource(w[1], w[2], w.slice(3), true));
  if (w[0] === "location") return crmLocation(w.slice(1));
  if (w[0] === "order") return crmOrder(w.slice(1));
  if (w[0] === "colocation") return crmColocation(w.slice(1));
  return undefined;
}

function write(statement: string): string {
  return `write \`${statement}\``;
}

/** A value as `.ha` writes it: a word where it is one, else a string. */
function value(v: string): string {
  return /^[A-Za-z0-9_.:+-][A-Za-z0-9_.:+\-/@]*$/.test(v) || /^".*"$/.test(v) ? v : JSON.stringify(v);
}

function pair(word: string): [string, string] | undefined {
  const i = word.indexOf("=");
  return i > 0 ? [word.slice(0, i), word.slice(i + 1)] : undefined;
}

/**
 * A resource from pcs's `NAME AGENT [K=V...] [op NAME K=V...] [meta K=V...]`
 * or crmsh's `NAME AGENT [params K=V...] [meta K=V...] [op NAME K=V...]`;
 * flags (`--disabled`) and what `.ha` says elsewhere are left out.
 */
function resource(name: string, agent: string, rest: readonly string[], crmsh: boolean): string {
  const params: string[] = [];
  const meta: string[] = [];
  const ops: string[][] = [];
  let section: "params" | "meta" | "op" | "other" = "params";
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === "params" && crmsh) section = "params";
    else if (word === "meta") section = "meta";
    else if (word === "op" && rest[i + 1] !== undefined) {
      section = "op";
      ops.push([rest[++i]!]);
    } else if (word.startsWith("-") || word === "clone" || word === "promotable") section = "other";
    else {
      const kv = pair(word);
      if (kv === undefined) continue;
      if (section === "params") params.push(`${kv[0]} = ${value(kv[1])};`);
      else if (section === "meta") meta.push(`${kv[0]} = ${value(kv[1])}`);
      else if (section === "op") ops[ops.length - 1]!.push(kv[0], value(kv[1]));
    }
  }
  const items = [...params, ...(meta.length > 0 ? [`meta ${meta.join(", ")};`] : []), ...ops.map((o) => `op ${o.join(" ")};`)];
  return items.length === 0 ? `resource ${name} ${agent};` : `resource ${name} ${agent} { ${items.join(" ")} }`;
}

/** A location as `.ha` says it: the placement, added to the resource's own statement. */
function placedOn(rsc: string, hosts: readonly string[]): string {
  const on = `on ${hosts.join(", ")}`;
  return `add \`${on}\` to the statement of \`${rsc}\`, e.g. \`resource ${nameSource(rsc)} AGENT ${on};\``;
}

/** A score as `.ha` writes it: crmsh's `inf` is INFINITY. */
function score(s: string): string {
  const v = s.replace(/:$/, "");
  if (/^\+?inf(inity)?$/i.test(v)) return "INFINITY";
  if (/^-inf(inity)?$/i.test(v)) return "-INFINITY";
  return v;
}

/** One host of a placement: `HOST` for INFINITY, `HOST prefer SCORE`, or `HOST -SCORE` to avoid it. */
function host(h: string, s: string): string {
  if (s === "INFINITY") return h;
  return s.startsWith("-") ? `${h} ${s}` : `${h} prefer ${s}`;
}

/** pcs: `RSC prefers N[=S]...` or `RSC avoids N[=S]...`. */
function pcsLocation(w: readonly string[]): string | undefined {
  const [rsc, verb] = w;
  if (rsc === undefined || (verb !== "prefers" && verb !== "avoids")) return undefined;
  const hosts = w.slice(2).map((word) => {
    const [h, sc] = pair(word) ?? [word, "INFINITY"];
    const s = score(sc);
    return host(h, verb === "prefers" ? s : s.startsWith("-") ? s.slice(1) : `-${s}`);
  });
  return placedOn(rsc, hosts.length > 0 ? hosts : ["HOST prefer SCORE", "..."]);
}

/** crmsh: `ID RSC SCORE: NODE` (a rule-based location has no `.ha` form to give). */
function crmLocation(w: readonly string[]): string | undefined {
  const [, rsc, sc, node] = w;
  if (rsc === undefined) return undefined;
  if (sc === undefined || node === undefined || !sc.endsWith(":")) return placedOn(rsc, ["HOST prefer SCORE", "..."]);
  return placedOn(rsc, [host(node, score(sc))]);
}

/** An order kind as `.ha` writes it: none for Mandatory (the default). */
function orderKind(kind: string | undefined): string {
  const k = kind?.toLowerCase();
  return k !== undefined && k !== "mandatory" && ORDER_KINDS.includes(k) ? ` ${k}` : "";
}

/** pcs: `[ACTION] A then [ACTION] B [kind=K] [symmetrical=...]`. */
function pcsOrder(w: readonly string[]): string | undefined {
  const then = w.indexOf("then");
  if (then < 1) return undefined;
  const plain = (xs: readonly string[]) => xs.filter((x) => pair(x) === undefined);
  const before = plain(w.slice(0, then));
  const after = plain(w.slice(then + 1));
  if (before.length === 0 || after.length === 0) return undefined;
  const kind = w.map(pair).find((kv) => kv?.[0] === "kind")?.[1];
  return write(`order ${before.join(" ")} then ${after.join(" ")}${orderKind(kind)};`);
}

/** crmsh: `ID KIND: A[:ACTION] B[:ACTION]`, KIND `Mandatory`, `Optional`, `Serialize` or a score (0 is optional). */
function crmOrder(w: readonly string[]): string | undefined {
  const [, k, a, b] = w;
  if (k === undefined || a === undefined || b === undefined || !k.endsWith(":")) return undefined;
  const kind = k.slice(0, -1);
  const written = kind === "0" ? "optional" : kind;
  const side = (r: string) => {
    const [rsc, action] = r.split(":");
    return action ? `${action} ${rsc}` : rsc!;
  };
  return write(`order ${side(a)} then ${side(b)}${orderKind(written)};`);
}

/** pcs: `[ROLE] A with [ROLE] B [SCORE]`. */
function pcsColocation(w: readonly string[]): string | undefined {
  const at = w.indexOf("with");
  const a = w[at - 1];
  const b = w[at + 1];
  if (at < 1 || a === undefined || b === undefined) return undefined;
  const s = w[at + 2] === undefined ? "INFINITY" : score(w[at + 2]!);
  return write(`colocate ${a} with ${b}${s === "INFINITY" ? "" : " " + s};`);
}

/** crmsh: `ID SCORE: A B` (A is placed with B). */
function crmColocation(w: readonly string[]): string | undefined {
  const [, sc, a, b] = w;
  if (sc === undefined || a === undefined || b === undefined || !sc.endsWith(":")) return undefined;
  const s = score(sc);
  return write(`colocate ${a} with ${b}${s === "INFINITY" ? "" : " " + s};`);
}
