import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failoverReport } from "../../src/placement/index.js";
import { analyzeText, ROOT } from "../helpers.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

describe("the N-1 report's placements", () => {
  const site = analyzeText(readFileSync(EXAMPLE, "utf8")).value.site!;

  it("predicts the example's failovers: each guest to the other host", () => {
    const r = failoverReport(site);
    expect(Object.fromEntries(r.allUp)).toEqual({ "vm-vnio005": "nio005", "vm-vnio006": "nio006", ost0: "nio005", ost1: "nio006" });
    const by = Object.fromEntries(r.scenarios.map((s) => [s.failed, s.moves.map((m) => `${m.id}: ${m.from} -> ${m.to}`)]));
    expect(by).toEqual({ nio005: ["vm-vnio005: nio005 -> nio006", "ost0: nio005 -> nio006"], nio006: ["vm-vnio006: nio006 -> nio005", "ost1: nio006 -> nio005"] });
  });

  it("read as maps over the predicted resources", () => {
    const r = failoverReport(site);
    const ids = r.plan.placeables.map((p) => p.id);
    for (const placement of [r.allUp, ...r.scenarios.map((s) => s.after)]) {
      expect([...placement.keys()].sort()).toEqual([...ids].sort());
      expect(placement.size).toBe(ids.length);
      expect([...placement.entries()]).toEqual([...placement.keys()].map((id) => [id, placement.get(id)]));
      expect(placement.has("no-such-resource")).toBe(false);
      expect(placement.get("no-such-resource")).toBeUndefined();
    }
    expect(r.plan.byId.get(ids[0]!)?.id).toBe(ids[0]);
  });

  it("stop everything when every host fails at once, and keep all as is when an unknown host does", () => {
    const r = failoverReport(site, [site.nodes, ["no-such-host"]]);
    const [all, none] = r.scenarios;
    expect(all!.failed).toBe(site.nodes.join(", "));
    for (const id of r.plan.placeables.map((p) => p.id)) expect(all!.after.get(id)).toBeUndefined();
    expect(all!.moves.every((m) => m.to === undefined && m.from !== undefined)).toBe(true);
    expect(none!.moves).toEqual([]);
    expect(Object.fromEntries(none!.after)).toEqual(Object.fromEntries(r.allUp));
  });
});
