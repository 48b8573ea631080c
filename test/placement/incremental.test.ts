import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { analyze } from "../../src/compile.js";
import { Incremental } from "../../src/placement/incremental.js";
import { Placer } from "../../src/placement/placer.js";
import { planOf, type FailoverPlan } from "../../src/placement/site-index.js";
import { stdlib } from "../helpers.js";
import { generate, type GenOptions } from "./sites.js";

/** Every part placed from scratch, with `down` offline and resources running where `current` says. */
function full(plan: FailoverPlan, down: readonly number[], current: Int32Array | undefined): Int32Array {
  const placer = new Placer(plan);
  const out = new Int32Array(plan.placeables.length);
  placer.setUp(down, false);
  for (const part of plan.parts) placer.placePart(part, current, out);
  return out;
}

function planFor(text: string): FailoverPlan {
  return planOf(analyze(stdlib(), [{ file: "gen.ha", text }], { n1: false }).value.site!);
}

/**
 * Incremental placement against full placement: the base, every single and
 * double host failure from it, and from a placement some failure left behind
 * (its resources running elsewhere now), with and without a host down.
 */
function compare(plan: FailoverPlan): number {
  let cases = 0;
  const allUp = full(plan, [], undefined);
  const nodes = plan.nodes.map((_, i) => i);
  for (const current of [undefined, allUp]) {
    const placer = new Placer(plan);
    const inc = new Incremental(plan, placer, current);
    expect([...inc.base]).toEqual([...full(plan, [], current)]);
    const from = current ?? new Int32Array(plan.placeables.length).fill(-1);
    const downs: number[][] = [...nodes.map((n) => [n]), ...nodes.flatMap((a) => nodes.filter((b) => b > a).map((b) => [a, b]))];
    for (const down of downs) {
      const out = inc.base.slice();
      inc.place(down, from, [], out);
      expect([...out], `down ${down.map((n) => plan.nodes[n]).join(",")}`).toEqual([...full(plan, down, current)]);
      cases++;
    }
    if (current === undefined) continue;
    // From where a failure left things: the moved resources run elsewhere now.
    for (const failed of nodes) {
      const after = full(plan, [failed], current);
      const moved = plan.placeables.filter((p) => after[p.index] !== current[p.index]);
      for (const down of [[], ...nodes.filter((n) => n !== failed).map((n) => [n])]) {
        const out = inc.base.slice();
        inc.place(down, after, moved, out);
        expect([...out], `after ${plan.nodes[failed]}, down ${down.map((n) => plan.nodes[n]).join(",")}`).toEqual([...full(plan, down, after)]);
        cases++;
      }
    }
  }
  return cases;
}

describe("incremental placement", () => {
  it("gives the same placement as placing every part anew, on generated sites", () => {
    let cases = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const o: GenOptions = { hosts: 3 + (seed % 4), guestsPerHost: 1 + (seed % 3), seed, colocations: seed % 2 === 0, symmetric: seed % 3 === 0, capacity: seed % 5 === 0 };
      let text = generate(o).text;
      if (seed % 4 === 1) text = text.replace("cluster gen {\n", `cluster gen {\n  defaults resource-stickiness = ${seed % 8 === 1 ? "INFINITY" : "300"};\n`);
      cases += compare(planFor(text));
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it("gives the same placement where nodes tie and the tally of resources decides", () => {
    // A symmetric cluster: every other node scores 0, so a displaced guest goes where fewest run.
    const hosts = ["h1", "h2", "h3", "h4", "h5"];
    let text = `cluster t {\n  nodes ${hosts.join(", ")};\n  property stonith-enabled = false;\n}\n`;
    hosts.forEach((h, i) => {
      for (let k = 0; k <= i % 3; k++) text += `guest g${i}x${k} on ${h} prefer ${100 + 10 * k} { }\n`;
    });
    // Guests that score two nodes alike: the tally decides, and a displaced guest changes it.
    text += "guest t1 on h1 300, h2 300 { }\nguest t2 on h2 300, h3 300 { }\nguest t3 on h4 300, h5 300 { }\n";
    text += "colocate vm-g1x0 with vm-g4x0 -50;\ncolocate vm-g3x1 with vm-g2x0 20;\n";
    expect(compare(planFor(text))).toBeGreaterThan(30);
  });

  it("gives the same placement on the bench's pair, chain, ring and N+1 spare sites", () => {
    for (const shape of ["pair", "chain", "spare", "ring"] as const) compare(planFor(generateSite({ guests: 24, shape }).text));
  });
});
