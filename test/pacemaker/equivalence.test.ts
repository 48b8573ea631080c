import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CONTRACT, hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * The three targets mean one cluster, judged by Pacemaker's own tools: each
 * site's pcs script is run with `bash script cib.xml` on an empty CIB, its
 * crmsh text is loaded with `crm configure load update`, and its CIB fragment
 * is applied with `cibadmin --modify`. After normalising only what the tools
 * choose freely (the ids of nvpairs, attribute sets and rule expressions; the
 * order of elements and attributes), the three configurations must be equal,
 * and `crm_verify` must accept each. Kept to the two small sites: pcs takes
 * about half a second a command.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs", "crm"]);
const SITES = {
  example: join(ROOT, "examples", "storage-cluster.ha"),
  contract: CONTRACT,
  roles: join(ROOT, "test", "fixtures", "roles.ha"),
  locations: join(ROOT, "test", "fixtures", "locations.ha"),
  bundles: join(ROOT, "test", "fixtures", "bundles.ha"),
  sets: join(ROOT, "test", "fixtures", "sets.ha"),
  "crmsh-sets": join(ROOT, "test", "fixtures", "crmsh-sets.ha"),
  fencing: join(ROOT, "test", "fixtures", "fencing.ha"),
  acl: join(ROOT, "test", "fixtures", "acl.ha"),
};

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(ENTITY, (_w, n: string | undefined, d: string | undefined, h: string | undefined) =>
    n !== undefined ? NAMED[n]! : String.fromCodePoint(d !== undefined ? Number.parseInt(d, 10) : Number.parseInt(h!, 16)),
  );

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, processEntities: false });

function toEl(node: Record<string, unknown>): El | undefined {
  const tag = Object.keys(node).find((k) => k !== ":@");
  if (tag === undefined || /^[#?!]/.test(tag)) return undefined;
  const raw = (node[":@"] ?? {}) as Record<string, string>;
  const attrs = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decode(String(v))]));
  return { tag, attrs, children: ((node[tag] ?? []) as Record<string, unknown>[]).flatMap((c) => toEl(c) ?? []) };
}

/** The `<configuration>` element of a CIB file. */
function configuration(xml: string): El {
  const find = (els: El[]): El | undefined => {
    for (const e of els) {
      if (e.tag === "configuration") return e;
      const f = find(e.children);
      if (f) return f;
    }
    return undefined;
  };
  const conf = find((parser.parse(xml) as Record<string, unknown>[]).flatMap((n) => toEl(n) ?? []));
  if (!conf) throw new Error("no <configuration> in the CIB");
  return conf;
}

/** Elements whose ids the tools choose freely (crmsh names fencing levels itself: `fencing`, `fencing-0`, ...). */
const FREE_IDS = new Set(["nvpair", "instance_attributes", "meta_attributes", "utilization", "cluster_property_set", "expression", "date_expression", "fencing-level"]);
const SETS = new Set(["instance_attributes", "meta_attributes", "utilization", "cluster_property_set"]);

/**
 * One line per element, indented, with free ids dropped, attributes sorted,
 * siblings sorted and empty attribute sets left out.
 */
function normalise(e: El, depth = 0): string {
  // A rule's boolean-op is `and` unless it says otherwise (crmsh leaves `and` out, pcs writes it).
  const given = e.tag === "rule" && e.children.length > 1 ? { "boolean-op": "and", ...e.attrs } : e.attrs;
  const attrs = Object.entries(given)
    .filter(([k]) => !(k === "id" && FREE_IDS.has(e.tag)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
    .join("");
  const kids = e.children
    .filter((c) => !(SETS.has(c.tag) && c.children.length === 0))
    .map((c) => normalise(c, depth + 1))
    .sort();
  return ["  ".repeat(depth) + `<${e.tag}${attrs}>`, ...kids].join("\n");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function emptyCib(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  return path;
}

function compile(site: string, target: string, out: string): void {
  const r = hacc(["compile", site, "--target", target, "-o", out]);
  expect(r.code, r.stderr).toBe(0);
}

describe.skipIf(!tools)("pcs and crmsh build the same configuration as the CIB target", () => {
  for (const [name, site] of Object.entries(SITES)) {
    it(`the ${name}: pcs script, crmsh text and CIB fragment agree, and crm_verify accepts each`, () => {
      const started = Date.now();
      const dir = mkdtempSync(join(tmpdir(), "hacc-equiv-"));

      compile(site, "cib", join(dir, "fragment.xml"));
      const ref = emptyCib(dir, "cib-target.xml");
      const modify = run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref });
      expect(modify.code, modify.out).toBe(0);

      compile(site, "pcs", join(dir, "apply.sh"));
      const viaPcs = emptyCib(dir, "pcs.xml");
      const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
      expect(pcs.code, pcs.out).toBe(0);
      expect(pcs.out).toContain(`hacc: applied to ${viaPcs} (nothing pushed)`);

      compile(site, "crmsh", join(dir, "site.crm"));
      const viaCrm = emptyCib(dir, "crmsh.xml");
      const crm = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
      // crmsh prints ERROR lines about quorum on a file CIB and still succeeds: the CIB is the judge.
      expect(crm.code, crm.out).toBe(0);

      const expected = normalise(configuration(readFileSync(ref, "utf8")));
      expect(expected).toContain("<primitive");
      expect(normalise(configuration(readFileSync(viaPcs, "utf8"))), "pcs").toBe(expected);
      expect(normalise(configuration(readFileSync(viaCrm, "utf8"))), "crmsh").toBe(expected);

      for (const cib of [ref, viaPcs, viaCrm]) {
        const v = run("crm_verify", ["--xml-file", cib]);
        expect(v.code, `${cib}: ${v.out}`).toBe(0);
      }
      console.log(`equivalence of the ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  }
});
