import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { checkFailover } from "../../src/check/failover.js";
import { failoverReport, reach } from "../../src/placement/index.js";
import { analyze } from "../../src/compile.js";
import { stdlib } from "../helpers.js";

describe("the N-1 check at scale", () => {
  // Its cost is counted in test/bench/scaling.test.ts and timed by the benchmarks (bench/), not here.
  it("checks every single host failure of a 1,000-guest site", () => {
    const shape = generateSite({ guests: 1000 });
    const site = analyze(stdlib(), [{ file: "big.ha", text: shape.text }], { n1: false }).value.site!;
    const report = failoverReport(site);
    expect(report.scenarios).toHaveLength(shape.hosts);
    // Each failure moves the failed host's guests and targets to the other host of its pair.
    for (const sc of report.scenarios) {
      expect(sc.moves.length).toBeGreaterThan(0);
      for (const m of sc.moves) {
        expect(m.from).toBe(sc.failed);
        expect(m.to).toBeDefined();
      }
    }
    expect(checkFailover(site)).toEqual([]);
  }, 60_000);
});

describe("the failure model at scale", () => {
  // Work counts, not time: the resources placed again over every step of the failure model.
  const work = (guests: number, shape: "pair" | "chain" | "spare" | "ring") => {
    const site = analyze(stdlib(), [{ file: "big.ha", text: generateSite({ guests, shape }).text }], { n1: false }).value.site!;
    const r = reach(site, 1);
    return { states: r.parts.reduce((n, p) => n + p.states.length, 0), redone: r.redone, complete: r.parts.every((p) => p.complete) };
  };
  it("grows linearly with the site for pair-, chain-, spare- and ring-shaped sites", () => {
    for (const shape of ["pair", "chain", "spare", "ring"] as const) {
      const small = work(200, shape);
      const large = work(2000, shape);
      expect(small.complete && large.complete).toBe(true);
      expect(large.states / small.states).toBeLessThan(12);
      expect(large.redone / small.redone, shape).toBeLessThan(12);
    }
  }, 120_000);
});
