import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";

export interface OrderEdge {
  readonly first: string;
  readonly then: string;
  readonly span: Span;
  /** How the edge reads in a message (`order a then b`, `lwfsd on vnio005 after vm`). */
  readonly label: string;
}

/**
 * Finds order cycles (Tarjan's strongly connected components, iterative, so
 * linear and safe on deep graphs) and self-orders. Each cycle is reported once,
 * with exactly its members in order, at its last-declared edge.
 */
export function checkCycles(edges: readonly OrderEdge[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const adj = new Map<string, OrderEdge[]>();
  for (const e of edges) {
    if (e.first === e.then) {
      out.push(diag("HA4005", e.span, `\`${e.first}\` is ordered after itself`, { hint: "an order needs two different resources" }));
      continue;
    }
    let l = adj.get(e.first);
    if (!l) adj.set(e.first, (l = []));
    l.push(e);
    if (!adj.has(e.then)) adj.set(e.then, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  const sccs: string[][] = [];
  for (const root of adj.keys()) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const out_ = adj.get(top.v)!;
      if (top.i < out_.length) {
        const w = out_[top.i++]!.then;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        }
      } else {
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
        if (low.get(top.v) === index.get(top.v)) {
          const comp: string[] = [];
          let w: string;
          do {
            w = stack.pop()!;
            onStack.delete(w);
            comp.push(w);
          } while (w !== top.v);
          if (comp.length > 1) sccs.push(comp);
        }
      }
    }
  }
  for (const comp of sccs) {
    const members = new Set(comp);
    const cycle = findCycle(comp, members, adj);
    const last = cycle.reduce((a, b) => (b.span.start > a.span.start || b.span.file > a.span.file ? b : a));
    const names = [...cycle.map((e) => e.first), cycle[0]!.first];
    out.push(
      diag("HA4004", last.span, `order cycle: ${names.map((n) => "`" + n + "`").join(" -> ")}`, {
        hint: "Pacemaker cannot start any of these; remove or reverse one of the orders",
        related: cycle.filter((e) => e !== last).map((e) => ({ span: e.span, message: e.label })),
      }),
    );
  }
  return out;
}

/** One simple cycle inside a strongly connected component, starting at its smallest name. */
function findCycle(comp: string[], members: Set<string>, adj: Map<string, OrderEdge[]>): OrderEdge[] {
  const start = [...comp].sort()[0]!;
  // BFS from start back to start inside the component: the shortest cycle through it.
  const prev = new Map<string, OrderEdge>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const e of adj.get(v) ?? []) {
      if (!members.has(e.then)) continue;
      if (e.then === start) {
        const path = [e];
        let cur = v;
        while (cur !== start) {
          const pe = prev.get(cur)!;
          path.push(pe);
          cur = pe.first;
        }
        return path.reverse();
      }
      if (!seen.has(e.then)) {
        seen.add(e.then);
        prev.set(e.then, e);
        queue.push(e.then);
      }
    }
  }
  return [];
}
