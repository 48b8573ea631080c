import type { Alert, AttrSet, FencingLevel } from "../ir/types.js";
import { step } from "../review/live.js";
import { BASE, type Refuser } from "./raw.js";
import { ruleWord } from "./rules.js";
import { fitsString, value } from "./write.js";
import { nm } from "../syntax/names.js";

/**
 * Fencing levels and alerts, each as its statement (split from import.ts,
 * as tags.ts is): what a string cannot hold, or a name the grammar cannot
 * read back, is refused through the importer.
 */

/** The importer's `KEY = VALUE, ...` writer, or undefined (refused). */
export interface PairWriter {
  pairs(set: AttrSet, path: string): string | undefined;
}

/** `fencing-level INDEX for TARGET with DEVICES;`, or nothing (refused). */
export function importFencingLevel(f: FencingLevel, imp: Refuser): string[] {
  const path = `${BASE}/fencing-topology/${step("fencing-level", f.id)}`;
  const t = f.target;
  let target: string;
  if (t.kind === "node") {
    if (!imp.name(t.node, path, "fencing target")) return [];
    target = nm(t.node);
  } else if (t.kind === "pattern") {
    if (!fitsString(t.pattern)) {
      imp.refuse(path, "a target pattern holds a control character");
      return [];
    }
    target = `nodes "${t.pattern.replace(/[\\"]/g, (ch) => "\\" + ch)}"`;
  } else {
    if (!imp.name(t.name, path, "target attribute") || !fitsString(t.value)) return [];
    target = `${t.name} = ${value(t.value)}`;
  }
  if (!f.devices.every((d) => imp.name(d, path, "fencing device"))) return [];
  return [`fencing-level ${f.index} for ${target} with ${f.devices.map(nm).join(", ")};`];
}

/**
 * `alert NAME PATH [{ ... }] [to RECIPIENT [{ ... }], ...];`. A recipient's id
 * is the tool's choice (pcs names them `ALERT-recipient`, `ALERT-recipient-1`,
 * ...; hacc `ALERT-recipient-1`, ...) and nothing refers to it: the plan
 * matches recipients by value, so ids that differ change nothing.
 */
export function importAlert(a: Alert, imp: Refuser & PairWriter): string[] {
  const path = `${BASE}/alerts/${step("alert", a.id)}`;
  if (!imp.name(a.id, path, "alert id")) return [];
  if (!fitsString(a.path)) {
    imp.refuse(path, "an alert path holds a control character");
    return [];
  }
  const block = (x: { instance?: AttrSet; meta?: AttrSet }, at: string): string => {
    const items: string[] = [];
    for (const q of x.instance?.pairs ?? []) items.push(`${imp.pairs({ id: "", pairs: [q] }, `${at}/instance_attributes`) ?? ""};`);
    if (x.meta) items.push(`meta ${imp.pairs(x.meta, `${at}/meta_attributes`) ?? ""};`);
    return items.length > 0 ? ` { ${items.join(" ")} }` : "";
  };
  const recipients: string[] = [];
  a.recipients.forEach((r) => {
    const at = `${path}/${step("recipient", r.id)}`;
    if (!fitsString(r.value)) return imp.refuse(at, "a recipient value holds a control character");
    recipients.push(`${ruleWord(r.value)}${block(r, at)}`);
  });
  return [`alert ${nm(a.id)} "${a.path.replace(/[\\"]/g, (ch) => "\\" + ch)}"${block(a, path)}${recipients.length > 0 ? ` to ${recipients.join(", ")}` : ""};`];
}
