import { describe, expect, it } from "vitest";
import { analyzeText } from "../helpers.js";

const SITE = "cluster c {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource db ocf:pacemaker:Stateful;\npromotable db-clone of db;\n";

describe("ticket", () => {
  it("becomes an rsc_ticket with its role and loss policy, id ticket-TICKET-RSC", () => {
    const r = analyzeText(SITE + "ticket site-a for db-clone Promoted loss-policy demote;\n");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value.cib!.constraints).toContainEqual({ kind: "ticket", id: "ticket-site-a-db-clone", ticket: "site-a", rsc: "db-clone", rscRole: "Promoted", lossPolicy: "demote" });
  });

  it("refuses an unknown resource, role or loss policy, and a ticket stated twice", () => {
    const codes = (s: string) => analyzeText(SITE + s).diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message]);
    expect(codes("ticket t for nope;\n")[0]?.[0]).toBe("HA2002");
    expect(codes("ticket t for db-clone Boss;\n")).toEqual([["HA1003", "`Boss` is not a role"]]);
    expect(codes("ticket t for db-clone loss-policy panic;\n")).toEqual([["HA1003", "`panic` is not a loss policy"]]);
    // A slip of one gets the nearest.
    expect(analyzeText(SITE + "ticket t for db-clone loss-policy demot;\n").diagnostics.find((d) => d.code === "HA1003")?.hint).toBe("did you mean `demote`? (loss policies: stop, demote, fence, freeze)");
    expect(codes("ticket t for db-clone;\nticket t for db-clone stop;\n").map((c) => c[0])).toContain("HA1003");
    expect(codes("ticket t for db-clone;\nticket t for db-clone;\n").map((c) => c[0])).toEqual(["HA2005"]);
  });
});
