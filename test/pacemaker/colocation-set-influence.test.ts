import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { readLiveCib } from "../../src/review/live.js";
import { planAgainstLive, renderPlan } from "../../src/review/plan.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { analyzeText, hacc, havePacemaker } from "../helpers.js";
import { applied, run, scratch, section } from "../pacemaker-tools.js";

/**
 * `influence BOOL` on a colocation of resource sets (`colocate (a, b) with
 * (w) influence false;`): Pacemaker 2.1.5 reads the rsc_colocation's
 * `influence` for every pair the sets make (pcmk_sched_colocation.c,
 * unpack_colocation_set and colocate_rsc_sets call unpack_influence), so
 * with `false` a running `w` is not moved by where `a` and `b` would rather
 * be: they follow it. The CIB and pcs targets write it (pcs's `constraint
 * colocation set` takes a score only, and hacc writes sets with cibadmin
 * anyway); crmsh 4.4's colocation has no influence (`load update` fails:
 * "Unknown attribute near <influence=false>"), so crmsh is HA5010.
 */
const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property no-quorum-policy = ignore;\n}\n";
const SITE = (opts: string) =>
  `${HEAD}resource w ocf:pacemaker:Dummy on n1 50;\nresource a ocf:pacemaker:Dummy on n2 1000;\nresource b ocf:pacemaker:Dummy;\ncolocate (a, b) with (w)${opts};\n`;

function cibOf(text: string) {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

describe("influence on a colocation of resource sets", () => {
  it("is checked as a plain colocation's, imported back as written, and shown by a plan when it changes", () => {
    const bad = analyzeText(`${HEAD}resource a ocf:pacemaker:Dummy;\nresource b ocf:pacemaker:Dummy;\ncolocate (a) with (b) influence maybe influence true;\n`);
    expect(bad.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HA3131", "`maybe` is not a boolean"],
      ["HA3130", "`influence` is written twice in one colocation"],
    ]);
    const xml = emitCibFull(cibOf(SITE(" 100 influence false")));
    expect(xml).toContain('<rsc_colocation id="colocation-set-a-b-w" score="100" influence="false">');
    const back = importCib(xml);
    expect("text" in back && back.text).toContain("colocate (a, b) with (w) 100 influence false;");
    const live = readLiveCib(xml);
    if ("error" in live) throw new Error("unreadable");
    const p = planAgainstLive(live.value, cibOf(SITE(" 100")));
    expect(p.refusals).toEqual([]);
    expect(renderPlan(p, { site: "s.ha", live: "l.xml" }).join("\n")).toContain("  ~ colocation (a, b) with (w): 100 (was colocation (a, b) with (w) influence false: 100)");
  });

  it("crmsh cannot write it: HA5010", () => {
    const d = scratch("setinf");
    const site = join(d, "site.ha");
    writeFileSync(site, SITE(" influence false"));
    const r = hacc(["compile", site, "--target", "crmsh"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[HA5010]: crmsh cannot say the resource sets of constraint `colocation-set-a-b-w` exactly: it sets `influence`, which crmsh's colocation cannot carry");
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "crm_simulate", "crm_verify", "pcs"]))("influence on a colocation of resource sets, judged by Pacemaker", () => {
  it("the CIB and pcs targets write the same constraint, and with false a running `w` stays where it is and the sets follow it", { timeout: 180_000 }, () => {
    const d = scratch("setinf");
    const moves: Record<string, string[]> = {};
    for (const [name, opts] of [["default", ""], ["false", " influence false"]] as const) {
      const site = join(d, `${name}.ha`);
      writeFileSync(site, SITE(opts));
      const cib = applied(site, "cib", d);
      const pcs = applied(site, "pcs", d);
      const show = (f: string) => section(readFileSync(f, "utf8"), "constraints", { free: new Set(["rsc_location"]) });
      expect(show(pcs)).toBe(show(cib));
      expect(run("crm_verify", ["--xml-file", cib]).code).toBe(0);
      // `w` runs on n1 first (the CIB without the colocation, simulated), then the colocation comes.
      const lone = join(d, `${name}-lone.xml`);
      writeFileSync(lone, readFileSync(cib, "utf8").replace(/<rsc_colocation[\s\S]*?<\/rsc_colocation>/, ""));
      const ran = join(d, `${name}-ran.xml`);
      expect(run("crm_simulate", ["-x", lone, "-S", "-u", "n1", "-u", "n2", "-O", ran]).code).toBe(0);
      const colocation = /<rsc_colocation[\s\S]*?<\/rsc_colocation>/.exec(readFileSync(cib, "utf8"))![0];
      const now = join(d, `${name}-now.xml`);
      writeFileSync(now, readFileSync(ran, "utf8").replace("</constraints>", `${colocation}</constraints>`));
      const s = run("crm_simulate", ["-x", now, "-S"]);
      expect(s.code, s.out).toBe(0);
      moves[name] = [...s.out.matchAll(/\* Move\s+(\S+)\s+\(\s*(\S+) -> (\S+)\s*\)/g)].map((m) => `${m[1]} ${m[2]}->${m[3]}`).sort();
    }
    expect(moves).toEqual({ default: ["b n1->n2", "w n1->n2"], false: ["a n2->n1"] });
  });
});
