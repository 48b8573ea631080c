import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import type { Cib, RuledSet } from "../../src/ir/types.js";
import { defaultSetText } from "../../src/review/compare-defaults.js";
import { compareCibs, isEmpty } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { planAgainstLive, renderPlan } from "../../src/review/plan.js";
import { analyzeText, hacc, havePacemaker } from "../helpers.js";

/**
 * Property sets with a rule or a score through `hacc plan`, as defaults sets
 * go: added, changed (deleted by id and written anew) and, with --prune and
 * only when the ownership tag lists them, removed; `named ID` keeps a set's
 * id where it is, whatever is written before it; and a set the site no
 * longer declares is said to be kept.
 */
const tools = havePacemaker(["cibadmin", "crm_verify", "pcs", "crm"]);

const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  defaults priority = 1;\n";
const TAIL = "}\nresource d ocf:pacemaker:Dummy on n1;\n";
const XMAS = "  property score 100 when date in_range 2026-12-24 to 2026-12-27 named xmas { maintenance-mode = true; }\n";
const CALM = "  property when date gt 2000-01-01 { batch-limit = 10; }\n";
const LATE = "  property score 20 when date gt 2030-01-01 { cluster-delay = 90s; }\n";
const BEFORE = `${HEAD}${XMAS}${CALM}${LATE}${TAIL}`;
// xmas changes (another end), calm stays, late goes, and a new one comes.
const AFTER = `${HEAD}${XMAS.replace("2026-12-27", "2026-12-28")}${CALM}  property when date gt 2001-01-01 named newer { cluster-recheck-interval = 5min; }\n${TAIL}`;
/** A maintenance window an administrator set by hand: the site never owned it. */
const BY_HAND =
  '<configuration><crm_config><cluster_property_set id="window"><rule id="window-rule" score="INFINITY"><date_expression id="window-expr" operation="gt" start="2020-01-01"/></rule><nvpair id="window-m" name="no-quorum-policy" value="freeze"/></cluster_property_set></crm_config></configuration>';

function cib(text: string): Cib {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

function live(text: string) {
  const r = readLiveCib(emitCibFull(cib(text)));
  if ("error" in r) throw new Error("unreadable");
  return r.value;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

function read(path: string) {
  const r = readLiveCib(readFileSync(path, "utf8"));
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe("property sets in a plan", () => {
  it("a changed one is a change the plan writes, not a refusal", () => {
    const p = planAgainstLive(live(BEFORE), cib(BEFORE.replace("2026-12-27", "2026-12-28")));
    expect(p.refusals).toEqual([]);
    expect(p.changes.defaultSets?.map((d) => [d.op, d.old?.id, d.new?.id])).toEqual([["change", "xmas", "xmas"]]);
  });

  it("one the site drops is removed when the ownership tag lists it, as a resource is, --prune or not; kept with --keep-undeclared", () => {
    const dropped = cib(`${HEAD}${XMAS}${CALM}${TAIL}`);
    const removed = planAgainstLive(live(BEFORE), dropped);
    expect(removed.changes.defaultSets?.map((d) => [d.op, d.old?.id])).toEqual([["remove", "cluster-options-2"]]);
    expect(removed.tag?.refs).not.toContain("cluster-options-2");
    const text = renderPlan(removed, { site: "s.ha", live: "l.xml" }).join("\n");
    expect(text).toContain("  - property score 20 when date gt 2030-01-01 { cluster-delay = 90s; }");
    expect(text).not.toContain("only with --prune");
    const pruned = planAgainstLive(live(BEFORE), dropped, { prune: true });
    expect(pruned.changes.defaultSets?.map((d) => [d.op, d.old?.id])).toEqual([["remove", "cluster-options-2"]]);
    const kept = planAgainstLive(live(BEFORE), dropped, { keepUndeclared: true });
    expect(kept.changes.defaultSets?.map((d) => [d.op, d.old?.id, d.kept])).toEqual([["keep", "cluster-options-2", "not declared by the site"]]);
    // Still listed by the ownership tag, so that a later plan without --keep-undeclared removes it.
    expect(kept.tag?.refs).toContain("cluster-options-2");
    // One the tag does not list (made by hand) stays, pruned or not.
    const xml = emitCibFull(cib(BEFORE)).replace("</crm_config>", `${BY_HAND.slice("<configuration><crm_config>".length, -"</crm_config></configuration>".length)}</crm_config>`);
    const r = readLiveCib(xml);
    if ("error" in r) throw new Error("unreadable");
    const foreign = planAgainstLive(r.value, cib(BEFORE), { prune: true });
    expect(foreign.changes.defaultSets?.map((d) => [d.op, d.old?.id, d.kept])).toEqual([
      ["keep", "window", "not this site's (not in hacc-c); a plan removes a property set only when hacc-c lists it, --prune or not"],
    ]);
  });

  it("a defaults set the site drops is said to be kept, as other kept objects are", () => {
    const RULED = "  defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }\n";
    const p = planAgainstLive(live(`${HEAD}${RULED}${TAIL}`), cib(`${HEAD}${TAIL}`));
    const text = renderPlan(p, { site: "s.ha", live: "l.xml" }).join("\n");
    expect(text).toContain("  1 live object is kept exactly as it is (=); --prune removes those the site never owned");
  });

  it("a set named and written before another leaves the other's id: the plan adds that one only", () => {
    const RULED = "  defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }\n";
    const before = `${HEAD}${RULED}${CALM}${TAIL}`;
    const inserted = `${HEAD}  defaults score 5 when date gt 2027-01-01 named new-year { resource-stickiness = 0; }\n  property score 7 named early { batch-limit = 5; }\n${RULED}${CALM}${TAIL}`;
    const p = planAgainstLive(live(before), cib(inserted));
    expect(p.refusals).toEqual([]);
    expect(p.changes.defaultSets?.map((d) => [d.op, d.new?.id])).toEqual([
      ["add", "early"],
      ["add", "new-year"],
    ]);
    expect(cib(inserted).rscDefaultSets?.map((s) => s.id)).toEqual(["new-year", "rsc-options-1"]);
    expect(cib(inserted).propertySets?.map((s) => s.id)).toEqual(["early", "cluster-options-1"]);
  });

  it("two sets of one id are HA2005, as a named set and another object", () => {
    const r = analyzeText(`${HEAD}${XMAS}  defaults score 5 named xmas { priority = 2; }\n  op-defaults score 5 named d { timeout = 5s; }\n${TAIL}`);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HA2005", "the id `xmas` of a `defaults` set `xmas` is already taken by a `property` set `xmas`"],
      ["HA2005", "the id `d` of an `op-defaults` set `d` is already taken by resource `d`"],
    ]);
  });
});

describe("importing sets whose ids are not hacc's", () => {
  it("writes `named ID` for them, so that the site compiles back to the same ids and a plan finds nothing to do", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-setsplan-"));
    // pcs and administrators name sets as they like; the second of each section here has hacc's id for its place.
    const xml = emitCibFull(cib(`${HEAD}${CALM}${LATE}  defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }\n${TAIL}`))
      .replaceAll("cluster-options-1", "calm-by-pcs")
      .replaceAll("cluster-options-2", "cluster-options-1")
      .replaceAll("rsc-options-1", "my-defaults");
    const path = join(d, "live.xml");
    writeFileSync(path, xml);
    const imported = hacc(["import", path]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("  property when date gt 2000-01-01 named calm-by-pcs {\n");
    expect(imported.stdout).toContain("  property score 20 when date gt 2030-01-01 {\n");
    expect(imported.stdout).toContain("  defaults score 10 when resource ocf:pacemaker:Dummy named my-defaults {\n");
    const site = cib(imported.stdout);
    expect(site.propertySets?.map((s) => s.id)).toEqual(["calm-by-pcs", "cluster-options-1"]);
    expect(site.rscDefaultSets?.map((s) => s.id)).toEqual(["my-defaults"]);
    const sitePath = join(d, "site.ha");
    writeFileSync(sitePath, imported.stdout);
    const again = hacc(["plan", sitePath, "--live", path]);
    expect(again.stdout).toContain("no changes");
    expect(again.stdout).not.toMatch(/^ {2}[+~-] (property|defaults)/m);
  });
});

describe.skipIf(!tools)("property sets in a plan, with Pacemaker's tools", () => {
  for (const target of ["cib", "pcs", "crmsh"]) {
    it(`the ${target} plan --prune writes them as the site compiles them and keeps the administrator's own`, { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), "hacc-setsplan-"));
      const before = join(d, "before.ha");
      writeFileSync(before, BEFORE);
      const livePath = join(d, "live.xml");
      expect(hacc(["compile", before, "--target", "cib", "--full", "-o", livePath]).code).toBe(0);
      const byHand = run("cibadmin", ["--modify", "--allow-create", "-X", BY_HAND], { CIB_file: livePath });
      expect(byHand.code, byHand.out).toBe(0);

      const after = join(d, "after.ha");
      writeFileSync(after, AFTER);
      const script = join(d, "plan.sh");
      const planned = hacc(["plan", after, "--live", livePath, "--target", target, "--prune", "-o", script]);
      expect(planned.code, planned.stderr).toBe(0);
      expect(readFileSync(script, "utf8")).toContain("#   - property score 20 when date gt 2030-01-01 { cluster-delay = 90s; }\n");
      const copy = join(d, "copy.xml");
      copyFileSync(livePath, copy);
      const applied = run("bash", [script, copy]);
      expect(applied.code, applied.out).toBe(0);

      const full = join(d, "full.xml");
      expect(hacc(["compile", after, "--target", "cib", "--full", "-o", full]).code).toBe(0);
      const result = read(copy);
      const compiled = read(full).cib;
      // The site's sets are there with the site's ids and say what the site says (a changed one is written anew last; crmsh
      // names a rule's tests itself); nothing else differs.
      const said = (sets: readonly RuledSet[] | undefined) => (sets ?? []).map((s) => `${s.id}: ${defaultSetText("property", s)}`).sort();
      expect(said(result.cib.propertySets?.filter((s) => s.id !== "window"))).toEqual(said(compiled.propertySets));
      expect(isEmpty(compareCibs(result.cib, compiled, { keepUndeclared: true }))).toBe(true);
      // The administrator's set is byte for byte what it was.
      const xpath = "//cluster_property_set[@id='window']";
      const was = run("cibadmin", ["--query", "--xpath", xpath], { CIB_file: livePath });
      expect(was.stdout).toContain('<cluster_property_set id="window">');
      expect(run("cibadmin", ["--query", "--xpath", xpath], { CIB_file: copy }).stdout).toBe(was.stdout);
      expect(result.tags.find((t) => t.id === "hacc-c")?.refs).toEqual(["d", "location-d-n1", "xmas", "cluster-options-1", "newer"]);
      expect(run("crm_verify", ["--xml-file", copy]).code).toBe(0);
      const again = hacc(["plan", after, "--live", copy, "--target", target, "--prune"]);
      expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
    });
  }
});
