import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

const SITE =
  HEADER +
  "resource db ocf:pacemaker:Stateful;\npromotable db-clone of db on n1, n2;\n" +
  "resource ip ocf:heartbeat:Dummy on n1;\n" +
  "resource p ocf:heartbeat:Dummy;\nclone p-clone of p on n1, n2;\n";

describe("roles: promoted and unpromoted roles name promotable clones (HA4060); require-any names a clone (HA3060)", () => {
  it("takes every role on a promotable clone, in any case and in 2.1's old names", () => {
    const ds = analyzeText(SITE + "colocate ip with promoted db-clone;\ncolocate Started p-clone with Master db-clone 100;\ncolocate unpromoted db-clone with ip -50;\n").diagnostics;
    expect(ds).toEqual([]);
  });

  it("reports a promoted or unpromoted role of a plain clone or a primitive, at the role", () => {
    expectAt(SITE + "colocate ip with <|promoted|> p-clone;\n", ["HA4060"]);
    expectAt(SITE + "colocate <|slave|> ip with db-clone;\n", ["HA4060"]);
  });

  it("takes `started` on any resource, and a clone made promotable by its meta", () => {
    const ds = analyzeText(SITE + "resource q ocf:pacemaker:Stateful;\nclone q-clone of q { meta promotable = true; } on n1, n2;\ncolocate started ip with promoted q-clone;\n").diagnostics;
    expect(ds).toEqual([]);
  });

  it("says an unknown role is not one, with the closest", () => {
    const ds = analyzeText(SITE + "colocate ip with promotd db-clone;\n").diagnostics;
    expect(ds.map((d) => [d.code, d.message, d.hint])).toEqual([["HA1003", "`promotd` is not a role", "did you mean `promoted`? roles: started, promoted, unpromoted, stopped (and 2.1's master, slave)"]]);
  });

  it("reads two words after `with` as a role and a resource unless the second is a score", () => {
    const ds = analyzeText(SITE + "colocate ip with db-clone -INFINITY;\ncolocate p-clone with unpromoted db-clone 10;\n").diagnostics;
    expect(ds).toEqual([]);
  });

  it("warns where Pacemaker ignores require-any (a first that is not a clone, or a clone with clone-min), and where it deprecates it", () => {
    const ds = analyzeText(SITE + "order p-clone then ip require-any;\n").diagnostics;
    expect(ds.map((d) => [d.code, d.message])).toEqual([["HA3060", 'Pacemaker deprecates `require-any` on an order: crm_verify warns of it ("config may not be valid") and exits 78']]);
    expectAt(SITE + "order ip then p-clone <|require-any|>;\n", ["HA3060"]);
    const minSite = SITE.replace("clone p-clone of p on", "clone p-clone of p { meta clone-min = 2; } on");
    expectAt(minSite + "order p-clone then ip <|require-all|>;\n", ["HA3060"]);
  });

  it("reports an option written twice or contradicted", () => {
    expectAt(SITE + "order p-clone then ip require-any <|require-all|>;\n", ["HA3061"]);
    expectAt(SITE + "order p-clone then ip one-way <|one-way|>;\n", ["HA3061"]);
  });
});
