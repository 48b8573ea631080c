import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * docs/failover.md shows `hacc simulate` on the example; every such block is
 * what the command prints today.
 */
const tools = havePacemaker(["crm_simulate"]);
const DOC = readFileSync(join(ROOT, "docs", "failover.md"), "utf8");
const blocks = [...DOC.matchAll(/```\n\$ hacc simulate (\S+)((?: --\S+ \S+)*)\n([\s\S]*?)```/g)].map((m) => ({
  site: m[1]!,
  args: m[2]!.trim() === "" ? [] : m[2]!.trim().split(" "),
  output: m[3]!,
}));

describe.skipIf(!tools)("docs/failover.md", () => {
  it("shows seven simulate runs", () => {
    expect(blocks.map((b) => `${b.site.replace("examples/", "")} ${b.args.join(" ")}`.trim())).toEqual([
      "storage-cluster.ha",
      "storage-cluster.ha --fail nio006",
      "storage-cluster.ha --fail nio005",
      "storage-cluster.ha --fail nio005,nio006",
      "storage-cluster-symmetric.ha --fail nio005,nio006",
      "test/fidelity/cases/unseen-tie.ha --engine hacc",
      "storage-cluster.ha --fail nio006 --engine hacc",
    ]);
  });
  for (const b of blocks) {
    it(`hacc simulate ${b.site} ${b.args.join(" ")} prints what the page shows`, () => {
      const r = hacc(["simulate", b.site, ...b.args]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(b.output);
    });
  }
});
