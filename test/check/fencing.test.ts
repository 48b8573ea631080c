import { describe, expect, it } from "vitest";
import { analyzeText, expectAt } from "../helpers.js";

const SITE = `cluster c {
  nodes n1, n2;
}
resource ipmi-n1 stonith:fence_ipmilan { ip = "192.0.2.1"; } on n2;
resource ipmi-n2 stonith:fence_ipmilan { ip = "192.0.2.2"; } on n1;
resource web ocf:heartbeat:Dummy;
resource gw ocf:pacemaker:remote;
`;

describe("fencing-level", () => {
  it("becomes a <fencing-level> per statement, named as pcs names them (fl-TARGET-INDEX, -1 when taken)", () => {
    const r = analyzeText(
      SITE +
        'fencing-level 1 for n1 with ipmi-n1;\nfencing-level 2 for n1 with ipmi-n1, ipmi-n2;\nfencing-level 1 for nodes "n[12]" with ipmi-n2;\n' +
        "fencing-level 1 for rack = r1 with ipmi-n1;\nfencing-level 1 for rack = r2 with ipmi-n2;\nfencing-level 1 for gw with ipmi-n1;\n",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value.cib!.fencingLevels).toEqual([
      { id: "fl-n1-1", index: 1, target: { kind: "node", node: "n1" }, devices: ["ipmi-n1"] },
      { id: "fl-n1-2", index: 2, target: { kind: "node", node: "n1" }, devices: ["ipmi-n1", "ipmi-n2"] },
      { id: "fl-n12-1", index: 1, target: { kind: "pattern", pattern: "n[12]" }, devices: ["ipmi-n2"] },
      { id: "fl-rack-1", index: 1, target: { kind: "attribute", name: "rack", value: "r1" }, devices: ["ipmi-n1"] },
      { id: "fl-rack-1-1", index: 1, target: { kind: "attribute", name: "rack", value: "r2" }, devices: ["ipmi-n2"] },
      // A remote node (a resource of ocf:pacemaker:remote) may be fenced too.
      { id: "fl-gw-1", index: 1, target: { kind: "node", node: "gw" }, devices: ["ipmi-n1"] },
    ]);
  });

  it("reports an unknown device or node, a resource that fences nothing, a level out of 1-9, a level twice, at the word", () => {
    expectAt(SITE + "fencing-level 1 for n1 with <|ipmi-n3|>;\n", ["HA2100"]);
    expectAt(SITE + "fencing-level 1 for <|n3|> with ipmi-n1;\n", ["HA2101"]);
    expectAt(SITE + "fencing-level 1 for n1 with <|web|>;\n", ["HA2102"]);
    expectAt(SITE + "fencing-level <|0|> for n1 with ipmi-n1;\n", ["HA3100"]);
    expectAt(SITE + "fencing-level <|10|> for n1 with ipmi-n1;\n", ["HA3100"]);
    expectAt(SITE + "fencing-level 1 for n1 with ipmi-n1;\nfencing-level <|1|> for n1 with ipmi-n2;\n", ["HA2103"]);
    expectAt(SITE + 'fencing-level 1 for nodes <|""|> with ipmi-n1;\n', ["HA3101"]);
    // A pattern the fencer's regcomp cannot compile matches no node, and crm_verify says nothing (grep -E refuses these too).
    expectAt(SITE + 'fencing-level 1 for nodes <|"n[0-9"|> with ipmi-n1;\n', ["HA3101"]);
    expectAt(SITE + 'fencing-level 1 for nodes <|"n(1|2"|> with ipmi-n1;\n', ["HA3101"]);
    expectAt(SITE + 'fencing-level 1 for nodes "n[0-9]+" with ipmi-n1;\n', []);
    expectAt(SITE + "fencing-level 1 for n1 with ipmi-n1, <|ipmi-n1|>;\n", ["HA2004"]);
    // One level per target and index: the same index for another target is fine.
    expectAt(SITE + "fencing-level 1 for n1 with ipmi-n1;\nfencing-level 1 for n2 with ipmi-n2;\n", []);
  });
});

describe("alert", () => {
  it("becomes an <alert> with its sets and recipients, named ALERT-recipient-N", () => {
    const r = analyzeText(SITE + 'alert snmp "/usr/bin/snmp.sh" { community = public; meta timeout = 10s; } to "192.0.2.9" { meta timestamp-format = "%H"; }, ops;\n');
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value.cib!.alerts).toEqual([
      {
        id: "snmp",
        path: "/usr/bin/snmp.sh",
        instance: { id: "snmp-instance_attributes", pairs: [{ id: "snmp-instance_attributes-community", name: "community", value: "public" }] },
        meta: { id: "snmp-meta_attributes", pairs: [{ id: "snmp-meta_attributes-timeout", name: "timeout", value: "10s" }] },
        recipients: [
          { id: "snmp-recipient-1", value: "192.0.2.9", meta: { id: "snmp-recipient-1-meta_attributes", pairs: [{ id: "snmp-recipient-1-meta_attributes-timestamp-format", name: "timestamp-format", value: "%H" }] } },
          { id: "snmp-recipient-2", value: "ops" },
        ],
      },
    ]);
  });

  it("reports a relative path, a taken name, a recipient twice and an item an alert does not take", () => {
    expectAt(SITE + 'alert a <|"notify.sh"|>;\n', ["HA3102"]);
    expectAt(SITE + 'alert <|web|> "/bin/true";\n', ["HA2104"]);
    expectAt(SITE + 'alert a "/bin/true";\nalert <|a|> "/bin/false";\n', ["HA2104"]);
    expectAt(SITE + 'alert a "/bin/true" to x, <|x|>;\n', ["HA2105"]);
    expectAt(SITE + 'alert a "/bin/true" { <|op monitor interval 10s;|> };\n', ["HA1005"]);
    // An alert's name is not a resource: a constraint cannot name it.
    expectAt(SITE + 'alert a "/bin/true";\norder <|a|> then web;\n', ["HA2002"]);
  });
});
