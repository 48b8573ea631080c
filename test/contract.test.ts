import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTRACT, SHARED_CONTRACT } from "./helpers.js";

describe("the contract", () => {
  it.skipIf(!existsSync(SHARED_CONTRACT))("the project's copy is the shared contract, unchanged", () => {
    expect(readFileSync(CONTRACT, "utf8")).toBe(readFileSync(SHARED_CONTRACT, "utf8"));
  });
});
