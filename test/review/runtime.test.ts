import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/ir/types.js";
import { readLiveCib } from "../../src/review/live.js";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * What an operator set at run time survives any plan, and any plan
 * converges: applied with its own script, a second plan of the same site
 * against the result has nothing to do.
 *
 * runtime-live.xml is runtime-before.ha as it runs after an operator's
 * `crm_resource --meta`: solo stopped (target-role), group member m1
 * unmanaged, group grp in maintenance, member p1 unmanaged, mon stopped, and
 * `enabled="false" on-fail="block"` on mon's monitor. runtime-after.ha
 * changes solo's agent and reorders grp (both rebuilt: deleted and created
 * again), changes p2's parameter in place (crmsh writes grp2 whole), and
 * drops the op attributes.
 *
 * op-attrs-live.xml (from a review) has rsc10's monitor with `enabled="false"
 * on-fail="block"` among objects hacc cannot read; crmsh's own patch kept
 * those attributes and reported success.
 */
const SITES = join(ROOT, "test", "review", "sites");
const FIXTURES = join(ROOT, "test", "fixtures", "review");
const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };

const CASES = [
  { name: "rebuilt and rewritten resources with run-time settings", site: join(SITES, "runtime-after.ha"), live: join(FIXTURES, "runtime-live.xml") },
  { name: "an op with attributes the site does not declare", site: join(SITES, "op-attrs.ha"), live: join(FIXTURES, "op-attrs-live.xml") },
] as const;

/** Every run-time meta attribute in a CIB, as `resource: name=value`, sorted. */
function runtimeMeta(path: string): string[] {
  const r = readLiveCib(readFileSync(path, "utf8"));
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  const out: string[] = [];
  const walk = (x: Resource): void => {
    for (const p of x.meta?.pairs ?? []) if (["target-role", "is-managed", "maintenance"].includes(p.name)) out.push(`${x.id}: ${p.name}=${p.value}`);
    if (x.kind === "group") x.children.forEach(walk);
    if (x.kind === "clone") walk(x.child);
  };
  r.value.cib.resources.forEach(walk);
  return out.sort();
}

/** The attributes of every op in a CIB file, by op id. */
function opAttrs(path: string, id: string): string {
  return new RegExp(`<op [^>]*id="${id}"[^>]*>`).exec(readFileSync(path, "utf8"))?.[0] ?? "";
}

describe("the plans of the run-time fixture", () => {
  it("say what they rebuild and what they change (the fixture is what the tests below apply)", () => {
    const r = hacc(["plan", CASES[0].site, "--live", CASES[0].live]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("(deleted and created again, because its agent changes)");
    expect(r.stdout).toContain("(deleted and created again, because its members change)");
    expect(r.stdout).toContain("(made again with what was set at run time: solo target-role=Stopped)");
    expect(r.stdout).toContain("(made again with what was set at run time: grp maintenance=true, m1 is-managed=false)");
    expect(r.stdout).toContain("~ param state: /run/p2.state -> /run/p2.other");
    expect(r.stdout).toContain("~ op monitor 10s: enabled unset (was false), on-fail unset (was block)");
    expect(runtimeMeta(CASES[0].live)).toEqual([
      "grp: maintenance=true",
      "m1: is-managed=false",
      "mon: target-role=Stopped",
      "p1: is-managed=false",
      "solo: target-role=Stopped",
    ]);
  });
});

for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", TOOL[target] ?? target]))(`the ${target} plan script`, () => {
    for (const c of CASES) {
      it(`${c.name}: keeps every run-time setting, removes the op attributes, and a second plan is empty`, { timeout: 180_000 }, () => {
        const d = mkdtempSync(join(tmpdir(), `hacc-rt-${target}-`));
        const script = join(d, "plan.sh");
        const made = hacc(["plan", c.site, "--live", c.live, "--target", target, "-o", script]);
        expect(made.code, made.stderr).toBe(0);
        const copy = join(d, "copy.xml");
        copyFileSync(c.live, copy);
        const run = spawnSync("bash", [script, copy], { encoding: "utf8" });
        expect(run.status, run.stdout + run.stderr).toBe(0);
        expect(runtimeMeta(copy)).toEqual(runtimeMeta(c.live));
        const op = c.live.endsWith("runtime-live.xml") ? "mon-monitor-interval-10s" : "rsc10-monitor-interval-10s";
        expect(opAttrs(c.live, op)).toContain('enabled="false"');
        expect(opAttrs(copy, op)).toMatch(/timeout="20s"/);
        expect(opAttrs(copy, op)).not.toMatch(/enabled=|on-fail=/);
        const again = hacc(["plan", c.site, "--live", copy, "--exit-code"]);
        expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
        expect(again.code).toBe(0);
      });
    }
  });
}

/**
 * Plans `site` against `live` for `target`, applies the script to a copy of
 * `live`, and checks that a second plan against the result is empty: the
 * copy's text, for the caller's own assertions.
 */
function applyConverges(site: string, live: string, target: string): string {
  const d = mkdtempSync(join(tmpdir(), `hacc-apply-${target}-`));
  const script = join(d, "plan.sh");
  const made = hacc(["plan", site, "--live", live, "--target", target, "-o", script]);
  expect(made.code, made.stderr).toBe(0);
  const copy = join(d, "copy.xml");
  copyFileSync(live, copy);
  const run = spawnSync("bash", [script, copy], { encoding: "utf8" });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const again = hacc(["plan", site, "--live", copy, "--exit-code"]);
  expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
  expect(again.code).toBe(0);
  return readFileSync(copy, "utf8");
}

/**
 * defaults-rule-live.xml (from a review): the small site applied, with a
 * rule-bound `night` set in rsc_defaults beside the plain `rsc-options`.
 * defaults-rule.ha raises resource-stickiness from 1 to 2. hacc leaves the
 * `night` set alone and changes `rsc-options` in place; before, the whole
 * section was left alone, so every plan added a set again (cib), never
 * converged (crmsh), or failed (pcs: "Several options sets exist").
 *
 * alert-op-options-live.xml (from a review): an <alert id="op-options"> and
 * no op_defaults. op-defaults-added.ha adds op-defaults: the new set takes a
 * free id on every target; crmsh, given `op-options`, crashed with a Python
 * traceback.
 */
for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", TOOL[target] ?? target]))(`the ${target} plan and defaults sets`, () => {
    it("beside a rule-bound set: changes the plain set in place, keeps the rule-bound one, and converges", { timeout: 180_000 }, () => {
      const text = applyConverges(join(SITES, "defaults-rule.ha"), join(FIXTURES, "defaults-rule-live.xml"), target);
      const stickiness = [...text.matchAll(/<nvpair id="([^"]*)" name="resource-stickiness" value="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);
      expect(stickiness).toEqual(["rsc-options-resource-stickiness=2", "night-rs=7"]);
    });

    it("beside a property block: changes a plain property in place, keeps the block, and converges", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-props-${target}-`));
      const site = (limit: number) => `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property batch-limit = ${limit};\n  property score 100 when date gt 2001-01-01 { cluster-delay = 90s; }\n}\nresource d ocf:pacemaker:Dummy on n1;\n`;
      writeFileSync(join(d, "old.ha"), site(5));
      writeFileSync(join(d, "new.ha"), site(6));
      const live = join(d, "live.xml");
      expect(hacc(["compile", join(d, "old.ha"), "--target", "cib", "--full", "-o", live]).code).toBe(0);
      const text = applyConverges(join(d, "new.ha"), live, target);
      expect([...text.matchAll(/name="batch-limit" value="([^"]*)"/g)].map((m) => m[1])).toEqual(["6"]);
      expect(text).toMatch(/<cluster_property_set id="cluster-options-1" score="100">\s*<rule [^>]*>\s*<date_expression [^>]*start="2001-01-01"\/>\s*<\/rule>\s*<nvpair [^>]*name="cluster-delay" value="90s"\/>/);
    });

    it("whose usual id another element holds: writes the set under a free id, and converges", { timeout: 180_000 }, () => {
      const text = applyConverges(join(SITES, "op-defaults-added.ha"), join(FIXTURES, "alert-op-options-live.xml"), target);
      expect(text).toContain('<alert id="op-options" path="/bin/true"/>');
      // cib and crmsh write hacc's `op-options-2`; pcs names its own (`op_defaults-meta_attributes`).
      expect(text).toMatch(/<op_defaults>\s*<meta_attributes id="(op-options-2|op_defaults-meta_attributes)">\s*<nvpair [^>]*name="timeout" value="30s"/);
    });
  });
}
