import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cstFiles } from "../../scripts/gen-cst.js";
import { ROOT } from "../helpers.js";

// The AST builder is type-checked against src/syntax/cst*.d.ts; those files
// must describe the grammar as it is, or the check proves nothing.
describe("the CST typings", () => {
  it("are what the grammar generates today, one file per part of the grammar (run `npm run gen:cst` after a grammar change)", () => {
    const files = cstFiles();
    expect([...files.keys()]).toEqual(["src/syntax/cst-rules.d.ts", "src/syntax/cst-constraints.d.ts", "src/syntax/cst-blocks.d.ts", "src/syntax/cst-admin.d.ts", "src/syntax/cst.d.ts"]);
    expect(files.get("src/syntax/cst.d.ts")).toContain("export interface ClusterDeclCstNode");
    expect(files.get("src/syntax/cst-constraints.d.ts")).toContain("export interface OrderDeclCstNode");
    for (const [path, text] of files) {
      const committed = readFileSync(join(ROOT, path), "utf8");
      expect(committed === text, `${path} is stale: run \`npm run gen:cst\``).toBe(true);
    }
  });
});
