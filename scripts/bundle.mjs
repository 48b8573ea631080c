// Bundles the CLI after tsc: one file for the common path (plus lazily loaded
// chunks for fmt, graph, ...), so start-up does not load chevrotain's ~600
// lodash-es modules one by one (0.47 s -> 0.18 s for `hacc --version`, see
// docs/performance.md). dist/ keeps tsc's modules for the Prettier plugin.
import { readdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Split-off chunks are named NAME-HASH.js by their content: drop the previous
// build's, or dist/cli collects a stale copy per rebuild.
for (const f of readdirSync("dist/cli")) if (/-[A-Z0-9]{8}\.js$/.test(f)) rmSync(`dist/cli/${f}`);

await build({
  entryPoints: ["dist/cli/main.js"],
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: "dist/cli",
  allowOverwrite: true,
  // vscode-languageserver is CommonJS whose namespaces esbuild's interop loses (ProposedFeatures came out undefined): load it as Node does.
  external: ["prettier", "@viz-js/viz", "playwright-core", "vscode-languageserver", "vscode-languageserver-textdocument"],
  banner: { js: "import { createRequire as __haccRequire } from 'node:module'; const require = __haccRequire(import.meta.url);" },
  logLevel: "warning",
});
