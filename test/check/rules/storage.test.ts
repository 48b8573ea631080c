import { describe, expect, it } from "vitest";
import { analyzeText, HEADER } from "../../helpers.js";

describe("storage: shared Lustre targets (HA4007, HA4008, HA4010)", () => {
  const ost = (body: string, on: string) => `resource ost0 ocf:lustre:Lustre {\n  target = "/dev/sdf";\n  mountpoint = "/lustre/ost0";\n${body}} on ${on};\n`;

  it("warns when a target on a failover pair has no MMP", () => {
    const ds = analyzeText(HEADER + ost("", "n1 prefer 500, n2 100")).diagnostics;
    expect(ds.map((d) => `${d.code}:${d.severity}`)).toEqual(["HA4007:warning"]);
    expect(analyzeText(HEADER + ost("  shared;\n  mmp 60s;\n", "n1 prefer 500, n2 100")).diagnostics).toEqual([]);
  });

  it("warns about a shared target on one host and an MMP interval under 60 s", () => {
    expect(analyzeText(HEADER + ost("  shared;\n  mmp 10s;\n", "n1")).diagnostics.map((d) => d.code)).toEqual(["HA4008", "HA4010"]);
  });
});
