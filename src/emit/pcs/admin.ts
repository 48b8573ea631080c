import type { Alert, AttrSet, FencingLevel } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";
import { escapeXml as x } from "../../util/xml.js";
import { fencingLevel } from "../cib/cib.js";
import type { LocationStep } from "./locations.js";
import type { Dialect } from "./dialects.js";

/** `name=value` as one shell word. */
const pair = (name: string, value: string): string => `${name}=${shellQuote(value)}`;

/** `pcs stonith level add`'s target: a node, `regexp%PATTERN`, or `attrib%NAME=VALUE`. */
function pcsTarget(f: FencingLevel): string {
  const t = f.target;
  return t.kind === "node" ? t.node : t.kind === "pattern" ? `regexp%${t.pattern}` : `attrib%${t.name}=${t.value}`;
}

/** A cibadmin call that merges `inner` into a section of `<configuration>`, making the section when it is missing. */
export function merge(comments: readonly string[], section: string, inner: string): LocationStep {
  const xml = `<configuration><${section}>${inner}</${section}></configuration>`;
  return { tool: "cib", comments, words: ["cibadmin", "--modify", "--allow-create", "-o", "configuration", "-X", shellQuote(xml)] };
}

/**
 * The steps that write the fencing levels. pcs 0.10+ names a level
 * `fl-TARGET-INDEX` itself (it takes no id), as hacc does (src/check/names.ts),
 * and the script's header has checked the ids are free.
 */
export function fencingSteps(levels: readonly FencingLevel[], d: Dialect): LocationStep[] {
  if (d.admin === "cibadmin") {
    return [merge(["Fencing levels: cibadmin, as pcs 0.9.123 cannot write a level for a pattern or an attribute"], "fencing-topology", levels.map(fencingLevel).join(""))];
  }
  return levels.map((f, i) => ({
    tool: "pcs",
    comments: i === 0 ? ["Fencing levels (pcs names each fl-TARGET-INDEX, as hacc does). --force on a node's level: pcs looks", "for the node's entry in the CIB, which a node that has not joined yet lacks; hacc has checked the name."] : [],
    words: ["stonith", "level", "add", String(f.index), shellQuote(pcsTarget(f)), ...f.devices.map(shellQuote), ...(f.target.kind === "node" ? ["--force"] : [])],
  }));
}

function setXml(tag: string, set: AttrSet | undefined): string {
  if (!set) return "";
  return `<${tag} id="${x(set.id)}">${set.pairs.map((p) => `<nvpair id="${x(p.id)}" name="${x(p.name)}" value="${x(p.value)}"/>`).join("")}</${tag}>`;
}

/** `options k=v ... meta k=v ...`, as `pcs alert` takes an alert's or a recipient's attributes. */
function setWords(a: { instance?: AttrSet; meta?: AttrSet }): string[] {
  const words = (kw: string, set: AttrSet | undefined) => (set && set.pairs.length > 0 ? [kw, ...set.pairs.map((p) => pair(p.name, p.value))] : []);
  return [...words("options", a.instance), ...words("meta", a.meta)];
}

/** Fencing levels and alerts as cibadmin merges (for pcs 0.9, and a crmsh plan: crmsh's fencing_topology replaces them all). */
export function cibadminAdminSteps(levels: readonly FencingLevel[], alerts: readonly Alert[], why: string): LocationStep[] {
  const cib: Dialect["admin"] = "cibadmin";
  const d = { admin: cib } as Dialect;
  const out = [...(levels.length > 0 ? fencingSteps(levels, d) : []), ...alerts.flatMap((a) => alertSteps(a, d))];
  return out.map((s) => ({ ...s, comments: s.comments.map((c) => c.replace(/: cibadmin, as .*$/, `: cibadmin, as ${why}`)) }));
}

/** The steps that write one alert and its recipients, with hacc's ids. */
export function alertSteps(a: Alert, d: Dialect): LocationStep[] {
  if (d.admin === "cibadmin") {
    const recipients = a.recipients.map((r) => {
      const head = `<recipient id="${x(r.id)}" value="${x(r.value)}"`;
      return r.meta || r.instance ? `${head}>${setXml("meta_attributes", r.meta)}${setXml("instance_attributes", r.instance)}</recipient>` : `${head}/>`;
    });
    const xml = `<alert id="${x(a.id)}" path="${x(a.path)}">${setXml("meta_attributes", a.meta)}${setXml("instance_attributes", a.instance)}${recipients.join("")}</alert>`;
    return [merge([`Alert ${a.id}: cibadmin, as pcs 0.9.123 has no pcs alert (Pacemaker 1.1.15 or later reads alerts)`], "alerts", xml)];
  }
  return [
    { tool: "pcs", comments: [`Alert ${a.id}`], words: ["alert", "create", pair("path", a.path), pair("id", a.id), ...setWords(a)] },
    ...a.recipients.map((r): LocationStep => ({ tool: "pcs", comments: [], words: ["alert", "recipient", "add", shellQuote(a.id), pair("value", r.value), pair("id", r.id), ...setWords(r)] })),
  ];
}
