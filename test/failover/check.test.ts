import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import { analyzeText, CONTRACT, hacc, ROOT, stdlib } from "../helpers.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
const N1 = ["HA4011", "HA4012", "HA4013"];

function n1Codes(text: string): string[] {
  return analyzeText(text).diagnostics.filter((d) => N1.includes(d.code)).map((d) => `${d.code}: ${d.message}`);
}

const TWO = `cluster c {
  nodes n1, n2;
  property symmetric-cluster = false;
  utilization n1 memory = 98304, vcpus = 32;
  utilization n2 memory = 131072, vcpus = 32;
}
`;

describe("the N-1 check", () => {
  it("finds nothing wrong with the example site or the contract", () => {
    expect(n1Codes(readFileSync(EXAMPLE, "utf8"))).toEqual([]);
    expect(n1Codes(readFileSync(CONTRACT, "utf8"))).toEqual([]);
  });

  it("names the failed host, the guest, where it goes and the capacity it lacks", () => {
    const text = `${TWO}guest g1 on n1 prefer 500, n2 100 { utilization memory = 65536, vcpus = 16; }
guest g2 on n2 prefer 500, n1 100 { utilization memory = 65536, vcpus = 16; }
`;
    expect(n1Codes(text)).toEqual(["HA4013: if `n2` fails, `g2` moves to `n1`, which then needs 131072 memory and has 98304"]);
  });

  it("is quiet when the capacity suffices", () => {
    const text = `${TWO}guest g1 on n1 prefer 500, n2 100 { utilization memory = 32768, vcpus = 16; }
guest g2 on n2 prefer 500, n1 100 { utilization memory = 65536, vcpus = 16; }
`;
    expect(n1Codes(text)).toEqual([]);
  });

  it("reports a host over capacity with all hosts up", () => {
    const text = `${TWO}guest g1 on n1 prefer 500, n2 100 { utilization memory = 65536, vcpus = 16; }
guest g2 on n1 prefer 500, n2 100 { utilization memory = 65536, vcpus = 16; }
`;
    expect(n1Codes(text)[0]).toBe("HA4013: with all hosts up, `n1` runs `g1`, `g2`, which need 131072 memory; it has 98304");
  });

  it("with placement-strategy = utilization, a guest that does not fit stops instead", () => {
    const text = `cluster c {
  nodes n1, n2;
  property symmetric-cluster = false;
  property placement-strategy = utilization;
  utilization n1 memory = 98304;
  utilization n2 memory = 131072;
}
guest g1 on n1 prefer 500, n2 100 { utilization memory = 65536; }
guest g2 on n2 prefer 500, n1 100 { utilization memory = 65536; }
`;
    expect(n1Codes(text)).toEqual(["HA4012: if `n2` fails, guest `g2` stops: it may run on `n1`, but `n1` has no room for it"]);
  });

  it("reports a guest whose only host fails", () => {
    expect(n1Codes(`${TWO}guest solo on n2;\n`)).toEqual(["HA4011: if `n2` fails, guest `solo` has nowhere to go: `n2` is the only host it may run on"]);
  });

  it("reports a guest pushed out by a colocation", () => {
    const text = `${TWO}guest a on n1 prefer 500, n2 100;\nguest b on n2 prefer 500, n1 100;\ncolocate vm-b with vm-a -INFINITY;\n`;
    expect(n1Codes(text)).toEqual([
      "HA4012: if `n1` fails, guest `b` stops: it may run on `n2`, but its constraints rule out every host that is left",
      "HA4012: if `n2` fails, guest `b` stops: it may run on `n1`, but its constraints rule out every host that is left",
    ]);
  });

  it("is skipped with the switch off, and when the site has errors", () => {
    const text = `${TWO}guest solo on n2;\n`;
    const off = analyze(stdlib(), [{ file: "s.ha", text }], { n1: false });
    expect(off.diagnostics.filter((d) => N1.includes(d.code))).toEqual([]);
    expect(n1Codes(`${text}guest bad on nowhere;\n`)).toEqual([]);
  });

  it("is on in `hacc check` and off with --no-n1", () => {
    const text = `${TWO}guest solo on n2;\n`;
    const on = hacc(["check", "-"], { input: text });
    expect(on.code).toBe(0);
    expect(on.stderr).toContain("warning[HA4011]: if `n2` fails, guest `solo` has nowhere to go");
    const off = hacc(["check", "--no-n1", "-"], { input: text });
    expect(off.code).toBe(0);
    expect(off.stderr).toBe("");
  });
});

describe("node capacity (`utilization NODE ...;` in the cluster block)", () => {
  it("is written as node utilization in --full only", () => {
    const text = `${TWO}guest g1 on n1 prefer 500, n2 100;\n`;
    const full = hacc(["compile", "--full", "-"], { input: text });
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain(
      [
        '      <node id="n1" uname="n1">',
        '        <utilization id="nodes-n1-utilization">',
        '          <nvpair id="nodes-n1-utilization-memory" name="memory" value="98304"/>',
        '          <nvpair id="nodes-n1-utilization-vcpus" name="vcpus" value="32"/>',
        "        </utilization>",
        "      </node>",
      ].join("\n"),
    );
    const frag = hacc(["compile", "-"], { input: text });
    expect(frag.stdout).not.toContain("nodes-n1-utilization");
  });

  it("rejects an unknown node, a second declaration and a value that is not a whole number", () => {
    const text = `cluster c {
  nodes n1, n2;
  utilization n3 memory = 1;
  utilization n1 memory = 1;
  utilization n1 memory = 2;
  utilization n2 memory = lots;
}
`;
    const codes = analyzeText(text).diagnostics.map((d) => `${d.code}@${d.span.line}`);
    expect(codes).toEqual(["HA2001@3", "HA2004@5", "HA3014@6"]);
  });
});
