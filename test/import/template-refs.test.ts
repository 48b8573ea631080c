import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc } from "../helpers.js";

/** A constraint naming a template one of whose resources is in a clone or bundle (crm_verify: "No resource found for r2"). */
function cibWith(holder: string): string {
  return `<cib crm_feature_set="3.16.2" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
    <resources>
      <template id="t" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="r1" template="t"/>
      ${holder}
      <primitive id="ip" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints><rsc_order id="o" first="ip" then="t"/></constraints>
  </configuration>
  <status/>
</cib>
`;
}

describe("import of a constraint naming a template whose resource is inside a clone or bundle", () => {
  for (const [code, holder] of [
    ["HA2011", '<clone id="r2-clone"><primitive id="r2" template="t"/></clone>'],
    ["HA2090", '<bundle id="b"><docker image="pcmk:x"/><primitive id="r2" template="t"/></bundle>'],
  ] as const) {
    it(`refuses it (${code}) and writes nothing`, () => {
      const dir = mkdtempSync(join(tmpdir(), "hacc-import-tmpl-"));
      writeFileSync(join(dir, "cib.xml"), cibWith(holder));
      const r = hacc(["import", join(dir, "cib.xml"), "-o", join(dir, "site.ha")]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`error[${code}]: template \`t\` stands for \`r2\``);
      expect(r.stderr).toContain("nothing written");
      expect(existsSync(join(dir, "site.ha"))).toBe(false);
    });
  }
});
