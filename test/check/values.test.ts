import { describe, expect, it } from "vitest";
import { durationSeconds, isAttrName, isBoolean, isDuration, isTrue } from "../../src/check/values.js";
import { analyzeText } from "../helpers.js";

describe("durations as Pacemaker reads them", () => {
  it("takes ISO 8601 forms iso8601 -D takes, with their seconds", () => {
    // Each figure is what Pacemaker 2.1.5's `iso8601 -D` prints for the form.
    expect(durationSeconds("P10S")).toBe(10);
    expect(durationSeconds("PT10S")).toBe(10);
    expect(durationSeconds("PT1M30S")).toBe(90);
    expect(durationSeconds("P1H30S")).toBe(3630);
    expect(durationSeconds("P1DT2H")).toBe(93600);
    expect(durationSeconds("PT2H30M10S")).toBe(9010);
    expect(isDuration("P1M")).toBe(true); // a month: no fixed number of seconds
    expect(durationSeconds("P1M")).toBeUndefined();
  });

  it("refuses what iso8601 refuses", () => {
    for (const s of ["P", "PT1.5S", "P10X", "10 s", "T10S"]) expect(isDuration(s), s).toBe(false);
  });

  it("an ISO interval passes the checker", () => {
    const r = analyzeText("cluster c {\n  nodes n1;\n  property symmetric-cluster = false;\n  property stonith-enabled = false;\n}\nresource a ocf:heartbeat:Dummy { op monitor interval P10S; } on n1;\n");
    expect(r.diagnostics).toEqual([]);
  });
});

describe("booleans as crm_is_true reads them", () => {
  it("true, on, yes, y, 1 in any case are true; their opposites are false", () => {
    for (const s of ["true", "ON", "Yes", "y", "1"]) expect(isTrue(s), s).toBe(true);
    for (const s of ["false", "off", "No", "n", "0"]) expect([isTrue(s), isBoolean(s)], s).toEqual([false, true]);
    expect(isBoolean("maybe")).toBe(false);
  });

  it("`symmetric-cluster = off` makes an opt-in cluster", () => {
    const r = analyzeText("cluster c {\n  nodes n1;\n  property symmetric-cluster = off;\n  property stonith-enabled = false;\n}\nresource a ocf:heartbeat:Dummy;\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA4006"]);
  });
});

describe("attribute names", () => {
  it("may start with a digit, as Pacemaker's do", () => {
    expect(isAttrName("1")).toBe(true);
    expect(isAttrName("-x")).toBe(false);
    const r = analyzeText("cluster c {\n  nodes n1;\n  property symmetric-cluster = false;\n  property stonith-enabled = false;\n}\nresource a ocf:heartbeat:Dummy { meta 1 = x; } on n1;\n");
    // A valid name; only not one Pacemaker reads as a resource's meta attribute (a warning).
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA3150"]);
  });
});

describe("agents with `/` or `@` (issue 15)", () => {
  it("names stonith plugins and unit instances bare or quoted, with the same result", () => {
    const site = (agent: string) =>
      `cluster c {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource f ${agent} { exact-ops; } on n1;\n`;
    for (const agent of ["stonith:external/ipmi", '"stonith:external/ipmi"', "systemd:getty@tty1", '"systemd:getty@tty1"']) {
      const r = analyzeText(site(agent));
      expect(r.diagnostics, agent).toEqual([]);
      const p = r.value.cib!.resources[0]!;
      expect(p.kind === "primitive" ? [p.standard, p.type] : [], agent).toEqual(agent.includes("ipmi") ? ["stonith", "external/ipmi"] : ["systemd", "getty@tty1"]);
    }
  });

  it("names an LSB script by its absolute path, as Pacemaker runs it; not an OCF or stonith one", () => {
    const site = (agent: string) => `cluster c {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource d ${agent} { exact-ops; } on n1;\n`;
    for (const agent of ["lsb:/usr/share/pacemaker/tests/cts/LSBDummy", '"lsb:/usr/share/pacemaker/tests/cts/LSBDummy"', "service:/etc/init.d/x"]) {
      const r = analyzeText(site(agent));
      expect(r.diagnostics, agent).toEqual([]);
      const p = r.value.cib!.resources[0]!;
      expect(p.kind === "primitive" ? p.type : "", agent).toBe(agent.replace(/"/g, "").replace(/^[a-z]+:/, ""));
    }
    for (const agent of ["ocf:heartbeat:/usr/lib/heartbeat/cts/OCFMSDummy", "lsb:/", "lsb://x", "lsb:/x/"]) {
      expect(analyzeText(site(agent)).diagnostics.map((d) => d.code), agent).toContain("HA3010");
    }
  });

  it("keeps refusing an OCF type with `/`, and a type starting with `/`", () => {
    const r = analyzeText("cluster c {\n  nodes n1;\n}\nresource f ocf:heartbeat:a/b;\n");
    expect(r.diagnostics.map((d) => d.code)).toContain("HA3010");
    expect(analyzeText("cluster c {\n  nodes n1;\n}\nresource f stonith:/x;\n").diagnostics.map((d) => d.code)).toContain("HA3010");
  });
});

describe("Pacemaker 3's option names (issue 15)", () => {
  it("are kept as written, checked like the 2.1 name, with a note on which Pacemaker honours which", () => {
    const r = analyzeText("cluster c {\n  nodes n1;\n  property stonith-enabled = false;\n  property fencing-enabled = false;\n  property fencing-timeout = soon;\n}\n");
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HA3012", "`fencing-enabled` is Pacemaker 3's name for `stonith-enabled`: Pacemaker 3 honours it, Pacemaker 2.1 ignores it"],
      ["HA3012", "`fencing-timeout` is Pacemaker 3's name for `stonith-timeout`: Pacemaker 3 honours it, Pacemaker 2.1 ignores it"],
      ["HA3017", "`soon` is not a valid value for `fencing-timeout`"],
    ]);
  });
});
