import { diag, type Diagnostic, type Related } from "../../diagnostics/diagnostic.js";
import type { OrderEdge, SiteModel } from "../model.js";
import { sayOrder } from "../problems.js";

/** HA4004, HA4005: orders that form a cycle of actions, or order a resource after itself. */
export function cycles(site: SiteModel): Diagnostic[] {
  return checkCycles(site.orders);
}

/** The action Pacemaker orders the other way round in an order's inverse. */
const INVERSE: Readonly<Record<string, string>> = { start: "stop", stop: "start", promote: "demote", demote: "promote" };

/**
 * What Pacemaker does itself within one resource whenever both actions are
 * in a transition: it starts a resource before promoting it and demotes it
 * before stopping it.
 */
const WITHIN: readonly (readonly [string, string])[] = [
  ["start", "promote"],
  ["demote", "stop"],
];

/**
 * Whether Pacemaker also orders an order's inverse: `symmetrical`, by
 * default true; never for a Serialize order, whose `symmetrical` Pacemaker
 * ignores with a warning (get_ordering_symmetry, pcmk_sched_ordering.c).
 */
export function isSymmetrical(e: Pick<OrderEdge, "orderKind" | "symmetrical">): boolean {
  return e.orderKind !== "Serialize" && (e.symmetrical ?? true);
}

/**
 * One edge of Pacemaker's action graph: `first` before `then`, each an
 * action of a resource, from an order (`order` its index, `inverse` when it
 * is the order's implied inverse) or from Pacemaker's own order within a
 * resource (`order` -1).
 */
export interface ActionEdge {
  readonly first: string;
  readonly then: string;
  readonly order: number;
  readonly inverse: boolean;
}

/**
 * The graph Pacemaker builds from the orders: for `order A fa then B ta`,
 * (A, fa) before (B, ta) of every kind (an Optional or Serialize order between
 * two actions of one transition holds as firmly as a Mandatory one: a loop
 * of any of them leaves every action in it pending, checked with
 * crm_simulate), and, when the order is symmetrical, its inverse (B, inverse
 * ta) before (A, inverse fa). Self-orders are left out (HA4005).
 */
export function actionEdges(edges: readonly OrderEdge[]): ActionEdge[] {
  const out: ActionEdge[] = [];
  const actions = new Map<string, Set<string>>();
  const note = (rsc: string, action: string): void => {
    let s = actions.get(rsc);
    if (!s) actions.set(rsc, (s = new Set()));
    s.add(action);
  };
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    if (e.first === e.then) continue;
    out.push({ first: key(e.first, e.firstAction), then: key(e.then, e.thenAction), order: k, inverse: false });
    note(e.first, e.firstAction);
    note(e.then, e.thenAction);
    const fi = INVERSE[e.firstAction];
    const ti = INVERSE[e.thenAction];
    if (isSymmetrical(e) && fi && ti) {
      out.push({ first: key(e.then, ti), then: key(e.first, fi), order: k, inverse: true });
      note(e.then, ti);
      note(e.first, fi);
    }
  }
  for (const [rsc, acts] of actions) {
    for (const [a, b] of WITHIN) if (acts.has(a) && acts.has(b)) out.push({ first: key(rsc, a), then: key(rsc, b), order: -1, inverse: false });
  }
  return out;
}

/** A vertex of the action graph: the resource, a space, the action (ids hold no spaces). */
function key(rsc: string, action: string): string {
  return `${rsc} ${action}`;
}

/** How a message writes an action: start `a`. */
function action(k: string): string {
  const i = k.lastIndexOf(" ");
  return `${k.slice(i + 1)} \`${k.slice(0, i)}\``;
}

/**
 * Finds order cycles in the action graph (Tarjan's strongly connected
 * components, iterative, so linear and safe on deep graphs) and self-orders.
 * Each cycle is reported once, with exactly its actions in order, at its
 * last-declared order.
 */
export function checkCycles(edges: readonly OrderEdge[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of edges) {
    if (e.first === e.then) out.push(diag("HA4005", e.span, `\`${e.first}\` is ordered after itself`, { hint: "an order needs two different resources" }));
  }
  const all = actionEdges(edges);
  // Actions are numbered in the order they first appear; each one's edges kept in order.
  const number = new Map<string, number>();
  const names: string[] = [];
  const numberOf = (name: string): number => {
    let v = number.get(name);
    if (v === undefined) {
      number.set(name, (v = names.length));
      names.push(name);
    }
    return v;
  };
  // The edges between two actions (sized for all: pushing onto growing arrays would copy them).
  const from = new Int32Array(all.length);
  const to = new Int32Array(all.length);
  for (let k = 0; k < all.length; k++) {
    from[k] = numberOf(all[k]!.first);
    to[k] = numberOf(all[k]!.then);
  }
  const count = all.length;
  const graph = adjacency(names.length, from.subarray(0, count));
  const n = names.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  // The depth-first walk: each vertex and how many of its edges it has followed.
  const workV: number[] = [];
  const workI: number[] = [];
  let counter = 0;
  const sccs: number[][] = [];
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    workV.push(root);
    workI.push(graph.start[root]!);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (workV.length > 0) {
      const top = workV.length - 1;
      const v = workV[top]!;
      const i = workI[top]!;
      if (i < graph.start[v + 1]!) {
        workI[top] = i + 1;
        const w = to[graph.edge[i]!]!;
        if (index[w]! < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          workV.push(w);
          workI.push(graph.start[w]!);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
      } else {
        workV.pop();
        workI.pop();
        if (workV.length > 0) {
          const parent = workV[workV.length - 1]!;
          low[parent] = Math.min(low[parent]!, low[v]!);
        }
        if (low[v] === index[v]) {
          const comp: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp.push(w);
          } while (w !== v);
          if (comp.length > 1) sccs.push(comp);
        }
      }
    }
  }
  // A symmetrical cycle has a mirror (its inverse actions, the other way round): one report for both.
  const reported = new Set<string>();
  for (const comp of sccs) {
    const cycle = findCycle(comp, names, graph, from, to);
    const orders = [...new Set(cycle.map((e) => all[e]!.order))].sort((a, b) => a - b).join(",");
    if (reported.has(orders)) continue;
    reported.add(orders);
    const declared = cycle.filter((e) => all[e]!.order >= 0).map((e) => edges[all[e]!.order]!);
    const last = declared.reduce((a, b) => (b.span.start > a.span.start || b.span.file > a.span.file ? b : a));
    const path = [...cycle.map((e) => names[from[e]!]!), names[from[cycle[0]!]!]!];
    const related: Related[] = [];
    for (const e of cycle) {
      const a = all[e]!;
      if (a.order < 0 || (edges[a.order] === last && !a.inverse)) continue;
      const o = edges[a.order]!;
      related.push({ span: o.span, message: `${a.inverse ? "the inverse of " : ""}${sayOrder(o)} orders ${action(a.first)} before ${action(a.then)}` });
    }
    const within = cycle.filter((e) => all[e]!.order < 0).map((e) => `${action(all[e]!.first)} before ${action(all[e]!.then)}`);
    out.push(
      diag("HA4004", last.span, `order cycle: ${path.map(action).join(" -> ")}`, {
        hint:
          "Pacemaker runs none of these actions (each waits for the one before it); remove or reverse one of the orders" +
          (within.length ? `; Pacemaker itself orders ${within.join(", ")}` : "") +
          (cycle.some((e) => all[e]!.inverse) ? "; an order also orders the inverse actions the other way round (`order a then b` stops `b` before `a`)" : ""),
        related,
      }),
    );
  }
  return out;
}
/** Each vertex's edges (numbers into `from`/`to`), in order: `edge[start[v] .. start[v + 1]]`. */
interface Adjacency {
  readonly start: Int32Array;
  readonly edge: Int32Array;
}

function adjacency(n: number, from: Int32Array): Adjacency {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) start[from[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const next = start.slice(0, n);
  const edge = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) edge[next[from[e]!]!++] = e;
  return { start, edge };
}

/** One simple cycle inside a strongly connected component (edge numbers), starting at its smallest name. */
function findCycle(comp: readonly number[], names: readonly string[], graph: Adjacency, from: Int32Array, to: Int32Array): number[] {
  const members = new Set(comp);
  const start = comp.reduce((a, b) => (names[b]! < names[a]! ? b : a));
  // BFS from start back to start inside the component: the shortest cycle through it.
  const prev = new Map<number, number>();
  const queue = [start];
  const seen = new Set([start]);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (let i = graph.start[v]!; i < graph.start[v + 1]!; i++) {
      const e = graph.edge[i]!;
      const w = to[e]!;
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [e];
        let cur = v;
        while (cur !== start) {
          const pe = prev.get(cur)!;
          path.push(pe);
          cur = from[pe]!;
        }
        return path.reverse();
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, e);
        queue.push(w);
      }
    }
  }
  return [];
}
