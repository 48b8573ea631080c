import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hacc, ROOT, stripSeedWarnings } from "../helpers.js";

/** Part 5 of issue 14: bounded, clean failure on hostile input. */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hacc-bounds-"));
});
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("many diagnostics", () => {
  it("a one-line file with 4,000 errors: at most 50 shown, each line cut around its caret, then the count; every command", () => {
    const p = file("oneline.ha", "cluster c { nodes n1; } " + "resource r x:y:z on n9 prefer lots; ".repeat(4000));
    expect(readFileSync(p).length).toBeGreaterThan(140_000);
    for (const args of [["check", p], ["compile", p], ["plan", p, "--live", join(ROOT, "test", "review", "sites", "storage-live.xml")], ["diff", p, p]]) {
      const r = hacc(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.stderr.length, args[0]).toBeLessThan(60_000);
      expect(r.stderr.split("\n").every((l) => l.length < 200), args[0]).toBe(true);
      expect(r.stderr).toMatch(/\n\.\.\. and \d+ more diagnostics not shown \(--max-errors 50; --max-errors 0 shows all\)\n\n\d+ errors\n$/);
      // diff checks two sites, each with its own report.
      expect(r.stderr.match(/^error\[/gm)).toHaveLength(args[0] === "diff" ? 100 : 50);
    }
  });

  it("a cut line keeps the caret under the span, with ... where the line was cut", () => {
    const p = file("wide.ha", "cluster c { nodes n1; } " + " ".repeat(300) + "resource r ocf:heartbeat:Dummy on n9;" + " ".repeat(300) + "\n");
    const r = hacc(["check", p]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    const src = lines.findIndex((l) => l.startsWith("1 | "));
    expect(lines[src]).toMatch(/^1 \| \.\.\. +resource r ocf:heartbeat:Dummy on n9; +\.\.\.$/);
    const caret = lines[src + 1]!;
    expect(lines[src]!.slice(caret.indexOf("^"), caret.lastIndexOf("^") + 1)).toBe("n9");
  });

  it("--max-errors N shows N, 0 shows all; a bad N is exit 2", () => {
    const p = file("ten.ha", "cluster c { nodes n1; }\n" + "resource r ocf:heartbeat:Dummy on n9;\n".repeat(10));
    const three = hacc(["check", p, "--max-errors", "3"]);
    expect(three.stderr.match(/^error\[/gm)).toHaveLength(3);
    expect(three.stderr).toMatch(/\.\.\. and \d+ more diagnostics not shown/);
    const all = hacc(["check", p, "--max-errors", "0"]);
    expect(all.stderr).not.toMatch(/not shown/);
    expect(all.stderr.match(/^error\[/gm)).toHaveLength(10);
    expect(all.stderr).toMatch(/\n10 errors\n$/);
    const bad = hacc(["check", p, "--max-errors", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("hacc: --max-errors lots: expected a whole number (0 shows every diagnostic)\n");
  });

  it("check --json stays complete: every diagnostic, valid JSON", () => {
    const p = file("json.ha", "cluster c { nodes n1; } " + "resource r x:y:z on n9 prefer lots; ".repeat(2000));
    const r = hacc(["check", p, "--json"]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout) as { code: string }[];
    const text = hacc(["check", p, "--max-errors", "0"]);
    expect(ds.length).toBe(Number(/(\d+) errors\n$/.exec(text.stderr)![1]));
    expect(ds.length).toBeGreaterThanOrEqual(2000);
  });

  it("5,000 repeats of `cluster c {`: bounded output, no internal error", () => {
    const p = file("clusters.ha", "cluster c {".repeat(5000));
    const r = hacc(["check", p]);
    expect(r.code).toBe(1);
    expect(r.stderr.length).toBeLessThan(60_000);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe("encodings", () => {
  it("a UTF-8 byte-order mark is accepted: the same output, the same positions", () => {
    const text = readFileSync(join(ROOT, "examples", "storage-cluster.ha"));
    const plain = file("plain.ha", text);
    const bom = file("bom.ha", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    const a = hacc(["compile", plain, "--target", "pcs"]);
    const b = hacc(["compile", bom, "--target", "pcs"]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout.replaceAll("bom.ha", "plain.ha")).toBe(a.stdout);
    const bad = file("bom-bad.ha", Buffer.from("\ufeffcluster c { nodes n1; }\nresource r ocf:heartbeat:Dummy on n9;\n"));
    expect(hacc(["check", bad]).stderr).toContain(`--> ${bad}:2:35\n  |\n2 | resource r ocf:heartbeat:Dummy on n9;\n  |                                   ^^`);
  });

  it("invalid UTF-8 is an error at its line and column, never a silent U+FFFD", () => {
    const p = file("latin1.ha", Buffer.concat([Buffer.from('cluster c { nodes n1; }\nresource r ocf:heartbeat:Dummy {\n  fake = "M'), Buffer.from([0xfc]), Buffer.from('ller";\n} on n1;\n')]));
    const r = hacc(["compile", p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`error[HA1006]: byte 0xfc is not UTF-8\n  --> ${p}:3:12\n`);
    const j = hacc(["check", p, "--json"]);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject([{ code: "HA1006", line: 3, column: 12 }]);
    const live = file("latin1.xml", Buffer.concat([Buffer.from('<cib epoch="1" admin_epoch="0" num_updates="0"><configuration><crm_config/><resources/><constraints/></configuration>\n<x a="'), Buffer.from([0xff]), Buffer.from('"/></cib>\n')]));
    const plan = hacc(["plan", join(ROOT, "examples", "storage-cluster.ha"), "--live", live]);
    expect(plan.code).toBe(1);
    expect(stripSeedWarnings(plan.stderr)).toBe(`hacc: ${live}:2:7: byte 0xff is not UTF-8\n`);
  });
});

describe("the live-CIB reader refuses what a CIB never has", () => {
  const site = join(ROOT, "examples", "storage-cluster.ha");
  it("a DOCTYPE or entity declaration (no DTD, no external entity is ever read): exit 1 and a message", () => {
    const p = file("doctype.xml", '<?xml version="1.0"?>\n<!DOCTYPE cib [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n<cib epoch="1" admin_epoch="0" num_updates="0"><configuration><crm_config/><resources/><constraints/></configuration></cib>\n');
    const r = hacc(["plan", site, "--live", p]);
    expect(r.code).toBe(1);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: ${p}:2:1: refused: a <!DOCTYPE> declaration, which a CIB never has; hacc reads no DTD and no entities\n`);
  });

  it("an entity XML does not define (no DTD declares one): exit 1 and where it is; the five XML entities and character references are read", () => {
    const p = file("entity.xml", '<cib epoch="1" admin_epoch="0" num_updates="0"><configuration>\n<crm_config><cluster_property_set id="o"><nvpair id="o-a" name="a" value="x &foo; y"/></cluster_property_set></crm_config></configuration></cib>\n');
    const r = hacc(["plan", site, "--live", p]);
    expect(r.code).toBe(1);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: ${p}:2:77: refused: the entity reference \`&foo;\`, which XML does not define (a CIB uses &amp; &lt; &gt; &quot; &apos; and &#...; only)\n`);
    const fine = file("entities.xml", '<cib epoch="1" admin_epoch="0" num_updates="0"><configuration><crm_config><cluster_property_set id="o"><nvpair id="o-a" name="batch-limit" value="&#55;&amp;&lt;&gt;&quot;&apos;&#x41;"/></cluster_property_set></crm_config></configuration><!-- &nbsp; --></cib>\n');
    const ok = hacc(["plan", site, "--live", fine]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`= batch-limit = "7&<>\\"'A"  (kept, not declared by the site)`);
  });

  it("an empty file: exit 1, line 1 column 1, and says so", () => {
    const p = file("empty.xml", "");
    const r = hacc(["plan", site, "--live", p]);
    expect(r.code).toBe(1);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: ${p}:1:1: not well-formed XML: the file is empty\n`);
  });

  it("an unclosed CDATA after the root element (which the validator passes and the parser throws on; found by fuzzing): exit 1", () => {
    const p = file("cdata.xml", '<x></x><![CDATA[<cib epoch="1" admin_epoch="0" num_updates="0"></cib>\n');
    const r = hacc(["plan", site, "--live", p]);
    expect(r.code).toBe(1);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: ${p}:1:1: not well-formed XML: CDATA is not closed.\n`);
  });

  it("elements nested deeper than 64 (100 and 100,000 deep): exit 1 and a message", () => {
    for (const depth of [100, 100_000]) {
      const p = file(`deep-${depth}.xml`, `<cib epoch="1" admin_epoch="0" num_updates="0"><configuration>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</configuration></cib>\n`);
      const r = hacc(["plan", site, "--live", p]);
      expect(r.code).toBe(1);
      expect(stripSeedWarnings(r.stderr)).toMatch(/^hacc: .*:1:\d+: refused: elements nested more than 64 deep, which a CIB never is\n$/);
    }
  });
});
