import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { checkFailover } from "../../src/check/failover.js";
import { failoverReport } from "../../src/placement/index.js";
import { analyze } from "../../src/compile.js";
import { stdlib } from "../helpers.js";

describe("the N-1 check at scale", () => {
  it("checks every single host failure of a 1,000-guest site in well under 2 s", () => {
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
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect(checkFailover(site)).toEqual([]);
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeLessThan(2000);
  }, 60_000);
});
