import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import type { Cib } from "../../src/ir/types.js";
import { compareCibs, isEmpty } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { planAgainstLive } from "../../src/review/plan.js";
import { renderChanges } from "../../src/review/render.js";
import { analyzeText, HEADER } from "../helpers.js";

function compile(text: string): Cib {
  const r = analyzeText(text);
  if (!r.value.cib) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value.cib;
}

const SITE = HEADER + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\ntag t = a, b;\n";

function live(text: string) {
  const l = readLiveCib(text);
  if ("error" in l) throw new Error("unreadable");
  return l.value;
}

describe("tags in diff and plan", () => {
  it("a CIB compiled from a site reads back as the same site (no change); the ownership tag is not one of its tags", () => {
    const l = live(emitCibFull(compile(SITE)));
    expect(l.cib.tags).toEqual([{ id: "t", refs: ["a", "b"] }]);
    expect(isEmpty(compareCibs(l.cib, compile(SITE), { live: true }))).toBe(true);
  });

  it("diff shows a tag added, changed (its members, in order) and removed", () => {
    const next = SITE.replace("tag t = a, b;", "tag t = b, a;\ntag u = a;");
    expect(renderChanges(compareCibs(compile(SITE), compile(next)))).toEqual(["tags:", "  ~ tag t: a, b -> b, a", "  + tag u = a"]);
    expect(renderChanges(compareCibs(compile(SITE), compile(SITE.replace("tag t = a, b;\n", ""))))).toEqual(["tags:", "  - tag t = a, b"]);
  });

  it("plan refuses to add or change a tag, proceeds when the live one is the site's, and keeps a live tag the site does not declare", () => {
    const empty = live('<cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>');
    expect(planAgainstLive(empty, compile(SITE)).refusals).toContainEqual(expect.stringMatching(/^tag `t` is not in the live CIB: hacc plan does not write tags yet/));
    const l = live(emitCibFull(compile(SITE)));
    expect(planAgainstLive(l, compile(SITE)).refusals).toEqual([]);
    expect(planAgainstLive(l, compile(SITE.replace("tag t = a, b;", "tag t = a;"))).refusals).toEqual([expect.stringMatching(/^tag `t` differs from the live one/)]);
    const without = planAgainstLive(l, compile(SITE.replace("tag t = a, b;\n", "")));
    expect(without.refusals).toEqual([]);
    expect(without.changes.tags).toEqual([{ op: "keep", id: "t", from: ["a", "b"], kept: "not declared by the site (a plan keeps the tags it does not declare)" }]);
    expect(without.leftAlone.map((x) => x.id)).toContain("t");
  });
});
