import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { applied, run, scratch, section, simulated, started } from "../pacemaker-tools.js";

/**
 * A resource's `params` and `meta` sets with rules and scores, and a group's
 * and a clone's parameters, judged by Pacemaker's own tools: the CIB
 * fragment, the pcs script (cibadmin) and crmsh build the same
 * `<resources>` (the ids crmsh chooses for a rule's tests aside), crm_verify
 * accepts it, crm_simulate's transition graph shows each node's probe
 * carrying the value docs/language.md says (a params rule per node; the
 * higher score, then the later set; a meta rule's node test never holds),
 * and the CIB imports back to the same blocks.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "resource-sets.ha");
const FREE = new Set(["expression", "date_expression", "op"]);

/** Each probe (`monitor` of interval 0) of the graph: `RSC@NODE` and the parameter `name` it carries ("-" without one). */
function probes(graph: string, name: string): string[] {
  const out: string[] = [];
  for (const m of graph.matchAll(/<rsc_op [^>]*operation_key="([^"]+)_monitor_0"[^>]*on_node="([^"]+)"[^>]*>\s*<primitive [^>]*>\s*<attributes ([^>]*)>/g)) {
    const value = new RegExp(` ${name}="([^"]*)"`).exec(` ${m[3]!}`)?.[1] ?? "-";
    out.push(`${m[1]!.replace(/:\d+$/, "")}@${m[2]!}=${value}`);
  }
  return [...new Set(out)].sort();
}

const head = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n";
const fake = (block: string) => probes(simulated(`${head}resource d ocf:pacemaker:Dummy {\n${block}} on n1;\n`).graph, "fake");

describe.skipIf(!tools)("params and meta sets, judged by Pacemaker", () => {
  it("the CIB fragment, the pcs script and crmsh build the same resources, which crm_verify accepts and the importer reads back", () => {
    const dir = scratch("rsets");
    const show = (cib: string) => section(readFileSync(cib, "utf8"), "resources", { free: FREE, dropAnd: true, sortSets: true });
    const ref = applied(SITE, "cib", dir);
    const want = show(ref);
    expect(want).toContain('<instance_attributes id="d-ranked" score="5">');
    expect(want).toContain('<instance_attributes id="g-instance_attributes">');
    for (const target of ["pcs", "crmsh"] as const) {
      const cib = applied(SITE, target, dir);
      expect(show(cib), target).toBe(want);
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, `${target}: ${v.out}`).toBe(0);
    }
    const back = importCib(readFileSync(join(dir, "pcs.xml"), "utf8"));
    expect("text" in back && back.text).toContain('  params score 5 when "#uname" eq n1 named d-ranked {\n    fake = ranked;\n  }\n');
    expect("text" in back && back.text).toContain("group g k {\n  fake = from-group;\n}");
  });

  it("each node's probe carries the value of the set that holds there: a params rule is read per node, a group's and a clone's parameters reach their members", () => {
    const { graph } = simulated(readFileSync(SITE, "utf8"));
    expect(probes(graph, "fake")).toEqual(["d@n1=ranked", "d@n2=on-n2", "f@n1=-", "f@n2=-", "k@n1=from-group", "k@n2=from-group", "m@n1=from-clone", "m@n2=from-clone"]);
    expect(probes(graph, "state")).toEqual(["d@n1=-", "d@n2=-", "f@n1=-", "f@n2=/run/t-n2", "k@n1=-", "k@n2=-", "m@n1=-", "m@n2=-"]);
  });

  it("of one score the later set wins, the plain set counting as score 0 written first; a set of a negative score never beats it (HA4145)", () => {
    expect(fake("  fake = plain;\n  params when date gt 2001-01-01 { fake = set; }\n")).toEqual(["d@n1=set", "d@n2=set"]);
    expect(fake("  params when date gt 2001-01-01 { fake = one; }\n  params when date gt 2002-01-01 { fake = two; }\n")).toEqual(["d@n1=two", "d@n2=two"]);
    expect(fake("  params score 1 when date gt 2001-01-01 { fake = one; }\n  params when date gt 2002-01-01 { fake = two; }\n")).toEqual(["d@n1=one", "d@n2=one"]);
    const negative = "  fake = plain;\n  params score -5 when date gt 2001-01-01 { fake = neg; }\n";
    expect(fake(negative)).toEqual(["d@n1=plain", "d@n2=plain"]);
    const r = hacc(["check", "-"], { input: `${head}resource d ocf:pacemaker:Dummy {\n${negative}} on n1;\n` });
    expect(r.stdout + r.stderr).toContain("warning[HA4145]");
  });

  it("a node attribute test in a meta set never holds, not even `ne` or `not_defined` (HA4144)", () => {
    for (const test of ['"#uname" eq n1', '"#uname" ne n1', "not_defined rack"]) {
      expect(started(`${head}resource d ocf:pacemaker:Dummy {\n  meta when ${test} { target-role = Stopped; }\n} on n1;\n`), test).toEqual(["d"]);
    }
    expect(started(`${head}resource d ocf:pacemaker:Dummy {\n  meta when date gt 2001-01-01 { target-role = Stopped; }\n} on n1;\n`)).toEqual([]);
  });
});
