import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { compareCibs } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { planAgainstLive } from "../../src/review/plan.js";
import { renderChanges } from "../../src/review/render.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText } from "../helpers.js";

/** Defaults sets with rules or scores in review: read from a live CIB, shown by a diff, kept or refused by a plan. */
const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  defaults priority = 1;\n";
const TAIL = "}\nresource d ocf:pacemaker:Dummy on n1;\n";
const RULED = "  defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }\n";
const OP = "  op-defaults when op monitor interval 10s { timeout = 8s; }\n";

function cib(text: string): Cib {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

/** The live CIB as hacc writes the site, with its ownership tag unless `owned` is false. */
function live(text: string, owned = true) {
  const r = readLiveCib(emitCibFull(cib(text), undefined, owned ? undefined : null));
  if ("error" in r) throw new Error("unreadable");
  return r.value;
}

describe("defaults sets in review", () => {
  it("the live reader reads them back as the site has them, leaving nothing unsupported", () => {
    const l = live(`${HEAD}${RULED}${OP}${TAIL}`);
    const site = cib(`${HEAD}${RULED}${OP}${TAIL}`);
    expect(l.cib.rscDefaultSets).toEqual(site.rscDefaultSets);
    expect(l.cib.opDefaultSets).toEqual(site.opDefaultSets);
    expect(l.unsupported).toEqual([]);
    expect(compareCibs(l.cib, site).defaultSets).toBeUndefined();
  });

  it("a diff shows a set added and one removed, in the language's words", () => {
    const cs = compareCibs(cib(`${HEAD}${RULED}${TAIL}`), cib(`${HEAD}${OP}${TAIL}`));
    expect(renderChanges(cs)).toEqual([
      "defaults and property sets:",
      "  + op-defaults when op monitor interval 10s { timeout = 8s; }",
      "  - defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }",
    ]);
  });

  it("a plan keeps a live set the site does not declare unless --prune, and adds one the site declares", () => {
    const kept = planAgainstLive(live(`${HEAD}${RULED}${TAIL}`), cib(`${HEAD}${TAIL}`));
    expect(kept.refusals).toEqual([]);
    expect(kept.changes.defaultSets?.map((d) => [d.op, d.text, d.kept])).toEqual([
      ["keep", "defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }", "not declared by the site (a plan removes defaults sets with a rule or a score only with --prune)"],
    ]);
    const pruned = planAgainstLive(live(`${HEAD}${RULED}${TAIL}`), cib(`${HEAD}${TAIL}`), { prune: true });
    expect(pruned.changes.defaultSets?.map((d) => [d.op, d.old?.id])).toEqual([["remove", "rsc-options-1"]]);
    const added = planAgainstLive(live(`${HEAD}${TAIL}`), cib(`${HEAD}${OP}${TAIL}`));
    expect(added.refusals).toEqual([]);
    expect(added.changes.defaultSets?.map((d) => [d.op, d.text, d.new?.id])).toEqual([["add", "op-defaults when op monitor interval 10s { timeout = 8s; }", "op-options-1"]]);
  });

  it("a set of the same id that says something else is a change (the live one deleted, the site's written)", () => {
    const changed = planAgainstLive(live(`${HEAD}${RULED}${TAIL}`), cib(`${HEAD}${RULED.replace("score 10", "score 20")}${TAIL}`));
    expect(changed.refusals).toEqual([]);
    expect(changed.changes.defaultSets?.map((d) => [d.op, d.from, d.text])).toEqual([
      ["change", "defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }", "defaults score 20 when resource ocf:pacemaker:Dummy { is-managed = false; }"],
    ]);
    expect(renderChanges(changed.changes)).toContain(
      "  ~ defaults score 20 when resource ocf:pacemaker:Dummy { is-managed = false; }  (was defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }; id rsc-options-1)",
    );
  });
});

describe("property sets in review", () => {
  const PROP = "  property score 100 when date in_range 2026-12-24 to 2026-12-27 { maintenance-mode = true; }\n";

  it("the live reader reads them back as the site has them, leaving nothing unsupported", () => {
    const l = live(`${HEAD}${PROP}${TAIL}`);
    expect(l.cib.propertySets).toEqual(cib(`${HEAD}${PROP}${TAIL}`).propertySets);
    expect(l.unsupported).toEqual([]);
    expect(l.cib.properties.pairs.map((p) => p.name)).toEqual(["stonith-enabled"]);
  });

  it("a diff shows one added; a plan keeps a live one the site does not own, removes one it owned, and adds one the site declares", () => {
    expect(renderChanges(compareCibs(cib(`${HEAD}${TAIL}`), cib(`${HEAD}${PROP}${TAIL}`)))).toEqual([
      "defaults and property sets:",
      "  + property score 100 when date in_range 2026-12-24 to 2026-12-27 { maintenance-mode = true; }",
    ]);
    const kept = planAgainstLive(live(`${HEAD}${PROP}${TAIL}`, false), cib(`${HEAD}${TAIL}`));
    expect(kept.refusals).toEqual([]);
    expect(kept.changes.defaultSets?.map((d) => d.op)).toEqual(["keep"]);
    // Written by hacc (its ownership tag lists the set), then dropped from the site: removed, as a dropped resource is.
    const dropped = planAgainstLive(live(`${HEAD}${PROP}${TAIL}`), cib(`${HEAD}${TAIL}`));
    expect(dropped.refusals).toEqual([]);
    expect(dropped.changes.defaultSets?.map((d) => d.op)).toEqual(["remove"]);
    const added = planAgainstLive(live(`${HEAD}${TAIL}`), cib(`${HEAD}${PROP}${TAIL}`));
    expect(added.refusals).toEqual([]);
    expect(added.changes.defaultSets?.map((d) => [d.op, d.new?.id])).toEqual([["add", "cluster-options-1"]]);
  });

  it("a live plain set other than cib-bootstrap-options that shares a name with a ranked set is unsupported (hacc would write it first)", () => {
    const xml = emitCibFull(cib(`${HEAD}${PROP}${TAIL}`)).replace("</crm_config>", '<cluster_property_set id="later"><nvpair id="later-m" name="maintenance-mode" value="false"/></cluster_property_set></crm_config>');
    const r = readLiveCib(xml);
    if ("error" in r) throw new Error("unreadable");
    expect(r.value.unsupported.map((u) => u.reason)).toEqual(["property `maintenance-mode` is set by a plain set other than cib-bootstrap-options and by a set with a rule or a score, which hacc cannot rank"]);
  });
});

describe("cib-bootstrap-options in the live reader", () => {
  const HEADER = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n";
  const xml = (attrs: string, inner: string) =>
    emitCibFull(cib(`${HEADER}}\nresource d ocf:pacemaker:Dummy on n1;\n`)).replace('<cluster_property_set id="cib-bootstrap-options">', `<cluster_property_set id="cib-bootstrap-options"${attrs}>${inner}`);

  it("with a score is the plain properties (Pacemaker reads it first whatever its score)", () => {
    const r = readLiveCib(xml(' score="-100"', ""));
    if ("error" in r) throw new Error("unreadable");
    expect(r.value.unsupported).toEqual([]);
    expect(r.value.cib.propertySets).toBeUndefined();
    expect(r.value.cib.properties.pairs.map((p) => p.name)).toEqual(["stonith-enabled"]);
  });

  it("with a rule is unsupported: a property block would rank it with the others", () => {
    const r = readLiveCib(xml("", '<rule id="r" score="INFINITY"><date_expression id="r-e" operation="gt" start="2026-01-01"/></rule>'));
    if ("error" in r) throw new Error("unreadable");
    expect(r.value.unsupported.map((u) => u.reason)).toEqual(["cib-bootstrap-options with a rule (read before every other set, whatever the scores) has no form in the language"]);
  });
});
