import { instance, type Viz } from "@viz-js/viz";
import { escapeXml } from "../util/xml.js";
import type { GraphModel } from "./dot.js";

/**
 * Lays out a DOT graph with Graphviz (`dot`, compiled to WebAssembly by
 * @viz-js/viz) and writes SVG, or one self-contained HTML page around it.
 * No fs here: the CLI writes the result.
 */

let viz: Promise<Viz> | undefined;

/** The Graphviz instance, started once. */
function graphviz(): Promise<Viz> {
  viz ??= instance();
  return viz;
}

/** Graphviz's SVG for a DOT text; a layout error throws with Graphviz's message. */
export async function renderSvg(dot: string): Promise<string> {
  const v = await graphviz();
  const r = v.render(dot, { format: "svg", engine: "dot" });
  if (r.status !== "success") throw new Error(`graphviz: ${r.errors.map((e) => e.message).join("; ")}`);
  return r.output;
}

const STYLE = `
  body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #212529; background: #fff; }
  header { padding: 12px 20px; border-bottom: 1px solid #dee2e6; }
  .legend { font-size: 12px; color: #495057; display: flex; flex-wrap: wrap; gap: 16px; margin: 0; padding: 0; list-style: none; }
  .legend span.key { display: inline-block; width: 22px; height: 0; vertical-align: middle; margin-right: 6px; border-top-width: 2px; }
  main { padding: 12px 20px; overflow: auto; }
  main svg { display: block; } /* its own size, scrolled: shrunk to the page, a 16-host site has 3 px text */
`;

/** One self-contained page (inline SVG and CSS, no scripts, nothing fetched), so it opens offline. */
export function renderHtml(g: GraphModel, svg: string): string {
  const inline = svg.replace(/^<\?xml[^>]*>\s*/, "").replace(/<!DOCTYPE[^>]*>\s*/, "");
  const facts = [
    `${g.hosts.length} host${g.hosts.length === 1 ? "" : "s"}`,
    `${g.guests.length} guest${g.guests.length === 1 ? "" : "s"}`,
    ...(g.failed.length > 0 ? [`failed: ${g.failed.join(", ")}`] : []),
    ...(g.summary !== undefined ? [g.summary] : []),
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeXml(g.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<header>",
    '<ul class="legend">',
    `<li>${escapeXml(facts.join(" · "))}</li>`,
    '<li><span class="key" style="border-top: 2px dashed #adb5bd"></span>may fail over to</li>',
    '<li><span class="key" style="border-top: 2px solid #1c7ed6"></span>order</li>',
    '<li><span class="key" style="border-top: 2px dotted #9c36b5"></span>colocation</li>',
    ...(g.failed.length > 0 ? ['<li><span class="key" style="border-top: 2px solid #d9480f"></span>moved</li>'] : []),
    "</ul>",
    "</header>",
    "<main>",
    inline.trimEnd(),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
