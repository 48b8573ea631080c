import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../../src/emit/cib/cib.js";
import { analyzeText, expectAt, HEADER, havePacemaker } from "../../helpers.js";

describe("HA4070: a Promoted location of a resource that is not a promotable clone", () => {
  it("is reported at the location, for a primitive, a plain clone and a rule's role", () => {
    expectAt(
      HEADER +
        "resource d ocf:pacemaker:Dummy on n1;\nresource p ocf:pacemaker:Dummy;\nclone pc of p on n1;\n" +
        "<|location d1 for d Promoted on n1 10;|>\n" +
        "<|location pc1 for pc { rule Master 5 when defined pingd; }|>\n",
      ["HA4070", "HA4070"],
    );
  });

  it("says nothing for a promotable clone, a Started or an Unpromoted role", () => {
    const r = analyzeText(
      HEADER +
        "resource d ocf:pacemaker:Dummy on n1;\nresource db ocf:pacemaker:Stateful;\npromotable dbc of db on n1;\n" +
        "location a for dbc Promoted on n1 10;\nlocation b for d Started on n1 10;\nlocation c for d Unpromoted on n2 5;\n" +
        "location e for dbc { rule Promoted 5 when defined pingd; }\n",
    );
    expect(r.diagnostics).toEqual([]);
  });
});

const tools = havePacemaker(["crm_simulate"]);

describe.skipIf(!tools)("HA4070 holds to crm_simulate", () => {
  it("a primitive banned everywhere in the Promoted role still starts; in the Unpromoted role it does not", () => {
    const site = (role: string) =>
      "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource d ocf:pacemaker:Dummy;\n" +
      `location d1 for d ${role} on n1 -INFINITY;\nlocation d2 for d ${role} on n2 -INFINITY;\n`;
    const starts = (role: string): boolean => {
      const r = analyzeText(site(role));
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), "hacc-roles-"));
      const cib = join(dir, "cib.xml");
      writeFileSync(cib, emitCibFull(r.value.cib!));
      const out = spawnSync("crm_simulate", ["-x", cib, "-S", "-q", "true", "-u", "n1", "-u", "n2"], { encoding: "utf8" }).stdout;
      return /Start\s+d\s/.test(out);
    };
    expect(starts("Promoted")).toBe(true);
    expect(analyzeText(site("Promoted")).diagnostics.map((d) => d.code)).toContain("HA4070");
    expect(starts("Unpromoted")).toBe(false);
    expect(analyzeText(site("Unpromoted")).diagnostics.map((d) => d.code)).not.toContain("HA4070");
  });
});
