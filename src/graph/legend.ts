/**
 * The key of `hacc graph`'s picture, drawn by Graphviz inside the SVG itself
 * (so an .svg on its own explains its lines and colours, not only the HTML
 * page): a "key" cluster holding one short sample line per kind of edge and
 * one sample box per kind of node, each with its meaning.
 */

/** The picture's colours, shared by the graph and its key. */
export const COLOR = {
  moved: "#d9480f",
  failedFill: "#e9ecef",
  failedText: "#868e96",
  failover: "#adb5bd",
  order: "#1c7ed6",
  colocation: "#9c36b5",
  guestFill: "#fff9db",
  guestLine: "#e67700",
  targetFill: "#e7f5ff",
  line: "#495057",
} as const;

type Attrs = Record<string, string | number | undefined>;

/** The key's DOT lines; `attrs` and `q` are the graph's own quoting. */
export function legendLines(withFailure: boolean, q: (s: string) => string, attrs: (a: Attrs) => string): string[] {
  const edges: [string, Attrs][] = [
    ["may fail over to", { style: "dashed", color: COLOR.failover }],
    ["order (then)", { color: COLOR.order }],
    ["colocation (with)", { style: "dotted", color: COLOR.colocation, penwidth: 1.5, arrowhead: "odot" }],
    ...(withFailure ? [["moved from", { color: COLOR.moved, penwidth: 2.5 }] as [string, Attrs]] : []),
  ];
  const nodes: [string, Attrs][] = [
    ["guest (its VM inside)", { fillcolor: COLOR.guestFill, color: COLOR.guestLine }],
    ["Lustre target", { shape: "cylinder", fillcolor: COLOR.targetFill, color: COLOR.line }],
    ...(withFailure
      ? ([
          ["moved", { color: COLOR.moved, penwidth: 2 }],
          ["stopped", { fillcolor: COLOR.failedFill, color: COLOR.failedText, fontcolor: COLOR.failedText }],
        ] as [string, Attrs][])
      : []),
  ];
  const lines = [
    `  subgraph ${q("cluster_key")} {`,
    `    graph${attrs({ label: "key", id: "key", class: "key", style: "rounded", color: "#ced4da", fontcolor: COLOR.line, fontsize: 11, labeljust: "l", margin: 6 })};`,
  ];
  // Rows top to bottom, chained by invisible edges; each edge row is a sample line and its meaning side by side.
  let prev: string | undefined;
  edges.forEach(([meaning, a], i) => {
    const from = `key:edge${i}:from`;
    const to = `key:edge${i}`;
    lines.push(`    ${q(from)}${attrs({ shape: "point", width: 0.01, style: "invis", label: "" })};`);
    lines.push(`    ${q(to)}${attrs({ shape: "plaintext", style: "", label: meaning, fontsize: 10 })};`);
    lines.push(`    { rank=same; ${q(from)}; ${q(to)}; }`);
    lines.push(`    ${q(from)} -> ${q(to)}${attrs({ ...a, minlen: 2, class: "key" })};`);
    if (prev) lines.push(`    ${q(prev)} -> ${q(from)}${attrs({ style: "invis" })};`);
    prev = from;
  });
  nodes.forEach(([meaning, a], i) => {
    const id = `key:node${i}`;
    lines.push(`    ${q(id)}${attrs({ label: meaning, fontsize: 10, height: 0.3, ...a })};`);
    if (prev) lines.push(`    ${q(prev)} -> ${q(id)}${attrs({ style: "invis" })};`);
    prev = id;
  });
  lines.push("  }");
  return lines;
}
