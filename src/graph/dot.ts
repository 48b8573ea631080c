import { patternMatches } from "../util/posix-ere.js";
import { childrenOf, standIns, type ResourceModel, type SiteModel } from "../check/model.js";
import type { Placement } from "../placement/index.js";
import { COLOR, legendLines } from "./legend.js";
import { changeCounts, changeSummary, type ChangeCounts } from "../simulate/crm.js";
import { predictPlacements, predictSimulation } from "../simulate/hacc.js";

/**
 * `hacc graph`, the picture: the cluster as a Graphviz DOT graph. Hosts are
 * boxes; the guests running on a host are boxes inside it, holding the
 * services that run in them; Lustre targets and other resources sit in the
 * host that runs them. Dashed grey lines go to the hosts a resource may fail
 * over to; order constraints are solid arrows, colocations dotted lines.
 * With failed hosts, those hosts are greyed and what moved is drawn in
 * orange with a line from where it was. Placement is hacc's prediction of
 * Pacemaker's (src/placement/, the one the N-1 rule uses), held to
 * crm_simulate's by the tests; the counts under the title are those of
 * `hacc simulate --engine hacc` (the same rows, the same `changeCounts`).
 */

export interface GraphOptions {
  /** Hosts to show as failed. */
  readonly fail?: readonly string[];
  /** A title above the picture (default: the cluster's name and the failed hosts). */
  readonly title?: string;
}

/** What the picture shows, for the HTML page and for tests. */
export interface GraphModel {
  readonly dot: string;
  readonly hosts: readonly string[];
  readonly guests: readonly string[];
  readonly failed: readonly string[];
  /** Resources drawn as moved (id, from, to). */
  readonly moved: readonly { readonly id: string; readonly from: string; readonly to: string }[];
  /** Resources that ran before and run nowhere after (id, from). */
  readonly stopped: readonly { readonly id: string; readonly from: string }[];
  /** With failed hosts: what `hacc simulate --engine hacc` counts for the same failure, and its words for it. */
  readonly counts?: ChangeCounts;
  readonly summary?: string;
  readonly title: string;
}

const MOVED = COLOR.moved;
const FAILED_FILL = COLOR.failedFill;
const FAILED_TEXT = COLOR.failedText;

/** A DOT id: always quoted, with `"` and `\` escaped. */
function q(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function attrs(a: Record<string, string | number | undefined>): string {
  const parts = Object.entries(a)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "number" ? v : q(v)}`);
  return parts.length > 0 ? ` [${parts.join(", ")}]` : "";
}

function kindOf(r: ResourceModel): string {
  if (r.kind !== "primitive") return r.kind;
  if (r.guest) return "guest";
  if (r.agent.type === "Lustre" || r.declared?.sharedStorage) return "target";
  return "resource";
}

/** Builds the DOT text for a site, with all hosts up or with `fail` hosts down. */
export function siteGraph(site: SiteModel, opts: GraphOptions = {}): GraphModel {
  const failed = [...(opts.fail ?? [])];
  const { report, before, after } = predictPlacements(site, failed);
  const counts = failed.length > 0 ? changeCounts(predictSimulation(site, failed).rows) : undefined;
  const summary = counts && changeSummary(counts);
  const byId = new Map(site.resources.map((r) => [r.id, r]));
  const guestOfVm = new Map<string, string>();
  for (const r of site.resources) if (r.kind === "primitive" && r.guest) guestOfVm.set(r.id, r.guest.name);
  const guests = [...guestOfVm.values()];
  const guestSet = new Set(guests);
  const vmOfGuest = new Map([...guestOfVm].map(([vm, g]) => [g, vm]));

  // Where each resource is drawn: a host, a guest, or nowhere in particular.
  const inGuest = new Map<string, string>();
  const allowedHosts = new Map<string, { node: string; score: string }[]>();
  // A template stands for the resources made from it and a tag for its members, as Pacemaker expands them.
  const made = standIns(site.resources, site.tags);
  for (const { constraint: c } of site.constraints) {
    if (c.kind !== "location" || c.role !== undefined || c.set?.role !== undefined) continue;
    // A set's resources each have the host, as a tag's do, and a pattern's top-level matches.
    const named = c.pattern !== undefined ? (patternMatches(c.pattern, site.resources.filter((r) => r.parent === undefined).map((r) => r.id)) ?? []) : (c.set?.resources ?? [c.rsc]);
    for (const rsc of named.flatMap((r) => made.get(r) ?? [r])) {
      if (guestSet.has(c.node)) inGuest.set(rsc, c.node);
      else if (!c.score.startsWith("-")) {
        let l = allowedHosts.get(rsc);
        if (!l) allowedHosts.set(rsc, (l = []));
        l.push({ node: c.node, score: c.score });
      }
    }
  }
  const top = (r: ResourceModel): ResourceModel => {
    let cur = r;
    while (cur.parent !== undefined) cur = byId.get(cur.parent) ?? cur;
    return cur;
  };

  const lines: string[] = [];
  const title = opts.title ?? (failed.length > 0 ? `${site.name}: ${failed.join(", ")} failed` : `${site.name}: all hosts up`);
  lines.push(`digraph ${q(site.name)} {`);
  lines.push(`  graph${attrs({ compound: "true", rankdir: "TB", newrank: "true", fontname: "Helvetica", label: summary ? `${title}\n${summary}` : title, labelloc: "t", fontsize: 18, forcelabels: "true", nodesep: 0.8, ranksep: 0.6 })};`);
  lines.push(`  node${attrs({ fontname: "Helvetica", fontsize: 11, shape: "box", style: "rounded,filled", fillcolor: "white" })};`);
  lines.push(`  edge${attrs({ fontname: "Helvetica", fontsize: 9 })};`);

  const moved: { id: string; from: string; to: string }[] = [];
  const stopped: { id: string; from: string }[] = [];
  const movedSet = new Set<string>();
  for (const p of report.plan.placeables) {
    const from = before.get(p.id);
    const to = after.get(p.id);
    if (from === undefined || from === to) continue;
    if (to === undefined) stopped.push({ id: p.id, from });
    else {
      moved.push({ id: p.id, from, to });
      movedSet.add(p.id);
    }
  }

  const hostAnchor = (h: string) => `host:${h}`;
  // The other hosts a resource may fail over to (not the one it runs on, not a failed one), with their scores.
  const failoverTo = (id: string) => (allowedHosts.get(id) ?? []).filter(({ node }) => node !== after.get(id) && site.nodes.includes(node) && !failed.includes(node));
  const nodeLine = (indent: string, id: string, r: ResourceModel | undefined, label: string, extra: Record<string, string | number | undefined> = {}) => {
    const kind = r ? kindOf(r) : "resource";
    const isMoved = movedSet.has(id) || (r !== undefined && inGuest.has(r.id) && movedSet.has(vmOfGuest.get(inGuest.get(r.id)!) ?? ""));
    const stopped = failed.length > 0 && report.plan.byId.has(id) && after.get(id) === undefined;
    // The failover scores are written in the box, not on the dashed lines: long lines that cross the picture keep no label legible.
    const to = failoverTo(id);
    lines.push(
      `${indent}${q(id)}${attrs({
        label: to.length > 0 ? `${label}\nfailover: ${to.map((t) => `${t.node} ${t.score}`).join(", ")}` : label,
        shape: kind === "target" ? "cylinder" : "box",
        fillcolor: stopped ? FAILED_FILL : kind === "target" ? "#e7f5ff" : kind === "guest" ? "#fff9db" : "white",
        color: isMoved ? MOVED : stopped ? FAILED_TEXT : "#495057",
        penwidth: isMoved ? 2 : 1,
        fontcolor: stopped ? FAILED_TEXT : "black",
        tooltip: r ? `${id} (${r.kind === "primitive" ? r.agentText : r.kind})` : id,
        ...extra,
      })};`,
    );
  };

  // Hosts, each with the guests and resources it runs.
  const drawnGuests = new Set<string>();
  const drawn = new Set<string>();
  /** The host each resource is drawn in. */
  const hostOf = new Map<string, string>();
  for (const h of site.nodes) {
    const down = failed.includes(h);
    lines.push(`  subgraph ${q("cluster_host_" + h)} {`);
    lines.push(
      `    graph${attrs({ label: down ? `${h} (failed)` : h, style: "rounded,filled", fillcolor: down ? FAILED_FILL : "#f8f9fa", color: down ? FAILED_TEXT : "#343a40", fontcolor: down ? FAILED_TEXT : "black", penwidth: 2, fontsize: 14, id: `host-${h}`, class: "host" })};`,
    );
    lines.push(`    ${q(hostAnchor(h))}${attrs({ shape: "point", width: 0.01, style: "invis", label: "" })};`);
    for (const [vm, g] of guestOfVm) {
      if (after.get(vm) !== h) continue;
      drawnGuests.add(g);
      drawn.add(vm);
      const isMoved = movedSet.has(vm);
      lines.push(`    subgraph ${q("cluster_guest_" + g)} {`);
      lines.push(
        `      graph${attrs({ label: isMoved ? `${g} (moved from ${before.get(vm)})` : g, style: "rounded,filled", fillcolor: "#fff9db", color: isMoved ? MOVED : "#e67700", fontcolor: isMoved ? MOVED : "black", penwidth: isMoved ? 3 : 1.5, fontsize: 12, id: `guest-${g}`, class: "guest" })};`,
      );
      nodeLine("      ", vm, byId.get(vm), `${vm}\nVirtualDomain`, { fillcolor: "#fff3bf" });
      hostOf.set(vm, h);
      for (const r of site.resources) {
        if (r.kind !== "primitive" || inGuest.get(r.id) !== g) continue;
        drawn.add(r.id);
        hostOf.set(r.id, h);
        nodeLine("      ", r.id, r, `${r.id}\n${r.agent.type}`);
      }
      lines.push("    }");
    }
    for (const p of report.plan.placeables) {
      if (p.guest !== undefined || after.get(p.id) !== h) continue;
      drawn.add(p.id);
      hostOf.set(p.id, h);
      nodeLine("    ", p.id, p.prim, `${p.id}\n${p.prim.agent.type}`);
    }
    lines.push("  }");
  }
  const rowOf = new Map(site.nodes.map((h, i) => [h, Math.floor(i / HOSTS_PER_ROW)]));
  /** Ends of the lines that rank what they join (an order within a host): what is above what. */
  const ranked: [string, string][] = [];

  // Guests that run nowhere (their hosts failed), and everything the prediction does not place.
  for (const [vm, g] of guestOfVm) {
    if (drawnGuests.has(g)) continue;
    drawn.add(vm);
    lines.push(`  subgraph ${q("cluster_guest_" + g)} {`);
    lines.push(`    graph${attrs({ label: `${g} (stopped)`, style: "rounded,dashed,filled", fillcolor: FAILED_FILL, color: MOVED, fontcolor: MOVED, penwidth: 2, id: `guest-${g}`, class: "guest" })};`);
    nodeLine("    ", vm, byId.get(vm), `${vm}\nVirtualDomain`);
    for (const r of site.resources) {
      if (r.kind !== "primitive" || inGuest.get(r.id) !== g) continue;
      drawn.add(r.id);
      nodeLine("    ", r.id, r, `${r.id}\n${r.agent.type}`);
    }
    lines.push("  }");
  }
  for (const r of site.resources) {
    if (drawn.has(r.id) || r.parent !== undefined) continue;
    if (r.kind === "primitive" && report.plan.byId.has(r.id)) {
      nodeLine("  ", r.id, r, `${r.id}\n${r.agent.type}\n(stopped)`);
      continue;
    }
    const members = childrenOf(r);
    const what = r.kind === "clone" ? (r.promotable ? "promotable clone" : "clone") : r.kind === "group" ? "group" : r.kind === "bundle" ? `bundle (${r.container.type})` : r.agentText;
    nodeLine("  ", r.id, r, `${r.id}\n${what}${members.length ? `: ${members.join(", ")}` : ""}`, { shape: r.kind === "clone" || r.kind === "bundle" ? "box3d" : "box" });
    drawn.add(r.id);
  }

  // Failover hosts: dashed lines from a resource (or its guest) to each other host it may use.
  for (const r of site.resources) {
    if (!drawn.has(r.id)) continue;
    for (const { node } of failoverTo(r.id)) {
      const g = guestOfVm.get(r.id);
      lines.push(
        `  ${q(r.id)} -> ${q(hostAnchor(node))}${attrs({ style: "dashed", color: COLOR.failover, lhead: `cluster_host_${node}`, ltail: g ? `cluster_guest_${g}` : undefined, constraint: "false", weight: 0 })};`,
      );
    }
  }
  // What moved: an orange line from the host it left. Its label is the edge's own (a node of the
  // layout, on the line, where two from one host cannot stack), so the line takes part in ranking:
  // it runs down the rows, from the earlier row to the later (drawn back where the move went up).
  for (const m of moved) {
    const g = guestOfVm.get(m.id);
    const tail = { id: hostAnchor(m.from), cluster: `cluster_host_${m.from}` };
    const head = { id: m.id, cluster: g ? `cluster_guest_${g}` : undefined };
    const up = (rowOf.get(m.from) ?? 0) > (rowOf.get(hostOf.get(m.id) ?? m.from) ?? 0);
    const [a, b] = up ? [head, tail] : [tail, head];
    lines.push(
      `  ${q(a.id)} -> ${q(b.id)}${attrs({ color: MOVED, fontcolor: MOVED, penwidth: 2.5, label: `moved from ${m.from}`, ltail: a.cluster, lhead: b.cluster, dir: up ? "back" : undefined })};`,
    );
  }
  // Order and colocation constraints between drawn resources (a group or clone stands for its members;
  // a template for the resources made from it and a tag for its members, as Pacemaker expands them).
  const shown = (id: string): string | undefined => {
    const r = byId.get(id);
    if (!r) return undefined;
    const t = top(r);
    return drawn.has(id) ? id : drawn.has(t.id) ? t.id : undefined;
  };
  const ends = (name: string): string[] => [...new Set((made.get(name) ?? [name]).map(shown).filter((x): x is string => x !== undefined))];
  // A name that stands for several draws a line from (or to) each; a member to itself is no line.
  const pairs = (x: string, y: string): [string, string][] =>
    ends(x).flatMap((a) => ends(y).filter((b) => b !== a || !(made.has(x) || made.has(y))).map((b): [string, string] => [a, b]));
  for (const { constraint: c } of site.constraints) {
    if (c.kind === "order") {
      const label = `${c.firstAction === "start" && c.thenAction === "start" ? "then" : `${c.firstAction} then ${c.thenAction}`}${c.orderKind === "Mandatory" ? "" : ` (${c.orderKind.toLowerCase()})`}`;
      for (const [a, b] of pairs(c.first, c.then)) {
        // Between hosts, an order does not rank its ends: the rows of hosts do.
        const across = hostOf.get(a) !== hostOf.get(b);
        if (!across) ranked.push([a, b]);
        lines.push(`  ${q(a)} -> ${q(b)}${attrs({ color: "#1c7ed6", fontcolor: "#1c7ed6", xlabel: label, style: c.orderKind === "Optional" ? "dashed" : "solid", class: "order", ...(across ? { constraint: "false", weight: 0 } : {}) })};`);
      }
    } else if (c.kind === "colocation") {
      for (const [a, b] of pairs(c.rsc, c.withRsc)) {
        lines.push(`  ${q(a)} -> ${q(b)}${attrs({ color: "#9c36b5", fontcolor: "#9c36b5", xlabel: `with ${c.score}`, style: "dotted", penwidth: 1.5, arrowhead: "odot", constraint: "false", weight: 0, class: "colocation" })};`);
      }
    }
  }
  rows(site.nodes, hostOf, ranked, hostAnchor, lines);
  lines.push(...legendLines(failed.length > 0, q));
  lines.push("}");
  return { dot: lines.join("\n") + "\n", hosts: site.nodes, guests, failed, moved, stopped, ...(counts && summary ? { counts, summary } : {}), title };
}

/** Hosts side by side in a row at most: more wrap into further rows, so a large site stays about as wide as 4 hosts. */
export const HOSTS_PER_ROW = 4;

/**
 * Lays the hosts out in rows of `HOSTS_PER_ROW`, with invisible lines only:
 * each host's anchor point above everything in it, the anchors of a row on
 * one rank, and each host's lowest boxes (those nothing in the host is
 * ranked below) above the anchor of the host under it in the next row. Only
 * the lowest, so no invisible line runs beside a host's boxes and pushes its
 * neighbours apart. Graphviz orders the hosts within a row (to cross fewer lines).
 */
function rows(hosts: readonly string[], hostOf: ReadonlyMap<string, string>, ranked: readonly (readonly [string, string])[], anchor: (h: string) => string, lines: string[]): void {
  if (hosts.length <= HOSTS_PER_ROW) return;
  const invis = ' [style="invis"]';
  const inHost = new Map<string, string[]>(hosts.map((h) => [h, []]));
  for (const [id, h] of hostOf) inHost.get(h)!.push(id);
  const above = new Set(ranked.map(([a]) => a));
  for (const h of hosts) for (const id of inHost.get(h)!) lines.push(`  ${q(anchor(h))} -> ${q(id)}${invis};`);
  for (let i = 0; i < hosts.length; i += HOSTS_PER_ROW) {
    const row = hosts.slice(i, i + HOSTS_PER_ROW);
    lines.push(`  { rank="same"; ${row.map((h) => q(anchor(h))).join("; ")}; }`);
    const next = hosts.slice(i + HOSTS_PER_ROW, i + 2 * HOSTS_PER_ROW);
    if (next.length === 0) continue;
    row.forEach((h, col) => {
      const lowest = inHost.get(h)!.filter((id) => !above.has(id));
      const under = anchor(next[Math.min(col, next.length - 1)]!);
      for (const id of lowest.length > 0 ? lowest : [anchor(h)]) lines.push(`  ${q(id)} -> ${q(under)}${invis};`);
    });
  }
}
