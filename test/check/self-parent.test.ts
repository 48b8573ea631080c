import { describe, it } from "vitest";
import { expectAt, HEADER } from "../helpers.js";

// Found by the fuzz test: a clone or group that names itself as what it holds
// made the resource its own parent, and the checker looped for ever on the
// parent chain (clone) or accepted it without a word (group).
describe("a group or clone that holds itself", () => {
  it("is an error at the name, and the check ends", () => {
    expectAt(HEADER + "resource r ocf:heartbeat:Dummy on n1;\ncolocate n2c with r 5;\npromotable n2c of <|n2c|>;\n", ["HA2012"]);
  });

  it("is an error for a group too", () => {
    expectAt(HEADER + "resource a ocf:heartbeat:Dummy;\ngroup g <|g|>, a on n1;\n", ["HA2012"]);
  });
});
