import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { completions } from "../../src/lsp/complete.js";
import { hoverText } from "../../src/lsp/hover.js";
import { NameIndex } from "../../src/lsp/names.js";
import { prepareRename, rename } from "../../src/lsp/rename.js";
import { stdlib } from "../helpers.js";

const FILE = "site.ha";

function index(text: string): { index: NameIndex; syntaxErrors: boolean } {
  const r = parse({ file: FILE, text });
  return { index: new NameIndex([...stdlib().map((s) => parse(s).value), r.value]), syntaxErrors: r.diagnostics.some((d) => d.severity === "error") };
}

/** Renames the `nth` occurrence of `word` in `text` to `to`: the new text, or why not. */
function renamed(text: string, word: string, to: string, nth = 0): string {
  const { index: ix, syntaxErrors } = index(text);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  const o = ix.at(FILE, at)!;
  const ok = prepareRename(ix, o, FILE, syntaxErrors);
  if (!ok.ok) return `refused: ${ok.why}`;
  const r = rename(ix, o, to);
  if ("why" in r) return `refused: ${r.why}`;
  let out = text;
  for (const e of [...r.edits].reverse()) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

const SITE = `cluster c { nodes n1, n2; utilization n1 memory = 4096; }
guest g on n1 prefer 500, n2 100;
lwfsd on g after vm;
resource ip ocf:heartbeat:IPaddr2 { ip = "10.0.0.1"; } on g;
resource web ocf:heartbeat:Dummy;
group svc ip, web on n1;
clone svc-clone of svc;
order vm-g then lwfsd-g;
colocate web with vm-g;
`;

describe("rename", () => {
  it("renames a cluster node everywhere it is used: nodes, capacities, placements", () => {
    expect(renamed(SITE, "n1", "nio005")).toBe(SITE.replaceAll("n1", "nio005"));
  });

  it("renames a node in its `attributes` lines too", () => {
    const site = SITE.replace("utilization n1 memory = 4096;", "utilization n1 memory = 4096; attributes n1 rack = 1; attributes g rack = 2;");
    expect(renamed(site, "n1", "nio005")).toBe(site.replaceAll("n1", "nio005"));
    expect(renamed(site, "g on", "vnio005")).toContain("attributes vnio005 rack = 2;");
  });

  it("renames a node in its sets chosen by a rule too", () => {
    const site = SITE.replace("utilization n1 memory = 4096;", "utilization n1 memory = 4096; attributes n1 when date gt 2001-01-01 { rack = 1; } utilization n1 score 5 { memory = 1024; }");
    expect(renamed(site, "n1", "nio005")).toBe(site.replaceAll("n1", "nio005"));
  });

  it("renames a guest with the ids it derives, leaving `after vm` alone", () => {
    expect(renamed(SITE, "g on", "vnio005")).toBe(
      SITE.replace("guest g on", "guest vnio005 on").replace("lwfsd on g ", "lwfsd on vnio005 ").replace("} on g;", "} on vnio005;").replaceAll("vm-g", "vm-vnio005").replace("lwfsd-g", "lwfsd-vnio005"),
    );
  });

  it("renames a resource in groups, and a group in clones", () => {
    expect(renamed(SITE, "web", "www")).toBe(SITE.replaceAll("web", "www"));
    expect(renamed(SITE, "svc", "storage")).toBe(SITE.replace("group svc", "group storage").replace("of svc;", "of storage;"));
  });

  it("renames a resource in resource sets, leaving a set's action and options alone", () => {
    const site = SITE + "order (web) then (promote svc-clone, ip independent);\nticket T for (started web), (svc-clone);\n";
    expect(renamed(site, "web", "www")).toBe(site.replaceAll("web", "www"));
  });

  it("renames to a keyword, written as a string wherever the name stands; and from one written so", () => {
    const site = SITE + "order (web) then (ip);\n";
    const quoted = renamed(site, "web", "order");
    expect(quoted).toBe(site.replaceAll("web", '"order"'));
    expect(parse({ file: FILE, text: quoted }).diagnostics).toEqual([]);
    expect(renamed(quoted, '"order"', "www")).toBe(site.replaceAll("web", "www"));
  });

  it("refuses what is not safe, saying why", () => {
    expect(renamed(SITE, "lwfsd-g", "x")).toBe("refused: `lwfsd-g` is an id hacc derives from guest `g`: rename the guest");
    expect(renamed(SITE, "lwfsd", "x")).toMatch(/^refused: service kind `lwfsd` names its instances' ids/);
    expect(renamed(SITE, "web", "ip")).toBe("refused: `ip` is already declared");
    expect(renamed(SITE, "web", "a b")).toMatch(/^refused: `a b` is not a name/);
    expect(renamed(SITE, "g on", "n2")).toBe("refused: `n2` is already declared");
    expect(renamed(SITE.replace("order vm-g", "order nothing"), "nothing", "x")).toBe("refused: `nothing` is declared nowhere");
    expect(renamed(SITE + "group broken {", "web", "www")).toMatch(/^refused: the file has syntax errors/);
  });
});

describe("completion", () => {
  const labels = (text: string) => completions(text, text.length, index(text).index).map((c) => c.label);

  it("offers statement keywords at a statement's start, even while a word is typed", () => {
    expect(labels(SITE)).toContain("guest");
    expect(labels(SITE + "gu")).toContain("guest");
    expect(labels(SITE + "guest g2 ")).toEqual([]);
  });

  it("offers agents after `resource NAME`, guests after `KIND on`", () => {
    expect(labels(SITE + "resource r ")).toContain("ocf:heartbeat:IPaddr2");
    expect(labels(SITE + "lwfsd on ")).toEqual(["g"]);
  });

  it("offers an agent's parameters in a resource's block, and a service's in an instance's, without those set or filled", () => {
    expect(labels(SITE + 'resource t ocf:lustre:Lustre {\n  target = "/dev/sdf";\n  ')).toEqual(["mountpoint", "mountoptions", "params", "meta"]);
    const mon = "agent ocf:site:mon { param vhost required; param level default 1; }\nservice mon agent ocf:site:mon guest-param vhost;\n";
    expect(labels(SITE + mon + "mon on g {\n  ")).toEqual(["level"]);
  });

  it("offers `params` and `meta` at a block item's start in a resource's or template's block, not inside a set's block", () => {
    expect(labels(SITE + "resource t ocf:heartbeat:Dummy {\n  ")).toEqual(expect.arrayContaining(["params", "meta"]));
    expect(labels(SITE + "template tt ocf:heartbeat:Dummy {\n  op monitor interval 10s;\n  ")).toEqual(expect.arrayContaining(["params", "meta"]));
    expect(labels(SITE + "template tt ocf:heartbeat:Dummy;\nresource t from tt {\n  ")).toEqual(["params", "meta"]);
    expect(labels(SITE + "resource t ocf:heartbeat:Dummy {\n  params when date gt 2030-01-01 {\n    ")).not.toContain("params");
  });

  it("offers the words of a defaults or property block's head in the cluster block, `named` among them", () => {
    const cluster = "cluster c {\n  nodes n1, n2;\n  defaults score 5 { priority = 1; }\n  ";
    expect(labels(cluster + "property ")).toEqual(["score", "when", "named"]);
    expect(labels(cluster + "defaults score 10 ")).toEqual(["when", "named"]);
    expect(labels(cluster + "op-defaults when op monitor ")).toEqual(["and", "or", "named"]);
    expect(labels(cluster + "defaults when ")).toEqual([]);
    expect(labels(cluster + "defaults named ")).toEqual([]);
    expect(labels(cluster + "defaults priority = 1, ")).toEqual([]);
  });

  it("offers an unlisted node after `on` and in a fencing level, marked as such, and hovers it as never up", () => {
    const site = "cluster c { nodes n1, n2; unlisted-nodes gone; }\nresource f stonith:fence_dummy;\n";
    const ix = index(site).index;
    const offered = completions(site + "resource a ocf:pacemaker:Dummy on ", site.length + 34, ix);
    expect(offered.map((c) => [c.label, c.detail])).toEqual(expect.arrayContaining([["n1", "cluster node"], ["gone", "unlisted node (no entry: never up)"]]));
    const text = site + "resource a ocf:pacemaker:Dummy on n1 10, gone 100;\n";
    const t = index(text).index;
    const o = t.at(FILE, text.lastIndexOf("gone"))!;
    expect(hoverText(t, o)).toMatch(/^\*\*node\*\* `gone`: an unlisted node \(`unlisted-nodes`\): no `<node>` entry, never up; a location to it places nothing\n\nguests: none\n\nresources: `a` \(100\)$/);
    // Renaming it renames its uses too.
    expect(renamed(text, "gone", "old", 0)).toBe(text.replaceAll("gone", "old"));
  });

  it("offers the nodes after `attributes` and `utilization`, then the words of a node's set's head", () => {
    const cluster = "cluster c {\n  nodes n1, n2;\n  ";
    // The nodes come from the site's index (a cluster block being written may not parse yet).
    expect(completions(cluster + "attributes ", cluster.length + 11, index(SITE).index).map((c) => c.label)).toEqual(expect.arrayContaining(["n1", "n2"]));
    expect(labels(cluster + "attributes n1 ")).toEqual(["score", "when", "named"]);
    expect(labels(cluster + "utilization n2 score 10 ")).toEqual(["when", "named"]);
    expect(labels(cluster + "attributes n1 when date gt 2001-01-01 ")).toEqual(["and", "or", "named"]);
    expect(labels(cluster + "attributes n1 rack = 1, ")).toEqual([]);
  });

  it("offers a date test's operations after `date`, and the fields of a date spec not yet named", () => {
    const loc = SITE + "location l for web {\n  rule 100 when ";
    expect(labels(loc + "date ")).toEqual(["gt", "lt", "in_range", "spec"]);
    expect(labels(loc + "date spec ")).toContain("weekdays");
    expect(labels(loc + "date spec hours 9-16 ")).not.toContain("hours");
    expect(labels(loc + "date spec hours 9-16 ")).toContain("minutes");
    expect(labels(loc + "date spec hours ")).toEqual([]);
    expect(labels(SITE + "cluster c {\n  defaults when date spec ")).toContain("monthdays");
  });

  it("offers resources in a group's members, not for its new name", () => {
    expect(labels(SITE + "group ")).toEqual([]);
    expect(labels(SITE + "group g2 ")).toContain("web");
    expect(labels(SITE + "group g2 web, ")).toContain("ip");
  });
});
