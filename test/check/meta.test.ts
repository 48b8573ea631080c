import { describe, expect, it } from "vitest";
import { expectAt } from "../helpers.js";

const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n";

describe("meta attribute names (HA3150, rev #10)", () => {
  it("warns of a misspelt resource meta attribute, with the name meant, wherever a resource takes meta", () => {
    const [d] = expectAt(HEAD + "}\nresource a ocf:heartbeat:Dummy { meta <|resource-stickness|> = 100; } on n1;\n", ["HA3150"]);
    expect(d!.severity).toBe("warning");
    expect(d!.hint).toMatch(/^did you mean `resource-stickiness`\?/);
    expectAt(HEAD + "}\nresource a ocf:heartbeat:Dummy { meta <|target_role|> = Stopped; } on n1;\n", ["HA3150"]);
    expectAt(HEAD + "}\nresource b ocf:heartbeat:Dummy;\nclone bc of b { meta <|interleve|> = true; } on n1;\n", ["HA3150"]);
    expectAt(HEAD + "}\nresource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\ngroup g a, b { meta <|is_managed|> = false; } on n1;\n", ["HA3150"]);
    // Resource defaults are resource meta attributes too.
    expectAt(HEAD + "  defaults <|migration_threshold|> = 3;\n}\n", ["HA3150"]);
  });

  it("knows Pacemaker's names, clone and guest options included, and says nothing of them", () => {
    expectAt(
      HEAD +
        "  defaults resource-stickiness = 100, migration-threshold = 3, failure-timeout = 60s;\n}\n" +
        "resource a ocf:heartbeat:Dummy { meta target-role = Stopped, is-managed = true, priority = 10, critical = false, allow-migrate = true; } on n1;\n" +
        "resource b ocf:heartbeat:Dummy;\nclone bc of b { meta interleave = true, clone-max = 2, notify = true, globally-unique = false; } on n1;\n",
      [],
    );
  });

  it("warns of an alert's or a recipient's meta attribute other than timeout and timestamp-format", () => {
    const ds = expectAt(
      HEAD + '}\nalert snmp "/usr/share/pacemaker/alerts/alert_snmp.sh" { meta <|timout|> = 30s; } to "192.0.2.1" { meta timestamp-format = "%H:%M", <|tmestamp-format|> = "%H"; };\n',
      ["HA3150", "HA3150"],
    );
    expect(ds.map((d) => d.hint?.split("?")[0])).toEqual(["did you mean `timeout`", "did you mean `timestamp-format`"]);
    expectAt(HEAD + '}\nalert snmp "/usr/share/pacemaker/alerts/alert_snmp.sh" { meta timeout = 30s, timestamp-format = "%H"; } to "192.0.2.1";\n', []);
  });

  it("warns once of a guest-defaults line, which every guest takes", () => {
    expectAt(HEAD + '  guest-defaults { config "/root/{guest}.xml"; meta <|resource-stickness|> = 10; }\n}\nguest g1 on n1;\nguest g2 on n2;\n', ["HA3150"]);
  });

  it("warns in a rule-chosen defaults set too, and of op defaults names that are no op attribute, in both forms", () => {
    expectAt(HEAD + "  defaults when date gt 2020-01-01 { <|resource-stickines|> = 1; priority = 2; }\n}\n", ["HA3150"]);
    const [d] = expectAt(HEAD + "  op-defaults <|timeot|> = 3s, timeout = 20s, OCF_CHECK_LEVEL = 10;\n}\n", ["HA3150"]);
    expect(d!.message).toBe("`timeot` is not an op attribute Pacemaker reads in op defaults");
    expect(d!.hint).toMatch(/^did you mean `timeout`\?/);
    expectAt(HEAD + "  op-defaults when op monitor { <|timeot|> = 1s; on-fail = block; }\n}\n", ["HA3150"]);
    expectAt(
      HEAD + "  op-defaults interval = 0s, timeout = 20s, start-delay = 1s, interval-origin = 0, on-fail = restart, role = Started, enabled = true, record-pending = true, requires = quorum;\n}\n",
      [],
    );
  });

  it("a name of the site's own is a warning without a guess, and never an error", () => {
    const [d] = expectAt(HEAD + "}\nresource a ocf:heartbeat:Dummy { meta <|owner-team|> = storage; } on n1;\n", ["HA3150"]);
    expect(d!.hint).toMatch(/if the name is your own, leave it/);
  });
});
