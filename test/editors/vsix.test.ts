import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

const EXT = join(ROOT, "editors", "vscode");
const VSIX = join(EXT, "hacc.vsix");

/** A file of the .vsix (a zip), as text. */
function entry(name: string): string {
  return execFileSync("unzip", ["-p", VSIX, name], { encoding: "utf8" });
}

/**
 * `npm run vsix` builds the VS Code extension into editors/vscode/hacc.vsix
 * with vsce; the package holds the manifest, the grammar and language
 * configuration of grammar/ (copied, one source) and the bundled client
 * that starts `hacc lsp --stdio`. Needs `npm ci` in editors/vscode (.ci/run does it).
 */
describe("the VS Code extension's .vsix", () => {
  beforeAll(() => {
    expect(existsSync(join(EXT, "node_modules", "@vscode", "vsce")), "run `npm ci --prefix editors/vscode` first").toBe(true);
    rmSync(VSIX, { force: true });
    const r = spawnSync("npm", ["run", "vsix"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("lists the manifest, the grammar, the language configuration, the client and the README", () => {
    const files = execFileSync("unzip", ["-Z1", VSIX], { encoding: "utf8" }).trim().split("\n").sort();
    expect(files).toEqual(
      [
        "[Content_Types].xml",
        "extension.vsixmanifest",
        "extension/dist/extension.js",
        "extension/language-configuration.json",
        "extension/package.json",
        "extension/readme.md",
        "extension/syntaxes/hacc.tmLanguage.json",
      ].sort(),
    );
  });

  it("declares the language `.ha` with its configuration and grammar, started on opening a .ha file", () => {
    const manifest = JSON.parse(entry("extension/package.json"));
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: "hacc", extensions: [".ha"], configuration: "./language-configuration.json" })]);
    expect(manifest.contributes.grammars).toEqual([{ language: "hacc", scopeName: "source.hacc", path: "./syntaxes/hacc.tmLanguage.json" }]);
    expect(manifest.activationEvents).toEqual(["onLanguage:hacc"]);
    expect(manifest.main).toBe("./dist/extension.js");
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(["hacc.path", "hacc.n1"]);
  });

  it("carries grammar/'s grammar and language configuration byte for byte", () => {
    expect(entry("extension/syntaxes/hacc.tmLanguage.json")).toBe(readFileSync(join(ROOT, "grammar", "hacc.tmLanguage.json"), "utf8"));
    expect(entry("extension/language-configuration.json")).toBe(readFileSync(join(ROOT, "grammar", "language-configuration.json"), "utf8"));
  });

  it("has a client that needs only `vscode` and starts `hacc lsp` over stdio", () => {
    const client = entry("extension/dist/extension.js");
    // Bundled: the only module it loads from outside is VS Code's own API (and Node's).
    const required = [...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!).filter((m) => !m.startsWith("node:"));
    expect(new Set(required.filter((m) => !["child_process", "path", "fs", "os", "crypto", "net", "url", "util", "events", "stream", "assert"].includes(m)))).toEqual(new Set(["vscode"]));
    expect(client).toContain('"lsp"');
    expect(client).toContain("--stdio");
    expect(client).toContain('getConfiguration("hacc").get("path","")');
  });
});
