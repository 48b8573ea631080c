import type { Alert, AttrSet, FencingLevel, FencingTarget, Recipient } from "../ir/types.js";
import { step } from "./live.js";
import type { El } from "./xml.js";

type Sets = (parent: El, tag: string) => { set?: AttrSet } | { reason: string };
type Bad = (path: string, reason: string, id: string | undefined, refs?: readonly string[]) => void;

const LEVEL_ATTRS = ["id", "index", "target", "target-pattern", "target-attribute", "target-value", "devices"];

/** A `<fencing-level>` as the IR holds it, or why hacc cannot read it. */
function level(el: El): FencingLevel | string {
  const a = el.attrs;
  if (el.tag !== "fencing-level") return `<${el.tag}> in <fencing-topology> is not known to hacc`;
  for (const k of Object.keys(a)) if (!LEVEL_ATTRS.includes(k)) return `attribute ${k} on <fencing-level> is not supported by hacc`;
  if (el.children.length > 0) return "a <fencing-level> with content is not supported by hacc";
  const index = a["index"] ?? "";
  if (a["id"] === undefined || !/^[1-9]$/.test(index)) return "a fencing level without an id or an index from 1 to 9";
  const forms = [a["target"] !== undefined, a["target-pattern"] !== undefined, a["target-attribute"] !== undefined].filter(Boolean).length;
  if (forms !== 1 || (a["target-attribute"] !== undefined) !== (a["target-value"] !== undefined)) return "a fencing level needs one target: `target`, `target-pattern`, or `target-attribute` with `target-value`";
  const target: FencingTarget =
    a["target"] !== undefined ? { kind: "node", node: a["target"] } : a["target-pattern"] !== undefined ? { kind: "pattern", pattern: a["target-pattern"] } : { kind: "attribute", name: a["target-attribute"]!, value: a["target-value"]! };
  const devices = (a["devices"] ?? "").split(",");
  if (devices.some((d) => d === "")) return "a fencing level whose `devices` is not a comma-separated list of ids";
  return { id: a["id"], index: Number(index), target, devices };
}

/** `<fencing-topology>`: its levels in CIB order; a level hacc cannot read is reported and left out. */
export function readFencing(section: El | undefined, base: string, bad: Bad): FencingLevel[] {
  const out: FencingLevel[] = [];
  for (const el of section?.children ?? []) {
    const l = level(el);
    if (typeof l === "string") bad(`${base}/fencing-topology/${step(el.tag, el.attrs["id"])}`, l, el.attrs["id"], (el.attrs["devices"] ?? "").split(",").filter((d) => d !== ""));
    else out.push(l);
  }
  return out;
}

/** An alert's or a recipient's `<meta_attributes>` and `<instance_attributes>`, or why hacc cannot read them. */
function alertSets(el: El, sets: Sets): { instance?: AttrSet; meta?: AttrSet } | string {
  const out: { instance?: AttrSet; meta?: AttrSet } = {};
  for (const [tag, key] of [["instance_attributes", "instance"], ["meta_attributes", "meta"]] as const) {
    const r = sets(el, tag);
    if ("reason" in r) return r.reason;
    if (r.set && r.set.pairs.length > 0) out[key] = r.set;
  }
  return out;
}

function alert(el: El, sets: Sets): Alert | string {
  const a = el.attrs;
  if (el.tag !== "alert") return `<${el.tag}> in <alerts> is not known to hacc`;
  for (const k of Object.keys(a)) if (!["id", "path"].includes(k)) return `attribute ${k} on <alert> is not supported by hacc`;
  if (a["id"] === undefined || a["path"] === undefined) return "an alert without an id and a path";
  const recipients: Recipient[] = [];
  for (const c of el.children) {
    if (c.tag === "instance_attributes" || c.tag === "meta_attributes") continue;
    if (c.tag !== "recipient") return `<${c.tag}> in an <alert> is not supported by hacc`;
    for (const k of Object.keys(c.attrs)) if (!["id", "value"].includes(k)) return `attribute ${k} on <recipient> is not supported by hacc`;
    if (c.attrs["id"] === undefined || c.attrs["value"] === undefined) return "a recipient without an id and a value";
    if (c.children.some((x) => x.tag !== "instance_attributes" && x.tag !== "meta_attributes")) return "a <recipient> holds what hacc cannot express";
    const s = alertSets(c, sets);
    if (typeof s === "string") return s;
    recipients.push({ id: c.attrs["id"], value: c.attrs["value"], ...s });
  }
  const s = alertSets(el, sets);
  if (typeof s === "string") return s;
  return { id: a["id"], path: a["path"], ...s, recipients };
}

/** `<alerts>`: each alert in CIB order; one hacc cannot read is reported and left out. */
export function readAlerts(section: El | undefined, base: string, sets: Sets, bad: Bad): Alert[] {
  const out: Alert[] = [];
  for (const el of section?.children ?? []) {
    const x = alert(el, sets);
    if (typeof x === "string") bad(`${base}/alerts/${step(el.tag, el.attrs["id"])}`, x, el.attrs["id"]);
    else out.push(x);
  }
  return out;
}
