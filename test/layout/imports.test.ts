import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

// The README's layout: one pipeline in one direction, with the imports
// between check/, ir/ and placement/ that it names, into leaf files only.

const SRC = join(ROOT, "src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Each source file (relative to src/) and the source files it imports. */
const graph = new Map<string, string[]>();
for (const f of files(SRC)) {
  const text = readFileSync(f, "utf8");
  const deps = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gm)].map((m) =>
    relative(SRC, normalize(join(dirname(f), m[1]!))).replace(/\.js$/, ".ts"),
  );
  graph.set(relative(SRC, f), deps);
}

const folder = (f: string) => f.split("/")[0]!;

/** The imports from folder `from` into folder `to`, as `file -> file`. */
function across(from: string, to: string): string[] {
  const out: string[] = [];
  for (const [f, deps] of graph) if (folder(f) === from) for (const d of deps) if (folder(d) === to) out.push(`${f} -> ${d}`);
  return out.sort();
}

describe("the layout of src/ (README, Layout)", () => {
  it("reads every import it checks", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(across("ir", "check")).not.toEqual([]);
  });

  it("ir/ and placement/ read only the site model and its values from check/", () => {
    const targets = new Set([...across("ir", "check"), ...across("placement", "check")].map((e) => e.split(" -> ")[1]));
    expect([...targets].sort()).toEqual(["check/model.ts", "check/values.ts"]);
  });

  it("check/ reads only the constraint types and constructors from ir/", () => {
    // One named exception: HA2122 asks whether the CIB the site makes holds an id (an ACL
    // permission's reference), and only the CIB target knows every id it writes, so that
    // one rule lowers the site and writes the fragment (check/rules/acls.ts).
    const exception = ["check/rules/acls.ts -> ir/lower.ts"];
    const targets = new Set(across("check", "ir").filter((e) => !exception.includes(e)).map((e) => e.split(" -> ")[1]));
    expect([...targets].sort()).toEqual(["ir/constraints.ts", "ir/types.ts"]);
    expect(across("check", "emit")).toEqual(["check/rules/acls.ts -> emit/cib/cib.ts"]);
  });

  it("those leaf files import nothing from the folder that reads them", () => {
    for (const leaf of ["check/model.ts", "check/values.ts"]) {
      expect(graph.get(leaf)!.filter((d) => folder(d) === "placement" || (folder(d) === "ir" && !d.startsWith("ir/types"))), leaf).toEqual([]);
    }
    for (const leaf of ["ir/constraints.ts", "ir/types.ts"]) expect(graph.get(leaf)!.filter((d) => folder(d) === "check"), leaf).toEqual([]);
  });

  it("no file imports itself through another folder", () => {
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 1);
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (!graph.has(d)) continue;
        if (state.get(d) === 1) {
          const cycle = stack.slice(stack.indexOf(d));
          if (new Set(cycle.map(folder)).size > 1) cycles.push([...cycle, d].join(" -> "));
        } else if (state.get(d) === undefined) visit(d);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of graph.keys()) if (state.get(f) === undefined) visit(f);
    expect(cycles).toEqual([]);
  });

  it("nothing imports cli/, and the emitters read ir/ and shared helpers only", () => {
    expect([...graph].filter(([f, deps]) => folder(f) !== "cli" && deps.some((d) => folder(d) === "cli")).map(([f]) => f)).toEqual([]);
    const emitDeps = new Set([...graph].filter(([f]) => folder(f) === "emit").flatMap(([, deps]) => deps.map(folder)));
    expect([...emitDeps].filter((d) => !["emit", "ir", "diagnostics", "util"].includes(d))).toEqual([]);
  });
});
