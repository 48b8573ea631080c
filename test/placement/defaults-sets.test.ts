import { describe, expect, it } from "vitest";
import { forecast } from "../../src/simulate/hacc.js";
import { analyzeText } from "../helpers.js";

/** hacc's prediction with all nodes up: resource -> where it runs, or "not predicted". */
function first(text: string): Record<string, string> {
  const site = analyzeText(text).value.site!;
  const f = forecast(site, site.nodes.map((n) => [n]));
  return Object.fromEntries(f.first.rows.map((r) => [r.resource, r.predicted === false ? "not predicted" : (r.after[0] ?? "stopped")]));
}

const SITE = (line: string) => `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
  ${line}
}
resource a ocf:pacemaker:Dummy on n1 prefer 100;
resource b ocf:pacemaker:Dummy { meta target-role = Started; } on n1 prefer 100;
resource c ocf:pacemaker:Dummy on n2 prefer 100;
colocate c with a;
`;

describe("defaults sets in the prediction (docs/failover.md)", () => {
  it("a resource whose target-role a defaults block may set is not predicted, nor what hangs on it; one that sets it itself is", () => {
    expect(first(SITE("defaults when resource ocf:pacemaker:Dummy { target-role = Stopped; }"))).toEqual({ a: "not predicted", b: "n1", c: "not predicted" });
  });

  it("a block of other meta attributes, or op-defaults, changes nothing", () => {
    const plain = first(SITE(""));
    expect(plain).toEqual({ a: "n1", b: "n1", c: "stopped" });
    expect(first(SITE("defaults when resource ocf:pacemaker:Dummy { description-note = x; }"))).toEqual(plain);
    expect(first(SITE("op-defaults when op monitor { timeout = 8s; }"))).toEqual(plain);
  });
});

describe("property sets in the prediction (docs/failover.md)", () => {
  it("a property the prediction reads, set by a `property` block, leaves every resource not predicted", () => {
    const none = { a: "not predicted", b: "not predicted", c: "not predicted" };
    expect(first(SITE("property when date gt 2026-01-01 { stop-all-resources = true; }"))).toEqual(none);
    expect(first(SITE("property score 10 { symmetric-cluster = true; }"))).toEqual(none);
    expect(first(SITE("property score 10 { placement-strategy = balanced; }"))).toEqual(none);
  });

  it("a block of other properties changes nothing", () => {
    expect(first(SITE("property when date gt 2026-01-01 { cluster-delay = 10s; }"))).toEqual({ a: "n1", b: "n1", c: "stopped" });
  });
});

describe("a resource's meta sets in the prediction (docs/failover.md)", () => {
  const site = (block: string) => `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
}
template t ocf:pacemaker:Dummy { ${block} }
resource a ocf:pacemaker:Dummy { ${block} } on n1 prefer 100;
resource b from t on n1 prefer 100;
resource c ocf:pacemaker:Dummy on n2 prefer 100;
colocate c with a;
`;

  it("a resource (or its template) whose meta set may set target-role is not predicted, nor what hangs on it", () => {
    expect(first(site("meta when date gt 2026-01-01 { target-role = Stopped; }"))).toEqual({ a: "not predicted", b: "not predicted", c: "not predicted" });
    expect(first(site("meta score 10 { resource-stickiness = 100; }"))).toEqual({ a: "not predicted", b: "not predicted", c: "not predicted" });
  });

  it("a meta set of other attributes, or a params set, changes nothing", () => {
    const plain = { a: "n1", b: "n1", c: "stopped" };
    expect(first(site(""))).toEqual(plain);
    expect(first(site("meta when date gt 2026-01-01 { description-note = x; }"))).toEqual(plain);
    expect(first(site('params when "#uname" eq n1 { fake = x; }'))).toEqual(plain);
  });
});
