import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CST_DTS_PATH, cstDts } from "../../scripts/gen-cst.js";
import { ROOT } from "../helpers.js";

// The AST builder is type-checked against src/syntax/cst.d.ts; that file must
// describe the grammar as it is, or the check proves nothing.
describe("the CST typings", () => {
  it("are what the grammar generates today (run `npm run gen:cst` after a grammar change)", () => {
    const committed = readFileSync(join(ROOT, CST_DTS_PATH), "utf8");
    expect(committed).toContain("export interface ClusterDeclCstNode");
    expect(committed === cstDts(), `${CST_DTS_PATH} is stale: run \`npm run gen:cst\``).toBe(true);
  });
});
