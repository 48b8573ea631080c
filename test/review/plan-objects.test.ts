import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Cib } from "../../src/ir/types.js";
import { compareCibs, isEmpty } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * Templates, tags and defaults sets with a rule or a score through `hacc
 * plan`: each target's script, run on a copy of a live CIB, adds, changes
 * and (with --prune, when the ownership tag lists them) removes them, brings
 * the CIB to what the site compiles to (--full, read back), keeps what the
 * site does not own exactly as it was, and leaves nothing to plan again.
 */
const tools = havePacemaker(["cibadmin", "crm_verify", "crm_resource", "pcs", "crm"]);

const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  defaults priority = 1;\n";
const BEFORE =
  HEAD +
  "  defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }\n}\n" +
  "template t ocf:pacemaker:Dummy { op monitor interval 10s; fake = a; }\n" +
  "template gone ocf:pacemaker:Dummy { fake = g; }\n" +
  "resource a from t { fake = b; } on n1;\n" +
  "resource b ocf:pacemaker:Dummy on n1;\n" +
  "tag g = a, b;\n" +
  "tag old = b;\n";
const AFTER =
  HEAD +
  "  defaults score 20 when resource ocf:pacemaker:Dummy { is-managed = false; }\n" +
  "  op-defaults when op monitor interval 10s { timeout = 8s; }\n}\n" +
  'template t ocf:pacemaker:Dummy { op monitor interval 10s; fake = z; state = "/tmp/x"; }\n' +
  "template u ocf:pacemaker:Stateful { op monitor interval 11s; }\n" +
  "resource a from t { fake = b; } on n1;\n" +
  "resource b ocf:pacemaker:Dummy on n1;\n" +
  "resource c from u on n2;\n" +
  "tag g = b, a, c;\n" +
  "tag h = a, c;\n";
/** What an administrator made by hand beside the site: a template and a resource made from it, a tag, a defaults set of its own. */
const BY_HAND =
  '<configuration><resources><template id="foreign" class="ocf" provider="pacemaker" type="Dummy"/></resources>' +
  '<rsc_defaults><meta_attributes id="night"><rule id="night-rule" score="INFINITY"><date_expression id="night-expr" operation="gt" start="2020-01-01"/></rule><nvpair id="night-stick" name="resource-stickiness" value="5"/></meta_attributes></rsc_defaults>' +
  '<tags><tag id="ops"><obj_ref id="b"/><obj_ref id="foreign"/></tag></tags></configuration>';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

function read(path: string): Cib {
  const r = readLiveCib(readFileSync(path, "utf8"));
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  return r.value.cib;
}

/** The live CIB: BEFORE compiled whole, and what the administrator made. */
function liveCib(d: string): string {
  const before = join(d, "before.ha");
  writeFileSync(before, BEFORE);
  const live = join(d, "live.xml");
  expect(hacc(["compile", before, "--target", "cib", "--full", "-o", live]).code).toBe(0);
  const r = run("cibadmin", ["--modify", "--allow-create", "-X", BY_HAND], { CIB_file: live });
  expect(r.code, r.out).toBe(0);
  return live;
}

describe("templates, tags and defaults sets in a plan", () => {
  it("the plan lists them: added, changed, kept (not owned; a defaults set without --prune) and removed (owned: listed by hacc-c)", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-objects-"));
    if (!tools) return;
    const live = liveCib(d);
    const after = join(d, "after.ha");
    writeFileSync(after, AFTER);
    const kept = hacc(["plan", after, "--live", live]);
    expect(kept.code, kept.stderr).toBe(0);
    const lines = kept.stdout.split("\n");
    expect(lines).toContain("  ~ defaults score 20 when resource ocf:pacemaker:Dummy { is-managed = false; }  (was defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }; id rsc-options-1)");
    expect(lines).toContain("  + op-defaults when op monitor interval 10s { timeout = 8s; }");
    expect(lines).toContain('  = defaults when date gt 2020-01-01 { resource-stickiness = 5; }  (kept, not declared by the site (a plan removes defaults sets with a rule or a score only with --prune))');
    expect(lines).toContain("  ~ template t (ocf:pacemaker:Dummy)");
    expect(lines).toContain("  + template u (ocf:pacemaker:Stateful)");
    expect(lines).toContain("  - template gone (ocf:pacemaker:Dummy)");
    expect(lines).toContain("  = template foreign (ocf:pacemaker:Dummy): kept, not this site's (not in hacc-c); a plan removes a template only when hacc-c lists it, --prune or not");
    expect(lines).toContain("  ~ tag g: a, b -> b, a, c");
    expect(lines).toContain("  + tag h = a, c");
    expect(lines).toContain("  - tag old = b");
    expect(lines).toContain("  = tag ops = b, foreign  (kept, not this site's (not in hacc-c); a plan removes a tag only when hacc-c lists it, --prune or not)");
    // The template's change is one of what its resources are: the plan says which.
    expect(kept.stdout).toContain("so a changed template changes those resources (a restart or reload, as for a change of their own):\n  t: a\n");
    expect(kept.stdout).not.toMatch(/^\s+~ primitive a /m);

    const pruned = hacc(["plan", after, "--live", live, "--prune"]);
    expect(pruned.stdout).toContain("  - defaults when date gt 2020-01-01 { resource-stickiness = 5; }");
    expect(pruned.stdout).toContain("  - template gone (ocf:pacemaker:Dummy)");
    expect(pruned.stdout).toContain("  - tag old = b");
    expect(pruned.stdout).toContain("  = template foreign (ocf:pacemaker:Dummy): kept, not this site's");
    expect(pruned.stdout).toContain("  = tag ops = b, foreign  (kept, not this site's");
  });

  it("a new tag, template or defaults set needs an id the live CIB does not give to anything else", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-objects-"));
    if (!tools) return;
    const live = liveCib(d);
    // `ops` and `foreign` are the administrator's tag and template; a resource of theirs has the id the site's op-defaults set gets.
    const other = run("cibadmin", ["--create", "-o", "resources", "-X", '<primitive id="op-options-1" class="ocf" provider="pacemaker" type="Dummy"/>'], { CIB_file: live });
    expect(other.code, other.out).toBe(0);
    const clash = join(d, "clash.ha");
    writeFileSync(clash, AFTER.replace("tag h = a, c;", "tag foreign = a;\ntemplate ops ocf:pacemaker:Dummy;\n"));
    const r = hacc(["plan", clash, "--live", live, "--target", "cib"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hacc: plan refused: the new defaults set `op-options-1` (op-defaults when op monitor interval 10s { timeout = 8s; }) needs the id `op-options-1`, which the live CIB already gives to /cib/configuration/resources/primitive[@id='op-options-1']; rename one of them");
    expect(r.stderr).toContain("hacc: plan refused: the new tag `foreign` needs the id `foreign`, which the live CIB already gives to /cib/configuration/resources/template[@id='foreign']; rename one of them");
    expect(r.stderr).toContain("hacc: plan refused: the new template `ops` needs the id `ops`, which the live CIB already gives to /cib/configuration/tags/tag[@id='ops']; rename one of them");
  });

  describe.skipIf(!tools)("with Pacemaker's tools", () => {
    for (const target of ["cib", "pcs", "crmsh"]) {
      it(`the ${target} plan --prune brings the live CIB to the site and keeps what the site does not own`, { timeout: 180_000 }, () => {
        const d = mkdtempSync(join(tmpdir(), "hacc-objects-"));
        const live = liveCib(d);
        const after = join(d, "after.ha");
        writeFileSync(after, AFTER);
        const script = join(d, "plan.sh");
        const planned = hacc(["plan", after, "--live", live, "--target", target, "--prune", "-o", script]);
        expect(planned.code, planned.stderr).toBe(0);
        const copy = join(d, "copy.xml");
        copyFileSync(live, copy);
        const applied = run("bash", [script, copy]);
        expect(applied.code, applied.out).toBe(0);

        const result = read(copy);
        const full = join(d, "full.xml");
        expect(hacc(["compile", after, "--target", "cib", "--full", "-o", full]).code).toBe(0);
        const compiled = read(full);
        // The site's own, as the site compiles them (a set's rule ids are pcs's own with pcs, so sets are compared by what they say).
        expect(result.templates?.filter((t) => t.id !== "foreign")).toEqual(compiled.templates);
        expect(result.tags?.filter((t) => t.id !== "ops")).toEqual(compiled.tags);
        expect(result.resources.find((r) => r.id === "c")).toEqual(compiled.resources.find((r) => r.id === "c"));
        expect(isEmpty(compareCibs(result, compiled, { keepUndeclared: true }))).toBe(true);
        // What the administrator made is as it was; their defaults set was pruned (sets are the site's by --prune, not by the tag).
        expect(result.templates?.find((t) => t.id === "foreign")).toEqual(read(live).templates?.find((t) => t.id === "foreign"));
        expect(result.tags?.find((t) => t.id === "ops")).toEqual({ id: "ops", refs: ["b", "foreign"] });
        expect(result.rscDefaultSets?.map((s) => s.id)).toEqual(["rsc-options-1"]);
        // `a` is what it was; Pacemaker merges the changed template into it when it reads it.
        expect(result.resources.find((r) => r.id === "a")).toEqual(read(live).resources.find((r) => r.id === "a"));
        expect(run("crm_resource", ["-r", "a", "-g", "state"], { CIB_file: live }).out).toContain("Attribute 'state' not found for 'a'");
        expect(run("crm_resource", ["-r", "a", "-g", "state"], { CIB_file: copy }).stdout.trim()).toBe("/tmp/x");
        expect(run("crm_resource", ["-r", "a", "-g", "fake"], { CIB_file: copy }).stdout.trim()).toBe("b");
        // The ownership tag lists the templates and tags the site owns.
        const owner = readLiveCib(readFileSync(copy, "utf8"));
        if ("error" in owner) throw new Error("unreadable");
        expect(owner.value.tags.find((t) => t.id === "hacc-c")?.refs).toEqual(["a", "b", "c", "location-a-n1", "location-b-n1", "location-c-n2", "t", "u", "g", "h"]);
        const again = hacc(["plan", after, "--live", copy, "--target", target, "--prune"]);
        expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");

        // Then `b` goes, and with it its place in tag `g` (pcs refuses to delete a resource a tag lists); `a` leaves tag `h`
        // but stays; the op-defaults set goes too.
        const later = join(d, "later.ha");
        writeFileSync(later, AFTER.replace("resource b ocf:pacemaker:Dummy on n1;\n", "").replace("tag g = b, a, c;", "tag g = c, a;").replace("tag h = a, c;", "tag h = c;").replace("  op-defaults when op monitor interval 10s { timeout = 8s; }\n", ""));
        // The administrator's tag `ops` lists `b`: the plan refuses until they change it by hand.
        const refused = hacc(["plan", later, "--live", copy, "--target", target, "--prune"]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain("hacc: plan refused: removing primitive `b` would leave /cib/configuration/tags/tag[@id='ops']/obj_ref (its obj_ref) pointing at nothing");
        const byHand = run("cibadmin", ["--replace", "-o", "tags", "-X", '<tag id="ops"><obj_ref id="foreign"/></tag>'], { CIB_file: copy });
        expect(byHand.code, byHand.out).toBe(0);
        const script2 = join(d, "plan2.sh");
        const planned2 = hacc(["plan", later, "--live", copy, "--target", target, "--prune", "-o", script2]);
        expect(planned2.code, planned2.stderr).toBe(0);
        expect(readFileSync(script2, "utf8")).toContain("#   ~ tag g: b, a, c -> c, a\n");
        expect(readFileSync(script2, "utf8")).toContain("#   - op-defaults when op monitor interval 10s { timeout = 8s; }\n");
        const applied2 = run("bash", [script2, copy]);
        expect(applied2.code, applied2.out).toBe(0);
        const result2 = read(copy);
        expect(result2.tags?.find((t) => t.id === "g")).toEqual({ id: "g", refs: ["c", "a"] });
        expect(result2.tags?.find((t) => t.id === "h")).toEqual({ id: "h", refs: ["c"] });
        expect(result2.tags?.find((t) => t.id === "ops")).toEqual({ id: "ops", refs: ["foreign"] });
        expect(result2.resources.map((r) => r.id).sort()).toEqual(["a", "c"]);
        expect(result2.opDefaultSets).toBeUndefined();
        expect(hacc(["plan", later, "--live", copy, "--target", target, "--prune"]).stdout).toContain("no changes: the live configuration already is what the site declares");
      });
    }
  });
});
