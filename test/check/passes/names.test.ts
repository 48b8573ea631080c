import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

describe("names (the scope and declaration passes)", () => {
  it("reports unknown nodes, guests and resources where they are written", () => {
    expectAt(
      HEADER +
        "guest g on n1 prefer 500, <|n9|> 100;\n" +
        "lwfsd on <|g2|> after vm;\n" +
        "resource r ocf:heartbeat:Dummy on n1;\n" +
        "order <|rr|> then r;\n" +
        "colocate r with <|vm-g2|>;\n",
      ["HA2001", "HA2003", "HA2002", "HA2002"],
    );
  });

  it("lets resources run on guest nodes but not guests inside guests", () => {
    expectAt(HEADER + "guest g on n1;\nresource r ocf:heartbeat:Dummy on g;\nguest h on <|g|>;\n", ["HA2001"]);
  });

  it("resolves references to resources declared later", () => {
    expect(analyzeText(HEADER + "order a then b;\nresource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n").diagnostics).toEqual([]);
  });

  it("reports a duplicate at each later occurrence, pointing back at the first", () => {
    const ds = expectAt(
      HEADER + "resource r ocf:heartbeat:Dummy on n1;\nresource <|r|> ocf:heartbeat:Dummy on n1;\nresource <|r|> ocf:heartbeat:Dummy on n2;\n",
      ["HA2004", "HA2004"],
    );
    expect(ds.map((d) => d.related?.[0]?.span.line)).toEqual([5, 5]);
  });

  it("reports generated ids that collide, and guests named like nodes or resources", () => {
    expectAt(
      HEADER +
        "guest g on n1;\nresource <|vm-g|> ocf:heartbeat:Dummy on n1;\n" +
        "guest <|n2|> on n1;\n" +
        "resource web ocf:heartbeat:Dummy on n1;\nguest <|web|> on n1;\n",
      ["HA2005", "HA2006", "HA2006"],
    );
  });
});
