import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { siteGraph } from "../../src/graph/dot.js";
import { renderHtml, renderSvg } from "../../src/graph/render.js";
import { analyzeText, hacc, ROOT, stripSeedWarnings } from "../helpers.js";
import { storageSite } from "./sites.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
const site = () => analyzeText(readFileSync(EXAMPLE, "utf8")).value.site!;

/** The DOT subgraph (cluster) a node id is declared in, by walking the braces. */
function clustersOf(dot: string, id: string): string[] {
  const stack: string[] = [];
  for (const line of dot.split("\n")) {
    const open = /subgraph "([^"]+)" \{$/.exec(line.trim());
    if (open) stack.push(open[1]!);
    else if (line.trim() === "}") stack.pop();
    else if (line.trim().startsWith(`"${id}" [`)) return [...stack];
  }
  return [];
}

/** The texts Graphviz wrote into an SVG. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
  );
}

describe("hacc graph: the DOT picture", () => {
  it("puts each guest in the host it runs on, and its services inside the guest", () => {
    const g = siteGraph(site());
    expect(clustersOf(g.dot, "vm-vnio005")).toEqual(["cluster_host_nio005", "cluster_guest_vnio005"]);
    expect(clustersOf(g.dot, "lwfsd-vnio006")).toEqual(["cluster_host_nio006", "cluster_guest_vnio006"]);
    expect(clustersOf(g.dot, "ost1")).toEqual(["cluster_host_nio006"]);
    expect(g.dot).toContain('"vm-vnio006" -> "host:nio005" [style="dashed"');
    expect(g.dot).toContain(`"vm-vnio006" [label="vm-vnio006\nVirtualDomain\nfailover: nio005 100"`);
    expect(g.dot).toContain('"ost0" -> "lwfsd-vnio005" [color="#1c7ed6", fontcolor="#1c7ed6", xlabel="then (optional)"');
    expect(g.dot).toContain('"vm-vnio006" -> "vm-vnio005" [color="#9c36b5", fontcolor="#9c36b5", xlabel="with -50"');
    expect(g.moved).toEqual([]);
  });

  it("with nio006 failed, greys it and shows what moved to nio005", () => {
    const g = siteGraph(site(), { fail: ["nio006"] });
    expect(clustersOf(g.dot, "vm-vnio006")).toEqual(["cluster_host_nio005", "cluster_guest_vnio006"]);
    expect(clustersOf(g.dot, "ost1")).toEqual(["cluster_host_nio005"]);
    expect(g.dot).toContain('label="nio006 (failed)"');
    expect(g.dot).toContain('label="vnio006 (moved from nio006)"');
    expect(g.moved).toEqual([
      { id: "vm-vnio006", from: "nio006", to: "nio005" },
      { id: "ost1", from: "nio006", to: "nio005" },
    ]);
    expect(g.stopped).toEqual([]);
    expect(g.summary).toBe("2 moved, 1 restarted, 0 stopped");
    expect(g.dot).not.toContain('-> "host:nio006"');
  });

  it("is the same text every time", () => {
    expect(siteGraph(site(), { fail: ["nio005"] }).dot).toBe(siteGraph(site(), { fail: ["nio005"] }).dot);
  });

  it("shows guests that cannot run anywhere as stopped", () => {
    const g = siteGraph(site(), { fail: ["nio005", "nio006"] });
    expect(clustersOf(g.dot, "vm-vnio005")).toEqual(["cluster_guest_vnio005"]);
    expect(g.dot).toContain('label="vnio005 (stopped)"');
  });
});

describe("hacc graph: constraints naming a template or a tag", () => {
  it("draws a line to every resource the name stands for, as Pacemaker expands it", () => {
    const text =
      "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" +
      "template web-t ocf:pacemaker:Dummy;\nresource w1 from web-t on n1;\nresource w2 from web-t on n2;\n" +
      "resource db ocf:pacemaker:Dummy on n1;\nresource ip ocf:pacemaker:Dummy on n1;\nresource m1 ocf:pacemaker:Dummy on n2;\nresource m2 ocf:pacemaker:Dummy on n2;\n" +
      "tag mon = m1, m2;\norder db then web-t;\ncolocate mon with ip 100;\n";
    const r = analyzeText(text);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dot = siteGraph(r.value.site!).dot;
    const edges = (cls: string) => dot.split("\n").filter((l) => l.includes(`class="${cls}"`)).map((l) => /^\s*"([^"]+)" -> "([^"]+)"/.exec(l)!.slice(1, 3).join(" -> ")).sort();
    expect(edges("order")).toEqual(["db -> w1", "db -> w2"]);
    expect(edges("colocation")).toEqual(["m1 -> ip", "m2 -> ip"]);
  });
});

describe("hacc graph: a location naming a tag or a template", () => {
  it("gives every resource the name stands for that host, as Pacemaker expands it (a review found none drawn)", () => {
    const text =
      "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" +
      "resource a ocf:pacemaker:Dummy on n1 prefer 10;\nresource b ocf:pacemaker:Dummy;\ntag ab = a, b;\nlocation ab-n2 for ab on n2 100;\n" +
      "template t ocf:pacemaker:Dummy;\nresource w from t;\nlocation t-n1 for t on n1 50;\n";
    const r = analyzeText(text);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dot = siteGraph(r.value.site!).dot;
    const label = (id: string) => new RegExp(`"${id}" \\[label="([^"]*)"`).exec(dot)![1];
    expect(label("a")).toContain("failover: n1 10, n2 100");
    expect(label("b")).toContain("failover: n2 100");
    expect(label("w")).toContain("failover: n1 50");
    expect(dot).toContain('"b" -> "host:n2"');
    expect(dot).toContain('"w" -> "host:n1"');
  });
});

describe("hacc graph: laid out by Graphviz", () => {
  it("draws every host, guest and resource into the SVG", async () => {
    const g = siteGraph(site(), { fail: ["nio006"] });
    const svg = await renderSvg(g.dot);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg /);
    const t = texts(svg);
    for (const name of ["nio005", "nio006 (failed)", "vnio005", "vnio006 (moved from nio006)", "vm-vnio005", "lwfsd-vnio006", "ost0", "ost1"]) expect(t).toContain(name);
  });

  it("writes one self-contained HTML page: no script, nothing fetched", async () => {
    const g = siteGraph(site());
    const html = renderHtml(g, await renderSvg(g.dot));
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain("<svg ");
  });
});

describe("hacc graph: the command", () => {
  it("writes .dot, .svg and .html", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-graph-"));
    for (const ext of ["dot", "svg", "html"]) {
      const out = join(d, `g.${ext}`);
      const r = hacc(["graph", EXAMPLE, "--fail", "nio006", "-o", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + stripSeedWarnings(r.stderr)).toBe("");
      const text = readFileSync(out, "utf8");
      expect(text).toContain(ext === "dot" ? 'digraph "clustre" {' : ext === "svg" ? "<svg " : "<!DOCTYPE html>");
    }
  });

  it("takes --fail repeated or separated by commas, as one list of failed hosts", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-graph-"));
    const dots = [["--fail", "nio005", "--fail", "nio006"], ["--fail", "nio005,nio006"], ["--fail", "nio005,", "--fail", ",nio006"]].map((args, i) => {
      const out = join(d, `g${i}.dot`);
      const r = hacc(["graph", EXAMPLE, ...args, "-o", out]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(out, "utf8");
    });
    expect(dots[0]).toContain('label="clustre: nio005, nio006 failed\n0 moved, 6 stopped"');
    expect(dots[0]).toContain('label="nio005 (failed)"');
    expect(dots[0]).toContain('label="nio006 (failed)"');
    expect(dots[1]).toBe(dots[0]);
    expect(dots[2]).toBe(dots[0]);
  });

  it("refuses an unknown picture format and a host that is not a node", () => {
    const bad = hacc(["graph", EXAMPLE, "-o", "x.png"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("hacc: -o x.png: the picture is written as .svg, .html or .dot\n");
    const host = hacc(["graph", EXAMPLE, "--fail", "nio9", "-o", "x.svg"]);
    expect(host.code).toBe(2);
    expect(host.stderr).toContain("--fail nio9: not a node of cluster `clustre`");
  });
});

describe("hacc graph --fail counts what hacc simulate counts", () => {
  const d = mkdtempSync(join(tmpdir(), "hacc-graph-counts-"));
  const write = (name: string, text: string) => {
    const f = join(d, name);
    writeFileSync(f, text);
    return f;
  };
  const cases: [string, string[], string][] = [
    ["the example", ["nio006"], EXAMPLE],
    ["the example", ["nio005", "nio006"], EXAMPLE],
    ["the symmetric example", ["nio005"], join(ROOT, "examples", "storage-cluster-symmetric.ha")],
    ["4 hosts", ["n04"], write("site4.ha", storageSite(4))],
    ["4 hosts", ["n01", "n02"], write("site4b.ha", storageSite(4))],
    ["4 hosts, symmetric", ["n04"], write("site4s.ha", storageSite(4, { symmetric: true }))],
    ["8 hosts", ["n08", "n04"], write("site8.ha", storageSite(8))],
  ];
  it.each(cases)("%s, %j failed: the same moved, restarted and stopped in the SVG, the HTML header and simulate", (_, fail, file) => {
    const sim = hacc(["simulate", file, "--engine", "hacc", "--fail", fail.join(",")]);
    expect(sim.code, sim.stderr).toBe(0);
    const json = hacc(["simulate", file, "--engine", "hacc", "--fail", fail.join(","), "--json"]);
    const rows = (JSON.parse(json.stdout) as { rows: { change: string }[] }).rows;
    const n = (c: string) => rows.filter((r) => r.change === c).length;
    const expected = `${n("moved")} moved, ${n("restarted") > 0 ? `${n("restarted")} restarted, ` : ""}${n("stopped")} stopped`;
    expect(sim.stdout).toContain(`\n${expected}; online afterwards:`);
    const svgFile = join(d, "g.svg");
    const htmlFile = join(d, "g.html");
    for (const out of [svgFile, htmlFile]) expect(hacc(["graph", file, "--fail", fail.join(","), "-o", out]).code).toBe(0);
    const t = texts(readFileSync(svgFile, "utf8"));
    expect(t.filter((x) => /^\d+ moved, /.test(x))).toEqual([expected]);
    expect(readFileSync(htmlFile, "utf8")).toContain(`failed: ${fail.join(", ")} · ${expected}</li>`);
  });

  it("some of these cases stop something, and some restart something", () => {
    const sums = cases.map(([, fail, file]) => siteGraph(analyzeText(readFileSync(file, "utf8")).value.site!, { fail }).counts!);
    expect(sums.some((c) => c.stopped > 0 && c.moved > 0)).toBe(true);
    expect(sums.some((c) => c.restarted > 0)).toBe(true);
  });
});

describe("hacc graph: the key inside the SVG", () => {
  it("explains each kind of line and box in the SVG itself, moved and stopped only with a failure", async () => {
    const up = texts(await renderSvg(siteGraph(site()).dot));
    const down = texts(await renderSvg(siteGraph(site(), { fail: ["nio006"] }).dot));
    for (const t of [up, down]) for (const k of ["key", "may fail over to", "order (then)", "colocation (with)", "guest (its VM inside)", "Lustre target"]) expect(t).toContain(k);
    for (const k of ["moved from", "moved", "stopped"]) {
      expect(up).not.toContain(k);
      expect(down).toContain(k);
    }
  });
});
