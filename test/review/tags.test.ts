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

  it("plan adds and changes a tag, finds the live one the site's, and keeps a live tag the site does not declare unless it owns it and --prune", () => {
    const empty = live('<cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>');
    const added = planAgainstLive(empty, compile(SITE));
    expect(added.refusals).toEqual([]);
    expect(added.changes.tags).toEqual([{ op: "add", id: "t", to: ["a", "b"] }]);
    const l = live(emitCibFull(compile(SITE)));
    expect(planAgainstLive(l, compile(SITE)).refusals).toEqual([]);
    expect(isEmpty(planAgainstLive(l, compile(SITE)).changes)).toBe(true);
    const changed = planAgainstLive(l, compile(SITE.replace("tag t = a, b;", "tag t = a;")));
    expect(changed.refusals).toEqual([]);
    expect(changed.changes.tags).toEqual([{ op: "change", id: "t", from: ["a", "b"], to: ["a"] }]);
    const site = compile(SITE.replace("tag t = a, b;\n", ""));
    const without = planAgainstLive(l, site);
    expect(without.refusals).toEqual([]);
    // hacc-c lists `t`: the site dropping it removes it, as it removes a resource it drops.
    expect(without.changes.tags).toEqual([{ op: "remove", id: "t", from: ["a", "b"] }]);
    expect(planAgainstLive(l, site, { prune: true }).changes.tags).toEqual([{ op: "remove", id: "t", from: ["a", "b"] }]);
    // A declared tag the ownership tag does not list yet (written before hacc listed tags) is taken over, and said so.
    const older = live(emitCibFull(compile(SITE)).replace('<obj_ref id="t"/>\n', ""));
    expect(older.tags.find((x) => x.id === "hacc-c")?.refs).not.toContain("t");
    expect(planAgainstLive(older, compile(SITE)).takenOver).toEqual(["t"]);
    // A tag the site's ownership tag does not list is an administrator's: kept even with --prune.
    const byHand = live(emitCibFull(compile(SITE)).replace("</tags>", '<tag id="ops"><obj_ref id="a"/></tag></tags>'));
    expect(planAgainstLive(byHand, compile(SITE), { prune: true }).changes.tags).toEqual([
      { op: "keep", id: "ops", from: ["a"], kept: "not this site's (not in hacc-c); a plan removes a tag only when hacc-c lists it, --prune or not" },
    ]);
  });
});
