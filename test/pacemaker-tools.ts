import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { parseXml, type El } from "../src/review/xml.js";
import { hacc } from "./helpers.js";

/**
 * What the tests that judge sets by Pacemaker's own tools share
 * (test/pacemaker/defaults-rules, property-sets, resource-sets, date-spec,
 * location-sets, keyword-names, location-patterns): running a
 * tool, an empty CIB file, one element of a CIB shown without the ids a tool
 * chooses itself, a site applied by each target, and what crm_simulate does
 * with a site.
 */

/** Runs a tool; its exit code and its output (stdout, then stderr). */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A new temporary directory. */
export function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hacc-${prefix}-`));
}

/** `cibadmin --empty` written to DIR/NAME; its path. */
export function emptyCib(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  return path;
}

/**
 * The first element `tag` of a CIB, one element a line with its attributes
 * sorted: without the ids of the elements in `free` (a tool names them
 * itself), and without boolean-op="and" when `dropAnd` (crmsh leaves
 * Pacemaker's default out). `sortSets`: a resource's children by tag
 * (Pacemaker finds sets and ops by their tag; pcs writes ops first), sets of
 * one tag keeping their order, which decides among equal scores; ops by id.
 */
export function section(xml: string, tag: string, opts: { free: ReadonlySet<string>; dropAnd?: boolean; sortSets?: boolean }): string {
  const parsed = parseXml(xml);
  if ("error" in parsed) throw new Error(parsed.error.message);
  const find = (e: El): El | undefined => (e.tag === tag ? e : e.children.map(find).find((x) => x !== undefined));
  const keep = (e: El, k: string) => !(k === "id" && opts.free.has(e.tag)) && !(opts.dropAnd === true && k === "boolean-op" && e.attrs[k] === "and");
  const RESOURCE = new Set(["primitive", "group", "clone", "template"]);
  const by = (key: (e: El) => string) => (a: El, b: El) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const children = (e: El) =>
    opts.sortSets !== true ? e.children : RESOURCE.has(e.tag) ? [...e.children].sort(by((c) => c.tag)) : e.tag === "operations" ? [...e.children].sort(by((c) => c.attrs["id"] ?? "")) : e.children;
  const show = (e: El, d: number): string =>
    [`${"  ".repeat(d)}<${e.tag}${Object.keys(e.attrs).filter((k) => keep(e, k)).sort().map((k) => ` ${k}="${e.attrs[k]}"`).join("")}>`, ...children(e).map((c) => show(c, d + 1))].join("\n");
  const el = find(parsed.root);
  return el ? show(el, 0) : "";
}

/**
 * The site at `site` applied to an empty CIB by a target: the CIB fragment with cibadmin, the pcs script, or crmsh
 * (its output kept as DIR/TARGET.out). `nodes`: a `<nodes>` section the CIB holds first (pcs sets node attributes
 * only on a node the CIB has).
 */
export function applied(site: string, target: "cib" | "pcs" | "crmsh", dir: string, nodes?: string): string {
  const cib = emptyCib(dir, `${target}.xml`);
  if (nodes !== undefined) expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", nodes], { CIB_file: cib }).code).toBe(0);
  const out = join(dir, `${target}.out`);
  const c = hacc(["compile", site, "--target", target, "-o", out]);
  expect(c.code, c.stderr).toBe(0);
  const r =
    target === "cib"
      ? run("cibadmin", ["--modify", "--xml-file", out], { CIB_file: cib })
      : target === "pcs"
        ? run("bash", [out, cib])
        : run("crm", ["configure", "load", "update", out], { CIB_file: cib });
  expect(r.code, r.out).toBe(0);
  return cib;
}

/** The whole CIB of a site (`--full`) and what crm_simulate prints of it with every node of `nodes` up, and its transition graph. */
export function simulated(site: string, nodes: readonly string[] = ["n1", "n2"]): { out: string; graph: string } {
  const dir = scratch("simulate");
  const file = join(dir, "site.ha");
  writeFileSync(file, site);
  const c = hacc(["compile", file, "--target", "cib", "--full", "-o", join(dir, "cib.xml")]);
  expect(c.code, c.stderr).toBe(0);
  const s = run("crm_simulate", ["-x", join(dir, "cib.xml"), "-S", ...nodes.flatMap((n) => ["-u", n]), "-G", join(dir, "graph.xml")]);
  expect(s.code, s.out).toBe(0);
  return { out: s.out, graph: readFileSync(join(dir, "graph.xml"), "utf8") };
}

/** The resources crm_simulate would start, with every node of `nodes` up. */
export function started(site: string, nodes: readonly string[] = ["n1", "n2"]): string[] {
  return [...simulated(site, nodes).out.matchAll(/\* Start\s+(\S+)/g)].map((m) => m[1]!).sort();
}
