import { describe, expect, it } from "vitest";
import { expectAt, HEADER } from "../../helpers.js";

describe("clone-refs: constraints name the clone (HA2011)", () => {
  it("asks for the clone, not what it holds, in constraints", () => {
    expectAt(
      HEADER + "resource p ocf:heartbeat:Dummy;\nclone pc of p on n1, n2;\nresource w ocf:heartbeat:Dummy on n1;\ncolocate w with <|p|>;\n",
      ["HA2011"],
    );
  });
});

describe("clone-refs through a template (HA2011, HA2090)", () => {
  const T = "template t ocf:heartbeat:Dummy;\nresource r1 from t on n1;\nresource w ocf:heartbeat:Dummy on n1;\n";
  it("a constraint or location naming a template one of whose resources is inside a clone (crm_verify: No resource found for r2)", () => {
    expectAt(HEADER + T + "resource r2 from t;\nclone r2c of r2 on n1, n2;\norder w then <|t|>;\nlocation t-where for <|t|> on n1 50;\n", ["HA2011", "HA2011"]);
  });
  it("the same inside a bundle", () => {
    const r = expectAt(HEADER + T + 'resource r2 from t;\nbundle b of r2 {\n  docker image = "pcmk:x";\n} on n1, n2;\ncolocate w with <|t|>;\n', ["HA2090"]);
    expect(r[0]!.message).toContain("`r2`, which is inside bundle `b`");
  });
  it("a template whose resources are all outside clones and bundles is fine", () => {
    expectAt(HEADER + T + "resource r2 from t on n2;\nresource r3 ocf:heartbeat:Dummy;\nclone r3c of r3 on n1, n2;\norder w then t;\n", []);
  });
});
