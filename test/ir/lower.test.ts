import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText, CONTRACT, expectGolden, HEADER, ROOT } from "../helpers.js";

describe("IR", () => {
  it("lowers the contract into the Pacemaker object model every emitter prints (golden)", () => {
    const r = analyzeText(readFileSync(CONTRACT, "utf8"));
    expectGolden(join(ROOT, "test", "golden", "ir", "contract.json"), JSON.stringify(r.value.cib, null, 2) + "\n");
  });

  it("marks site-provided agents and guest VMs for the emitters", () => {
    const cib = analyzeText(HEADER + "guest g on n1;\nlwfsd on g after vm;\n").value.cib!;
    expect(cib.resources.map((r) => [r.id, r.kind === "primitive" && r.siteProvided, r.kind === "primitive" ? r.guestNode : undefined])).toEqual([
      ["vm-g", false, "g"],
      ["lwfsd-g", true, undefined],
    ]);
  });

  it("merges the site's op over the agent's default and keeps the other defaults", () => {
    const cib = analyzeText(HEADER + "guest g on n1 { op start timeout 900s; op monitor interval 20s; }\n").value.cib!;
    const vm = cib.resources[0]!;
    expect(vm.kind === "primitive" && vm.ops.map((o) => [o.id, o.attrs])).toEqual([
      ["vm-g-start-interval-0s", [["timeout", "900s"]]],
      ["vm-g-stop-interval-0s", [["timeout", "90s"]]],
      ["vm-g-monitor-interval-20s", [["timeout", "30s"]]],
    ]);
  });
});
