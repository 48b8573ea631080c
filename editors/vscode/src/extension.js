// The VS Code client of hacc's language server: starts `hacc lsp --stdio`
// for .ha files. Which hacc: the `hacc.path` setting, else `hacc` on PATH,
// else `npx --no-install hacc` in the workspace (a clone or a project that
// has hacc installed). Bundled into dist/extension.js by scripts/build.mjs.
"use strict";
const { execFileSync } = require("node:child_process");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** Whether `command` runs (`command --version` exits 0). */
function runs(command, args) {
  try {
    execFileSync(command, [...args, "--version"], { stdio: "ignore", timeout: 10000, shell: process.platform === "win32" });
    return true;
  } catch {
    return false;
  }
}

/** The command and leading arguments that run hacc. */
function haccCommand() {
  const configured = vscode.workspace.getConfiguration("hacc").get("path", "").trim();
  if (configured !== "") return { command: configured, args: [] };
  if (runs("hacc", [])) return { command: "hacc", args: [] };
  return { command: process.platform === "win32" ? "npx.cmd" : "npx", args: ["--no-install", "hacc"] };
}

async function start() {
  const { command, args } = haccCommand();
  const n1 = vscode.workspace.getConfiguration("hacc").get("n1", true);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = {
    command,
    args: [...args, "lsp", ...(n1 ? [] : ["--no-n1"])],
    transport: TransportKind.stdio,
    options: { ...(folder ? { cwd: folder } : {}), shell: process.platform === "win32" },
  };
  client = new LanguageClient("hacc", "hacc", { run, debug: run }, { documentSelector: [{ language: "hacc" }] });
  await client.start();
}

/** @param {import("vscode").ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("hacc")) return;
      await client?.stop();
      await start();
    }),
  );
  try {
    await start();
  } catch (e) {
    void vscode.window.showErrorMessage(`hacc: cannot start \`hacc lsp\` (${e instanceof Error ? e.message : String(e)}); set hacc.path to the hacc command`);
  }
}

async function deactivate() {
  await client?.stop();
}

module.exports = { activate, deactivate };
