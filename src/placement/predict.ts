import type { SiteModel } from "../check/model.js";
import { Incremental } from "./incremental.js";
import { OrderStops } from "./orders.js";
import { Placer } from "./placer.js";
import { planOf, type FailoverPlan, type Placeable } from "./site-index.js";
import { doubtText, Uncertainty, type Doubt } from "./uncertainty.js";
import { unseenOf } from "./unseen.js";

/**
 * The prediction: where every placed resource runs with all hosts up, then,
 * for each failure asked for (one or more hosts at once), where each runs
 * afterwards and what moved. A failure re-places only the parts of the site
 * that hold the failed hosts; the rest keep the steady placement.
 */

/** A resource id -> the node it runs on, or undefined when it is stopped. */
export type Placement = ReadonlyMap<string, string | undefined>;

/**
 * A placement read as a map from resource id to node, over the plan's
 * numbering; `nodeOf` answers by number without a lookup by id.
 */
export abstract class PlacementView implements ReadonlyMap<string, string | undefined> {
  constructor(protected readonly plan: FailoverPlan) {}
  /** The node number of a resource, NOWHERE when stopped. */
  abstract nodeOf(p: Placeable): number;
  get(id: string): string | undefined {
    const p = this.plan.byId.get(id);
    if (p === undefined) return undefined;
    const n = this.nodeOf(p);
    return n >= 0 ? this.plan.nodes[n] : undefined;
  }
  has(id: string): boolean {
    return this.plan.byId.has(id);
  }
  get size(): number {
    return this.plan.placeables.length;
  }
  *keys(): IterableIterator<string> {
    for (const p of this.plan.placeables) yield p.id;
  }
  *values(): IterableIterator<string | undefined> {
    for (const p of this.plan.placeables) yield this.get(p.id);
  }
  *entries(): IterableIterator<[string, string | undefined]> {
    for (const p of this.plan.placeables) yield [p.id, this.get(p.id)];
  }
  [Symbol.iterator](): IterableIterator<[string, string | undefined]> {
    return this.entries();
  }
  forEach(cb: (value: string | undefined, key: string, map: ReadonlyMap<string, string | undefined>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}

/**
 * Every set of 1..k hosts that fail at once, as far as it matters: hosts of
 * different parts cannot affect each other, so only sets within one part are
 * listed (a set across parts does what its parts' subsets do). For k = 1,
 * every host; else in order of part, size, then host.
 */
export function failureSets(plan: FailoverPlan, k: number): string[][] {
  if (k === 1) return plan.nodes.map((n) => [n]);
  const out: string[][] = [];
  const byPart = new Map<readonly Placeable[], number[]>();
  for (let n = 0; n < plan.nodes.length; n++) {
    const part = plan.partOfNode[n]!;
    if (part.length === 0) out.push([plan.nodes[n]!]);
    else {
      let l = byPart.get(part);
      if (!l) byPart.set(part, (l = []));
      l.push(n);
    }
  }
  for (const hosts of byPart.values()) for (const f of subsets(hosts, k)) out.push(f.map((n) => plan.nodes[n]!));
  return out;
}

/** Subsets of `xs` of size 1..max, in order of size, then position. */
export function subsets(xs: readonly number[], max: number): number[][] {
  const out: number[][] = [];
  const rec = (from: number, acc: number[]) => {
    if (acc.length > 0) out.push(acc.slice());
    if (acc.length === max) return;
    for (let i = from; i < xs.length; i++) {
      acc.push(xs[i]!);
      rec(i + 1, acc);
      acc.pop();
    }
  };
  rec(0, []);
  return out.sort((a, b) => a.length - b.length);
}

/** Every resource's node, by resource number. */
class WholePlacement extends PlacementView {
  constructor(
    plan: FailoverPlan,
    private readonly at: Int32Array,
  ) {
    super(plan);
  }
  nodeOf(p: Placeable): number {
    return this.at[p.index]!;
  }
}

/** A placement that differs from a base one in a few parts, without copying the base. */
class PartsPlacement extends PlacementView {
  constructor(
    plan: FailoverPlan,
    private readonly base: Int32Array,
    /** The parts placed anew, and their resources' nodes by position in the part. */
    private readonly parts: readonly (readonly Placeable[])[],
    private readonly at: readonly (readonly number[])[],
  ) {
    super(plan);
  }
  nodeOf(p: Placeable): number {
    const part = this.plan.partOf[p.index];
    for (let k = 0; k < this.parts.length; k++) if (this.parts[k] === part) return this.at[k]![this.plan.slot[p.index]!]!;
    return this.base[p.index]!;
  }
}

/** A placement that differs from a base one in a few resources. */
class DiffPlacement extends PlacementView {
  constructor(
    plan: FailoverPlan,
    private readonly base: Int32Array,
    private readonly diff: ReadonlyMap<number, number>,
  ) {
    super(plan);
  }
  nodeOf(p: Placeable): number {
    const d = this.diff.get(p.index);
    return d === undefined ? this.base[p.index]! : d;
  }
}

/** A resource that runs elsewhere after a failure, or stops. */
export interface Move {
  readonly id: string;
  readonly guest?: string;
  readonly from?: string;
  readonly to?: string;
}

/** What one host failure does to the site. */
export interface FailureScenario {
  readonly failed: string;
  readonly after: Placement;
  /** Resources that run elsewhere afterwards (or stop), in declaration order. */
  readonly moves: readonly Move[];
  /** Resources whose node hangs on Pacemaker's hash order (see \`Placer.doubted\`): not predicted here. */
  readonly undetermined: ReadonlySet<string>;
  /** Resources predicted whose node a resource hacc does not predict could change (uncertainty.ts), with why. */
  readonly uncertain: ReadonlyMap<string, string>;
}

/** A scenario as the N-1 rule reads it: the moved resources themselves, beside their moves. */
export interface Scenario extends FailureScenario {
  readonly after: PlacementView;
  readonly moved: readonly Placeable[];
}

/** The prediction for all hosts up and for every single host failure. */
export interface FailoverReport {
  readonly plan: FailoverPlan;
  readonly allUp: Placement;
  /** As a scenario's \`undetermined\` and \`uncertain\`, for the all-up placement. */
  readonly allUpUndetermined: ReadonlySet<string>;
  readonly allUpUncertain: ReadonlyMap<string, string>;
  readonly scenarios: readonly FailureScenario[];
}

/**
 * How many times the scheduler runs again, once everything has started, before
 * hacc (and \`hacc simulate --engine pacemaker\`) stops waiting for a placement
 * that holds; what still moves after that is not predicted.
 */
export const SETTLE_ROUNDS = 8;

/** Predicts the all-up placement, then each single host failure from it. */
export function failoverReport(site: SiteModel, failures: readonly (readonly string[])[] = site.nodes.map((n) => [n])): FailoverReport {
  return predict(site, failures);
}

/** The report as the N-1 rule reads it: placements by number, and the moved resources. */
export interface Prediction extends FailoverReport {
  readonly allUp: PlacementView;
  readonly scenarios: readonly Scenario[];
}

/**
 * Predicts the all-up placement, then each failure of `failures` (each a list
 * of hosts that fail together) from it. `failoverReport` is this, read as maps.
 */
export function predict(site: SiteModel, failures: readonly (readonly string[])[] | ((plan: FailoverPlan) => readonly (readonly string[])[])): Prediction {
  const plan = planOf(site);
  if (typeof failures === "function") failures = failures(plan);
  const placer = new Placer(plan);
  // Resources Pacemaker places and hacc does not: which predictions they could change (uncertainty.ts).
  const unseen = unseenOf(site, plan);
  const watch = unseen.any ? new Uncertainty(plan, unseen) : undefined;
  placer.watch = watch;
  /** Starts a run from a state whose doubts are \`carried\`; \`taken()\` then gives the run's own. */
  const NO_DOUBTS: ReadonlyMap<number, Doubt> = new Map();
  const startRun = (carried: ReadonlyMap<number, Doubt>) => {
    if (!watch) return;
    watch.clear();
    watch.carried = carried;
  };
  const taken = (): ReadonlyMap<number, Doubt> => (watch && watch.doubts.size > 0 ? new Map(watch.doubts) : NO_DOUBTS);
  startRun(NO_DOUBTS);
  // Placements are assignments; what runs is read through the mandatory orders (orders.ts).
  const orders = new OrderStops(plan, site);
  const allUp = new Int32Array(plan.placeables.length);
  // What hangs on Pacemaker's hash order: what was placed after such a choice, then the whole part in every later run (it starts from there).
  const allUpDoubt: Placeable[] = [];
  const doubtedParts = new Set<readonly Placeable[]>();
  const doubtOf = (part: readonly Placeable[], out: Placeable[]) => {
    if (doubtedParts.has(part)) out.push(...part);
    else for (const i of placer.doubted) out.push(plan.placeables[i]!);
  };
  for (const part of plan.parts) {
    placer.placePart(part, undefined, allUp);
    doubtOf(part, allUpDoubt);
    if (placer.doubted.length > 0) doubtedParts.add(part);
  }
  const allUpDoubts = taken();
  const allUpRun = orders.whole(allUp);
  // With nothing failed, where everything stays once running (stickiness, current nodes):
  // Pacemaker runs again after each transition until one moves nothing (seed 1953: the run
  // after the guests came up moved vm-g2, the one after that vm-g3), so hacc places again
  // from each run's result until the placement holds. Without a placement-strategy the
  // incremental base is that next run, so a site that settles at once costs nothing more.
  // Bounded as hacc simulate --engine pacemaker is (SETTLE_ROUNDS): what still moves then is not predicted.
  const settleFrom = (from: Int32Array, carried: ReadonlyMap<number, Doubt>) => {
    startRun(carried);
    const at = new Int32Array(plan.placeables.length);
    const doubt: Placeable[] = [];
    for (const part of plan.parts) {
      placer.placePart(part, from, at);
      doubtOf(part, doubt);
      if (placer.doubted.length > 0) doubtedParts.add(part);
    }
    return { at, doubt, doubts: taken() };
  };
  let { at: steady, doubt: steadyDoubt, doubts: steadyDoubts } = settleFrom(allUpRun, allUpDoubts);
  let steadyRun = orders.whole(steady);
  let inc: Incremental | undefined;
  // The doubts of the run after the settled one (what "nothing failed" reports).
  let lastDoubts = steadyDoubts;
  for (let round = 0; ; round++) {
    if (!plan.strict) startRun(steadyDoubts);
    inc = plan.strict ? undefined : new Incremental(plan, placer, steadyRun);
    const next = inc === undefined ? settleFrom(steadyRun, steadyDoubts) : undefined;
    lastDoubts = next?.doubts ?? taken();
    const nextRun = orders.whole(inc?.base ?? next!.at);
    const moving = plan.placeables.filter((p) => nextRun[p.index] !== steadyRun[p.index]);
    if (moving.length === 0) break;
    if (round + 1 >= SETTLE_ROUNDS) {
      steadyDoubt = [...steadyDoubt, ...moving];
      break;
    }
    ({ at: steady, doubt: steadyDoubt, doubts: steadyDoubts } = next ?? settleFrom(steadyRun, steadyDoubts));
    steadyRun = orders.whole(steady);
  }
  const scratch = new Int32Array(plan.placeables.length);
  // Without a placement-strategy, a failure redoes only what it reaches (incremental.ts), from
  // what runs once settled, as crm_simulate fails a host once the scheduler has settled.
  const work = inc?.base.slice();
  const baseRun = inc === undefined ? steadyRun : orders.whole(inc.base);
  // What runs elsewhere than all up with nothing failed: every scenario reports it.
  const drift = plan.placeables.filter((p) => baseRun[p.index] !== allUpRun[p.index]);
  const moveOf = (p: Placeable, to: number): Move => {
    const from = allUpRun[p.index]!;
    const m: { id: string; guest?: string; from?: string; to?: string } = { id: p.id };
    if (p.guest) m.guest = p.guest;
    if (from >= 0) m.from = plan.nodes[from]!;
    if (to >= 0) m.to = plan.nodes[to]!;
    return m;
  };
  // A failure's doubts: the run from the settled state for the failed hosts' parts, the rest as without the failure.
  // The incremental step does not judge (it redoes a few resources): a part an unseen resource touches is placed
  // again whole to judge it, which only such parts pay for.
  const failureDoubts = (down: readonly number[], rest: ReadonlyMap<number, Doubt>, place?: (part: readonly Placeable[]) => void): ReadonlyMap<string, string> => {
    if (!watch) return NO_TEXT;
    const parts = [...new Set(down.map((n) => plan.partOfNode[n]!).filter((part) => part.length > 0))];
    const out = new Map<number, Doubt>();
    for (const [i, d] of rest) if (!parts.includes(plan.partOf[i]!)) out.set(i, d);
    for (const part of parts) {
      if (!unseen.exposed(part)) continue;
      if (place !== undefined) {
        startRun(steadyDoubts);
        place(part);
      }
      for (const p of part) {
        const d = watch.doubts.get(p.index);
        if (d !== undefined) out.set(p.index, d);
      }
    }
    return textOf(plan, out);
  };
  let again: Int32Array | undefined;
  const scenarios = failures.map((failed): Scenario => {
    if (inc !== undefined) {
      const down: number[] = [];
      for (const f of failed) {
        const n = plan.nodeIndex.get(f);
        if (n !== undefined) down.push(n);
      }
      const changed = inc.place(down, steadyRun, [], work!);
      let diff = new Map<number, number>();
      for (const p of changed) diff.set(p.index, work![p.index]!);
      if (orders.any) diff = orders.local(changed, (p) => work![p.index]!, baseRun);
      for (const p of changed) work![p.index] = inc.base[p.index]!;
      const uncertain = failureDoubts(down, lastDoubts, (part) => {
        placer.setUp(down, false);
        placer.placePart(part, steadyRun, (again ??= new Int32Array(plan.placeables.length)));
        placer.setUp(down, true);
        // The incremental base's guest nodes: up while their VM runs there.
        for (const p of part) if (p.guest !== undefined) placer.setGuestUp(plan.nodeIndex.get(p.guest)!, inc.base[p.index]! >= 0);
      });
      const after = new DiffPlacement(plan, baseRun, diff);
      const stopped = orders.any ? [...diff.keys()].map((i) => plan.placeables[i]!) : [];
      const candidates = [...new Set([...drift, ...changed, ...stopped])].sort((a, b) => a.index - b.index);
      const moves: Move[] = [];
      const moved: Placeable[] = [];
      for (const p of candidates) {
        const to = after.nodeOf(p);
        if (allUpRun[p.index] === to) continue;
        moves.push(moveOf(p, to));
        moved.push(p);
      }
      return { failed: failed.join(", "), after, moves, moved, undetermined: NONE, uncertain };
    }
    // The nodes left up, marked node by node: a copy of every node per failure would be quadratic.
    const down: number[] = [];
    const parts: (readonly Placeable[])[] = [];
    for (const f of failed) {
      const n = plan.nodeIndex.get(f);
      if (n === undefined) continue;
      down.push(n);
      const part = plan.partOfNode[n]!;
      if (part.length > 0 && !parts.includes(part)) parts.push(part);
    }
    placer.setUp(down, false);
    startRun(steadyDoubts);
    const doubt = steadyDoubt.filter((p) => !parts.includes(plan.partOf[p.index]!));
    const at = parts.map((part) => {
      // From what runs once settled: crm_simulate fails a host after the run that follows start.
      placer.placePart(part, steadyRun, scratch);
      doubtOf(part, doubt);
      return part.map((p) => scratch[p.index]!);
    });
    placer.setUp(down, true);
    const uncertain = failed.length === 0 ? textOf(plan, lastDoubts) : failureDoubts(down, steadyDoubts);
    const assigned = new PartsPlacement(plan, steady, parts, at);
    const running = orders.any ? orders.local(parts.flat(), (p) => assigned.nodeOf(p), steadyRun) : undefined;
    const after = running === undefined ? assigned : new DiffPlacement(plan, steadyRun, running);
    // Only these can have moved: the failed hosts' parts (with what starts after them) and what drifts with nothing failed.
    const stopped = running === undefined ? [] : [...running.keys()].map((i) => plan.placeables[i]!);
    const candidates: readonly Placeable[] =
      parts.length === 1 && drift.length === 0 && stopped.length === 0 ? parts[0]! : [...new Set([...drift, ...parts.flat(), ...stopped])].sort((a, b) => a.index - b.index);
    const moves: Move[] = [];
    const moved: Placeable[] = [];
    for (const p of candidates) {
      const from = allUpRun[p.index]!;
      const to = after.nodeOf(p);
      if (from === to) continue;
      const m: { id: string; guest?: string; from?: string; to?: string } = { id: p.id };
      if (p.guest) m.guest = p.guest;
      if (from >= 0) m.from = plan.nodes[from]!;
      if (to >= 0) m.to = plan.nodes[to]!;
      moves.push(m);
      moved.push(p);
    }
    return { failed: failed.join(", "), after, moves, moved, undetermined: idsOf(doubt), uncertain };
  });
  return { plan, allUp: new WholePlacement(plan, allUpRun), allUpUndetermined: idsOf(allUpDoubt), allUpUncertain: textOf(plan, allUpDoubts), scenarios };
}

const NONE: ReadonlySet<string> = new Set();
const NO_TEXT: ReadonlyMap<string, string> = new Map();

/** The doubts by resource id, in words. */
function textOf(plan: FailoverPlan, doubts: ReadonlyMap<number, Doubt>): ReadonlyMap<string, string> {
  if (doubts.size === 0) return NO_TEXT;
  return new Map([...doubts].sort((a, b) => a[0] - b[0]).map(([i, d]) => [plan.placeables[i]!.id, doubtText(plan, d)]));
}

function idsOf(ps: readonly Placeable[]): ReadonlySet<string> {
  return ps.length === 0 ? NONE : new Set(ps.map((p) => p.id));
}

