import { patternMatches } from "../util/posix-ere.js";
import * as V from "../check/values.js";
import type { PrimitiveModel, SiteModel } from "../check/model.js";
import { failoverReport, type FailoverReport, type Placement } from "../placement/index.js";
import { prerequisites, type Prerequisite } from "../placement/orders.js";
import { INF, scoreOf } from "../placement/scores.js";
import { describeOther } from "../placement/unpredictable.js";
import { defaultWhy, onlineOrder, type Change, type Simulation, type SimulationRow } from "./crm.js";

/**
 * `hacc simulate --engine hacc`: hacc's own prediction (src/placement/) read
 * into the same rows as Pacemaker's (`readSimulation`), so the table and the
 * JSON have one shape whichever engine answered. A row hacc does not predict
 * says so (`predicted: false`) and carries no placement: nothing is guessed.
 *
 * What it adds to the placement: a service inside a guest runs on the guest
 * node while the guest's VM runs on a host that is up; it stops with the VM,
 * and restarts with it when the VM moves to another host.
 */

/** A service inside a guest: the guest node and its VM's resource id. */
interface Inside {
  readonly guest: string;
  readonly vm: string;
}

/**
 * The top-level primitives that run inside a guest, as far as hacc can tell
 * for certain: located on exactly one guest node at INFINITY, with no other
 * location than `only-on` that guest, no colocation, and either the cluster is opt-in or the
 * service is started after its guest's VM by a mandatory order (in a
 * symmetric cluster a service not tied to its VM could run on a host while
 * the VM is stopped, which the prediction does not model).
 */
export function insideGuests(site: SiteModel): Map<string, Inside> {
  const vmOfGuest = new Map<string, string>();
  for (const r of site.resources) if (r.kind === "primitive" && r.guest) vmOfGuest.set(r.guest.name, r.id);
  const locs = new Map<string, { node: string; score: number }[]>();
  const other = new Set<string>();
  const after = new Set<string>();
  const pinned = new Map<string, string[]>();
  for (const { constraint: c } of site.constraints) {
    // A location of a set: its resources are not predicted here (site-index.ts leaves them out too).
    if ((c.kind === "location" || c.kind === "location-rule") && c.set !== undefined) for (const r of c.set.resources) other.add(r);
    // A location by pattern: its matches are placed by site-index.ts (on cluster nodes), never inside a guest here.
    else if ((c.kind === "location" || c.kind === "location-rule") && c.pattern !== undefined) for (const r of patternMatches(c.pattern, site.resources.filter((x) => x.parent === undefined).map((x) => x.id)) ?? []) other.add(r);
    else if (c.kind === "location" && (c.role !== undefined || c.discovery !== undefined)) other.add(c.rsc);
    else if (c.kind === "location") {
      const l = locs.get(c.rsc) ?? [];
      l.push({ node: c.node, score: scoreOf(c.score) });
      locs.set(c.rsc, l);
    } else if (c.kind === "location-rule") {
      // `only-on GUEST` in a symmetric cluster: -INFINITY wherever #uname is not GUEST.
      const r = c.rules.length === 1 ? c.rules[0]! : undefined;
      const e = r?.expressions.length === 1 ? r.expressions[0]! : undefined;
      if (c.role === undefined && r?.role === undefined && r?.score !== undefined && scoreOf(r.score) <= -INF && e?.kind === "expression" && e.attribute === "#uname" && e.operation === "ne" && e.value !== undefined) {
        pinned.set(c.rsc, [...(pinned.get(c.rsc) ?? []), e.value]);
      } else other.add(c.rsc);
    }
    else if (c.kind === "colocation") {
      other.add(c.rsc);
      other.add(c.withRsc);
    } else if (c.kind === "ticket") {
      other.add(c.rsc);
    } else if (c.kind === "order-set" || c.kind === "colocation-set" || c.kind === "ticket-set") {
      for (const set of c.sets) for (const r of set.resources) other.add(r);
    } else if (c.orderKind === "Mandatory" && c.firstAction === "start" && c.thenAction === "start") after.add(`${c.first} ${c.then}`);
  }
  const out = new Map<string, Inside>();
  for (const r of site.resources) {
    if (r.kind !== "primitive" || r.parent !== undefined || r.guest || other.has(r.id)) continue;
    const l = locs.get(r.id);
    if (l === undefined || l.length !== 1 || l[0]!.score < INF) continue;
    const vm = vmOfGuest.get(l[0]!.node);
    if (vm === undefined || (pinned.get(r.id) ?? [l[0]!.node]).some((g) => g !== l[0]!.node)) continue;
    if (!site.symmetric || after.has(`${vm} ${r.id}`)) out.set(r.id, { guest: l[0]!.node, vm });
  }
  return out;
}

function changeOf(bn: readonly string[], an: readonly string[]): Change {
  if (bn.length > 0 && an.length === 0) return "stopped";
  if (bn.length === 0 && an.length > 0) return "started";
  if (bn.length === 1 && an.length === 1 && bn[0] !== an[0]) return "moved";
  return "unchanged";
}

/** The resources `crm_simulate` lists, in its order: primitives (group members too) and clones as one entry. */
function listed(site: SiteModel): { id: string; prim?: PrimitiveModel }[] {
  const out: { id: string; prim?: PrimitiveModel }[] = [];
  const parentOf = new Map(site.resources.map((r) => [r.id, r.parent]));
  const underClone = (id: string): boolean => {
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) if (site.byId.get(p)?.kind === "clone") return true;
    return false;
  };
  for (const r of site.resources) {
    if (r.kind === "clone") {
      if (!underClone(r.id)) out.push({ id: r.id });
      continue;
    }
    if (r.kind !== "primitive" || underClone(r.id)) continue;
    out.push({ id: r.id, prim: r });
  }
  return out;
}

/** The placements hacc's prediction compares: before (all hosts up, settled) and after `failed` fail. */
export interface PredictedPlacements {
  readonly report: FailoverReport;
  readonly before: Placement;
  readonly after: Placement;
}

/**
 * Where everything runs once settled with every host up (Pacemaker's
 * "before": the guest nodes up too) and after each failure of `failures`
 * (hosts that fail together; none: the settled placement again).
 */
function settled(
  site: SiteModel,
  failures: readonly (readonly string[])[],
): { report: FailoverReport; before: Placement; afters: Placement[]; unsure: ReadonlySet<string>[]; doubts: { before: Doubts; after: Doubts }[] } {
  // Settled: the guest nodes up, and the scheduler run again until it moves nothing (predict.ts).
  const report = failoverReport(site, [[], ...failures]);
  const start = report.scenarios[0]!;
  const before: Placement = start.after;
  const unsureBefore = start.undetermined;
  return {
    report,
    before,
    afters: failures.map((failed, i) => (failed.length > 0 ? report.scenarios[i + 1]!.after : before)),
    // A run is as sure as where it starts and where it ends.
    unsure: failures.map((failed, i) => union(unsureBefore, failed.length > 0 ? report.scenarios[i + 1]!.undetermined : unsureBefore)),
    doubts: failures.map((failed, i) => ({ before: start.uncertain, after: failed.length > 0 ? report.scenarios[i + 1]!.uncertain : start.uncertain })),
  };
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (a.size === 0 || a === b) return b;
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

/**
 * Where everything runs before and after `failed` fail together, as
 * `hacc simulate --engine hacc` and `hacc graph --fail` both read it.
 */
export function predictPlacements(site: SiteModel, failed: readonly string[]): PredictedPlacements {
  const { report, before, afters } = settled(site, [failed]);
  return { report, before, after: afters[0]! };
}

/**
 * hacc's prediction for all hosts up, then `failed` failing together: the
 * rows of `hacc simulate`, in the order Pacemaker lists the resources.
 */
export function predictSimulation(site: SiteModel, failed: readonly string[]): Simulation {
  return forecast(site, [failed]).runs[0]!;
}

/** hacc's answer to the runs `pacemakerRuns` (src/simulate/crm.ts) asks crm_simulate for. */
export interface Forecast {
  /** The first run, from nothing running: `before` is where each resource starts (`after` the same). */
  readonly first: Simulation;
  /** One per failure asked for, each from all hosts up once running (a failure of no host: all up, settled). */
  readonly runs: readonly Simulation[];
}

/**
 * The one prediction path of \`hacc simulate --engine hacc\` and the fidelity
 * harness: where everything starts, where it settles once running (the guest
 * nodes up), and where it runs after each failure of \`failures\` (hosts that
 * fail together), as simulation rows.
 */
export function forecast(site: SiteModel, failures: readonly (readonly string[])[]): Forecast {
  const guests = site.resources.filter((r): r is PrimitiveModel => r.kind === "primitive" && r.guest !== undefined);
  const { report, before, afters, unsure, doubts } = settled(site, failures);
  const ctx: Context = { site, guests, predicted: new Set(report.plan.placeables.map((p) => p.id)), why: (id) => report.plan.unpredicted(id), after: prerequisites(site), inside: insideGuests(site), vmOf: new Map(guests.map((g) => [g.guest!.name, g.id])) };
  if (unfenced(site)) {
    // Pacemaker starts nothing at all: every resource stays stopped, in every run.
    const none: Placement = new Map();
    const still = (failed: readonly string[]): Simulation => {
      const sim = simulation(ctx, none, none, failed, new Set(), NO_DOUBTS);
      return { ...sim, rows: sim.rows.map((r) => (r.predicted === false ? r : { ...r, why: NO_FENCING })), notes: [`Pacemaker starts no resource: ${NO_FENCING}.`, ...sim.notes] };
    };
    return { first: still([]), runs: failures.map((failed) => still(failed)) };
  }
  return {
    first: simulation(ctx, report.allUp, report.allUp, [], report.allUpUndetermined, { before: report.allUpUncertain, after: report.allUpUncertain }),
    runs: failures.map((failed, i) => simulation(ctx, before, afters[i]!, failed, unsure[i]!, doubts[i]!)),
  };
}

const NO_FENCING = "fencing is on (stonith-enabled, true by default) and no fencing device is declared";

/** Fencing on, explicitly or by default, and no fencing device: Pacemaker's scheduler then starts no resource (crm_verify says so). */
function unfenced(site: SiteModel): boolean {
  if (site.resources.some((r) => r.kind === "primitive" && r.agent.standard === "stonith")) return false;
  return V.isTrue(site.properties.filter((p) => p.key === "stonith-enabled").at(-1)?.value ?? "true");
}

/** Why a row is not predicted when its node hangs on Pacemaker's hash order (placer.ts \`doubted\`). */
export const TIED =
  "it was placed at or after a choice Pacemaker makes in its hash table's order (under the placement-strategy no node had room for a resource and two nodes tied for the most free room)";

/** What every row of one site needs. */
interface Context {
  readonly site: SiteModel;
  readonly guests: readonly PrimitiveModel[];
  readonly predicted: ReadonlySet<string>;
  /** Why a primitive outside groups and clones is not predicted (the plan's \`unpredicted\`). */
  readonly why: (id: string) => string | undefined;
  /** By resource: what it starts after by a mandatory order or is colocated with at INFINITY (a stop's reason when that one runs nowhere). */
  readonly after: ReadonlyMap<string, readonly Prerequisite[]>;
  readonly inside: ReadonlyMap<string, Inside>;
  /** guest node -> its VM's resource id. */
  readonly vmOf: ReadonlyMap<string, string>;
}

/** The rows for one run, from \`before\` to \`after\` with \`failed\` down. */
/** By resource id: why hacc's placement of it may differ in Pacemaker (placement/uncertainty.ts). */
type Doubts = ReadonlyMap<string, string>;
const NO_DOUBTS = { before: new Map<string, string>(), after: new Map<string, string>() };

/** A row's \`uncertain\`: why its placement before or after may differ, the reason of its guest's VM for a service inside a guest. */
function uncertainty(doubts: { before: Doubts; after: Doubts }, id: string, vm: string | undefined): SimulationRow["uncertain"] {
  const side = (d: Doubts) => {
    const own = d.get(id);
    if (own !== undefined) return own;
    const v = vm === undefined ? undefined : d.get(vm);
    return v === undefined ? undefined : `it runs inside the guest of \`${vm}\`, whose placement may differ: ${v}`;
  };
  const b = side(doubts.before);
  const a = side(doubts.after);
  if (b === undefined && a === undefined) return undefined;
  return { ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}) };
}

function simulation(ctx: Context, before: Placement, after: Placement, failed: readonly string[], unsure: ReadonlySet<string>, doubts: { before: Doubts; after: Doubts }): Simulation {
  const { site, guests, predicted, inside, vmOf } = ctx;
  const nodesOf = (p: Placement, id: string): string[] => {
    const n = p.get(id);
    return n === undefined ? [] : [n];
  };
  const hostOf = (p: Placement, node: string): string | undefined => {
    const vm = vmOf.get(node);
    return vm === undefined ? undefined : p.get(vm);
  };
  const rows: SimulationRow[] = [];
  const tied: string[] = [];
  for (const { id, prim } of listed(site)) {
    const within = inside.get(id);
    if (prim !== undefined && (unsure.has(id) || (within !== undefined && unsure.has(within.vm)))) {
      rows.push({ resource: id, before: [], after: [], change: "unknown", why: TIED, predicted: false });
      tied.push(id);
      continue;
    }
    if (prim === undefined || (!predicted.has(id) && (within === undefined || !predicted.has(within.vm)))) {
      rows.push({ resource: id, before: [], after: [], change: "unknown", why: unpredictedWhy(ctx, id, prim), predicted: false });
      continue;
    }
    if (within !== undefined) {
      // What holds the service back besides its VM: meant to be stopped, not managed, or a mandatory order's first.
      const meta = (key: string) => (prim.meta.find((m) => m.key === key)?.value ?? site.rscDefaults.filter((m) => m.key === key).at(-1)?.value ?? "").toLowerCase();
      const firsts = (ctx.after.get(id) ?? []).filter((f) => f.how === "order" && f.id !== within.vm).map((f) => f.id);
      const unplaced = firsts.find((f) => !predicted.has(f));
      if (meta("is-managed") === "false" || unplaced !== undefined) {
        const why = unplaced === undefined ? "it is not managed (is-managed=false)" : `a mandatory order starts it after ${describeOther(site, unplaced)}, which is not predicted`;
        rows.push({ resource: id, before: [], after: [], change: "unknown", why, predicted: false });
        continue;
      }
      const stopped = meta("target-role") === "stopped";
      const runs = (p: Placement) => !stopped && firsts.every((f) => p.get(f) !== undefined);
      const hb = runs(before) ? before.get(within.vm) : undefined;
      const ha = runs(after) ? after.get(within.vm) : undefined;
      const bn = hb === undefined ? [] : [within.guest];
      const an = ha === undefined ? [] : [within.guest];
      let change = changeOf(bn, an);
      let why: string | undefined;
      if (stopped) why = "its target-role is Stopped";
      else if (change === "stopped" && after.get(within.vm) !== undefined) why = `a mandatory order starts it after ${firsts.find((f) => after.get(f) === undefined)}, which runs nowhere`;
      else if (change === "stopped") why = `its guest's VM ${within.vm} stopped`;
      else if (change === "started") why = `its guest's VM ${within.vm} started`;
      else if (hb !== undefined && ha !== undefined && hb !== ha) {
        change = "restarted";
        why = `its guest moved from ${hb} to ${ha}`;
      }
      rows.push(row(id, within.guest, bn, an, hb, ha, change, why, uncertainty(doubts, id, within.vm)));
      continue;
    }
    const bn = nodesOf(before, id);
    const an = nodesOf(after, id);
    // Placed on a guest node (a symmetric cluster lets the placer use them): on its VM's host.
    const hb = bn.length === 1 ? hostOf(before, bn[0]!) : undefined;
    const ha = an.length === 1 ? hostOf(after, an[0]!) : undefined;
    let change = changeOf(bn, an);
    // Inside the same guest, whose VM moved: restarted with it, as crm_simulate shows.
    const moved = change === "unchanged" && bn.length === 1 && hb !== undefined && ha !== undefined && hb !== ha;
    if (moved) change = "restarted";
    const blocker = change === "stopped" ? ctx.after.get(id)?.find((f) => after.get(f.id) === undefined) : undefined;
    const why = moved
      ? `its guest moved from ${hb} to ${ha}`
      : blocker !== undefined
        ? `${blocker.how === "order" ? "a mandatory order starts it after" : "it is colocated at INFINITY with"} ${blocker.id}, which runs nowhere`
        : defaultWhy(change, bn, failed, hb);
    const guest = prim.guest?.name ?? (hb !== undefined ? bn[0] : ha !== undefined ? an[0] : undefined);
    rows.push(row(id, guest, bn, an, hb, ha, change, why, uncertainty(doubts, id, undefined)));
  }
  // A guest node is online while its VM runs (the placement puts VMs on hosts that are up only).
  const down = new Set(failed);
  const guestNames = new Set(guests.map((g) => g.guest!.name));
  const online = (p: Placement, gone: ReadonlySet<string>) =>
    onlineOrder([...site.nodes.filter((n) => !gone.has(n)), ...guests.filter((g) => p.get(g.id) !== undefined).map((g) => g.guest!.name)], (n) => guestNames.has(n));
  const notes: string[] = [];
  const unknown = rows.filter((r) => r.predicted === false && r.why !== TIED).map((r) => r.resource);
  const doubted = rows.filter((r) => r.uncertain !== undefined).map((r) => r.resource);
  if (doubted.length > 0) notes.push(`hacc's placement of ${doubted.join(", ")} may differ in Pacemaker: it rests on a tie or a node that a resource hacc does not predict may change (each with its reason, \`why\`); --engine pacemaker asks Pacemaker.`);
  if (tied.length > 0) notes.push(`hacc does not predict ${tied.join(", ")} in this run: ${TIED}; --engine pacemaker asks Pacemaker.`);
  if (unknown.length > 0) notes.push(`hacc does not predict ${unknown.join(", ")} (each with its reason, \`why\`); --engine pacemaker asks Pacemaker.`);
  return { engine: "hacc", failed, online: { before: online(before, new Set()), after: online(after, down) }, rows, notes };
}

/** Why hacc does not predict the row of `id` (a clone when `prim` is undefined). */
function unpredictedWhy(ctx: Context, id: string, prim: PrimitiveModel | undefined): string {
  const { site } = ctx;
  if (prim === undefined) return "hacc does not place clones";
  if (prim.parent !== undefined) return `it is in ${describeOther(site, prim.parent)}, which hacc does not place`;
  const within = ctx.inside.get(id);
  if (within !== undefined) return `its guest's VM \`${within.vm}\` is not predicted: ${ctx.why(within.vm) ?? "hacc does not place it"}`;
  return ctx.why(id) ?? "hacc does not place it";
}

/** One row of the table, optional fields left out when unknown (the JSON shape the pacemaker engine gives). */
function row(
  resource: string,
  guest: string | undefined,
  before: string[],
  after: string[],
  hostBefore: string | undefined,
  hostAfter: string | undefined,
  change: SimulationRow["change"],
  why: string | undefined,
  uncertain?: SimulationRow["uncertain"],
): SimulationRow {
  return {
    resource,
    ...(guest !== undefined ? { guest } : {}),
    before,
    after,
    ...(hostBefore !== undefined ? { hostBefore } : {}),
    ...(hostAfter !== undefined ? { hostAfter } : {}),
    change,
    ...(why !== undefined ? { why } : {}),
    ...(uncertain !== undefined ? { uncertain } : {}),
  };
}
