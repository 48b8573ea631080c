import type * as A from "../ast/types.js";
import * as N from "../check/names.js";
import type { Key, NameIndex, Occurrence } from "./names.js";

/**
 * What hovering a name shows, as Markdown: a guest's hosts, VFs and
 * services; a resource's agent with the agent's parameters (from its
 * `agent` declaration, the stdlib's or the site's) and the values the site
 * gives them; a node's guests and resources; an agent's parameters.
 */
export function hoverText(index: NameIndex, o: Occurrence): string | undefined {
  const decl = index.declaration(o.key);
  const [kind, ...rest] = o.key.split(":");
  const name = rest.join(":");
  switch (kind) {
    case "node":
      return decl?.statement.kind === "guest" ? guest(index, decl.statement) : node(index, name, decl);
    case "rsc":
      return resource(index, name, o.key, decl);
    case "agent":
      return decl?.statement.kind === "agent" ? agent(decl.statement) : `agent \`${name}\`: declared nowhere (no \`agent ${name} { ... }\` in the site or the stdlib)`;
    case "service":
      return decl?.statement.kind === "service" ? service(index, decl.statement) : `service kind \`${name}\`: declared nowhere`;
    case "cluster":
      return `cluster \`${name}\``;
    default:
      return undefined;
  }
}

function score(p: A.PlacementEntry): string {
  return p.score?.text ?? "INFINITY";
}

function hostList(placement: readonly A.PlacementEntry[]): string {
  return placement.length === 0 ? "none declared" : placement.map((p) => `\`${p.host.text}\` (${score(p)})`).join(", ");
}

function guest(index: NameIndex, g: A.GuestDecl): string {
  const lines = [`**guest** \`${g.name.text}\`: guest node, run by the VirtualDomain resource \`${N.guestResourceId(g.name.text)}\``, "", `hosts: ${hostList(g.placement)}`];
  const vfs = (g.block?.items ?? []).flatMap((i) => (i.kind === "ib" ? [`\`${i.host.text}\` at \`${i.slot.text}\``] : []));
  lines.push("", `VFs: ${vfs.length === 0 ? "none" : vfs.join(", ")}`);
  const services = index.occurrences.filter((o) => o.statement.kind === "instance" && o.key.startsWith("service:") && o.statement.guest.text === g.name.text);
  if (services.length > 0) lines.push("", `services: ${services.map((o) => `\`${N.instanceId(o.text, g.name.text)}\``).join(", ")}`);
  return lines.join("\n");
}

function node(index: NameIndex, name: string, decl: Occurrence | undefined): string {
  const head =
    decl === undefined
      ? `node \`${name}\`: declared nowhere (not in \`nodes\`, not a guest)`
      : decl.decl === "unlisted"
        ? `**node** \`${name}\`: an unlisted node (\`unlisted-nodes\`): no \`<node>\` entry, never up; a location to it places nothing`
        : `**node** \`${name}\`: a cluster node`;
  const guests: string[] = [];
  const resources: string[] = [];
  for (const o of index.uses(`node:${name}`)) {
    const s = o.statement;
    if (o.decl !== undefined || !("placement" in s)) continue;
    const p = s.placement.find((e) => e.span.start <= o.span.start && o.span.end <= e.span.end);
    const entry = `\`${s.name.text}\`${p ? ` (${score(p)})` : ""}`;
    (s.kind === "guest" ? guests : resources).push(entry);
  }
  const services = index.uses(`node:${name}`).filter((o) => o.statement.kind === "instance");
  const lines = [head, "", `guests: ${guests.length === 0 ? "none" : guests.join(", ")}`];
  if (resources.length > 0) lines.push("", `resources: ${resources.join(", ")}`);
  if (services.length > 0) lines.push("", `services inside: ${services.map((o) => (o.statement.kind === "instance" ? `\`${N.instanceId(o.statement.service.text, name)}\`` : "")).join(", ")}`);
  return lines.join("\n");
}

function agentOf(index: NameIndex, agent: string): A.AgentDecl | undefined {
  const d = index.declaration(`agent:${agent}` as Key);
  return d?.statement.kind === "agent" ? d.statement : undefined;
}

/** The agent's parameters with the values `block` gives them (and the guest parameter a service fills). */
function params(a: A.AgentDecl | undefined, block: A.Block | undefined, filled: ReadonlyMap<string, string> = new Map()): string[] {
  const given = new Map<string, string>();
  for (const i of block?.items ?? []) if (i.kind === "param") given.set(i.pair.key.text, i.pair.value.kind === "string" ? JSON.stringify(i.pair.value.text) : i.pair.value.text);
  for (const [k, v] of filled) given.set(k, v);
  const out: string[] = [];
  for (const p of a?.params ?? []) {
    const how = p.required ? "required" : p.default ? `default \`${p.default.text}\`` : "optional";
    const v = given.get(p.name.text);
    out.push(`- \`${p.name.text}\` (${how})${v !== undefined ? ` = \`${v}\`` : ""}`);
    given.delete(p.name.text);
  }
  for (const [k, v] of given) out.push(`- \`${k}\` = \`${v}\` (not declared by the agent)`);
  return out;
}

function resource(index: NameIndex, id: string, key: Key, decl: Occurrence | undefined): string {
  const s = decl?.statement;
  switch (s?.kind) {
    case "resource": {
      if (s.agent === undefined) return [`**resource** \`${id}\`: made from template \`${s.template?.text ?? ""}\``, "", `runs on: ${runsOn(index, id, s.placement)}`].join("\n");
      const a = agentOf(index, s.agent.text);
      const ps = params(a, s.block);
      return [`**resource** \`${id}\`: agent \`${s.agent.text}\`${a ? "" : " (declared nowhere)"}`, "", `runs on: ${runsOn(index, id, s.placement)}`, ...(ps.length > 0 ? ["", "parameters:", ...ps] : [])].join("\n");
    }
    case "guest":
      return [`**resource** \`${id}\`: the VirtualDomain resource of guest \`${s.name.text}\``, "", `hosts: ${hostList(s.placement)}`].join("\n");
    case "instance": {
      const svc = index.declaration(`service:${s.service.text}`)?.statement;
      const agentName = svc?.kind === "service" ? svc.agent.text : undefined;
      const filled = new Map<string, string>(svc?.kind === "service" && svc.guestParam ? [[svc.guestParam.text, s.guest.text]] : []);
      const ps = params(agentName ? agentOf(index, agentName) : undefined, s.block, filled);
      return [
        `**service** \`${id}\`: \`${s.service.text}\` inside guest \`${s.guest.text}\`${agentName ? `, agent \`${agentName}\`` : ""}`,
        ...(s.after ? ["", `starts after \`${s.after.text === "vm" ? N.guestResourceId(s.guest.text) : s.after.text}\``] : []),
        ...(ps.length > 0 ? ["", "parameters:", ...ps] : []),
      ].join("\n");
    }
    case "group":
      return [`**group** \`${id}\`: ${s.members.map((m) => `\`${m.text}\``).join(", ")}`, "", `runs on: ${runsOn(index, id, s.placement)}`].join("\n");
    case "clone":
      return `**${s.promotable ? "promotable clone" : "clone"}** \`${id}\` of \`${s.child.text}\``;
    case "bundle":
      return `**bundle** \`${id}\`${s.child ? ` of \`${s.child.text}\`` : ""}`;
    default:
      return `\`${key.slice(4)}\`: no resource of this id is declared`;
  }
}

/**
 * Where a resource or group runs: its own placement, or, for a member of a
 * group or the child of a clone (which Pacemaker places with its parent),
 * its parent's.
 */
function runsOn(index: NameIndex, id: string, placement: readonly A.PlacementEntry[]): string {
  if (placement.length > 0) return hostList(placement);
  for (const o of index.uses(`rsc:${id}`)) {
    const s = o.statement;
    if (s.kind === "group" && s.members.some((m) => m.span === o.span)) return `with its group \`${s.name.text}\`: ${runsOn(index, s.name.text, s.placement)}`;
    if (s.kind === "clone" && s.child.span === o.span) return `as clone \`${s.name.text}\`: ${runsOn(index, s.name.text, s.placement)}`;
  }
  return hostList(placement);
}

function agent(a: A.AgentDecl): string {
  const ps = params(a, undefined);
  const marks = [a.siteProvided ? "site-provided" : "", a.sharedStorage ? "shared storage" : ""].filter((x) => x !== "");
  return [`**agent** \`${a.agent.text}\`${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`, ...(ps.length > 0 ? ["", "parameters:", ...ps] : [])].join("\n");
}

function service(index: NameIndex, s: A.ServiceDecl): string {
  const a = agentOf(index, s.agent.text);
  return [`**service kind** \`${s.name.text}\`: agent \`${s.agent.text}\`${s.guestParam ? `, \`${s.guestParam.text}\` = the guest` : ""}`, ...(a ? ["", "parameters:", ...params(a, undefined)] : [])].join("\n");
}
