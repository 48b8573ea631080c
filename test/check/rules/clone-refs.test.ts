import { describe, it } from "vitest";
import { expectAt, HEADER } from "../../helpers.js";

describe("clone-refs: constraints name the clone (HA2011)", () => {
  it("asks for the clone, not what it holds, in constraints", () => {
    expectAt(
      HEADER + "resource p ocf:heartbeat:Dummy;\nclone pc of p on n1, n2;\nresource w ocf:heartbeat:Dummy on n1;\ncolocate w with <|p|>;\n",
      ["HA2011"],
    );
  });
});
