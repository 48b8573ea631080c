import { durationSeconds } from "../check/values.js";
import type { Op, Primitive } from "../ir/types.js";
import { step } from "../review/live.js";
import { isNameWord } from "../syntax/names.js";
import { fitsString, value } from "./write.js";

/**
 * An op of a primitive whose name and interval an earlier op has (HA3018),
 * as Pacemaker 2.1.5 keys them, whatever the role (`0s`, `0` and `` are
 * one). Undefined for the first of its key (recorded in `firstOf`); else
 * what to write instead: a comment (Pacemaker reads the first of a one-off
 * op: find_rsc_op_entry; crm_simulate uses its timeout), or "" after a
 * refusal (a recurring op twice, which Pacemaker refuses both of: is_op_dup;
 * or `enabled`, which decides which one is read).
 */
export function repeatedOp(o: Op, firstOf: Map<string, Op>, path: string, refuse: (path: string, reason: string) => void): string | undefined {
  const seconds = o.interval === "" ? 0 : durationSeconds(o.interval);
  const key = `${o.name}\0${seconds ?? o.interval}`;
  const first = firstOf.get(key);
  if (first === undefined) {
    firstOf.set(key, o);
    return undefined;
  }
  const at = `${path}/operations/${step("op", o.id)}`;
  const said = `a second \`${o.name}\` op with interval \`${o.interval}\` (the first is \`${first.id}\`)`;
  if (seconds !== 0) refuse(at, `${said}: Pacemaker refuses both (crm_verify: "is duplicate of") and runs neither; remove one in the cluster, then import`);
  else if ([...o.attrs, ...first.attrs].some(([k]) => k === "enabled")) refuse(at, `${said}, one of them with \`enabled\`, which decides which Pacemaker reads: remove one in the cluster, then import`);
  else return `# op ${o.name} interval ${fitsString(o.interval) ? value(o.interval) : "?"} again (${fitsString(o.id) ? value(o.id) : "?"}), after ${fitsString(first.id) ? value(first.id) : "?"}: Pacemaker reads the first; not imported`;
  return "";
}

/** The lines of the written site that say one CIB element (by its XPath). */
export interface Origin {
  readonly line: number;
  readonly endLine: number;
  readonly path: string;
}

/** The lines each span of `out`'s entries takes in the written text (an entry may hold several lines). */
export function originLines(out: readonly string[], spans: readonly { from: number; to: number; path: string }[]): Origin[] {
  const lineOf: number[] = [];
  let line = 1;
  for (const o of out) {
    lineOf.push(line);
    line += o.split("\n").length;
  }
  lineOf.push(line);
  return spans.map((s) => ({ line: lineOf[s.from]!, endLine: lineOf[s.to]! - 1, path: s.path }));
}

/**
 * Why a VirtualDomain primitive whose meta names the guest node `node` is no
 * `guest` statement, or undefined when it is one: its id must be `vm-NODE`,
 * it must set `config` and `hypervisor`, and be placed by at least one
 * location its `on` list says (`placed`; `named`: its locations written as
 * statements, with a role or resource-discovery).
 */
export function notGuestReason(p: Primitive, node: string, placed: readonly unknown[], named: readonly { id: string; node: string }[]): string | undefined {
  if (p.id !== `vm-${node}` || !isNameWord(node)) return `its primitive's id \`${p.id}\` is not \`vm-${node}\`, the one \`guest ${node}\` makes`;
  const params = p.instance?.pairs ?? [];
  if (!params.some((q) => q.name === "config") || !params.some((q) => q.name === "hypervisor")) return "it does not set both `config` and `hypervisor`";
  if (placed.length > 0) return undefined;
  if (named.length === 0) return "no location places it on a host";
  const ids = named.map((x) => `\`${x.id}\``).join(", ");
  return `its location${named.length === 1 ? "" : "s"} ${ids} ${named.length === 1 ? "says" : "say"} what a guest's \`on\` list cannot (a role or resource-discovery)`;
}
