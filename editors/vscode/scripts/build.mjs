// Builds the extension's folder for vsce: the grammar and the language
// configuration copied from ../../grammar (their one source, tested there),
// and the client bundled with vscode-languageclient into dist/extension.js
// (so the .vsix needs no node_modules).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const grammar = join(here, "..", "..", "grammar");
mkdirSync(join(here, "syntaxes"), { recursive: true });
copyFileSync(join(grammar, "hacc.tmLanguage.json"), join(here, "syntaxes", "hacc.tmLanguage.json"));
copyFileSync(join(grammar, "language-configuration.json"), join(here, "language-configuration.json"));

await build({
  entryPoints: [join(here, "src", "extension.js")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  outfile: join(here, "dist", "extension.js"),
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});
