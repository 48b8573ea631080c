import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * `hacc import live.xml -o site.ha`, then `hacc plan site.ha --live
 * live.xml`: of a cluster built with pcs or crmsh (ids the tools chose, an
 * operator's bans and moves, a shared op list), the plan must change nothing.
 * Each case is one defect a review found; tools-made.test.ts builds such a
 * CIB with the tools themselves.
 */
function cib(resources: string, constraints: string, extra = ""): string {
  return `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="7" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="n1"/>
      <node id="2" uname="n2"/>
      <node id="3" uname="n3"/>
    </nodes>
    <resources>
${resources}
    </resources>
    <constraints>
${constraints}
    </constraints>${extra}
  </configuration>
  <status/>
</cib>
`;
}

const DUMMY = (id: string, ops = `<operations><op id="${id}-monitor-interval-10s" name="monitor" interval="10s"/></operations>`) =>
  `      <primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">${ops}</primitive>`;

function dir(): string {
  return mkdtempSync(join(tmpdir(), "hacc-import-plan-"));
}

/** Imports `xml` with the CLI; the site's text, the import's stderr. */
function imported(d: string, xml: string): { live: string; site: string; text: string; stderr: string } {
  const live = join(d, "live.xml");
  writeFileSync(live, xml);
  const site = join(d, "site.ha");
  const r = hacc(["import", live, "-o", site]);
  expect(r.code, r.stderr).toBe(0);
  return { live, site, text: readFileSync(site, "utf8"), stderr: r.stderr };
}

describe("import then plan: a location whose id the tool chose", () => {
  it("keeps pcs's `location-d-n1-50` and a crmsh user's `pref-e` with `named ID` in the resources' `on` lists, and the plan changes nothing", () => {
    const d = dir();
    const x = imported(d, cib(
      [DUMMY("d"), DUMMY("e")].join("\n"),
      `      <rsc_location id="location-d-n1-50" rsc="d" node="n1" score="50"/>
      <rsc_location id="pref-e" rsc="e" node="n2" score="-INFINITY"/>
      <rsc_location id="location-e-n3" rsc="e" node="n3" score="10"/>`,
    ));
    expect(x.text).toMatch(/^\} on n1 50 named location-d-n1-50;$/m);
    // The id hacc derives needs no name.
    expect(x.text).toMatch(/^\} on n2 -INFINITY named pref-e, n3 10;$/m);
    const back = hacc(["compile", x.site, "--target", "cib"]);
    expect(back.stdout).toContain('<rsc_location id="location-d-n1-50" rsc="d" node="n1" score="50"/>');
    expect(back.stdout).toContain('<rsc_location id="pref-e" rsc="e" node="n2" score="-INFINITY"/>');
    const plan = hacc(["plan", x.site, "--live", x.live]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("no changes to objects; the ownership tag hacc-imported is written");
    expect(plan.stdout).not.toMatch(/^\s+[+~-] location/m);
  });
});

describe("import then plan: an operator's bans and moves", () => {
  const BANS = `      <rsc_location id="cli-ban-d-on-n2" rsc="d" role="Started" node="n2" score="-INFINITY"/>
      <rsc_location id="cli-prefer-e" rsc="e" role="Started" node="n3" score="INFINITY"/>
      <rsc_location id="pcs-relocate-e" rsc="e" node="n1" score="INFINITY"/>
      <rsc_location id="cli-ban-e-on-n1" rsc="e" role="Started">
        <rule id="cli-ban-e-on-n1-rule" score="-INFINITY" boolean-op="and">
          <expression id="cli-ban-e-on-n1-expr" attribute="#uname" operation="eq" value="n1" type="string"/>
          <date_expression id="cli-ban-e-on-n1-lifetime" operation="lt" end="2030-01-01 00:00:00 +00:00"/>
        </rule>
      </rsc_location>`;

  it("leaves them out of the site, each with HA1008 at its place in the CIB and how to clear it", () => {
    const d = dir();
    const x = imported(d, cib([DUMMY("d"), DUMMY("e")].join("\n"), `      <rsc_location id="location-d-n1" rsc="d" node="n1" score="50"/>\n${BANS}`));
    expect(x.text).not.toMatch(/cli-|pcs-relocate|n2 -INFINITY|Started/);
    expect(x.text).toMatch(/\} on n1 50;/);
    expect(x.stderr).toContain("warning[HA1008]: `cli-ban-d-on-n2` (/cib/configuration/constraints/rsc_location[@id='cli-ban-d-on-n2']) is an operator's temporary location, made by `crm_resource --ban` (also run by `pcs resource ban`, `crm resource ban`): not imported");
    expect(x.stderr).toContain("= hint: it stays in the cluster, and `hacc plan` keeps it as it is; `crm_resource --clear --resource d` removes it when it is no longer wanted");
    expect(x.stderr).toContain("warning[HA1008]: `cli-prefer-e` (/cib/configuration/constraints/rsc_location[@id='cli-prefer-e']) is an operator's temporary location, made by `crm_resource --move`");
    expect(x.stderr).toContain("`pcs-relocate-e` (/cib/configuration/constraints/rsc_location[@id='pcs-relocate-e']) is an operator's temporary location, made by `pcs resource relocate run`: not imported");
    expect(x.stderr).toContain("`pcs resource relocate clear` removes it");
    // A ban with a lifetime (a date rule) is left out the same way, not refused.
    expect(x.stderr).toContain("warning[HA1008]: `cli-ban-e-on-n1`");
    expect(x.stderr).toContain("4 warnings");
  });

  it("a plan keeps them, --prune or not, owned by the site's tag or not, and never lists them as changes", () => {
    const d = dir();
    const x = imported(d, cib([DUMMY("d"), DUMMY("e")].join("\n"), `      <rsc_location id="location-d-n1" rsc="d" node="n1" score="50"/>\n${BANS}`));
    for (const extra of [[], ["--prune"]]) {
      const plan = hacc(["plan", x.site, "--live", x.live, ...extra]);
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain("no changes to objects");
      expect(plan.stdout).toContain("= location d Started on n2: -INFINITY  (kept, an operator's temporary location, made by `crm_resource --ban` (also run by `pcs resource ban`, `crm resource ban`): a plan never changes it; `crm_resource --clear` removes it)");
      expect(plan.stdout).not.toMatch(/^\s+- location/m);
    }
    // A site whose tag lists a ban (an older import declared it, and a plan took it over) no longer declares it: still kept.
    const owned = join(d, "owned.xml");
    writeFileSync(owned, readFileSync(x.live, "utf8").replace("</configuration>", '<tags><tag id="hacc-imported"><obj_ref id="d"/><obj_ref id="e"/><obj_ref id="location-d-n1"/><obj_ref id="cli-ban-d-on-n2"/></tag></tags></configuration>'));
    const plan = hacc(["plan", x.site, "--live", owned, "--prune", "--target", "cib"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).not.toContain("cibadmin --delete --xpath \"/cib/configuration/constraints/rsc_location[@id='cli-ban-d-on-n2']\"");
    expect(plan.stdout).toContain("(kept, an operator's temporary location");
  });
});

describe("import then plan: a location rule whose ids the tool chose", () => {
  const RULED = `      <rsc_location id="e-where" rsc="e">
        <rule id="my-rule" score="100">
          <expression id="my-rule-expression" attribute="#uname" operation="eq" value="n3"/>
        </rule>
      </rsc_location>`;

  it("is no change while it says the same (its rule's id, which nothing refers to, aside); a changed score still is", () => {
    const d = dir();
    const x = imported(d, cib(DUMMY("e"), RULED));
    expect(x.text).toContain('location e-where for e {\n  rule 100 when "#uname" eq n3;\n}');
    const plan = hacc(["plan", x.site, "--live", x.live]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("no changes to objects");
    expect(plan.stdout).not.toContain("~ location");
    const changed = join(d, "changed.ha");
    writeFileSync(changed, x.text.replace("rule 100 when", "rule 200 when"));
    const c = hacc(["plan", changed, "--live", x.live]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain("0 to add, 1 to change, 0 to remove");
    expect(c.stdout).toContain("~ location e rule 200 when #uname eq n3 (was location e rule 100 when #uname eq n3)");
  });
});

describe("import then plan: a shared op list (`<operations id-ref>`)", () => {
  const SHARED = [
    DUMMY("a", `<operations id="shared-ops"><op id="shared-monitor" name="monitor" interval="10s" timeout="20s"/><op id="shared-start" name="start" interval="0s" timeout="30s"/></operations>`),
    DUMMY("b", `<operations id-ref="shared-ops"/>`),
  ].join("\n");

  it("is compared as each primitive's own copy, as Pacemaker reads it: the imported site's plan changes nothing", () => {
    const d = dir();
    const x = imported(d, cib(SHARED, ""));
    const plan = hacc(["plan", x.site, "--live", x.live]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("no changes to objects");
    expect(plan.stdout).not.toContain("left alone");
  });

  it("refuses a site that changes the ops of a primitive that shares the list, naming the list and the others", () => {
    const d = dir();
    const x = imported(d, cib(SHARED, ""));
    const bText = x.text.slice(x.text.indexOf("resource b "));
    const changed = join(d, "changed.ha");
    writeFileSync(changed, x.text.slice(0, x.text.indexOf("resource b ")) + bText.replace("op monitor interval 10s timeout 20s", "op monitor interval 10s timeout 60s"));
    const r = hacc(["plan", changed, "--live", x.live]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hacc: plan refused: the live primitive `b` takes its ops from the op list `shared-ops` (id-ref) that `a` shares, and the site changes its ops (change monitor 10s), which would change every primitive that shares that list; give the primitives <operations> of their own by hand first, or keep `b` as it is");
    // Its holder too: the list is `a`'s <operations>.
    writeFileSync(changed, x.text.replace("op start interval 0s timeout 30s", "op start interval 0s timeout 40s"));
    const h = hacc(["plan", changed, "--live", x.live]);
    expect(h.code).toBe(1);
    expect(h.stderr).toContain("hacc: plan refused: the live primitive `a` holds the op list `shared-ops` that `b` names by id-ref, and the site changes its ops (change start 0s)");
  });

  it("changes a parameter of a primitive that names the list, in every target, and the next plan has nothing to do; refuses to change the list's holder", () => {
    const d = dir();
    const x = imported(d, cib(SHARED, ""));
    const changed = join(d, "changed.ha");
    writeFileSync(changed, x.text.replace(/resource b ocf:pacemaker:Dummy \{\n/, 'resource b ocf:pacemaker:Dummy {\n  state = "/run/b";\n'));
    const r = hacc(["plan", changed, "--live", x.live]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("0 to add, 1 to change, 0 to remove");
    if (havePacemaker(["cibadmin", "crm_verify", "pcs", "crm"])) {
      for (const target of ["cib", "pcs", "crmsh"]) {
        const copy = join(d, `live-${target}.xml`);
        writeFileSync(copy, readFileSync(x.live, "utf8"));
        const script = join(d, `plan-${target}.sh`);
        expect(hacc(["plan", changed, "--live", copy, "--target", target, "-o", script]).code).toBe(0);
        const applied = spawnSync("bash", [script, copy], { encoding: "utf8" });
        expect(applied.status, `${target}: ${applied.stderr}`).toBe(0);
        expect(readFileSync(copy, "utf8"), target).toContain('<operations id="shared-ops">');
        const again = hacc(["plan", changed, "--live", copy]);
        expect(again.stdout, target).toContain("no changes: the live configuration already is what the site declares");
      }
    }
    // crmsh's `load update` writes a changed primitive whole: the holder's list would lose its id, and `b` its ops.
    writeFileSync(changed, x.text.replace(/resource a ocf:pacemaker:Dummy \{\n/, 'resource a ocf:pacemaker:Dummy {\n  state = "/run/a";\n'));
    const h = hacc(["plan", changed, "--live", x.live]);
    expect(h.code).toBe(1);
    expect(h.stderr).toContain("hacc: plan refused: the live primitive `a` holds the op list `shared-ops` that `b` names by id-ref, and the site changes it, which crmsh's `load update` would write whole, taking the list's id away from `b`; give the primitives <operations> of their own by hand first, or keep `a` as it is");
  });
});

describe("import then plan: a resource's sets whose ids crmsh chose", () => {
  it("keeps `b-instance_attributes` and `b-instance_attributes-0` with `named`, compiles back to them, and the plan changes nothing", () => {
    const d = dir();
    const set = (id: string, node: string, state: string) =>
      `<instance_attributes id="${id}"><rule id="${id}-rule" score="10"><expression id="${id}-rule-expr" attribute="#uname" operation="eq" value="${node}"/></rule><nvpair id="${id}-state" name="state" value="${state}"/></instance_attributes>`;
    const x = imported(d, cib(`      <primitive id="b" class="ocf" provider="heartbeat" type="Dummy">${set("b-instance_attributes", "n1", "/run/b1")}${set("b-instance_attributes-0", "n2", "/run/b2")}<operations><op id="b-monitor-interval-10s" name="monitor" interval="10s"/></operations></primitive>`, ""));
    expect(x.text).toContain('  params when "#uname" eq n1 named b-instance_attributes {\n');
    expect(x.text).toContain('  params when "#uname" eq n2 named b-instance_attributes-0 {\n');
    const back = hacc(["compile", x.site, "--target", "cib"]);
    expect(back.stdout).toContain('<instance_attributes id="b-instance_attributes-0">');
    const plan = hacc(["plan", x.site, "--live", x.live]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("no changes to objects");
  });
});

describe("import then plan: nodes the CIB names and does not list", () => {
  it("writes them as `unlisted-nodes` in the order they first appear, and the plan changes nothing", () => {
    const d = dir();
    const x = imported(
      d,
      cib(
        [DUMMY("d"), `      <primitive id="fence" class="stonith" type="fence_dummy"/>`].join("\n"),
        `      <rsc_location id="location-d-old2" rsc="d" node="old2" score="100"/>
      <rsc_location id="location-d-n1" rsc="d" node="n1" score="50"/>
      <rsc_location id="keep-off" rsc="d" node="old1" score="-INFINITY"/>
      <rsc_location id="cli-ban-d-on-away" rsc="d" role="Started" node="away" score="-INFINITY"/>`,
        `
    <fencing-topology>
      <fencing-level id="fl-new1-1" index="1" target="new1" devices="fence"/>
      <fencing-level id="fl-old2-1" index="1" target="old2" devices="fence"/>
      <fencing-level id="fl-n1-1" index="1" target="n1" devices="fence"/>
    </fencing-topology>`,
      ),
    );
    // An operator's ban (left out, HA1008) names no node the site needs; listed nodes stay in `nodes`.
    expect(x.text).toContain("  nodes n1, n2, n3;\n  unlisted-nodes old2, old1, new1;\n");
    expect(x.text).toContain("} on old2 100, n1 50, old1 -INFINITY named keep-off;");
    expect(x.text).toContain("fencing-level 1 for new1 with fence;");
    expect(x.stderr).not.toMatch(/HA2001|HA2101|HA2014/);
    const back = hacc(["compile", x.site, "--target", "cib", "--full"]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).not.toMatch(/<node [^>]*uname="(old1|old2|new1)"/);
    const plan = hacc(["plan", x.site, "--live", x.live]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("no changes to objects; the ownership tag hacc-imported is written");
  });

  it("still refuses a `<configuration>` without node entries: a fragment, not a cluster, whose nodes are all unknown", () => {
    const d = dir();
    const live = join(d, "frag.xml");
    writeFileSync(live, `<configuration><crm_config/><nodes/><resources>\n${DUMMY("d")}\n</resources><constraints><rsc_location id="l" rsc="d" node="n1" score="5"/></constraints></configuration>\n`);
    const r = hacc(["import", live]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[HA2001]: unknown node `n1`");
    expect(r.stderr).toContain("has no node entries");
  });
});
