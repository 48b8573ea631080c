import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";
import { SYM, notN1 } from "../sites.js";

describe("slots: virtual functions (HA4001-HA4003)", () => {
  const guest = (name: string, hosts: string, vfs: string[]) =>
    `guest ${name} on ${hosts} {\n${vfs.map((v) => `  ib ${v};\n`).join("")}}\n`;

  it("rejects a host VF claimed by two guests that can fail over onto one host", () => {
    const ds = expectAt(
      HEADER + guest("a", "n1 prefer 500, n2 100", ["0000:82:01.0 at 00:05.0"]) +
        "guest b on n2 prefer 500, n1 100 {\n  <|ib 0000:82:01.0 at 00:05.0;|>\n}\n",
      ["HA4001"],
    );
    expect(ds[0]!.message).toContain("`a` and `b`");
    expect(ds[0]!.message).toContain("which both run on `n2` after `n1` fails");
    expect(ds[0]!.related?.[0]?.span.line).toBe(6);
  });

  it("allows the same VF on guests that can never share a host", () => {
    const r = analyzeText(HEADER + guest("a", "n1", ["0000:82:01.0 at 00:05.0"]) + guest("b", "n2", ["0000:82:01.0 at 00:05.0"]));
    expect(r.diagnostics.filter(notN1)).toEqual([]);
  });

  it("in a symmetric cluster counts every node a guest does not ban", () => {
    const site = SYM + guest("a", "n1", ["0000:82:01.0 at 00:05.0"]) + guest("b", "n2", ["0000:82:01.0 at 00:05.0"]);
    expect(analyzeText(site).diagnostics.map((d) => d.code)).toEqual(["HA4001"]);
    const banned = SYM + guest("a", "n1, n2 -INFINITY, n3 -INFINITY", ["0000:82:01.0 at 00:05.0"]) + guest("b", "n2, n1 -INFINITY", ["0000:82:01.0 at 00:05.0"]);
    expect(analyzeText(banned).diagnostics.filter(notN1)).toEqual([]);
  });

  it("rejects a guest slot used twice and a host over its VF limit", () => {
    expectAt(HEADER + "guest a on n1 {\n  ib 0000:82:01.0 at 00:05.0;\n  <|ib 0000:82:01.1 at 00:05.0;|>\n}\n", ["HA4002"]);
    const nine = Array.from({ length: 9 }, (_, i) => `0000:82:0${1 + Math.floor(i / 8)}.${i % 8} at 00:0${5 + Math.floor(i / 8)}.${i % 8}`);
    const ds = analyzeText(HEADER + guest("a", "n1", nine)).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(["HA4003"]);
    expect(ds[0]!.message).toBe("host `n1` has 8 VFs, but with all hosts up the guests on it (`a`) claim 9");
  });
});
