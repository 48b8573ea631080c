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

/** A sample line: the bottom border of an empty cell, in the edge's colour and style. */
function line(color: string, width: number, style?: "dashed" | "dotted"): string {
  return `<TD WIDTH="34" HEIGHT="10" SIDES="B" BORDER="${width}" COLOR="${color}"${style ? ` STYLE="${style}"` : ""}></TD>`;
}

/** A sample box: a cell filled and framed as the picture's nodes of that kind. */
function box(fill: string, color: string, width: number, fontcolor = "black"): string {
  return `<TD WIDTH="34" HEIGHT="14" BORDER="${width}" STYLE="rounded" BGCOLOR="${fill}" COLOR="${color}"><FONT COLOR="${fontcolor}" POINT-SIZE="8">id</FONT></TD>`;
}

/**
 * The key's DOT lines: a "key" cluster around one node whose HTML-like label
 * is a table, a sample and its meaning a row, so that the key takes the room
 * of one box, not one rank a row. `q` is the graph's own quoting.
 */
export function legendLines(withFailure: boolean, q: (s: string) => string): string[] {
  const rows: [string, string][] = [
    [line(COLOR.failover, 2, "dashed"), "may fail over to"],
    [line(COLOR.order, 2), "order (then)"],
    [line(COLOR.colocation, 2, "dotted"), "colocation (with)"],
    ...(withFailure ? ([[line(COLOR.moved, 3), "moved from"]] as [string, string][]) : []),
    [box(COLOR.guestFill, COLOR.guestLine, 1), "guest (its VM inside)"],
    [box(COLOR.targetFill, COLOR.line, 1), "Lustre target"],
    ...(withFailure
      ? ([
          [box("white", COLOR.moved, 2), "moved"],
          [box(COLOR.failedFill, COLOR.failedText, 1, COLOR.failedText), "stopped"],
        ] as [string, string][])
      : []),
  ];
  const table = `<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="1">${rows.map(([sample, meaning]) => `<TR>${sample}<TD ALIGN="LEFT">${meaning}</TD></TR>`).join("")}</TABLE>`;
  return [
    `  subgraph ${q("cluster_key")} {`,
    `    graph [label="key", id="key", class="key", style="rounded", color="#ced4da", fontcolor="${COLOR.line}", fontsize=11, labeljust="l"];`,
    `    ${q("key:table")} [shape="plaintext", style="", fontsize=10, label=<${table}>];`,
    "  }",
  ];
}
