// Bundles the CLI after tsc: one file for the common path (plus lazily loaded
// chunks for fmt, graph, ...), so start-up does not load chevrotain's ~600
// lodash-es modules one by one (0.47 s -> 0.18 s for `hacc --version`, see
// docs/performance.md). dist/ keeps tsc's modules for the Prettier plugin.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli/main.js"],
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: "dist/cli",
  allowOverwrite: true,
  external: ["prettier", "@viz-js/viz", "playwright-core"],
  banner: { js: "import { createRequire as __haccRequire } from 'node:module'; const require = __haccRequire(import.meta.url);" },
  logLevel: "warning",
});
