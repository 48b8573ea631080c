import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that drive Pacemaker's own tools are slow (pcs -f takes ~1 s a command).
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
