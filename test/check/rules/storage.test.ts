import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

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

  it("`mmp = 60s;` (the item written as a parameter) is one error saying `mmp 60s;`, and counts as MMP", () => {
    const [d] = expectAt(HEADER + ost("  shared;\n  <|mmp|> = 60s;\n", "n1 prefer 500, n2 100"), ["HA1005"]);
    expect(d).toMatchObject({ severity: "error", message: "`mmp` is an item of the block, not a parameter", hint: "write `mmp 60s;` (no `=`)" });
    const [s] = expectAt(HEADER + ost("  <|shared|> = true;\n  mmp 60s;\n", "n1 prefer 500, n2 100"), ["HA1005"]);
    expect(s!.hint).toBe("write `shared;` (no `=`)");
    const [x] = expectAt(HEADER + "guest g on n1 {\n  <|mmp|> = 60s;\n}\n", ["HA1005"]);
    expect(x!.hint).toBe("write `mmp 60s;` (no `=`); a guest block does not take it");
  });
});
