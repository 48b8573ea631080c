import { describe, expect, it } from "vitest";
import { analyzeText } from "../helpers.js";

/**
 * The failure model (docs/failover.md): the VF checks ask what the placement
 * prediction puts together on a host with at most `host-failures` hosts down,
 * through any sequence of failures and recoveries, not what could ever run there.
 */

const vfs = (first: number, count = 2) =>
  Array.from({ length: count }, (_, i) => {
    const vf = first + i;
    return `  ib 0000:82:${((vf >> 3) + 1).toString(16).padStart(2, "0")}.${vf & 7} at 00:${(5 + i).toString(16).padStart(2, "0")}.0;\n`;
  }).join("");
const guest = (name: string, on: string, first: number) =>
  `guest ${name} on ${on} {\n${vfs(first)}}\n`;
const slotCodes = (text: string) =>
  analyzeText(text)
    .diagnostics.filter((d) => ["HA4001", "HA4003"].includes(d.code))
    .map((d) => `${d.code}: ${d.message}`);

/** Three hosts in a ring, two guests of two VFs each per host, each failing over to the next host. */
function ring(cVfs: number): string {
  let t = "cluster c {\n  nodes ha, hb, hc;\n}\n";
  const next: Record<string, string> = { ha: "hb", hb: "hc", hc: "ha" };
  const first: Record<string, number> = { ha: 0, hb: 4, hc: cVfs };
  for (const h of ["ha", "hb", "hc"])
    for (let j = 0; j < 2; j++)
      t += guest(
        `g${h}${j}`,
        `${h} prefer 500, ${next[h]} 100`,
        first[h]! + 2 * j,
      );
  return t;
}

/** N+1: three hosts whose guests all fail over to one spare; the same VFs on every host. */
function spare(extra = ""): string {
  let t = `cluster c {\n  nodes h1, h2, h3, hs;\n  property symmetric-cluster = false;\n${extra}}\n`;
  for (const h of ["h1", "h2", "h3"])
    for (let j = 0; j < 2; j++)
      t += guest(`g${h}${j}`, `${h} prefer 500, hs 100`, 2 * j);
  return t;
}

describe("the failure model of the VF checks", () => {
  it("accepts a ring whose hosts hold at most 8 VFs after any single failure", () => {
    // Every guest may run on every host (a symmetric cluster): the worst case would count 12 VFs per host.
    expect(slotCodes(ring(8))).toEqual([]);
    // The third host's guests reuse the first host's VFs: they meet there when the third host fails.
    const clash = slotCodes(ring(0));
    expect(clash.length).toBeGreaterThan(0);
    expect(clash[0]).toBe(
      "HA4001: host VF `0000:82:01.0` is claimed by guests `gha0` and `ghc0`, which both run on `ha` after `hc` fails",
    );
  });

  it("accepts an N+1 spare without stickiness: one host's guests at a time", () => {
    expect(slotCodes(spare())).toEqual([]);
  });

  it("with stickiness INFINITY, a guest stays on the spare after its host comes back, and meets the next host's guests there", () => {
    const ds = slotCodes(spare("  defaults resource-stickiness = INFINITY;\n"));
    expect(ds).toContain(
      "HA4001: host VF `0000:82:01.0` is claimed by guests `gh10` and `gh20`, which both run on `hs` after `h1` fails, `h1` comes back, `h2` fails",
    );
    // Stickiness below the preference: the guests go home, nothing clashes.
    expect(slotCodes(spare("  defaults resource-stickiness = 100;\n"))).toEqual(
      [],
    );
  });

  it("catches a guest pulled onto a host it scores negatively by a colocation", () => {
    const text = `cluster c {
  nodes nio005, nio006;
  property symmetric-cluster = false;
}
${guest("ga", "nio005 prefer 500, nio006 -100", 0)}${guest("gb", "nio006 prefer 500", 0)}colocate vm-ga with vm-gb 200;
`;
    expect(slotCodes(text)).toEqual([
      "HA4001: host VF `0000:82:01.0` is claimed by guests `ga` and `gb`, which both run on `nio006` after `nio005` fails",
      "HA4001: host VF `0000:82:01.1` is claimed by guests `ga` and `gb`, which both run on `nio006` after `nio005` fails",
    ]);
    // Without the colocation the negative score keeps `ga` off `nio006`: it stops instead.
    expect(
      slotCodes(text.replace("colocate vm-ga with vm-gb 200;\n", "")),
    ).toEqual([]);
  });

  it("reports a clash that needs two failures only when the site declares `host-failures 2`", () => {
    const site = (k: string) => `cluster c {
  nodes a, b, c;
  property symmetric-cluster = false;
${k}}
${guest("x", "a prefer 500, b 100, c 50", 0)}${guest("y", "c prefer 500", 0)}`;
    expect(slotCodes(site(""))).toEqual([]);
    expect(slotCodes(site("  host-failures 1;\n"))).toEqual([]);
    const two = slotCodes(site("  host-failures 2;\n"));
    expect(two[0]).toBe(
      "HA4001: host VF `0000:82:01.0` is claimed by guests `x` and `y`, which both run on `c` after `a` and `b` fail",
    );
  });

  it("with `host-failures 0` checks the hosts with all hosts up only", () => {
    expect(
      slotCodes(
        spare(
          "  defaults resource-stickiness = INFINITY;\n  host-failures 0;\n",
        ),
      ),
    ).toEqual([]);
    const ds = analyzeText(spare("  host-failures 0;\n")).diagnostics;
    expect(ds.filter((d) => d.code.startsWith("HA401"))).toEqual([]);
  });

  it("rejects a failure count that is not a whole number", () => {
    const ds = analyzeText(
      "cluster c {\n  nodes a;\n  host-failures two;\n}\n",
    ).diagnostics;
    expect(ds.map((d) => `${d.code}: ${d.message}`)).toEqual([
      "HA3014: `two` is not a whole number",
    ]);
  });
});

describe("the N-1 check with more than one failure", () => {
  it("with `host-failures 2` a guest of two hosts has nowhere to go when both fail", () => {
    const site = (k: string) => `cluster c {
  nodes n1, n2, n3;
  property symmetric-cluster = false;
${k}}
guest g on n1 prefer 500, n2 100 { }
guest h on n3 prefer 500, n1 100, n2 50 { }
`;
    const n1 = (text: string) =>
      analyzeText(text)
        .diagnostics.filter((d) => d.code === "HA4011")
        .map((d) => d.message);
    expect(n1(site(""))).toEqual([]);
    expect(n1(site("  host-failures 2;\n"))).toEqual([
      "if `n1` and `n2` fail, guest `g` has nowhere to go: `n1`, `n2` are the only hosts it may run on",
    ]);
  });
});
