import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

describe("values (elaboration)", () => {
  it("checks scores, durations, PCI addresses and ids", () => {
    expectAt(
      HEADER +
        "resource r ocf:heartbeat:Dummy { op monitor interval <|10x|>; } on n1 prefer <|lots|>;\n" +
        "guest g on n1 { ib <|82:01.0|> at <|0:5.0|>; }\n" +
        "resource <|9lives|> ocf:heartbeat:Dummy on n1;\n" +
        "resource s ocf:heartbeat:Dummy on n1 prefer <|2000000|>;\n",
      ["HA3002", "HA3001", "HA3003", "HA3004", "HA3005", "HA3011"],
    );
  });

  it("accepts INFINITY scores, signed scores and Pacemaker's duration forms", () => {
    const r = analyzeText(
      HEADER +
        "resource r ocf:heartbeat:Dummy { op monitor interval 5min timeout 90; op start timeout PT5M; } on n1 prefer INFINITY, n2 -INFINITY, n3 +100;\n",
    );
    expect(r.diagnostics).toEqual([]);
  });
});
