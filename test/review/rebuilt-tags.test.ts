import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * A resource the plan deletes and makes again (a group whose members are
 * reordered) while tags list it or its members: pcs refused to delete it
 * ("referenced in the tag"), and crmsh's `delete --force` emptied the site's
 * tag and deleted it, never to be written back. Every target must leave each
 * tag as the site says (its own) or exactly as it was (an administrator's),
 * with a constraint naming a tag still valid, and plan no change afterwards.
 */
const tools = havePacemaker(["cibadmin", "crm_verify", "pcs", "crm"]);

const HEAD = `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
}
`;
const IP = "resource ip ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }\nresource www ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }\n";
const OTHER = "resource other ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }\n";

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Each tag but the ownership tag, as `id=member,member`, in document order. */
function tags(xml: string): string[] {
  return [...xml.matchAll(/<tag id="([^"]*)">([\s\S]*?)<\/tag>/g)]
    .filter((m) => !m[1]!.startsWith("hacc-"))
    .map((m) => `${m[1]}=${[...m[2]!.matchAll(/<obj_ref id="([^"]*)"\/>/g)].map((o) => o[1]).join(",")}`)
    .sort();
}

/** The live CIB: the site compiled by the CIB target, with `extra` (tags, constraints by hand) added. */
function liveCib(dir: string, site: string, extra: { constraints?: string; tags?: string } = {}): string {
  writeFileSync(join(dir, "before.ha"), site);
  const r = hacc(["compile", join(dir, "before.ha"), "--target", "cib", "--full", "-o", join(dir, "live.xml")]);
  expect(r.code, r.stderr).toBe(0);
  let xml = readFileSync(join(dir, "live.xml"), "utf8");
  if (extra.constraints) xml = xml.replace("</constraints>", `${extra.constraints}</constraints>`);
  if (extra.tags) xml = xml.replace("</tags>", `${extra.tags}</tags>`);
  writeFileSync(join(dir, "live.xml"), xml);
  const v = run("crm_verify", ["--xml-file", join(dir, "live.xml")]);
  expect(v.code, v.out).toBe(0);
  return join(dir, "live.xml");
}

function applyEach(dir: string, live: string, site: string, want: string[]): void {
  writeFileSync(join(dir, "site.ha"), site);
  for (const target of ["pcs", "crmsh", "cib"]) {
    const script = join(dir, `plan.${target}`);
    const p = hacc(["plan", join(dir, "site.ha"), "--live", live, "--target", target, "-o", script]);
    expect(p.code, `${target}: ${p.stderr}`).toBe(0);
    const copy = join(dir, `after.${target}.xml`);
    writeFileSync(copy, readFileSync(live, "utf8"));
    const a = run("bash", [script, copy]);
    expect(a.code, `${target}: ${a.out}`).toBe(0);
    const after = readFileSync(copy, "utf8");
    expect(tags(after), target).toEqual(want);
    expect(after, target).toMatch(/<group id="web">\s*<primitive id="www"/);
    const v = run("crm_verify", ["--xml-file", copy]);
    expect(v.code, `${target}: ${v.out}`).toBe(0);
    expect(hacc(["plan", join(dir, "site.ha"), "--live", copy]).stdout, target).toContain("no changes");
  }
}

describe.skipIf(!tools)("tags that list a resource the plan deletes and makes again", () => {
  it("the site's tag of a group's members survives the group's reordering, on every target (the admin's report)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-rebuilt-tags-"));
    const site = `${HEAD}${IP}group web ip, www on n1 50;\ntag grp-tag = ip, www;\n`;
    const live = liveCib(dir, site);
    applyEach(dir, live, site.replace("group web ip, www", "group web www, ip"), ["grp-tag=ip,www"]);
  });

  it("the site's tag (changed or not), an administrator's tag and a constraint naming a tag all come back as they should", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-rebuilt-tags-"));
    const site = `${HEAD}${OTHER}${IP}group web ip, www on n1 50;\ntag grp-tag = ip, www;\n`;
    const live = liveCib(dir, site, {
      constraints: '<rsc_location id="tag-loc" rsc="grp-tag" node="n2" score="10"/>',
      tags: '<tag id="ops"><obj_ref id="www"/><obj_ref id="web"/></tag><tag id="mixed"><obj_ref id="other"/><obj_ref id="ip"/></tag>',
    });
    const reordered = site.replace("group web ip, www", "group web www, ip");
    applyEach(dir, live, reordered, ["grp-tag=ip,www", "mixed=other,ip", "ops=www,web"]);
    applyEach(dir, live, reordered.replace("tag grp-tag = ip, www;", "tag grp-tag = www, ip, other;"), ["grp-tag=www,ip,other", "mixed=other,ip", "ops=www,web"]);
    for (const target of ["pcs", "crmsh", "cib"]) expect(readFileSync(join(dir, `after.${target}.xml`), "utf8"), target).toContain('<rsc_location id="tag-loc" rsc="grp-tag" node="n2" score="10"/>');
  });
});

describe("a tag that lists only rebuilt resources, named by a constraint, with no other resource to list meanwhile", () => {
  it("is refused, naming the tag and the constraint (the pcs and crmsh scripts would have failed at apply)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-rebuilt-tags-"));
    const site = `${HEAD}${IP}group web ip, www on n1 50;\ntag grp-tag = ip, www;\n`;
    writeFileSync(join(dir, "before.ha"), site);
    expect(hacc(["compile", join(dir, "before.ha"), "--target", "cib", "--full", "-o", join(dir, "live.xml")]).code).toBe(0);
    const live = join(dir, "live.xml");
    writeFileSync(live, readFileSync(live, "utf8").replace("</constraints>", '<rsc_location id="tag-loc" rsc="grp-tag" node="n2" score="10"/></constraints>'));
    writeFileSync(join(dir, "site.ha"), site.replace("group web ip, www", "group web www, ip"));
    const p = hacc(["plan", join(dir, "site.ha"), "--live", live, "--target", "pcs", "-o", join(dir, "plan.sh")]);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain(
      "hacc: plan refused: the tag `grp-tag` lists only resources the plan deletes and makes again, and the plan keeps no other resource it could list meanwhile (the schema wants one), so the pcs and crmsh scripts would delete it for that time, which /cib/configuration/constraints/rsc_location[@id='tag-loc'] (its rsc) forbids",
    );
  });
});
