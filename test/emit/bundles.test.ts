import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, HEADER, ROOT } from "../helpers.js";

/**
 * Bundles in the three targets: goldens of test/fixtures/bundles.ha (which
 * test/pacemaker/equivalence.test.ts applies with cibadmin, pcs and crmsh
 * and holds to crm_verify), and what a target cannot write.
 */
const SITE = join(ROOT, "test", "fixtures", "bundles.ha");
const GOLDEN = join(ROOT, "test", "golden");

function cibOf(text: string, file = "site.ha"): Cib {
  const r = analyzeText(text, file);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

const site = () => cibOf(readFileSync(SITE, "utf8"), SITE);

describe("bundles: goldens", () => {
  it("CIB fragment", () => expectGolden(join(GOLDEN, "cib", "bundles.xml"), emitCibFragment(site())));

  it("crmsh", () => {
    const r = emitCrmsh(site(), { sourceName: SITE });
    // The fixture declares primitive `ip` after bundle `httpd-bundle`, which crmsh's load moves ahead (HA5080).
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5080"]);
    expectGolden(join(GOLDEN, "crmsh", "bundles.crm"), r.value);
  });

  for (const version of ["0.10", "0.11"]) {
    it(`pcs ${version}`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      expectGolden(join(GOLDEN, "pcs", `bundles-${version}.sh`), r.value);
    });
  }
});

describe("bundles: what each target writes", () => {
  it("pcs: the bundle, then its primitive with `bundle ID`; --force for add-host, with a comment", () => {
    const text = emitPcs(site(), { pcsVersion: "0.11" }).value;
    expect(text).toContain("  pcs_f resource bundle create httpd-bundle container docker image=pcmk:http replicas=2 replicas-per-host=1 options=--log-driver=journald \\\n");
    expect(text).toContain("      port-map id=httpd-alt port=8080 internal-port=80 \\\n");
    expect(text).toContain("      storage-map id=httpd-bundle-storage-map source-dir=/var/www/html target-dir=/var/www/html options=ro \\\n");
    expect(text).toMatch(/# --force: pcs does not know the network option add-host[^\n]*\n[^\n]*pcs_f resource bundle create httpd-bundle /);
    expect(text).toMatch(/pcs_f resource create httpd ocf:heartbeat:apache \\\n[^\n]*\n {6}bundle httpd-bundle --no-default-ops\n/);
    expect(text.indexOf("resource bundle create httpd-bundle")).toBeLessThan(text.indexOf("resource create httpd "));
  });

  it("pcs: a primitive in a bundle pcs finds unreachable (no control-port, no ip-range-start) is forced, with a comment", () => {
    const cib = cibOf(HEADER + "resource h ocf:heartbeat:apache;\nbundle b of h { docker image = x; } on n1;\n");
    const text = emitPcs(cib, { pcsVersion: "0.11" }).value;
    expect(text).toMatch(/# --force: pcs refuses a resource in a bundle whose network[^\n]*\n {2}pcs_f resource create h [^\n]*\n[^\n]*\n {6}bundle b --no-default-ops --force\n/);
  });

  it("pcs 0.9 has no bundle commands: HA5002", () => {
    const r = emitPcs(site(), { pcsVersion: "0.9" });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HA5002", "pcs 0.9 has no bundle commands; bundle `httpd-bundle` cannot be written"],
      ["HA5002", "pcs 0.9 has no bundle commands; bundle `cache-bundle` cannot be written"],
    ]);
  });

  it("crmsh writes docker bundles only: podman and rkt are HA5020", () => {
    for (const runtime of ["podman", "rkt"]) {
      const r = emitCrmsh(cibOf(HEADER + `bundle b { ${runtime} image = x; } on n1;\n`), {});
      expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5020"]);
      expect(r.diagnostics[0]!.message).toContain(`runs ${runtime}`);
    }
  });

  it("the CIB writes the parts in schema form: container, network with its port mappings, storage, primitive", () => {
    const xml = emitCibFragment(cibOf(HEADER + 'resource h ocf:heartbeat:apache;\nbundle b of h { podman image = "a b"; port-map port = 80; } on n1;\n'));
    expect(xml).toContain('    <bundle id="b">\n      <podman image="a b"/>\n      <network>\n        <port-mapping id="b-port-map-80" port="80"/>\n      </network>\n      <primitive id="h"');
  });
});
