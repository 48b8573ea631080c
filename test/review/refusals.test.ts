import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, ROOT } from "../helpers.js";

/**
 * Plans that would break what others made, refused before any script is
 * written. refs-live.xml: `app` (the site's, in hacc-refs) with a parameter
 * set and a meta set that an ACL permission (by `reference` and by `xpath`)
 * and an alert (`id-ref`) point at; `other`, which hacc-refs does not list
 * (someone else's), holds ids the site's names would take.
 */
const LIVE = join(ROOT, "test", "fixtures", "review", "refs-live.xml");

const HEAD = `cluster refs {
  nodes n1;
  property stonith-enabled = false;
}
`;
const APP = `resource app ocf:pacemaker:Dummy {
  state = "/run/app.state";
  meta priority = 1;
} on n1 prefer 100;
`;

function tmp(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), "hacc-refuse-")), name);
  writeFileSync(p, text);
  return p;
}

function refusals(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.startsWith("hacc: plan refused"));
}

describe("hacc plan: an id the plan deletes that something it keeps points at", () => {
  it("refuses emptying a set that an ACL (reference, xpath) or an alert (id-ref) names, on every target, naming both ends", () => {
    const site = tmp("refs.ha", HEAD + "resource app ocf:pacemaker:Dummy on n1 prefer 100;\n");
    const out = join(mkdtempSync(join(tmpdir(), "hacc-refuse-")), "plan.sh");
    for (const target of [undefined, ...Object.keys(PLAN_TARGETS)]) {
      const r = hacc(["plan", site, "--live", LIVE, ...(target ? ["--target", target, "-o", out] : [])]);
      expect(r.code, target).toBe(1);
      expect(existsSync(out)).toBe(false);
      expect(refusals(r.stderr)).toEqual([
        "hacc: plan refused: removing `app-instance_attributes` (in primitive `app`) would leave /cib/configuration/acls/acl_role[@id='ops']/acl_permission[@id='ops-params'] (its reference) pointing at nothing; remove or change that by hand first, or keep in the site what primitive `app` holds there",
        "hacc: plan refused: removing `app-meta_attributes` (in primitive `app`) would leave /cib/configuration/acls/acl_role[@id='ops']/acl_permission[@id='ops-meta'] (its xpath) pointing at nothing; remove or change that by hand first, or keep in the site what primitive `app` holds there",
        "hacc: plan refused: removing `app-instance_attributes` (in primitive `app`) would leave /cib/configuration/alerts/alert[@id='notify']/instance_attributes (its id-ref) pointing at nothing; remove or change that by hand first, or keep in the site what primitive `app` holds there",
      ]);
    }
  });

  it("plans a change that keeps the sets: a parameter value changes, nothing is refused", () => {
    const site = tmp("refs.ha", HEAD + APP.replace("/run/app.state", "/run/app.other"));
    const r = hacc(["plan", site, "--live", LIVE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("~ param state: /run/app.state -> /run/app.other");
  });
});

describe("hacc plan: an id the plan creates that a live element of another kind or object has", () => {
  it("refuses a new op and a new resource's set whose ids another live object's elements carry, naming both", () => {
    const site = tmp("refs.ha", HEAD + APP.replace("meta priority = 1;", "meta priority = 1;\n  op monitor interval 30s timeout 20s;") + 'resource web ocf:pacemaker:Dummy { state = "/run/web"; } on n1 prefer 10;\n');
    const r = hacc(["plan", site, "--live", LIVE]);
    expect(r.code).toBe(1);
    expect(refusals(r.stderr)).toEqual([
      "hacc: plan refused: the <op> `app-monitor-interval-30s` of the primitive `app` needs the id `app-monitor-interval-30s`, which the live CIB already gives to /cib/configuration/resources/primitive[@id='other']/instance_attributes[@id='web-instance_attributes']/nvpair[@id='app-monitor-interval-30s']; rename one of them (the site's name, or the live element by hand)",
      "hacc: plan refused: the <instance_attributes> `web-instance_attributes` of the new primitive `web` needs the id `web-instance_attributes`, which the live CIB already gives to /cib/configuration/resources/primitive[@id='other']/instance_attributes[@id='web-instance_attributes']; rename one of them (the site's name, or the live element by hand)",
    ]);
  });
});

describe("hacc plan: taking over a live object", () => {
  const SITE = HEAD + APP + 'resource other ocf:pacemaker:Dummy { fake = "1"; } on n1 prefer 50;\n';

  it("refuses one that the site's own tag does not list (made by someone else since), until --adopt names it", () => {
    const site = tmp("refs.ha", SITE);
    const r = hacc(["plan", site, "--live", LIVE]);
    expect(r.code).toBe(1);
    expect(refusals(r.stderr)).toEqual([
      "hacc: plan refused: the site declares `other`, which the live CIB has but hacc-refs does not list: someone else made it after this site's tag was written; check whose it is, then plan with --adopt other to take it over",
      "hacc: plan refused: the site declares `location-other-n1`, which the live CIB has but hacc-refs does not list: someone else made it after this site's tag was written; check whose it is, then plan with --adopt location-other-n1 to take it over",
    ]);
    const adopted = hacc(["plan", site, "--live", LIVE, "--adopt", "other", "--adopt", "location-other-n1"]);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(adopted.stdout).toContain("taken over (declared by the site, in the live CIB, not yet in hacc-refs): other, location-other-n1");
    expect(adopted.stdout).toContain("~ tag hacc-refs, adds `other`, `location-other-n1`");
    const one = hacc(["plan", site, "--live", LIVE, "--adopt", "other"]);
    expect(refusals(one.stderr)).toEqual([expect.stringContaining("the site declares `location-other-n1`")]);
  });

  it("refuses one that another hacc site's tag lists, saying whose it is, until --adopt-all", () => {
    const live = tmp("team.xml", readFileSync(LIVE, "utf8").replace("</tags>", '  <tag id="hacc-team">\n        <obj_ref id="other"/>\n      </tag>\n    </tags>'));
    const site = tmp("refs.ha", SITE);
    const r = hacc(["plan", site, "--live", live, "--target", "cib"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(refusals(r.stderr)[0]).toBe(
      "hacc: plan refused: the site declares `other`, which another hacc site owns: the ownership tag hacc-team lists it; to take it over, plan with --adopt other (hacc-team keeps listing it until that site's plan drops it)",
    );
    const all = hacc(["plan", site, "--live", live, "--adopt-all"]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain("taken over (declared by the site, in the live CIB, not yet in hacc-refs): other, location-other-n1");
  });

  it("adopts what the site declares on a cluster without any hacc tag (first adoption), as before", () => {
    const untagged = tmp("untagged.xml", readFileSync(LIVE, "utf8").replace(/<tags>[\s\S]*<\/tags>/, ""));
    const r = hacc(["plan", tmp("refs.ha", SITE), "--live", untagged]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("taken over (declared by the site, in the live CIB, not yet in hacc-refs): app, other, location-app-n1, location-other-n1");
  });

  it("--adopt of an id the site does not declare is a usage error", () => {
    const r = hacc(["plan", tmp("refs.ha", SITE), "--live", LIVE, "--adopt", "nothing-here"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hacc: --adopt "nothing-here": the site declares no resource or constraint with that id\n');
  });
});

describe("hacc plan: a location of the same resource and node that someone else made", () => {
  // ban-live.xml: the small site applied, then its own `location-a-n1` removed
  // and `crm_resource --ban a n1` run (`cli-ban-a-on-n1`, role Started).
  // `pcs constraint location add location-a-n1 a n1 100` would replace the
  // ban without a word (pcs 0.11.5 on a CIB file), so the pcs plan adds that
  // location with cibadmin; the cib and crmsh plans write it by id.
  const BAN = join(ROOT, "test", "fixtures", "review", "ban-live.xml");
  const SITE = join(ROOT, "test", "review", "sites", "small-before.ha");

  it("plans on every target, the pcs one adding the location beside the ban with cibadmin", () => {
    const out = join(mkdtempSync(join(tmpdir(), "hacc-refuse-")), "plan.sh");
    for (const target of [undefined, ...Object.keys(PLAN_TARGETS)]) {
      const r = hacc(["plan", SITE, "--live", BAN, ...(target ? ["--target", target, "-o", out] : [])]);
      expect(r.code, target).toBe(0);
      expect(refusals(r.stderr)).toEqual([]);
    }
    hacc(["plan", SITE, "--live", BAN, "--target", "pcs", "-o", out]);
    const script = readFileSync(out, "utf8");
    expect(script).toContain("cibadmin, as `pcs constraint location add` would replace /cib/configuration/constraints/rsc_location[@id='cli-ban-a-on-n1'] (same resource and node)");
    expect(script).not.toMatch(/constraint location add location-a-n1/);
  });

  it("plans as before once the ban is cleared", () => {
    const cleared = tmp("cleared.xml", readFileSync(BAN, "utf8").replace(/\s*<rsc_location id="cli-ban-a-on-n1"[^>]*\/>/, ""));
    const r = hacc(["plan", SITE, "--live", cleared]);
    expect(refusals(r.stderr)).toEqual([]);
    expect(r.stdout).toContain("location a on n1");
  });
});

describe("hacc plan: a reference to the site's own ownership tag", () => {
  // acl-on-tag-live.xml (from a review): an ACL permission with
  // reference="hacc-small". The cib and pcs scripts delete the tag and write
  // it again, which Pacemaker's schema refused half-way ("Update does not
  // conform"); the plan is refused up front instead, naming the reference.
  it("refuses on every target, naming where the reference is", () => {
    const live = join(ROOT, "test", "fixtures", "review", "acl-on-tag-live.xml");
    const site = join(ROOT, "test", "review", "sites", "op-defaults-added.ha");
    const out = join(mkdtempSync(join(tmpdir(), "hacc-refuse-")), "plan.sh");
    for (const target of [undefined, ...Object.keys(PLAN_TARGETS)]) {
      const r = hacc(["plan", site, "--live", live, ...(target ? ["--target", target, "-o", out] : [])]);
      expect(r.code, target).toBe(1);
      expect(existsSync(out)).toBe(false);
      expect(refusals(r.stderr)).toEqual([
        "hacc: plan refused: /cib/configuration/acls/acl_role[@id='r9']/acl_permission[@id='r9-p'] refers to `hacc-small` (its reference), the site's ownership tag, which a plan deletes and writes again; refer to the objects themselves, or remove that reference by hand first",
      ]);
    }
  });
});
