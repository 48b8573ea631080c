import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { OrderEdge, SiteModel } from "../model.js";

/** HA4004, HA4005: orders that form a cycle, or order a resource after itself. */
export function cycles(site: SiteModel): Diagnostic[] {
  return checkCycles(site.orders);
}

/**
 * Finds order cycles (Tarjan's strongly connected components, iterative, so
 * linear and safe on deep graphs) and self-orders. Each cycle is reported once,
 * with exactly its members in order, at its last-declared edge.
 */
export function checkCycles(edges: readonly OrderEdge[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Resources are numbered in the order they first appear; each one's edges kept in declaration order.
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
  // The edges between two resources (sized for all: pushing onto growing arrays would copy them).
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  const kept = new Int32Array(edges.length);
  let count = 0;
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    if (e.first === e.then) {
      out.push(diag("HA4005", e.span, `\`${e.first}\` is ordered after itself`, { hint: "an order needs two different resources" }));
      continue;
    }
    from[count] = numberOf(e.first);
    to[count] = numberOf(e.then);
    kept[count++] = k;
  }
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
  for (const comp of sccs) {
    const cycle = findCycle(comp, names, graph, from, to).map((e) => edges[kept[e]!]!);
    const last = cycle.reduce((a, b) => (b.span.start > a.span.start || b.span.file > a.span.file ? b : a));
    const members = [...cycle.map((e) => e.first), cycle[0]!.first];
    out.push(
      diag("HA4004", last.span, `order cycle: ${members.map((m) => "`" + m + "`").join(" -> ")}`, {
        hint: "Pacemaker cannot start any of these; remove or reverse one of the orders",
        related: cycle.filter((e) => e !== last).map((e) => ({ span: e.span, message: `${says(e.from)} orders \`${e.first}\` before \`${e.then}\`` })),
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

/** How a message quotes the statement an order comes from. */
function says(s: OrderEdge["from"]): string {
  return s.kind === "order" ? `\`order ${s.first} then ${s.then}\`` : `\`${s.service} on ${s.guest} after ${s.after}\``;
}
