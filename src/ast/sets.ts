import type { IToken } from "chevrotain";
import type { Span } from "../diagnostics/span.js";
import type * as C from "../syntax/cst.js";
import { distance } from "../util/distance.js";
import type { AstBuilder } from "./build.js";
import type * as A from "./types.js";

/** The words a set may start with: an order's actions, a colocation's or ticket's roles (Pacemaker 2.1's names too). */
const LEADS = {
  action: ["start", "stop", "promote", "demote"],
  role: ["started", "stopped", "promoted", "unpromoted", "master", "slave"],
} as const;

/** A set's options as the language writes them (`ordering` takes a value after it). */
export const SET_OPTIONS = ["sequential", "independent", "require-all", "require-any", "ordering"] as const;

/** Whether `word` is one of `leads` or a slip of one (`promte`): the checker then says which it meant. */
function leadLike(word: string, leads: readonly string[]): boolean {
  const w = word.toLowerCase();
  return leads.some((r) => r === w || (w.length >= 4 && distance(w, r) <= 2));
}

/**
 * Reads one resource set, `( [LEAD] RSC, RSC ... [OPTION ...] )`, from its
 * words and commas: the members are separated by commas; before the first
 * may stand an action (`lead` "action") or a role ("role") and after the last
 * its options (`sequential`, `independent`, `require-any`, `require-all`,
 * `ordering WORD`). The grammar takes any words and commas between the
 * brackets, so a word where a comma belongs, or a comma with no resource
 * beside it, is kept as `malformed`, which the checker reports (HA3080).
 */
export function readResourceSet(b: AstBuilder, n: C.ResourceSetCstNode, lead: keyof typeof LEADS): A.ResourceSetDecl | undefined {
  const span = b.nodeSpan(n);
  const toks = [...b.toks(n.children.word)].sort((x, y) => x.startOffset - y.startOffset);
  if (span === undefined || toks.length === 0) return undefined;
  let malformed: A.ResourceSetDecl["malformed"];
  const flaw = (at: Span, message: string, hint: string): void => {
    malformed ??= { span: at, message, hint };
  };
  // Groups of words between commas.
  const groups: IToken[][] = [[]];
  for (const t of toks) {
    if (t.image !== ",") groups[groups.length - 1]!.push(t);
    else if (groups[groups.length - 1]!.length === 0) flaw(b.tokenSpan(t), "a comma with no resource before it in a resource set", "a set lists its resources separated by commas: `(a, b, c)`");
    else groups.push([]);
  }
  if (groups[groups.length - 1]!.length === 0) {
    groups.pop();
    flaw(span, "a resource set ends with a comma", "remove the comma, or name the resource after it");
  }
  if (groups.length === 0) return { members: [], options: [], ...(malformed ? { malformed } : {}), span };
  const first = groups[0]!;
  let leadTok: IToken | undefined;
  if (first.length >= 2 && leadLike(first[0]!.image, LEADS[lead])) leadTok = first.shift();
  const members: A.Name[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    members.push(b.name(g[0])!);
    if (i < groups.length - 1 && g.length > 1) {
      flaw(b.tokenSpan(g[1]!), `\`${g[1]!.image}\` follows \`${g[0]!.image}\` without a comma in a resource set`, "separate a set's resources with commas; its options (sequential, independent, require-any, ...) come after the last one");
    }
  }
  const options: A.Name[] = [];
  let ordering: A.Name | undefined;
  const last = groups[groups.length - 1]!;
  const rest = last.slice(1);
  // A word after the last resource that is no option nor a slip of one is a resource a comma should have come before: `(a b)`.
  if (rest.length > 0 && !leadLike(rest[0]!.image, SET_OPTIONS)) {
    flaw(b.tokenSpan(rest[0]!), `\`${rest[0]!.image}\` follows \`${last[0]!.image}\` without a comma in a resource set`, `write \`${last[0]!.image}, ${rest[0]!.image}\`: a set's resources are separated by commas, and its options (sequential, independent, require-any, ...) come after the last one`);
  }
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i]!;
    options.push(b.name(t)!);
    if (t.image === "ordering") {
      const v = rest[i + 1];
      if (v === undefined) flaw(b.tokenSpan(t), "`ordering` without its value in a resource set", "write `ordering listed` or `ordering group`");
      else {
        ordering = b.name(v)!;
        i++;
      }
    }
  }
  return {
    ...(leadTok ? { lead: b.name(leadTok)! } : {}),
    members,
    options,
    ...(ordering ? { ordering } : {}),
    ...(malformed ? { malformed } : {}),
    span,
  };
}

/** `order (SET) then (SET) ... [KIND] [OPTIONS];` */
export function readOrderSet(b: AstBuilder, n: C.OrderSetDeclCstNode, span: Span): A.OrderSetDecl | undefined {
  const c = n.children;
  const sets = readSets(b, c.resourceSet, "action");
  if (sets === undefined) return undefined;
  const kind = b.name(b.tok(c.kind));
  const options = b.toks(c.option).flatMap((t) => b.name(t) ?? []);
  const name = named(b, c.constraintName);
  return { kind: "order-set", sets, ...(kind ? { orderKind: kind } : {}), ...(options.length > 0 ? { options } : {}), ...(name ? { name } : {}), span };
}

/** `colocate (SET) with (SET) ... [SCORE];` */
export function readColocateSet(b: AstBuilder, n: C.ColocateSetDeclCstNode, span: Span): A.ColocateSetDecl | undefined {
  const c = n.children;
  const sets = readSets(b, c.resourceSet, "role");
  if (sets === undefined) return undefined;
  const st = b.tok(c.score);
  const name = named(b, c.constraintName);
  const options = b.options(c.optionKey, c.optionValue);
  return { kind: "colocate-set", sets, ...(st ? { score: b.valueOfToken(st) } : {}), ...(options.length > 0 ? { options } : {}), ...(name ? { name } : {}), span };
}

/** `ticket TICKET for (SET), (SET) ... [loss-policy POLICY];` */
export function readTicketSet(b: AstBuilder, n: C.TicketDeclCstNode, span: Span): A.TicketSetDecl | undefined {
  const c = n.children;
  const ticket = b.name(b.tok(c.ticket));
  const sets = readSets(b, c.resourceSet, "role");
  if (ticket === undefined || sets === undefined) return undefined;
  const loss = b.name(b.tok(c.lossPolicy));
  const name = named(b, c.constraintName);
  return { kind: "ticket-set", ticket, sets, ...(loss ? { lossPolicy: loss } : {}), ...(name ? { name } : {}), span };
}

function readSets(b: AstBuilder, nodes: readonly C.ResourceSetCstNode[] | undefined, lead: keyof typeof LEADS): A.ResourceSetDecl[] | undefined {
  const out: A.ResourceSetDecl[] = [];
  for (const n of b.nodes(nodes)) {
    const s = readResourceSet(b, n, lead);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out.length > 0 ? out : undefined;
}

/** A statement's `named ID`, if it has one. */
export function named(b: AstBuilder, n: C.ConstraintNameCstNode[] | undefined): A.Name | undefined {
  return b.name(b.tok(b.node(n)?.children.name));
}
