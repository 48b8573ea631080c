import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";
import { run, scratch } from "../pacemaker-tools.js";

/**
 * Why HA2006 refuses a guest node named as a cluster node: crm_verify accepts
 * such a CIB without a word, and Pacemaker makes a remote connection resource
 * of the cluster node's name (crm_simulate probes `n2` on both nodes), which
 * would connect to the cluster node as if it ran pacemaker_remote. The site
 * without the name (accepted) is compiled and the `remote-node` written into
 * its CIB by hand, as a pcs user would (`pcs resource meta x remote-node=n2`).
 */
const tools = havePacemaker(["crm_verify", "crm_simulate"]);

describe.skipIf(!tools)("a guest node named as a cluster node, judged by Pacemaker", () => {
  it("crm_verify accepts it without a word and Pacemaker makes a connection resource named as the cluster node; hacc refuses it with HA2006", () => {
    const dir = scratch("remote-names");
    const site = join(dir, "site.ha");
    const text = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property symmetric-cluster = false;\n}\nresource x ocf:heartbeat:Dummy on n1;\n";
    writeFileSync(site, text);
    const cib = join(dir, "cib.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", cib]).code).toBe(0);
    // The resources crm_simulate acts on (with quorum: the CIB has no status to say so).
    const acted = (f: string) => [...new Set([...run("crm_simulate", ["-x", f, "-S", "-q", "true", "-u", "n1", "-u", "n2"]).out.matchAll(/\* Resource action: (\S+)/g)].map((m) => m[1]!))].sort();
    expect(acted(cib)).toEqual(["x"]);
    const named = join(dir, "named.xml");
    const xml = readFileSync(cib, "utf8");
    expect(xml).toContain('<primitive id="x" class="ocf" provider="heartbeat" type="Dummy">');
    writeFileSync(named, xml.replace('<primitive id="x" class="ocf" provider="heartbeat" type="Dummy">', '<primitive id="x" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="x-meta"><nvpair id="x-meta-rn" name="remote-node" value="n2"/></meta_attributes>'));
    const verify = run("crm_verify", ["--xml-file", named, "-V"]);
    expect(verify.code).toBe(0);
    expect(verify.out).not.toMatch(/n2/);
    expect(acted(named)).toEqual(["n2", "x"]);
    writeFileSync(site, text.replace("resource x ocf:heartbeat:Dummy on n1;", "resource x ocf:heartbeat:Dummy { meta remote-node = n2; } on n1;"));
    const c = hacc(["check", site]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain("error[HA2006]: guest node `n2` (the `remote-node` of `x`) has the name of a cluster node");
  });
});
