import { chooseNode, type Room } from "./capacity.js";
import { INF } from "./scores.js";
import type { FailoverPlan, Placeable } from "./site-index.js";
import type { Unseen } from "./unseen.js";

/**
 * Which placements a resource the prediction does not place could change
 * (unseen.ts). A placement is uncertain when:
 *
 * - *tie*: its best nodes tie on score and Pacemaker's next tie-breaks
 *   (free room under `balanced`, then the resource count: compare_nodes)
 *   could go the other way once an unseen resource assigned before it (or a
 *   predicted one whose own placement is uncertain) is counted on the node
 *   that won, or is not on the node that lost; a choice the score decides, or
 *   the node it runs on (assign_best_node), or the name under `minimal`,
 *   stays certain;
 * - *room*: under a placement-strategy, the room such a resource takes on a
 *   node could ban the node chosen, or unban a better one, or change the node
 *   with most room (pcmk__ban_insufficient_capacity);
 * - *up*: a node it scores as well as its choice is a guest node whose VM is
 *   not predicted (or uncertain), so it may be down (or up);
 * - *colocation*: a resource of its colocation group is uncertain, so its
 *   scores may differ; *carried*: it was uncertain in the run this one
 *   starts from (where it runs now, its stickiness, may differ).
 */
export interface Doubt {
  readonly kind: "tie" | "room" | "up" | "colocation" | "carried";
  /** The nodes in question: the tied ones (tie), the one whose room or state is unknown. */
  readonly nodes: readonly number[];
  /** The resource that may change it: an unseen one, or a predicted one whose placement is uncertain. */
  readonly by: string;
  /** Whether `by` is one hacc predicts (its own placement uncertain). */
  readonly predicted: boolean;
}

/** What `judge` reads of the placer at one assignment. */
export interface Choice {
  readonly p: Placeable;
  /** Its table before the ban for room (strict strategies), and after. */
  readonly pre: readonly number[];
  readonly me: readonly number[];
  readonly at: number;
  /** Where it runs now as hacc has it (its stickiness there). */
  readonly now: number;
  readonly first: number;
  readonly chosen: number;
  readonly prefer: number;
  readonly up: Uint8Array;
  readonly count: (n: number) => number;
  readonly room: Room;
  /** What must fit (the resource and the unplaced ones mandatorily colocated with it), under a strategy. */
  readonly need: ReadonlyMap<string, number> | undefined;
}

export class Uncertainty {
  /** The doubts of the runs since `clear`, by resource number. */
  readonly doubts = new Map<number, Doubt>();
  /** Uncertain in the run this one starts from. */
  carried: ReadonlyMap<number, Doubt> = new Map();
  /** By node, in this part's run: what uncertain predicted resources may add (gain) or take away (lose), and who. */
  private readonly gain: Int32Array;
  private readonly lose: Int32Array;
  private readonly gainBy: (string | undefined)[];
  private readonly loseBy: (string | undefined)[];
  private readonly gainUtil: (Map<string, number> | undefined)[];
  private readonly loseUtil: (Map<string, number> | undefined)[];
  private readonly downMaybe = new Map<number, string>();
  private readonly touched: number[] = [];
  private readonly comp: Int32Array;
  /** By colocation group (its root's number): its resources uncertain so far in this run, or in the run it starts from. */
  private readonly compDoubt = new Map<number, string[]>();
  /** The turn of the top-level call under way (unseen.ts). */
  turn = 0;

  constructor(
    private readonly plan: FailoverPlan,
    private readonly unseen: Unseen,
  ) {
    const n = plan.nodes.length;
    this.gain = new Int32Array(n);
    this.lose = new Int32Array(n);
    this.gainBy = new Array<string | undefined>(n);
    this.loseBy = new Array<string | undefined>(n);
    this.gainUtil = new Array<Map<string, number> | undefined>(n);
    this.loseUtil = new Array<Map<string, number> | undefined>(n);
    const parent = Int32Array.from({ length: plan.placeables.length }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (let i = 0; i < plan.placeables.length; i++) for (const c of plan.withOthers[i]!) parent[find(c.dep.index)] = find(c.prim.index);
    this.comp = Int32Array.from({ length: plan.placeables.length }, (_, i) => find(i));
  }

  /** Starts a top-level call. */
  top(p: Placeable): void {
    this.turn = this.unseen.turnOf(p);
  }

  /** Forgets the doubts gathered so far (before a run whose doubts are wanted). */
  clear(): void {
    this.doubts.clear();
  }

  /** Starts a part's run: no uncertain resource assigned yet. */
  startPart(): void {
    for (const n of this.touched) {
      this.gain[n] = 0;
      this.lose[n] = 0;
      this.gainBy[n] = undefined;
      this.loseBy[n] = undefined;
      this.gainUtil[n] = undefined;
      this.loseUtil[n] = undefined;
    }
    this.touched.length = 0;
    this.downMaybe.clear();
    this.compDoubt.clear();
  }

  /** A resource whose table is started afresh: if it was uncertain in the run this one starts from, so is what it is colocated with. */
  starting(p: Placeable): void {
    if (this.carried.has(p.index)) this.doubtGroup(p);
  }

  private doubtGroup(p: Placeable): void {
    const k = this.comp[p.index]!;
    const l = this.compDoubt.get(k);
    if (l === undefined) this.compDoubt.set(k, [p.id]);
    else if (!l.includes(p.id)) l.push(p.id);
  }

  private downMaybeAt(n: number): string | undefined {
    return this.unseen.vmUnseen.get(n) ?? this.downMaybe.get(n);
  }

  /** What may take room on a node before this call: unseen resources, and uncertain predicted ones hacc placed elsewhere. */
  private roomGain(n: number): { amounts: ReadonlyMap<string, number>; id: string | undefined; predicted: boolean } {
    const s = this.unseen.before(n, this.turn);
    const d = this.gainUtil[n];
    if (d === undefined) return { amounts: s.amounts, id: s.util ? s.id : undefined, predicted: false };
    const amounts = new Map(s.amounts);
    for (const [k, v] of d) amounts.set(k, (amounts.get(k) ?? 0) + v);
    return { amounts, id: s.util ? s.id : this.gainBy[n], predicted: !s.util };
  }

  /** What uncertain predicted resources hacc placed on a node may leave free there. */
  private roomLose(n: number): { amounts: ReadonlyMap<string, number>; id: string | undefined } {
    const d = this.loseUtil[n];
    return d === undefined ? { amounts: NO_AMOUNTS, id: undefined } : { amounts: d, id: this.loseBy[n] };
  }

  private gainAt(n: number): { weight: number; util: boolean; id: string | undefined } {
    const s = this.unseen.before(n, this.turn);
    const g = this.gain[n]!;
    return { weight: s.weight + g, util: s.util || g > 0, id: s.id ?? this.gainBy[n] };
  }

  /** Judges one assignment; records and returns the doubt, if any. */
  judge(c: Choice): Doubt | undefined {
    const d = this.doubtOf(c);
    if (d === undefined) return undefined;
    const { p, chosen } = c;
    this.doubts.set(p.index, d);
    this.doubtGroup(p);
    // Where it may be instead: the tied nodes, or (its scores in doubt) any of its nodes.
    const weight = p.guest !== undefined ? 2 : 1;
    const alt = d.kind === "tie" ? d.nodes : p.on;
    for (const n of alt) {
      if (n === chosen) continue;
      this.gain[n] = this.gain[n]! + weight;
      this.gainBy[n] ??= p.id;
      if (p.util.size > 0) this.gainUtil[n] = addAmounts(this.gainUtil[n], p.util);
      this.touched.push(n);
    }
    if (chosen >= 0) {
      this.lose[chosen] = this.lose[chosen]! + weight;
      this.loseBy[chosen] ??= p.id;
      if (p.util.size > 0) this.loseUtil[chosen] = addAmounts(this.loseUtil[chosen], p.util);
      this.touched.push(chosen);
    }
    if (p.guest !== undefined) this.downMaybe.set(this.plan.nodeIndex.get(p.guest)!, p.id);
    return d;
  }

  private doubtOf(c: Choice): Doubt | undefined {
    const { p, pre, me, up, first, chosen, at, prefer } = c;
    if (p.stopped) return undefined;
    const plan = this.plan;
    // Uncertain where it starts from (its stickiness, the node it runs on), or colocated with a resource that is: its scores
    // may differ, unless it has one node at most it may run on, whose location score is not below 0, and no mandatory
    // colocation of its own (a finite one that would leave it no node is rolled back: pcmk__apply_coloc_to_weights).
    const carried = this.carried.get(p.index);
    const via = this.compDoubt.get(this.comp[p.index]!)?.find((id) => id !== p.id);
    if (carried !== undefined || via !== undefined) {
      const open: number[] = [];
      for (let i = 0; i < p.on.length; i++) if (up[p.on[i]!] && pre[i]! > -INF) open.push(i);
      const single = open.length === 0 || (open.length === 1 && p.base[open[0]!]! >= 0 && plan.withOthers[p.index]!.every((k) => Math.abs(k.score) < INF));
      if (!single) return carried ?? { kind: "colocation", nodes: [], by: via!, predicted: true };
    }
    const on = p.on;
    const weightOf = (i: number) => (up[on[i]!] ? me[i]! : -INF);
    const wFirst = first >= 0 ? weightOf(first) : -INF;
    // A guest node that may be down (or up) while it scores as well as the choice.
    for (let i = 0; i < on.length; i++) {
      const by = this.downMaybeAt(on[i]!);
      if (by !== undefined && pre[i]! >= 0 && pre[i]! >= wFirst) return { kind: "up", nodes: [on[i]!], by, predicted: !this.unseen.vmUnseen.has(on[i]!) };
    }
    if (first < 0) return undefined;
    const strategy = plan.strategy;
    // Room under a strategy (pcmk__ban_insufficient_capacity): with what an unseen or uncertain resource may take on a
    // node (or leave free), the chosen node may lack room, a node banned for room may have it, whether any node has room
    // for the resource and what is mandatorily colocated with it may change, and so may the node with most room.
    if (plan.strict) {
      const room = c.room;
      const need = c.need ?? p.util;
      const usable = (i: number) => up[on[i]!] === 1 && pre[i]! >= 0;
      const capable = on.some((n, i) => usable(i) && room.fits(n, need));
      const bar = capable ? need : p.util;
      const ci = chosen >= 0 ? on.indexOf(chosen) : -1;
      const floor = ci >= 0 ? pre[ci]! : 0;
      let worstCapable = false;
      let bestCapable = false;
      for (let i = 0; i < on.length; i++) {
        if (!usable(i)) continue;
        const n = on[i]!;
        const g = this.roomGain(n);
        const l = this.roomLose(n);
        if (fitsWith(room, n, need, g.amounts, -1)) worstCapable = true;
        if (fitsWith(room, n, need, l.amounts, 1)) bestCapable = true;
        if (n === chosen && !fitsWith(room, n, bar, g.amounts, -1)) return { kind: "room", nodes: [n], by: g.id!, predicted: g.predicted };
        if (me[i]! < 0 && pre[i]! >= floor && fitsWith(room, n, bar, l.amounts, 1)) return { kind: "room", nodes: [n], by: l.id!, predicted: true };
        // The node with most room loses it only by what may take room there, another gains it only by what may leave.
        if (prefer >= 0 && (n === prefer ? g.id !== undefined : l.id !== undefined))
          return { kind: "room", nodes: [n], by: (n === prefer ? g.id : l.id)!, predicted: n === prefer ? g.predicted : true };
      }
      if (capable !== worstCapable || capable !== bestCapable) {
        const n = on.find((m, i) => usable(i) && (this.roomGain(m).id !== undefined || this.roomLose(m).id !== undefined))!;
        const g = this.roomGain(n);
        return { kind: "room", nodes: [n], by: (g.id ?? this.roomLose(n).id)!, predicted: g.id === undefined || g.predicted };
      }
    }
    if (strategy === "minimal") return undefined;
    // The tie: every node of the first's weight may come first if what is unseen can tip the count (or room).
    const tied: number[] = [];
    for (let i = 0; i < on.length; i++) if (weightOf(i) === wFirst) tied.push(i);
    if (tied.length < 2) return undefined;
    const nf = on[first]!;
    const gf = this.gainAt(nf);
    const rank = plan.nameRank;
    for (const t of tied) {
      if (t === first) continue;
      const nt = on[t]!;
      let by: string | undefined;
      if (strategy === "balanced" && ((gf.weight > 0 && gf.util) || this.lose[nt]! > 0)) by = gf.weight > 0 && gf.util ? gf.id : this.loseBy[nt];
      else {
        if (strategy === "balanced" && c.room.compare(nf, nt) !== 0) continue;
        const hi = c.count(nf) + gf.weight;
        const lo = c.count(nt) - this.lose[nt]!;
        if (hi === c.count(nf) && lo === c.count(nt)) continue;
        const overtakes = lo < hi || (lo === hi && (nt === at || (nf !== at && rank[nt]! < rank[nf]!)));
        if (overtakes) by = gf.weight > 0 ? gf.id : this.loseBy[nt];
      }
      if (by === undefined) continue;
      if (chooseNode(on, me, up, at, t, prefer, plan.hostCount) === chosen) continue;
      const byPredicted = plan.byId.has(by);
      return { kind: "tie", nodes: tied.map((i) => on[i]!), by, predicted: byPredicted };
    }
    return undefined;
  }
}

const NO_AMOUNTS: ReadonlyMap<string, number> = new Map();

function addAmounts(to: Map<string, number> | undefined, util: ReadonlyMap<string, number>): Map<string, number> {
  const m = to ?? new Map<string, number>();
  for (const [k, v] of util) m.set(k, (m.get(k) ?? 0) + v);
  return m;
}

/** Whether \`node\` has room for \`need\` with \`extra\` taken (sign -1) or left free (sign 1) on top of what the placer counted. */
function fitsWith(room: Room, node: number, need: ReadonlyMap<string, number>, extra: ReadonlyMap<string, number>, sign: number): boolean {
  for (const [k, v] of need) if (room.free(node, k) + sign * (extra.get(k) ?? 0) < v) return false;
  return true;
}

/** A doubt in words: why the placement of a resource may differ in Pacemaker. */
export function doubtText(plan: FailoverPlan, d: Doubt): string {
  const names = [...d.nodes].sort((x, y) => plan.nameRank[x]! - plan.nameRank[y]!).map((n) => plan.nodes[n]!);
  const list = names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const who = d.predicted ? `\`${d.by}\`, whose own placement may differ,` : `\`${d.by}\`, which hacc does not predict,`;
  switch (d.kind) {
    case "tie":
      return `${list} tie on its score; Pacemaker then takes the node with ${plan.strategy === "balanced" ? "more free room, then " : ""}fewer resources, and ${who} may change that count`;
    case "room":
      return `${list}'s free room decides under placement-strategy ${plan.strategy}, and ${who} may take room there`;
    case "up":
      return `guest node ${list} scores as well as its choice, and is online only while \`${d.by}\` runs, ${d.predicted ? "whose own placement may differ" : "which hacc does not predict"}`;
    case "colocation":
      return `it is colocated (directly or through others) with \`${d.by}\`, whose placement may differ`;
    case "carried":
      return `it starts from a placement that may differ (${names.length > 0 ? `${list}; ` : ""}\`${d.by}\`)`;
  }
}
