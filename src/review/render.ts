import { ruleText } from "../ir/rule-text.js";
import { locationTarget, setText } from "../ir/set-text.js";
import type { Constraint, Resource } from "../ir/types.js";
import type { ChangeSet, ConstraintChange, OpChange, ResourceChange, ValueChange } from "./compare.js";
import { summarize } from "./compare.js";
import { defaultSetJson, defaultSetLine } from "./compare-defaults.js";
import { adminLine } from "./compare-admin.js";
import { tagLine } from "./compare-tags.js";
import { nodeLines } from "./nodes.js";

/** A value as the plan prints it: bare when plain, JSON-quoted when empty or holding spaces or quotes. */
export function show(v: string): string {
  return v === "" || /[\s"'\\]|->/.test(v) || v.length > 200 ? JSON.stringify(v) : v;
}

function valueLine(prefix: string, v: ValueChange): string {
  if (v.from === undefined) return `+ ${prefix}${v.name} = ${show(v.to!)}`;
  if (v.to === undefined) return `- ${prefix}${v.name} (was ${show(v.from)})`;
  return `~ ${prefix}${v.name}: ${show(v.from)} -> ${show(v.to)}`;
}

function opLine(o: OpChange): string[] {
  const role = o.role !== undefined ? ` ${o.role}` : "";
  const head = `op ${o.name} ${o.interval}${role}`;
  if (o.op === "add") {
    const attrs = o.new!.attrs.filter(([k]) => k !== "role").map(([k, v]) => `${k} ${show(v)}`);
    return [`+ ${head}${attrs.length > 0 ? ` (${attrs.join(", ")})` : ""}`];
  }
  if (o.op === "remove") return [`- ${head}`];
  return [`~ ${head}: ${o.attrs.map((a) => (a.from === undefined ? `${a.name} = ${show(a.to!)}` : a.to === undefined ? `${a.name} unset (was ${show(a.from)})` : `${a.name} ${show(a.from)} -> ${show(a.to)}`)).join(", ")}`];
}

function resourceLines(r: ResourceChange, indent: string, label: string = r.kind): string[] {
  const mark = r.op === "add" ? "+" : r.op === "remove" ? "-" : r.op === "keep" ? "=" : "~";
  const out = [`${indent}${mark} ${label} ${r.id} (${r.what})${r.op === "keep" ? `: kept, ${r.kept ?? "not declared by the site"}` : ""}`];
  const sub = indent + "    ";
  for (const f of r.fields) out.push(sub + valueLine("", f));
  for (const v of r.params) out.push(sub + valueLine("param ", v));
  for (const v of r.meta) out.push(sub + valueLine("meta ", v));
  for (const v of r.utilization) out.push(sub + valueLine("utilization ", v));
  for (const o of r.ops) out.push(...opLine(o).map((l) => sub + l));
  for (const m of r.members) out.push(...resourceLines(m, sub));
  if (r.rebuild !== undefined) out.push(`${sub}(deleted and created again, because ${r.rebuild})`);
  if (r.carried !== undefined) out.push(`${sub}(made again with what was set at run time: ${r.carried.join(", ")})`);
  return out;
}

function orderKind(k: string): string {
  return k === "Mandatory" ? "" : ` (${k.toLowerCase()})`;
}

/** A constraint in the words of the .ha language, without its score (and, with `kind` false, without an order's kind). */
function constraintText(c: Constraint, kind = true): string {
  switch (c.kind) {
    case "location":
      return `location ${locationTarget(c)}${c.role !== undefined ? ` ${c.role}` : ""} on ${c.node}${c.discovery !== undefined ? ` (discovery ${c.discovery})` : ""}`;
    case "location-rule":
      return `location ${locationTarget(c)}${c.role !== undefined ? ` ${c.role}` : ""}${c.discovery !== undefined ? ` (discovery ${c.discovery})` : ""} ${c.rules.map((r) => ruleText(r, show)).join("; ")}`;
    case "order": {
      const fa = c.firstAction === "start" ? "" : ` ${c.firstAction}`;
      const ta = c.thenAction === c.firstAction ? "" : ` ${c.thenAction}`;
      const opts = `${c.symmetrical === false ? " one-way" : c.symmetrical === true ? " symmetrical" : ""}${c.requireAll === false ? " require-any" : c.requireAll === true ? " require-all" : ""}`;
      return `order ${c.first}${fa} then ${c.then}${ta}${kind ? orderKind(c.orderKind) + opts : ""}`;
    }
    case "colocation": {
      const role = (r: string | undefined) => (r !== undefined ? `${r.toLowerCase()} ` : "");
      const opts = `${c.nodeAttribute !== undefined ? ` node-attribute ${c.nodeAttribute}` : ""}${c.influence !== undefined ? ` influence ${c.influence}` : ""}`;
      return `colocation ${role(c.rscRole)}${c.rsc} with ${role(c.withRscRole)}${c.withRsc}${opts}`;
    }
    case "ticket":
      return `ticket ${c.ticket} for ${c.rsc}${c.rscRole !== undefined ? ` ${c.rscRole}` : ""}${c.lossPolicy !== undefined ? ` loss-policy ${c.lossPolicy}` : ""}`;
    case "order-set": {
      const opts = c.symmetrical === false ? " one-way" : c.symmetrical === true ? " symmetrical" : "";
      return `order ${c.sets.map(setText).join(" then ")}${kind ? orderKind(c.orderKind) + opts : ""}`;
    }
    case "colocation-set":
      return `colocation ${c.sets.map(setText).join(" with ")}${c.influence !== undefined ? ` influence ${c.influence}` : ""}`;
    case "ticket-set":
      return `ticket ${c.ticket} for ${c.sets.map(setText).join(", ")}${c.lossPolicy !== undefined ? ` loss-policy ${c.lossPolicy}` : ""}`;
  }
}

function scoreOf(c: Constraint): string | undefined {
  return c.kind === "location" || c.kind === "colocation" || c.kind === "colocation-set" ? c.score : undefined;
}

function constraintLine(c: ConstraintChange): string {
  const id = c.oldId !== undefined ? `  [id ${c.oldId} -> ${c.id}]` : "";
  if (c.op === "add" || c.op === "remove" || c.op === "keep") {
    const x = (c.new ?? c.old)!;
    const mark = c.op === "add" ? "+" : c.op === "remove" ? "-" : "=";
    const score = scoreOf(x);
    return `${mark} ${constraintText(x)}${score !== undefined ? `: ${score}` : ""}${c.op === "keep" ? `  (kept, ${c.kept ?? "not declared by the site"})` : ""}`;
  }
  const o = c.old!;
  const n = c.new!;
  if (constraintText(o, false) === constraintText(n, false) && c.fields.every((f) => f.name === "score" || f.name === "order-kind")) {
    // Same constraint, another score or order kind: `500 -> 400`, `mandatory -> optional`.
    const parts = c.fields.map((f) => (f.name === "score" ? `${f.from} -> ${f.to}` : `${f.from!.toLowerCase()} -> ${f.to!.toLowerCase()}`));
    const score = scoreOf(n);
    const tail = parts.length > 0 ? parts.join(", ") : score;
    return `~ ${constraintText(n, false)}${tail !== undefined ? `: ${tail}` : ""}${id}`;
  }
  const score = scoreOf(n);
  return `~ ${constraintText(n)}${score !== undefined ? `: ${score}` : ""} (was ${constraintText(o)}${scoreOf(o) !== undefined ? `: ${scoreOf(o)}` : ""})${id}`;
}

/**
 * The change set as a reviewer reads it: one section per kind of object,
 * `+` added, `-` removed, `~` changed, `=` kept; no section when nothing in it
 * changes. Lines end without a newline.
 */
export function renderChanges(cs: ChangeSet): string[] {
  const out: string[] = [];
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(`${title}:`, ...lines.map((l) => `  ${l}`));
  };
  const kept = (s: string): string[] => cs.keptValues.filter((k) => k.section === s).map((k) => `= ${k.name} = ${show(k.value)}  (kept, ${k.kept})`);
  section("properties", [...cs.properties.map((v) => valueLine("", v)), ...kept("property")]);
  section("resource defaults", [...cs.rscDefaults.map((v) => valueLine("", v)), ...kept("rsc-default")]);
  section("op defaults", [...cs.opDefaults.map((v) => valueLine("", v)), ...kept("op-default")]);
  section("defaults and property sets", (cs.defaultSets ?? []).map(defaultSetLine));
  section("templates", (cs.templates ?? []).flatMap((r) => resourceLines(r, "", "template")));
  section("resources", cs.resources.flatMap((r) => resourceLines(r, "")));
  section("constraints", cs.constraints.map(constraintLine));
  section("tags", (cs.tags ?? []).map(tagLine));
  section("nodes", cs.nodes.flatMap((n) => nodeLines(n, valueLine)));
  section("fencing levels", (cs.admin ?? []).filter((a) => a.kind === "fencing-level").map(adminLine));
  section("alerts", (cs.admin ?? []).filter((a) => a.kind === "alert").map(adminLine));
  section("ACLs", (cs.admin ?? []).filter((a) => a.kind.startsWith("acl-")).map(adminLine));
  const o = cs.ownership;
  if (o) {
    const list = (ids: readonly string[]): string => ids.map((i) => `\`${i}\``).join(", ");
    if (o.from === undefined) section("ownership", [`+ tag ${o.id}: ${list(o.to ?? [])}`]);
    else if (o.to === undefined) section("ownership", [`- tag ${o.id}`]);
    else {
      const added = o.to.filter((i) => !o.from!.includes(i));
      const gone = o.from.filter((i) => !o.to!.includes(i));
      section("ownership", [`~ tag ${o.id}${added.length > 0 ? `, adds ${list(added)}` : ""}${gone.length > 0 ? `, drops ${list(gone)}` : ""}${added.length + gone.length === 0 ? ", in the site's order" : ""}`]);
    }
  }
  return out;
}

const SGR = { bold: "\x1b[1m", red: "\x1b[31m", green: "\x1b[32m", yellow: "\x1b[33m", dim: "\x1b[2m", reset: "\x1b[0m" } as const;

/**
 * A line of `renderChanges` or `renderPlan` in colour, for a terminal: `+`
 * green, `-` red, `~` yellow, `=` dim, section titles bold. Only the escape
 * codes are added: without them the text is the same.
 */
export function paint(line: string): string {
  const mark = /^\s*([+\-~=]) /.exec(line)?.[1];
  const color = mark === "+" ? SGR.green : mark === "-" ? SGR.red : mark === "~" ? SGR.yellow : mark === "=" ? SGR.dim : undefined;
  if (color !== undefined) return `${color}${line}${SGR.reset}`;
  if (/^[a-z][a-z -]*:$/.test(line) || /^hacc (diff|plan): /.test(line)) return `${SGR.bold}${line}${SGR.reset}`;
  return line;
}

/** `3 to add, 1 to change, 2 to remove`, or `no changes`. */
export function summaryLine(cs: ChangeSet): string {
  const s = summarize(cs);
  const none = s.add + s.change + s.remove === 0;
  const counts = none ? "no changes" : `${s.add} to add, ${s.change} to change, ${s.remove} to remove`;
  const o = cs.ownership;
  if (!o) return counts;
  return `${none ? "no changes to objects" : counts}; the ownership tag ${o.id} is ${o.from === undefined ? "written" : o.to === undefined ? "removed" : "updated"}`;
}

function strip(r: Resource | Constraint | undefined): unknown {
  return r;
}

/** The change set as plain JSON data for tools (stable key order, no functions). */
export function changesToJson(cs: ChangeSet): unknown {
  const value = (v: ValueChange) => ({ name: v.name, ...(v.from !== undefined ? { from: v.from } : {}), ...(v.to !== undefined ? { to: v.to } : {}) });
  const opOf = (v: ValueChange): string => (v.from === undefined ? "add" : v.to === undefined ? "remove" : "change");
  const res = (r: ResourceChange): unknown => ({
    op: r.op,
    id: r.id,
    kind: r.kind,
    what: r.what,
    fields: r.fields.map(value),
    params: r.params.map(value),
    meta: r.meta.map(value),
    utilization: r.utilization.map(value),
    // An added or removed op carries every attribute it has (as the text shows them), a changed one what differs.
    ops: r.ops.map((o) => ({
      op: o.op,
      name: o.name,
      interval: o.interval,
      ...(o.role !== undefined ? { role: o.role } : {}),
      attrs:
        o.op === "add" && o.new !== undefined
          ? o.new.attrs.filter(([k]) => k !== "role").map(([name, to]) => ({ name, to }))
          : o.op === "remove" && o.old !== undefined
            ? o.old.attrs.filter(([k]) => k !== "role").map(([name, from]) => ({ name, from }))
            : o.attrs.map(value),
    })),
    members: r.members.map(res),
    ...(r.rebuild !== undefined ? { rebuild: r.rebuild } : {}),
    ...(r.carried !== undefined ? { carried: r.carried } : {}),
    ...(r.kept !== undefined ? { kept: r.kept } : {}),
  });
  return {
    summary: summarize(cs),
    properties: cs.properties.map((v) => ({ op: opOf(v), ...value(v) })),
    rscDefaults: cs.rscDefaults.map((v) => ({ op: opOf(v), ...value(v) })),
    opDefaults: cs.opDefaults.map((v) => ({ op: opOf(v), ...value(v) })),
    ...(cs.defaultSets ? { defaultSets: cs.defaultSets.map(defaultSetJson) } : {}),
    kept: cs.keptValues,
    ...(cs.templates ? { templates: cs.templates.map(res) } : {}),
    ...(cs.tags ? { tags: cs.tags } : {}),
    resources: cs.resources.map(res),
    constraints: cs.constraints.map((c) => ({
      op: c.op,
      id: c.id,
      ...(c.oldId !== undefined ? { oldId: c.oldId } : {}),
      text: constraintText((c.new ?? c.old)!),
      fields: c.fields.map(value),
      ...(c.old ? { old: strip(c.old) } : {}),
      ...(c.new ? { new: strip(c.new) } : {}),
      ...(c.kept !== undefined ? { kept: c.kept } : {}),
    })),
    nodes: cs.nodes.map((n) => ({
      node: n.node,
      ...(n.remote ? { remote: true } : {}),
      attributes: n.attributes.map((v) => ({ op: opOf(v), ...value(v) })),
      utilization: n.utilization.map((v) => ({ op: opOf(v), ...value(v) })),
      ...(n.kept.length > 0 ? { kept: n.kept } : {}),
      ...(n.sets.length > 0 ? { sets: n.sets } : {}),
    })),
    ...(cs.admin ? { admin: cs.admin.map((a) => ({ kind: a.kind, op: a.op, text: adminLine(a).slice(2), fields: a.fields.map(value), ...(a.kept !== undefined ? { kept: a.kept } : {}) })) } : {}),
    ...(cs.ownership ? { ownership: cs.ownership } : {}),
  };
}
