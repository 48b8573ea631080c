import type { Page } from "playwright-core";

/** A box in the page's pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One label as the browser laid it out: its text, what it labels (node, edge, cluster, graph) and its box. */
export interface LaidLabel {
  readonly text: string;
  readonly kind: string;
  readonly owner: string;
  readonly box: Box;
  /** For an edge label: how far its box is from its own edge's path, in pixels. */
  readonly offEdge?: number;
  /** For an edge label: the edges (by title) whose lines run through its text, its own included. */
  readonly crossedBy?: string[];
}

/**
 * Reads every label of the SVG on `page` from the browser's own layout: the
 * lines of one label (the <text> elements of one node, edge or cluster) make
 * one box, the union of their bounding rectangles; an edge label's distance
 * to its edge is the shortest from its box to points sampled along the
 * edge's path every 2 px; the edges that cross an edge label's text are
 * those with a point sampled every 1 px more than 2 px inside its box.
 */
export function laidLabels(page: Page): Promise<LaidLabel[]> {
  return page.evaluate(() => {
    const out: LaidLabel[] = [];
    // Every edge's line, sampled every 1 px in page pixels (x, y pairs), read once.
    let sampled: { title: string; points: number[] }[] | undefined;
    const lines = () =>
      (sampled ??= Array.from(document.querySelectorAll("svg g.edge")).map((edge) => {
        const points: number[] = [];
        for (const path of Array.from(edge.querySelectorAll<SVGPathElement>("path"))) {
          const m = path.getScreenCTM()!;
          const len = path.getTotalLength();
          for (let s = 0; s <= len; s += 1) {
            const p = path.getPointAtLength(s);
            points.push(m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f);
          }
        }
        return { title: edge.querySelector(":scope > title")?.textContent ?? "", points };
      }));
    const groups = new Map<Element, SVGTextElement[]>();
    for (const t of Array.from(document.querySelectorAll<SVGTextElement>("svg text"))) {
      if ((t.textContent ?? "").trim() === "") continue;
      const g = t.parentElement!;
      const l = groups.get(g) ?? [];
      l.push(t);
      groups.set(g, l);
    }
    for (const [g, ts] of groups) {
      const rs = ts.map((t) => t.getBoundingClientRect());
      const x = Math.min(...rs.map((r) => r.left));
      const y = Math.min(...rs.map((r) => r.top));
      const box = { x, y, w: Math.max(...rs.map((r) => r.right)) - x, h: Math.max(...rs.map((r) => r.bottom)) - y };
      // Graphviz wraps a node, edge or cluster in <g class="node|edge|cluster">, with the title in <title>; the graph's own label sits in <g class="graph">.
      const owner = g.closest("g.node, g.edge, g.cluster, g.graph")!;
      const kind = ["node", "edge", "cluster", "graph"].find((k) => owner.classList.contains(k)) ?? "other";
      const name = owner.querySelector(":scope > title")?.textContent ?? "";
      const label: { text: string; kind: string; owner: string; box: typeof box; offEdge?: number; crossedBy?: string[] } = { text: ts.map((t) => t.textContent).join(" / "), kind, owner: name, box };
      if (kind === "edge") {
        let best = Infinity;
        for (const path of Array.from(owner.querySelectorAll<SVGPathElement>("path"))) {
          const m = path.getScreenCTM()!;
          const len = path.getTotalLength();
          for (let s = 0; s <= len; s += 2) {
            const p = path.getPointAtLength(s);
            const px = m.a * p.x + m.c * p.y + m.e;
            const py = m.b * p.x + m.d * p.y + m.f;
            const dx = Math.max(box.x - px, 0, px - (box.x + box.w));
            const dy = Math.max(box.y - py, 0, py - (box.y + box.h));
            best = Math.min(best, Math.hypot(dx, dy));
          }
        }
        label.offEdge = best;
        // A line through the text: more than 2 px inside its box (a glyph's box is wider than its ink).
        const crossed: string[] = [];
        for (const { title, points } of lines()) {
          for (let i = 0; i < points.length; i += 2) {
            const px = points[i]!;
            const py = points[i + 1]!;
            if (px > box.x + 2 && px < box.x + box.w - 2 && py > box.y + 2 && py < box.y + box.h - 2) {
              crossed.push(title);
              break;
            }
          }
        }
        label.crossedBy = crossed;
      }
      out.push(label);
    }
    return out;
  });
}

/** Pairs of labels whose boxes intersect (by more than `slack` px each way), by text. */
export function overlaps(labels: readonly LaidLabel[], slack = 0.5): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!.box;
      const b = labels[j]!.box;
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > slack && h > slack) out.push(`"${labels[i]!.text}" (${labels[i]!.owner}) and "${labels[j]!.text}" (${labels[j]!.owner})`);
    }
  }
  return out;
}
