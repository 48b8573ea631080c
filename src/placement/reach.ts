import type { SiteModel } from "../check/model.js";
import { Incremental } from "./incremental.js";
import { Placer } from "./placer.js";
import { subsets } from "./predict.js";
import { planOf, type FailoverPlan, type Placeable } from "./site-index.js";

/**
 * The failure model: every placement the cluster can reach while at most `k`
 * hosts are down at once, by any sequence of host failures, recoveries and
 * re-placements (Pacemaker runs again after each transition, so a placement
 * that is not yet settled is itself a state). Each state is one placement
 * with some hosts down; the next is the placer's answer for the new set of
 * hosts up, with the old placement as where resources run now (stickiness,
 * tie-breaks). The scheduler is a function of those two, so the states found
 * from the starting placements are all the states there are.
 *
 * Parts of the site (site-index.ts) cannot affect each other, so each part is
 * explored on its own, with at most `k` of its own hosts down: the states of
 * the whole site are combinations of its parts' states, and a host's
 * occupants all belong to one part. A part whose states exceed the budget is
 * given up on (`complete` false): its callers fall back to the worst case.
 */

/** One reachable state of a part: the hosts down, and the resources that run elsewhere than in the steady placement. */
export interface ReachState {
  readonly down: readonly number[];
  /** Pairs (resource number, node number or NOWHERE) where the state differs from the steady placement. */
  readonly diff: Int32Array;
  /** How the state is reached, as events (`nio005` fails, `nio005` comes back), shortest first. */
  readonly trail: readonly string[];
}

/** A part's reachable states, in breadth-first order (fewest events first). */
export interface PartReach {
  readonly part: readonly Placeable[];
  readonly states: readonly ReachState[];
  /** False when the budget ran out before every state was found. */
  readonly complete: boolean;
}

export interface Reach {
  readonly plan: FailoverPlan;
  /** Every resource's node with all hosts up, settled once (the base of every diff). */
  readonly steady: Int32Array;
  readonly parts: readonly PartReach[];
  /** Placements computed, and resources placed again by them (incremental), a measure of the work done. */
  readonly placements: number;
  readonly redone: number;
}

/**
 * The states reachable with at most `k` hosts down. `budget(hosts)` bounds the
 * states explored per part of that many hosts.
 */
export function reach(site: SiteModel, k: number, budget: (hosts: number, failureSets: number) => number = defaultBudget): Reach {
  const plan = planOf(site);
  const placer = new Placer(plan);
  const n = plan.placeables.length;
  const allUp = new Int32Array(n);
  for (const part of plan.parts) placer.placePart(part, undefined, allUp);
  const steady = new Int32Array(n);
  for (const part of plan.parts) placer.placePart(part, allUp, steady);
  let placements = 2 * plan.parts.length;
  let redone = 0;
  // The nodes of each part.
  const nodesOf = new Map<readonly Placeable[], number[]>();
  for (let node = 0; node < plan.nodes.length; node++) {
    const part = plan.partOfNode[node]!;
    if (part.length === 0) continue;
    let l = nodesOf.get(part);
    if (!l) nodesOf.set(part, (l = []));
    l.push(node);
  }
  const cur = steady.slice();
  const scratch = new Int32Array(n);
  // Without a placement-strategy, each step redoes only what it reaches (incremental.ts), from the steady placement settled once.
  const inc = plan.strict ? undefined : new Incremental(plan, placer, steady);
  const work = inc?.base.slice();
  const parts: PartReach[] = [];
  for (const part of plan.parts) {
    const hosts = nodesOf.get(part) ?? [];
    const failSets = subsets(hosts, k);
    const limit = budget(hosts.length, failSets.length);
    const diffOf = (from: Int32Array): Int32Array => {
      const d: number[] = [];
      for (const p of part) if (from[p.index] !== steady[p.index]) d.push(p.index, from[p.index]!);
      return Int32Array.from(d);
    };
    const keyOf = (down: readonly number[], diff: Int32Array) => down.join(",") + "|" + diff.join(",");
    const drift = inc === undefined ? [] : part.filter((p) => inc.base[p.index] !== steady[p.index]);
    const states: ReachState[] = [];
    const seen = new Set<string>();
    const add = (s: ReachState) => {
      const key = keyOf(s.down, s.diff);
      if (seen.has(key)) return;
      seen.add(key);
      states.push(s);
    };
    add({ down: [], diff: new Int32Array(0), trail: [] });
    add({ down: [], diff: diffOf(allUp), trail: [] });
    let complete = true;
    for (let i = 0; i < states.length; i++) {
      if (states.length > limit) {
        complete = false;
        break;
      }
      const s = states[i]!;
      for (let j = 0; j < s.diff.length; j += 2) cur[s.diff[j]!] = s.diff[j + 1]!;
      const moved: Placeable[] = [];
      for (let j = 0; j < s.diff.length; j += 2) moved.push(plan.placeables[s.diff[j]!]!);
      const step = (down: number[], events: readonly string[]) => {
        let diff: Int32Array;
        if (inc !== undefined) {
          // The new placement: the settled base, the part's drift from the steady one, and what the step changed.
          const changed = inc.place(down, cur, moved, work!);
          redone += inc.work;
          const d = new Map<number, number>();
          for (const p of drift) d.set(p.index, inc.base[p.index]!);
          for (const p of changed) d.set(p.index, work![p.index]!);
          for (const p of changed) work![p.index] = inc.base[p.index]!;
          const pairs: number[] = [];
          for (const idx of [...d.keys()].sort((a, b) => a - b)) if (d.get(idx) !== steady[idx]) pairs.push(idx, d.get(idx)!);
          diff = Int32Array.from(pairs);
        } else {
          placer.setUp(down, false);
          placer.placePart(part, cur, scratch);
          placer.setUp(down, true);
          diff = diffOf(scratch);
        }
        placements++;
        add({ down, diff, trail: events.length > 0 ? [...s.trail, ...events] : s.trail });
      };
      // Settle: Pacemaker runs again with the same hosts up.
      step(s.down.slice(), []);
      // Recoveries: some of the hosts down come back.
      for (const r of subsets(s.down, s.down.length)) {
        step(
          s.down.filter((h) => !r.includes(h)),
          r.map((h) => `\`${plan.nodes[h]!}\` comes back`),
        );
      }
      // Failures: more hosts fail at once, up to k down.
      const room = k - s.down.length;
      if (room > 0) {
        for (const f of failSets) {
          if (f.length > room || f.some((h) => s.down.includes(h))) continue;
          step(
            [...s.down, ...f].sort((a, b) => a - b),
            [f.length === 1 ? `\`${plan.nodes[f[0]!]!}\` fails` : `${f.map((h) => "`" + plan.nodes[h]! + "`").join(" and ")} fail`],
          );
        }
      }
      for (let j = 0; j < s.diff.length; j += 2) cur[s.diff[j]!] = steady[s.diff[j]!]!;
    }
    parts.push({ part, states, complete });
  }
  return { plan, steady, parts, placements, redone };
}

/** Enough for the failures from the steady placement, their recoveries and a few rounds of history; beyond, the worst case. */
function defaultBudget(_hosts: number, failureSets: number): number {
  return 8 * (failureSets + 1) + 64;
}
