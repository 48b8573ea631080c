import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";
import { SYM } from "../sites.js";

describe("runnable: opt-in clusters (HA4006)", () => {
  it("says when a resource can never run", () => {
    expectAt(
      HEADER + "resource <|a|> ocf:heartbeat:Dummy;\nresource <|b|> ocf:heartbeat:Dummy on n1 -100;\nresource c ocf:heartbeat:Dummy on n1 -100, n2 0;\n",
      ["HA4006", "HA4006"],
    );
  });

  it("counts a group's or clone's locations for their members", () => {
    const r = analyzeText(HEADER + "resource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\ngroup g a, b on n1;\n");
    expect(r.diagnostics).toEqual([]);
  });

  it("says nothing in a symmetric cluster", () => {
    expect(analyzeText(SYM + "resource a ocf:heartbeat:Dummy;\n").diagnostics).toEqual([]);
  });
});
