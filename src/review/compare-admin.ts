import type { Alert, AttrSet, Cib, FencingLevel } from "../ir/types.js";
import { compareValues, type ValueChange } from "./compare.js";
import { aclLine, compareAcls, type AclChange } from "./compare-acl.js";

/**
 * Fencing levels and alerts, compared. A level is found by its target and
 * index (its id is the tool's choice: pcs and crmsh name levels themselves),
 * an alert by its id; what they hold is compared as named values.
 */
export type AdminChange =
  | { readonly kind: "fencing-level"; readonly op: "add" | "remove" | "change" | "keep"; readonly fields: readonly ValueChange[]; readonly old?: FencingLevel; readonly new?: FencingLevel; readonly kept?: string }
  | { readonly kind: "alert"; readonly op: "add" | "remove" | "change" | "keep"; readonly fields: readonly ValueChange[]; readonly old?: Alert; readonly new?: Alert; readonly kept?: string }
  | AclChange;

/** A fencing level's target as the language writes it: `n1`, `nodes "RE"`, `rack = r1`. */
export function targetText(f: FencingLevel): string {
  const t = f.target;
  return t.kind === "node" ? t.node : t.kind === "pattern" ? `nodes ${JSON.stringify(t.pattern)}` : `${t.name} = ${t.value}`;
}

function levelKey(f: FencingLevel): string {
  return `${targetText(f)}\u0000${f.index}`;
}

function setPairs(prefix: string, set: AttrSet | undefined): [string, string][] {
  return (set?.pairs ?? []).map((p) => [`${prefix}${p.name}`, p.value]);
}

/** An alert as named values: its path, parameters, meta attributes, and each recipient's. */
function alertFields(a: Alert): [string, string][] {
  return [
    ["path", a.path],
    ...setPairs("param ", a.instance),
    ...setPairs("meta ", a.meta),
    ...a.recipients.flatMap((r): [string, string][] => [[`to ${r.value}`, ""], ...setPairs(`to ${r.value} param `, r.instance), ...setPairs(`to ${r.value} meta `, r.meta)]),
  ];
}

/** The changes of fencing levels and alerts from `old` to `next`; `keep` says why one only on the old side stays. */
export function compareAdmin(old: Cib, next: Cib, keep: (kind: AdminChange["kind"]) => string | undefined): AdminChange[] {
  const out: AdminChange[] = [];
  const oldLevels = new Map((old.fencingLevels ?? []).map((f) => [levelKey(f), f]));
  const newLevels = new Set((next.fencingLevels ?? []).map(levelKey));
  for (const n of next.fencingLevels ?? []) {
    const o = oldLevels.get(levelKey(n));
    if (!o) out.push({ kind: "fencing-level", op: "add", fields: [], new: n });
    else if (o.devices.join(",") !== n.devices.join(",")) out.push({ kind: "fencing-level", op: "change", fields: [{ name: "devices", from: o.devices.join(", "), to: n.devices.join(", ") }], old: o, new: n });
  }
  for (const o of old.fencingLevels ?? []) {
    if (newLevels.has(levelKey(o))) continue;
    const why = keep("fencing-level");
    out.push({ kind: "fencing-level", op: why !== undefined ? "keep" : "remove", fields: [], old: o, ...(why !== undefined ? { kept: why } : {}) });
  }
  const oldAlerts = new Map((old.alerts ?? []).map((a) => [a.id, a]));
  const newAlerts = new Set((next.alerts ?? []).map((a) => a.id));
  for (const n of next.alerts ?? []) {
    const o = oldAlerts.get(n.id);
    if (!o) {
      out.push({ kind: "alert", op: "add", fields: [], new: n });
      continue;
    }
    const fields = compareValues(alertFields(o), alertFields(n));
    if (fields.length > 0) out.push({ kind: "alert", op: "change", fields, old: o, new: n });
  }
  for (const o of old.alerts ?? []) {
    if (newAlerts.has(o.id)) continue;
    const why = keep("alert");
    out.push({ kind: "alert", op: why !== undefined ? "keep" : "remove", fields: [], old: o, ...(why !== undefined ? { kept: why } : {}) });
  }
  out.push(...compareAcls(old, next, keep));
  return out;
}

/** One line of a reviewer's text for a change of a fencing level or an alert. */
export function adminLine(c: AdminChange): string {
  if (c.kind === "acl-role" || c.kind === "acl-user" || c.kind === "acl-group") return aclLine(c);
  const mark = c.op === "add" ? "+" : c.op === "remove" ? "-" : c.op === "keep" ? "=" : "~";
  const kept = c.op === "keep" ? `  (kept, ${c.kept ?? "not declared by the site"})` : "";
  if (c.kind === "fencing-level") {
    const f = (c.new ?? c.old)!;
    const was = c.op === "change" ? ` (was ${c.old!.devices.join(", ")})` : "";
    return `${mark} fencing-level ${f.index} for ${targetText(f)} with ${f.devices.join(", ")}${was}${kept}`;
  }
  const a = (c.new ?? c.old)!;
  const fields = c.op === "change" ? `: ${c.fields.map((v) => (v.from === undefined ? `+${v.name}${v.to ? ` = ${v.to}` : ""}` : v.to === undefined ? `-${v.name}` : `${v.name} ${v.from} -> ${v.to}`)).join(", ")}` : "";
  return `${mark} alert ${a.id} ${a.path}${fields}${kept}`;
}
