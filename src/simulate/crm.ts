/**
 * `hacc simulate`, the pure half: which `crm_simulate` runs answer "where does
 * everything run, and what happens when these hosts fail", and how to read
 * their output back in hacc's terms. Pacemaker's own scheduler does the work;
 * nothing here predicts a placement. The CLI (src/cli/simulate.ts) runs the
 * steps and hands their output to `readSimulation`.
 */

import { SETTLE_ROUNDS } from "../placement/predict.js";
import { numericCaseCompare } from "../placement/sort-key.js";
import { escapeXml } from "../util/xml.js";
import { placedNodes, readOnline, readStatus, readTransition, startedBy, type Status } from "./status.js";

export { placedNodes, readOnline, readPlace, readStatus, readTransition, startedBy, type Status, type TransitionEntry } from "./status.js";

/** One `crm_simulate` run: its arguments, with `{in}` and `{out}` standing for CIB files. */
export interface SimulateStep {
  readonly purpose: "hosts-up" | "guests-up" | "failure";
  readonly args: readonly string[];
  /** The CIB file this step reads and the one it writes (undefined: it writes none). */
  readonly input: string;
  readonly output?: string;
}

/**
 * The runs, in order: bring every cluster node up (the guests' VMs start),
 * then the guest nodes whose VMs started (so services inside guests are
 * placed), then take the failed hosts down. File names are relative to a
 * working directory the caller chooses.
 */
export function simulateSteps(nodes: readonly string[], guests: readonly string[], fail: readonly string[], guestsDown: readonly string[] = []): SimulateStep[] {
  const steps: SimulateStep[] = [
    { purpose: "hosts-up", input: "full.xml", output: "up.xml", args: ["-x", "full.xml", "-S", "-q", "true", ...nodes.flatMap((n) => ["-u", n]), "-O", "up.xml"] },
  ];
  let last = "up.xml";
  if (guests.length > 0) {
    steps.push({ purpose: "guests-up", input: last, output: "guests.xml", args: ["-x", last, "-S", "-q", "true", ...guests.flatMap((g) => ["-u", g]), "-O", "guests.xml"] });
    last = "guests.xml";
  }
  if (fail.length > 0) {
    const down = [...fail, ...guestsDown];
    steps.push({ purpose: "failure", input: last, output: "after.xml", args: ["-x", last, "-S", "-q", "true", ...down.flatMap((n) => ["-d", n]), "-O", "after.xml"] });
  }
  return steps;
}

/** The outputs of the runs `pacemakerRuns` asks for. */
export interface PacemakerRuns {
  /** The first run, every host up from nothing running (the guests' VMs start). */
  readonly first: string;
  /** Once running: after the guest nodes whose VMs started came up, and the scheduler ran again until it moved nothing (the last run's output). */
  readonly before: string;
  /** One output per failure asked for, each from `before`. */
  readonly after: readonly string[];
  /** False when the scheduler still moved something in the last run hacc asked for (SETTLE_ROUNDS). */
  readonly settled: boolean;
}

/**
 * The crm_simulate runs that answer \`hacc simulate --engine pacemaker\`, as a
 * conversation: each \`yield\` hands out a run's arguments (files relative to
 * a directory holding \`full.xml\`) and takes that run's output back, so the
 * CLI (synchronously) and the fidelity harness (asynchronously) drive the
 * same runs. The hosts come up first, then exactly the guest nodes whose VMs
 * started; each failure (its hosts together) starts from there. A guest node
 * whose VM stopped in a failure is down in a cluster, while crm_simulate keeps
 * it up (\`strandedGuests\`): the failure runs again with those guests down
 * too, until none is left.
 */
export function* pacemakerRuns(nodes: readonly string[], site: SiteGuests, failures: readonly (readonly string[])[]): Generator<readonly string[], PacemakerRuns, string> {
  const first: string = yield simulateSteps(nodes, [], [])[0]!.args;
  const startedIn = (out: string) => [...site.vmOf].filter(([vm]) => readStatus(out).some((s) => s.id === vm && s.state === "Started")).map(([, g]) => g);
  const started = startedIn(first);
  const steps = simulateSteps(nodes, started, []);
  let before: string = steps.length > 1 ? yield steps[1]!.args : first;
  let last = steps.length > 1 ? "guests.xml" : "up.xml";
  // A cluster runs its scheduler again once a transition is done, until one changes
  // nothing; the place a failure starts from is that one (seed 1953: the run after
  // the guests came up moved vm-g2, the run after it moved vm-g3). A guest whose VM
  // starts in such a run comes up in the next. Bounded: a site that never settles
  // fails its hosts from where the last run left it, and `settled` says so.
  let settled = false;
  for (let round = 0; !settled && round < SETTLE_ROUNDS; round++) {
    const up = startedIn(before).filter((g) => !started.includes(g));
    started.push(...up);
    const out = `settled-${round}.xml`;
    const was = before;
    before = yield ["-x", last, "-S", "-q", "true", ...up.flatMap((g) => ["-u", g]), "-O", out];
    last = out;
    // A run crm_simulate could not carry out stops half way: nothing to settle from (the caller sees its mark).
    if (before.includes(INVALID)) break;
    settled = up.length === 0 && sameStatus(was, before);
  }
  const after: string[] = [];
  for (const fail of failures) {
    const down: string[] = [];
    let out = "";
    for (;;) {
      const gone = [...fail, ...down];
      out = yield ["-x", last, "-S", "-q", "true", ...gone.flatMap((n) => ["-d", n]), "-O", "after.xml"];
      const stranded = strandedGuests(out, site).filter((g) => !down.includes(g));
      if (stranded.length === 0) break;
      down.push(...stranded);
    }
    after.push(out);
  }
  return { first, before, after, settled };
}

/** What crm_simulate prints (on standard error) when it cannot carry out the transition it planned. */
export const INVALID = "An invalid transition was produced";

/**
 * Whether two runs end with every resource where it was (the transition moved
 * nothing: a start it lists as blocked, a restart in place or a probe is no move).
 */
function sameStatus(a: string, b: string): boolean {
  const key = (out: string) => JSON.stringify(readStatus(out).map((s) => [s.id, s.state, s.nodes]));
  return key(a) === key(b);
}

/**
 * The whole CIB as crm_simulate is to read it: each guest node entered in
 * \`<nodes>\` as \`type="remote"\`. Without the entry, \`crm_simulate -u GUEST\`
 * adds the guest as a plain cluster member (\`<node id="GUEST"/>\`), and a
 * scheduler that then sees no remote node skips its "remote connections
 * first" pass (pcmk_sched_allocate.c allocate_resources, flag
 * pe_flag_have_remote_nodes, set by unpack.c pe_create_node for "remote"
 * nodes only): under a placement-strategy it reshuffles as no cluster would.
 * With the entry, the guest is a guest node ("GuestOnline") as in a cluster.
 */
export function forSimulation(cib: string, guests: readonly string[]): string {
  // A guest with attributes has its entry already (--full writes it): it is not entered twice.
  const nodes = /<nodes>[\s\S]*?<\/nodes>/.exec(cib)?.[0] ?? "";
  const missing = guests.filter((g) => !nodes.includes(`<node id="${escapeXml(g)}" `));
  if (missing.length === 0) return cib;
  const entries = missing.map((g) => `<node id="${escapeXml(g)}" uname="${escapeXml(g)}" type="remote"/>`).join("");
  return cib.replace(/<\/nodes>|<nodes\/>/, (m) => (m === "<nodes/>" ? `<nodes>${entries}</nodes>` : `${entries}</nodes>`));
}

/** What became of one resource. */
export type Change = "unchanged" | "moved" | "stopped" | "started" | "restarted" | "reduced" | "grew" | "unknown";

/** One row of `hacc simulate`'s table. */
export interface SimulationRow {
  readonly resource: string;
  /** The guest a VM carries, or the guest a service runs in. */
  readonly guest?: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** For a resource inside a guest: the host its guest runs on, before and after. */
  readonly hostBefore?: string;
  readonly hostAfter?: string;
  readonly change: Change;
  readonly why?: string;
  /** False when the engine does not predict this resource (hacc's, for groups, clones, ...): before and after are then empty, and change is "unknown". */
  readonly predicted?: false;
  /** hacc's engine: why its placement before or after may differ in Pacemaker (a tie a resource it does not predict may tip, ...). */
  readonly uncertain?: { readonly before?: string; readonly after?: string };
}

/** The answer of `hacc simulate`. */
export interface Simulation {
  /** Who answered: Pacemaker's scheduler (crm_simulate) or hacc's own prediction. */
  readonly engine: "pacemaker" | "hacc";
  readonly failed: readonly string[];
  /** The nodes online before and after the failure, in `onlineOrder`'s order (the same for both engines). */
  readonly online: { readonly before: readonly string[]; readonly after: readonly string[] };
  readonly rows: readonly SimulationRow[];
  /** Why nothing starts at all, when that is the case. */
  readonly notes: readonly string[];
}

/**
 * The online nodes as both engines list them: the cluster's hosts, then the
 * guest nodes, each in the order of Pacemaker's node list
 * (pcmk__numeric_strcasecmp: `h2` before `h10`, case ignored), as crm_mon's
 * `Online` and `GuestOnline` lines print them.
 */
export function onlineOrder(nodes: Iterable<string>, isGuest: (node: string) => boolean): string[] {
  const all = [...new Set(nodes)];
  const byName = (a: string, b: string) => numericCaseCompare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  return [...all.filter((n) => !isGuest(n)).sort(byName), ...all.filter(isGuest).sort(byName)];
}

/** What the site says about guests: VM resource -> guest, guest -> host resource. */
export interface SiteGuests {
  readonly vmOf: ReadonlyMap<string, string>;
  readonly guests: readonly string[];
}

/**
 * The guest nodes a failure run leaves listed online although their VM no
 * longer runs. `crm_simulate -u GUEST` marks a guest node up for good, so its
 * scheduler goes on placing resources there after the VM stopped; in a
 * cluster the guest node goes down with its VM. The CLI runs the failure
 * again with these guests down too.
 */
export function strandedGuests(out: string, site: SiteGuests): string[] {
  const running = new Set(readStatus(out).filter((s) => site.vmOf.has(s.id) && s.state === "Started").map((s) => site.vmOf.get(s.id)!));
  const online = new Set(readOnline(out));
  return site.guests.filter((g) => online.has(g) && !running.has(g));
}

/** Why a resource moved or stopped, when the scheduler gave no reason (`hostBefore`: the host of the guest it ran in). */
export function defaultWhy(change: Change, before: readonly string[], failed: readonly string[], hostBefore?: string): string | undefined {
  if (change === "moved") {
    if (failed.some((f) => before.includes(f))) return `${before.filter((n) => failed.includes(n)).join(", ")} failed`;
    return hostBefore !== undefined && failed.includes(hostBefore) ? `its guest's host ${hostBefore} failed` : undefined;
  }
  if (change === "stopped") return failed.some((f) => before.includes(f)) ? "its host failed and no remaining host can run it" : "it cannot run on any remaining host";
  return undefined;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Reads the runs' output into rows: every resource with where it ran with all
 * hosts up and where it runs after the failures, what changed, and the
 * scheduler's reason when it gave one. Guest connection resources (named like
 * their guest) are left out: the guest's VM row says the same.
 */
export function readSimulation(before: string, after: string | undefined, failed: readonly string[], site: SiteGuests): Simulation {
  // A primitive crm_simulate still lists in a guest that restarted elsewhere runs where the transition started it (placedNodes).
  const placed = (out: string): Status[] => {
    const started = startedBy(out);
    return readStatus(out).map((s) => ({ ...s, nodes: placedNodes(s, started) }));
  };
  const b = placed(before);
  const a = after === undefined ? b : placed(after);
  const transition = after === undefined ? [] : readTransition(after);
  const guestSet = new Set(site.guests);
  const guestOfVm = site.vmOf;
  const rows: SimulationRow[] = [];
  const afterById = new Map(a.map((s) => [s.id, s]));
  const hostOf = (list: readonly Status[]) => {
    const m = new Map<string, string>();
    for (const s of list) {
      const g = guestOfVm.get(s.id);
      if (g !== undefined && s.state === "Started" && s.nodes.length === 1) m.set(g, s.nodes[0]!);
    }
    return m;
  };
  const hostsBefore = hostOf(b);
  const hostsAfter = hostOf(a);
  const vmOfGuest = new Map([...guestOfVm].map(([vm, g]) => [g, vm]));
  for (const s of b) {
    if (guestSet.has(s.id)) continue;
    const later = afterById.get(s.id);
    const bn = s.state === "Stopped" ? [] : [...s.nodes];
    const an = later === undefined || later.state === "Stopped" ? [] : [...later.nodes];
    const t = transition.filter((e) => e.id === s.id);
    let change: Change = "unchanged";
    if (bn.length > 0 && an.length === 0) change = "stopped";
    else if (bn.length === 0 && an.length > 0) change = "started";
    else if (bn.length === 1 && an.length === 1 && bn[0] !== an[0]) change = "moved";
    else if (!same(bn, an)) change = an.length < bn.length ? "reduced" : "grew";
    else if (t.some((e) => e.action === "Restart" || e.action === "Recover")) change = "restarted";
    const reason = t.find((e) => e.reason !== undefined)?.reason;
    const inGuest = bn.length === 1 && guestSet.has(bn[0]!) ? bn[0] : an.length === 1 && guestSet.has(an[0]!) ? an[0] : undefined;
    const guest = guestOfVm.get(s.id) ?? inGuest;
    const hb = bn.length === 1 && guestSet.has(bn[0]!) ? hostsBefore.get(bn[0]!) : undefined;
    const ha = an.length === 1 && guestSet.has(an[0]!) ? hostsAfter.get(an[0]!) : undefined;
    // Inside a guest whose VM moved to another host: the same guest node, a restart (Pacemaker says "Restart").
    if (change === "unchanged" && hb !== undefined && ha !== undefined && hb !== ha) change = "restarted";
    const vmStopped = change === "stopped" && bn.length === 1 && guestSet.has(bn[0]!) && !hostsAfter.has(bn[0]!) ? vmOfGuest.get(bn[0]!) : undefined;
    let why = reason ?? (vmStopped !== undefined ? `its guest's VM ${vmStopped} stopped` : defaultWhy(change, bn, failed, hb));
    if (why === undefined && change === "restarted" && hb !== ha) why = `its guest moved from ${hb} to ${ha}`;
    rows.push({
      resource: s.id,
      ...(guest ? { guest } : {}),
      before: bn,
      after: an,
      ...(hb !== undefined ? { hostBefore: hb } : {}),
      ...(ha !== undefined ? { hostAfter: ha } : {}),
      change,
      ...(why !== undefined && change !== "unchanged" ? { why } : {}),
    });
  }
  const notes: string[] = [];
  if (rows.length > 0 && rows.every((r) => r.before.length === 0)) {
    notes.push("Pacemaker starts nothing with all hosts up: check `stonith-enabled` (without a fencing device set it to false) and the resources' locations.");
  }
  // A guest node counts as online only while its VM runs (crm_simulate keeps the node entry).
  const online = (out: string, hosts: ReadonlyMap<string, string>) =>
    onlineOrder(
      readOnline(out).filter((n) => !guestSet.has(n) || hosts.has(n)),
      (n) => guestSet.has(n),
    );
  return { engine: "pacemaker", failed, online: { before: online(before, hostsBefore), after: after === undefined ? online(before, hostsBefore) : online(after, hostsAfter) }, rows, notes };
}

/** A row's before, after and change cells (after and change empty with nothing failed). */
function cells(r: SimulationRow, failure: boolean): string[] {
  const where = (nodes: readonly string[], host: string | undefined) => (nodes.length > 0 ? nodes.join(" ") + (host ? ` (on ${host})` : "") : "stopped");
  return [
    where(r.before, r.hostBefore),
    failure ? where(r.after, r.hostAfter) : "",
    failure && r.change !== "unchanged" ? r.change + (r.why ? ` (${r.why})` : "") : "",
  ];
}

function pad(s: string, n: number): string {
  return s + " ".repeat(Math.max(0, n - s.length));
}

/** How many rows moved, restarted and stopped: what the summary line of `hacc simulate` and the header of `hacc graph --fail` count. */
export interface ChangeCounts {
  readonly moved: number;
  readonly restarted: number;
  readonly stopped: number;
}

/** Counts the rows of a simulation by what changed. */
export function changeCounts(rows: readonly SimulationRow[]): ChangeCounts {
  const count = (c: Change) => rows.filter((r) => r.change === c).length;
  return { moved: count("moved"), restarted: count("restarted"), stopped: count("stopped") };
}

/** `2 moved, 1 restarted, 0 stopped` (restarted only when some were). */
export function changeSummary(c: ChangeCounts): string {
  return `${c.moved} moved, ${c.restarted > 0 ? `${c.restarted} restarted, ` : ""}${c.stopped} stopped`;
}

/**
 * The readable table: resource, before, after, what changed and why. A row
 * hacc does not predict says so in its before and after cells, and its reason
 * on a line of its own under it (`  why: ...`), not in the change column.
 */
export function renderSimulation(sim: Simulation): string {
  const lines: string[] = [];
  const by = sim.engine === "hacc" ? " (hacc's prediction)" : "";
  const failure = sim.failed.length > 0;
  lines.push(failure ? `after ${sim.failed.join(", ")} ${sim.failed.length === 1 ? "fails" : "fail"}${by}:` : `all hosts up${by}:`);
  const head = ["resource", "before", failure ? "after" : "", failure ? "change" : ""];
  const body = sim.rows.map((r) => [
    r.guest && !r.resource.endsWith(r.guest) ? `${r.resource} (${r.guest})` : r.resource,
    ...(r.predicted === false ? ["not predicted", failure ? "not predicted" : "", ""] : cells(r, failure)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : pad(c, widths[i]! + 2))).join("").trimEnd();
  lines.push(fmt(head));
  sim.rows.forEach((r, i) => {
    lines.push(fmt(body[i]!));
    if (r.predicted === false && r.why !== undefined) lines.push(`  why: ${r.why}`);
    const u = r.uncertain;
    if (u === undefined) return;
    if (!failure || u.before === u.after) lines.push(`  why: it may run elsewhere${failure ? ", before and after" : ""}: ${u.before ?? u.after}`);
    else for (const side of ["before", "after"] as const) if (u[side] !== undefined) lines.push(`  why: ${side} the failure it may run elsewhere: ${u[side]}`);
  });
  if (sim.failed.length > 0) lines.push("", `${changeSummary(changeCounts(sim.rows))}; online afterwards: ${sim.online.after.join(", ") || "none"}`);
  for (const n of sim.notes) lines.push("", n);
  return lines.join("\n") + "\n";
}
