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

const SITE = HEADER + "template t ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; fake = a; }\nresource a from t { fake = b; } on n1;\n";

describe("templates in diff and plan", () => {
  it("a CIB compiled from a site reads back as the same site (no change)", () => {
    const live = readLiveCib(emitCibFull(compile(SITE)));
    if ("error" in live) throw new Error("unreadable");
    expect(isEmpty(compareCibs(live.value.cib, compile(SITE), { live: true }))).toBe(true);
  });

  it("diff shows a template's own change, and a resource made from another template as an agent change", () => {
    const next = SITE.replace("fake = a;", "fake = c;").replace("resource a from t", "resource a ocf:heartbeat:Dummy");
    expect(renderChanges(compareCibs(compile(SITE), compile(next)))).toEqual([
      "templates:",
      "  ~ template t (ocf:heartbeat:Dummy)",
      "      ~ param fake: a -> c",
      "resources:",
      "  ~ primitive a (ocf:heartbeat:Dummy)",
      '      ~ agent: "from t" -> ocf:heartbeat:Dummy',
      "      + op start 0s (timeout 20s)",
      "      + op stop 0s (timeout 20s)",
      "      + op monitor 10s (timeout 20s)",
      "      (deleted and created again, because its agent changes)",
    ]);
  });

  it("plan adds a template the live CIB lacks, finds one compiled from the site equal, and removes a live one hacc-c lists that the site no longer declares, --prune or not", () => {
    const empty = readLiveCib('<cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>');
    if ("error" in empty) throw new Error("unreadable");
    const plan = planAgainstLive(empty.value, compile(SITE));
    expect(plan.refusals).toEqual([]);
    expect(plan.changes.templates?.map((t) => [t.op, t.id])).toEqual([["add", "t"]]);
    expect(plan.tag?.refs).toEqual(["a", "location-a-n1", "t"]);
    const live = readLiveCib(emitCibFull(compile(SITE)));
    if ("error" in live) throw new Error("unreadable");
    const same = planAgainstLive(live.value, compile(SITE));
    expect(same.refusals).toEqual([]);
    expect(isEmpty(same.changes)).toBe(true);
    const site = compile(HEADER + "resource z ocf:heartbeat:Dummy on n1;\n");
    // hacc-c lists `a`, made from it, and the template: both go, as any owned object the site drops.
    expect(planAgainstLive(live.value, site, { prune: false }).changes.templates?.map((t) => [t.op, t.id])).toEqual([["remove", "t"]]);
    expect(planAgainstLive(live.value, site, { prune: true }).changes.templates?.map((t) => [t.op, t.id])).toEqual([["remove", "t"]]);
  });
});
