import { standIns, type SiteModel } from "../check/model.js";
import { INF, scoreOf } from "./scores.js";
import { NOWHERE, type FailoverPlan, type Placeable } from "./site-index.js";

/**
 * Mandatory orders between placed resources. Pacemaker assigns every
 * resource a node first, orders play no part in that; then, building the
 * actions, a mandatory `order A then B` makes B's start unrunnable while A's
 * start is (pcmk_sched_ordering.c, pe_order_runnable_left; and its
 * symmetrical inverse stops B before A stops). So where A runs nowhere, B
 * stays stopped on the node it was assigned, and everything ordered after
 * B in turn. The placement keeps the assignment (B still counts where it was
 * assigned, and its colocated dependents follow that node, as in
 * Pacemaker); what runs is read through `OrderStops`. A start made
 * unrunnable that way blocks in turn the start of every resource colocated
 * with it at INFINITY (pcmk_sched_colocation.c
 * pcmk__block_colocation_dependents: "due to colocation with b").
 *
 * Only orders of start after start between placed resources (guest VMs and
 * primitives on the hosts) count here; an order with another action or
 * naming a group, a clone or a service inside a guest leaves the placement
 * as it is.
 *
 * A resource assigned to a guest node starts after that guest's connection,
 * which starts after its VM: where the VM runs nowhere, what was assigned
 * inside it stays stopped ("Start r1 ( g1 ) due to unrunnable g1 start
 * (blocked)"). Pacemaker assigns a resource to a guest node that is down
 * when every node ties at -INFINITY and the guest node sorts first
 * (pcmk__finalize_assignment assumes its connection will come up), and the
 * connection may then find no node.
 */
export class OrderStops {
  /** By resource number: the resources it starts after (mandatorily), or is colocated with at INFINITY. */
  private readonly firsts: (readonly number[])[];
  /** By resource number: the resources that start after it. */
  private readonly thens: (readonly number[])[];
  /** Whether any such order exists, or a guest node (else every method is the identity). */
  readonly any: boolean;
  /** By resource number: the guest node a VM carries (-1 for the others); by guest node: the resources that may run there. */
  private readonly guestNodeOf: Int32Array;
  private readonly mayRunOn: readonly (readonly number[])[];

  constructor(
    private readonly plan: FailoverPlan,
    site: SiteModel,
  ) {
    const n = plan.placeables.length;
    const firsts: number[][] = [];
    const thens: number[][] = [];
    let any = false;
    for (const c of mandatoryStarts(site)) {
      const a = plan.byId.get(c.first);
      const b = plan.byId.get(c.then);
      if (a === undefined || b === undefined || a === b) continue;
      if (!any) {
        for (let i = 0; i < n; i++) {
          firsts.push([]);
          thens.push([]);
        }
        any = true;
      }
      firsts[b.index]!.push(a.index);
      thens[a.index]!.push(b.index);
    }
    // Without an order nothing is assigned and blocked, and a stopped primary already keeps its dependents off every node.
    if (any)
      for (const l of plan.withOthers)
        for (const c of l) {
          if (c.score < INF || c.dep === c.prim) continue;
          firsts[c.dep.index]!.push(c.prim.index);
          thens[c.prim.index]!.push(c.dep.index);
        }
    if (!any && plan.hostCount < plan.nodes.length) {
      for (let i = 0; i < n; i++) {
        firsts.push([]);
        thens.push([]);
      }
      any = true;
    }
    this.firsts = firsts;
    this.thens = thens;
    this.any = any;
    this.guestNodeOf = new Int32Array(n).fill(-1);
    const may: number[][] = plan.nodes.map(() => []);
    for (const p of plan.placeables) {
      if (p.guest !== undefined) this.guestNodeOf[p.index] = plan.nodeIndex.get(p.guest)!;
      for (const node of p.on) if (node >= plan.hostCount && plan.vmOfNode[node] !== p.index) may[node]!.push(p.index);
    }
    this.mayRunOn = may;
  }

  /** What runs, for a whole assignment: \`assigned\` itself when no order stops anything. */
  whole(assigned: Int32Array): Int32Array {
    if (!this.any) return assigned;
    let out: Int32Array | undefined;
    const all = Array.from({ length: assigned.length }, (_, i) => i);
    const running = this.running(all, (j) => assigned[j]!, () => undefined);
    for (let i = 0; i < assigned.length; i++) {
      const r = running.get(i)!;
      if (r !== assigned[i]) (out ??= assigned.slice())[i] = r;
    }
    return out ?? assigned;
  }

  /**
   * What runs where an assignment differs from a base one in \`changed\`
   * (read through \`assignedOf\`): the resources whose running node may
   * differ from \`baseRunning\` (the changed ones and what is ordered after
   * them, transitively, and what is assigned inside a guest whose VM is one
   * of those), each with its running node. The others run as in the base.
   */
  local(changed: Iterable<Placeable>, assignedOf: (p: Placeable) => number, baseRunning: Int32Array): Map<number, number> {
    const out = new Map<number, number>();
    if (!this.any) return out;
    const affected = new Set<number>();
    const placeables = this.plan.placeables;
    const add = (from: Iterable<number>) => {
      const stack = [...from];
      while (stack.length > 0) {
        const i = stack.pop()!;
        if (affected.has(i)) continue;
        affected.add(i);
        for (const t of this.thens[i]!) stack.push(t);
      }
    };
    add([...changed].map((p) => p.index));
    const assigned = (j: number) => assignedOf(placeables[j]!);
    const base = (j: number) => (affected.has(j) ? undefined : baseRunning[j]!);
    // A VM that runs now where it ran nowhere in the base, or the other way round, starts or
    // stops what is assigned inside its guest: those join, looked up only then (linear per failure).
    const expanded = new Set<number>();
    for (;;) {
      out.clear();
      const running = this.running(affected, assigned, base);
      for (const i of affected) out.set(i, running.get(i)!);
      const inside: number[] = [];
      for (const [i, r] of out) {
        const g = this.guestNodeOf[i]!;
        if (g < 0 || expanded.has(i) || r < 0 === baseRunning[i]! < 0) continue;
        expanded.add(i);
        for (const q of this.mayRunOn[g]!) if (!affected.has(q) && assigned(q) === g) inside.push(q);
      }
      if (inside.length === 0) return out;
      add(inside);
    }
  }

  /**
   * The running node of each of \`items\`: its assigned one, unless something
   * it starts after (a mandatory order's first, an INFINITY colocation's
   * primary, the VM of the guest it is assigned inside), directly or through
   * others, runs nowhere. \`known\` answers for a resource whose running node
   * is already settled (the base's, in \`local\`): the search stops there.
   *
   * Pacemaker marks a start unrunnable and carries that along the orderings
   * until nothing changes (pcmk_sched_actions.c
   * pcmk__update_action_for_orderings): a loop of orders and colocations
   * (\`order a then b\` with \`colocate a with b INFINITY\`) blocks nothing by
   * itself, and what anything in it waits for blocks all of it, whichever
   * member is looked at first (seed 3066). So: collect what the items wait
   * for, then carry "runs nowhere" back from what is assigned nowhere (or
   * known to run nowhere) to everything that waits for it; linear in what is
   * collected.
   */
  private running(items: Iterable<number>, assigned: (j: number) => number, known: (j: number) => number | undefined): Map<number, number> {
    const local = new Map<number, number>();
    const ids: number[] = [];
    /** By local number: the local numbers of what waits for it. */
    const waiters: number[][] = [];
    const stack: number[] = [];
    const enter = (j: number): number => {
      let k = local.get(j);
      if (k === undefined) {
        k = ids.length;
        local.set(j, k);
        ids.push(j);
        waiters.push([]);
        stack.push(k);
      }
      return k;
    };
    const blocked: number[] = [];
    for (const i of items) enter(i);
    while (stack.length > 0) {
      const k = stack.pop()!;
      const j = ids[k]!;
      const settled = known(j);
      if (settled !== undefined) {
        if (settled < 0) blocked.push(k);
        continue;
      }
      const at = assigned(j);
      if (at < 0) {
        blocked.push(k);
        continue;
      }
      for (const f of this.firsts[j]!) waiters[enter(f)]!.push(k);
      // Inside a guest: after its VM (through its connection).
      const vm = at >= this.plan.hostCount ? this.plan.vmOfNode[at]! : -1;
      if (vm >= 0 && vm !== j) waiters[enter(vm)]!.push(k);
    }
    const nowhere = new Uint8Array(ids.length);
    for (const k of blocked) nowhere[k] = 1;
    while (blocked.length > 0) {
      const k = blocked.pop()!;
      for (const w of waiters[k]!) {
        if (nowhere[w]) continue;
        nowhere[w] = 1;
        blocked.push(w);
      }
    }
    const out = new Map<number, number>();
    for (const i of items) out.set(i, nowhere[local.get(i)!] ? NOWHERE : (known(i) ?? assigned(i)));
    return out;
  }
}

/** What a resource must wait for, and how: a mandatory order's first, or its INFINITY colocation's primary. */
export interface Prerequisite {
  readonly id: string;
  readonly how: "order" | "colocation";
}

/** By resource id: what it starts after by a mandatory order, or is colocated with at INFINITY (what \`OrderStops\` reads), for saying why it stopped. */
export function prerequisites(site: SiteModel): Map<string, Prerequisite[]> {
  const out = new Map<string, Prerequisite[]>();
  const add = (then: string, id: string, how: Prerequisite["how"]) => out.set(then, [...(out.get(then) ?? []), { id, how }]);
  for (const c of mandatoryStarts(site)) add(c.then, c.first, "order");
  for (const { constraint: c } of site.constraints) if (c.kind === "colocation" && scoreOf(c.score) >= INF) add(c.rsc, c.withRsc, "colocation");
  return out;
}

/** One mandatory `order FIRST then THEN` of start after start, between resources, and the index of the constraint it comes from. */
export interface MandatoryStart {
  readonly first: string;
  readonly then: string;
  readonly ci: number;
}

/**
 * The site's mandatory orders of start after start, as pairs of resources: an order naming a tag or a
 * template stands for one order from each of its resources, or to each. Pacemaker turns such a name
 * into a resource set that is not sequential (pcmk__tag_to_set), so its members are not ordered among
 * themselves and the other side waits for every one of them: with `tag t = a, b; order t then f;` and
 * `a` banned everywhere, crm_simulate starts `b` and leaves `f` stopped.
 */
export function mandatoryStarts(site: SiteModel): MandatoryStart[] {
  const made = standIns(site.resources, site.tags);
  const out: MandatoryStart[] = [];
  site.constraints.forEach(({ constraint: c }, ci) => {
    if (c.kind !== "order" || c.orderKind !== "Mandatory" || c.firstAction !== "start" || c.thenAction !== "start") return;
    for (const first of made.get(c.first) ?? [c.first]) for (const then of made.get(c.then) ?? [c.then]) out.push({ first, then, ci });
  });
  return out;
}
