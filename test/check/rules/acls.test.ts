import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../../src/emit/cib/cib.js";
import { analyzeText, expectAt, havePacemaker } from "../../helpers.js";

const ON = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property enable-acl = true;\n}\nresource db ocf:pacemaker:Dummy { fake = x; } on n1 10;\n";

describe("HA4120: ACLs while enable-acl is not true", () => {
  it("is reported at the first acl statement when the property is unset, and at the property when it is false", () => {
    expectAt("cluster c {\n  nodes n1;\n}\n<|acl role r { read xpath \"/cib\"; }|>\nacl user u roles r;\n", ["HA4120"]);
    expectAt("cluster c {\n  nodes n1;\n  property <|enable-acl = off|>;\n}\nacl role r { read xpath \"/cib\"; }\n", ["HA4120"]);
  });

  it("says nothing when it is true, in any of Pacemaker's spellings", () => {
    for (const v of ["true", "yes", "on", "1"]) {
      expect(analyzeText(`cluster c {\n  nodes n1;\n  property enable-acl = ${v};\n}\nacl role r { read xpath "/cib"; }\n`).diagnostics).toEqual([]);
    }
  });
});

describe("HA2122: a permission naming an id the site does not declare", () => {
  it("accepts the ids the site makes: resources, their sets and nvpairs, ops, constraints, roles and permissions", () => {
    const ids = ["db", "db-instance_attributes", "db-instance_attributes-fake", "db-monitor-interval-10s", "location-db-n1", "cib-bootstrap-options-enable-acl", "other", "r-read"];
    const lines = ids.map((id) => `read id ${id};`).join(" ");
    const r = analyzeText(ON + `acl role r { ${lines} }\nacl role other { write xpath "/cib"; }\n`);
    expect(r.diagnostics).toEqual([]);
  });

  it("knows the ids the CIB target writes for templates and their resources, defaults sets and the ownership tag, and no other (crm_verify agrees)", () => {
    const site =
      "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property enable-acl = true;\n" +
      "  defaults when resource ocf:pacemaker:Dummy {\n    is-managed = false;\n  }\n}\n" +
      "template web-t ocf:pacemaker:Dummy { fake = a; }\nresource w from web-t;\n";
    const ids = ["web-t", "web-t-instance_attributes-fake", "w", "rsc-options-1", "hacc-c"];
    const r = analyzeText(site + `acl role r { ${ids.map((id) => `read id ${id};`).join(" ")} }\n`);
    expect(r.diagnostics).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "hacc-acl-"));
    writeFileSync(join(dir, "cib.xml"), emitCibFull(r.value.cib!));
    if (havePacemaker(["crm_verify"])) {
      const v = spawnSync("crm_verify", ["--xml-file", join(dir, "cib.xml"), "-V"], { encoding: "utf8" });
      expect(v.status, v.stdout + v.stderr).toBe(0);
    }
    // w's parameter is the template's: the CIB has no w-instance_attributes-fake, and the hint names an id it has.
    const ds = expectAt(site + "acl role r { deny id <|w-instance_attributes-fake|>; }\n", ["HA2122"]);
    expect(ds[0]!.hint).toBe("did you mean `web-t-instance_attributes-fake`?");
  });

  it("warns at the id of one it lacks, with the nearest as a hint", () => {
    const ds = expectAt(ON + "acl role r { deny id <|db-instance_attributes-fak|>; }\n", ["HA2122"]);
    expect(ds[0]!.hint).toBe("did you mean `db-instance_attributes-fake`?");
  });
});

describe("ACL statements (HA2120, HA2121, HA3120-HA3123)", () => {
  it("reports each mistake at its word", () => {
    expectAt(
      ON +
        "acl role r { read xpath \"/cib\"; <|reed|> id db; }\n" +
        "acl role s { <|write xpath \"/cib\" type primitive;|> <|deny;|> read type primitive <|attribute|>; write <|typ|> primitive; }\n" +
        "acl role t { read xpath <|\"//a[@id='x']]\"|>; }\n" +
        "acl role u { read attribute target-role type x <|y|>; }\n" +
        "acl <|usr|> alice roles r;\n" +
        "acl user bob roles <|q|>, r, <|r|>;\n" +
        "acl user <|bob|> roles r;\n" +
        "acl group <|g|> { read xpath \"/cib\"; }\n" +
        "acl role v <|roles|> r;\n",
      ["HA3121", "HA3122", "HA3122", "HA3122", "HA3122", "HA3123", "HA3122", "HA3120", "HA2120", "HA2121", "HA2004", "HA3120", "HA3120"],
    );
  });

  it("keeps roles, groups and permissions in the CIB's one id space", () => {
    expectAt(ON + "acl role <|db|> { read xpath \"/cib\"; }\n", ["HA2004"]);
    expectAt(ON + "resource r-read ocf:pacemaker:Dummy on n1;\nacl role r { <|read|> xpath \"/cib\"; }\n", ["HA2005"]);
    expectAt(ON + "acl role r { read xpath \"/cib\"; }\nacl group <|r|> roles r;\n", ["HA2004"]);
  });

  it("names permissions as pcs does, ROLE-KIND then -1, -2 for the next of a kind, in order", () => {
    const r = analyzeText(ON + 'acl role r { read xpath "/cib"; deny id db; read id db-instance_attributes; read xpath "//nodes"; }\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib!.acls!.roles[0]!.permissions.map((p) => p.id)).toEqual(["r-read", "r-deny", "r-read-1", "r-read-2"]);
  });

  it("takes a permission's own id from `named ID` (crmsh's ROLE-0, ROLE-1, ...); the others keep pcs's", () => {
    const r = analyzeText(ON + 'acl role r { read xpath "/cib" named r-0; deny id db named r-1; read xpath "//nodes"; }\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib!.acls!.roles[0]!.permissions.map((p) => p.id)).toEqual(["r-0", "r-1", "r-read-1"]);
  });

  it("reports a named id that is no id (HA3005), is taken (HA2005), or names a description (HA3122)", () => {
    expectAt(ON + 'acl role r { read xpath "/cib" named <|1x|>; }\n', ["HA3005"]);
    expectAt(ON + 'acl role r { read xpath "/cib" named <|db|>; }\n', ["HA2005"]);
    expectAt(ON + 'acl role r { read xpath "/cib"; deny id db named <|r-read|>; }\n', ["HA2005"]);
    expectAt(ON + 'acl role r { description "ops" named <|d|>; read xpath "/cib"; }\n', ["HA3122"]);
  });
});

describe.skipIf(!havePacemaker(["crm_verify"]))("Pacemaker's verdict", () => {
  it("crm_verify accepts the CIB of a site with every permission form, users and groups", () => {
    const r = analyzeText(
      ON +
        'acl role r { description "ops"; read xpath "/cib"; deny id db-instance_attributes-fake; write type primitive attribute target-role; }\n' +
        "acl role s { read id location-db-n1; }\nacl user alice roles r, s;\nacl user bob;\nacl group ops roles s;\n",
    );
    expect(r.diagnostics).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "hacc-acl-"));
    const file = join(dir, "cib.xml");
    writeFileSync(file, emitCibFull(r.value.cib!));
    const v = spawnSync("crm_verify", ["--xml-file", file, "-V"], { encoding: "utf8" });
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });
});
