import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStatus } from "../../src/simulate/crm.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/** A status as crm_simulate 2.1.5 prints bundles (test/fixtures/bundles.ha, guest node entries added). */
const STATUS = `Revised Cluster Status:
  * Node List:
    * Online: [ n1 n2 ]
    * GuestOnline: [ httpd-bundle-0 httpd-bundle-1 ]

  * Full List of Resources:
    * Container bundle set: httpd-bundle [pcmk:http]:
      * httpd-bundle-0 (192.168.122.131)\t(ocf:heartbeat:apache):\t Started n1
      * httpd-bundle-1 (192.168.122.132)\t(ocf:heartbeat:apache):\t Stopped
    * Container bundle: cache-bundle [registry.example.com/cache:1.2]:
      * cache-bundle-docker-0\t(ocf:heartbeat:docker):\t Started n2
    * ip\t(ocf:heartbeat:IPaddr2):\t Started n2
`;

describe("simulate with bundles", () => {
  it("reads a bundle as one row, where its replicas run, as a clone", () => {
    expect(readStatus(STATUS)).toEqual([
      { id: "httpd-bundle", nodes: ["n1"], state: "Started" },
      { id: "cache-bundle", nodes: ["n2"], state: "Started" },
      { id: "ip", agent: "ocf:heartbeat:IPaddr2", nodes: ["n2"], state: "Started" },
    ]);
  });

  it.skipIf(!havePacemaker(["crm_simulate"]))("Pacemaker's engine: a bundle's replicas come online as guest nodes, and a failure reduces it", () => {
    const r = hacc(["simulate", join(ROOT, "test", "fixtures", "bundles.ha"), "--fail", "n1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^httpd-bundle +n1 n2 +n2 +reduced$/m);
    expect(r.stdout).toMatch(/^cache-bundle +n1 +n2 +moved \(n1 failed\)$/m);
  });

  it("hacc's engine does not predict them, nor what hangs on them, and says so", () => {
    const r = hacc(["simulate", join(ROOT, "test", "fixtures", "bundles.ha"), "--fail", "n1", "--engine", "hacc"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ip +not predicted +not predicted\n  why: colocation `colocation-ip-httpd-bundle` ties it to bundle `httpd-bundle`, which hacc does not place$/m);
    expect(r.stdout).toMatch(/^httpd +not predicted +not predicted\n  why: it is in bundle `httpd-bundle`, which hacc does not place$/m);
  });
});
