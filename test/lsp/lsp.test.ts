import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CompletionItem, DocumentSymbol, Hover, Location, Position, TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { hacc, ROOT } from "../helpers.js";
import { Client } from "./client.js";

/** The position of the `nth` (0-based) occurrence of `needle` in `text`, plus `offset` characters. */
function pos(text: string, needle: string, nth = 0, offset = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle} #${nth}`);
  const before = text.slice(0, at + offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("x", "hacc", 0, text), edits);
}

const SITE = `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
}
guest g1 on n1 prefer 500, n9 100 {
  ib 0000:82:01.0 at 00:05.0;
}
lwfsd on g1 after vm;
resource ost0 ocf:lustre:Lustre {
  target = "/dev/sdf";
  mountpoint = "/lustre/ost0";
  shared;
  mmp 60s;
} on n1 prefer 500, n2 100;
order ost0 then lwfsd-g1 optional;
colocate vm-g1 with ost0 -50;
`;
const FIXED = SITE.replace("n9 100", "n2 100");
const URI = "file:///work/site.ha";

describe("hacc lsp --stdio, driven by an LSP client", () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client();
    const init = await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    expect((init as { serverInfo: { name: string } }).serverInfo.name).toBe("hacc");
    await client.connection.sendNotification("initialized", {});
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: URI, languageId: "hacc", version: 1, text: SITE } });
  });
  afterAll(() => {
    if (client.process.exitCode === null) client.process.kill();
  });

  it("publishes the mistake's diagnostic: code, range, message with its hint, and a warning's related location", async () => {
    const ds = await client.diagnostics(URI, 1);
    const unknown = ds.find((d) => d.code === "HA2001")!;
    expect(unknown).toBeDefined();
    expect(unknown.severity).toBe(1);
    expect(unknown.source).toBe("hacc");
    expect(unknown.range).toEqual({ start: pos(SITE, "n9"), end: pos(SITE, "n9", 0, 2) });
    expect(unknown.message).toBe("unknown node `n9`\nhint: did you mean `n1`?");
    const fencing = ds.find((d) => d.code === "HA4024")!;
    expect(fencing.severity).toBe(2);
    expect(fencing.range).toEqual({ start: pos(SITE, "stonith-enabled"), end: pos(SITE, "stonith-enabled = false", 0, 23) });
    expect(fencing.relatedInformation).toEqual([
      { location: { uri: URI, range: { start: pos(SITE, "shared;"), end: pos(SITE, "shared;", 0, 7) } }, message: "`ost0` is shared here" },
    ]);
  });

  it("clears the error once didChange fixes it (the warning stays)", async () => {
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: pos(SITE, "n9"), end: pos(SITE, "n9", 0, 2) }, text: "n2" }],
    });
    const ds = await client.diagnostics(URI, 2);
    expect(ds.map((d) => d.code)).toEqual(["HA4024"]);
  });

  it("hovers a guest: its VirtualDomain resource, hosts with scores, VFs and services", async () => {
    const h = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: URI }, position: pos(FIXED, "g1", 0, 1) })) as Hover;
    const md = (h.contents as { value: string }).value;
    expect(md).toContain("**guest** `g1`: guest node, run by the VirtualDomain resource `vm-g1`");
    expect(md).toContain("hosts: `n1` (500), `n2` (100)");
    expect(md).toContain("VFs: `0000:82:01.0` at `00:05.0`");
    expect(md).toContain("services: `lwfsd-g1`");
    expect(h.range).toEqual({ start: pos(FIXED, "g1"), end: pos(FIXED, "g1", 0, 2) });
  });

  it("hovers a resource: its agent and the agent's parameters from the stdlib, with the site's values", async () => {
    const h = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: URI }, position: pos(FIXED, "resource ost0", 0, 10) })) as Hover;
    const md = (h.contents as { value: string }).value;
    expect(md).toContain("**resource** `ost0`: agent `ocf:lustre:Lustre`");
    expect(md).toContain('- `target` (required) = `"/dev/sdf"`');
    expect(md).toContain("- `mountoptions` (optional)");
  });

  it("hovers a node: the guests that may run there", async () => {
    const h = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: URI }, position: pos(FIXED, "n2", 1) })) as Hover;
    const md = (h.contents as { value: string }).value;
    expect(md).toContain("**node** `n2`: a cluster node");
    expect(md).toContain("guests: `g1` (100)");
    expect(md).toContain("resources: `ost0` (100)");
  });

  it("goes from `lwfsd-g1` and `vm-g1` to what declares them, and from an agent into the stdlib", async () => {
    const def = async (p: Position) => (await client.connection.sendRequest("textDocument/definition", { textDocument: { uri: URI }, position: p })) as Location;
    expect(await def(pos(FIXED, "lwfsd-g1", 0, 3))).toEqual({ uri: URI, range: { start: pos(FIXED, "lwfsd on"), end: pos(FIXED, "lwfsd on", 0, 5) } });
    expect(await def(pos(FIXED, "vm-g1"))).toEqual({ uri: URI, range: { start: pos(FIXED, "g1"), end: pos(FIXED, "g1", 0, 2) } });
    const agent = await def(pos(FIXED, "ocf:lustre"));
    const storage = readFileSync(join(ROOT, "stdlib", "storage.ha"), "utf8");
    expect(agent).toEqual({ uri: pathToFileURL(join(ROOT, "stdlib", "storage.ha")).href, range: { start: pos(storage, "ocf:lustre:Lustre"), end: pos(storage, "ocf:lustre:Lustre", 0, 17) } });
  });

  it("finds every reference of a guest: the guest node and its `vm-` id", async () => {
    const refs = (await client.connection.sendRequest("textDocument/references", {
      textDocument: { uri: URI },
      position: pos(FIXED, "g1"),
      context: { includeDeclaration: true },
    })) as Location[];
    const words = refs.map((l) => FIXED.split("\n")[l.range.start.line]!.slice(l.range.start.character, l.range.end.character));
    expect(words).toEqual(["g1", "g1", "vm", "vm-g1"]);
  });

  it("finds the references of `lwfsd-g1` and `vm-g1`: that resource's own, not the service kind's or the guest node's", async () => {
    const refs = async (p: Position) =>
      ((await client.connection.sendRequest("textDocument/references", { textDocument: { uri: URI }, position: p, context: { includeDeclaration: true } })) as Location[]).map(
        (l) => `${l.uri === URI ? "" : "elsewhere:"}${l.range.start.line + 1}:${FIXED.split("\n")[l.range.start.line]!.slice(l.range.start.character, l.range.end.character)}`,
      );
    expect(await refs(pos(FIXED, "lwfsd-g1", 0, 3))).toEqual(["9:lwfsd", "16:lwfsd-g1"]);
    expect(await refs(pos(FIXED, "vm-g1", 0, 1))).toEqual(["6:g1", "9:vm", "17:vm-g1"]);
  });

  it("offers nothing inside a comment or a string; hovers a group member with where its group runs", async () => {
    const uri = "file:///work/more.ha";
    const text = FIXED + "resource d1 ocf:pacemaker:Dummy;\nresource d2 ocf:pacemaker:Dummy;\ngroup grp d1, d2 on n2 prefer 50;\n# order \nresource q ocf:pacemaker:Dummy { fake = \"";
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "hacc", version: 1, text } });
    const complete = async (at: Position) => (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: at })) as CompletionItem[];
    expect(await complete(pos(text, "# order ", 0, 8))).toEqual([]);
    expect(await complete(pos(text, "# order ", 0, 2))).toEqual([]);
    expect(await complete(pos(text, 'fake = "', 0, 8))).toEqual([]);
    // Outside the comment, at a statement's start, the keywords are offered as before.
    expect((await complete(pos(text, "# order ", 0, 0))).map((c) => c.label)).toContain("resource");
    const hover = async (at: Position) => ((await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: at })) as Hover).contents as { value: string };
    expect((await hover(pos(text, "d1 ocf", 0, 1))).value).toContain("runs on: with its group `grp`: `n2` (50)");
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("completes statement keywords, nodes after `on`, resources after `then`, and an agent's parameters in its block", async () => {
    const complete = async (text: string, at: Position) => {
      const uri = "file:///work/complete.ha";
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "hacc", version: 1, text } });
      const items = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: at })) as CompletionItem[];
      await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
      return items;
    };
    const top = FIXED + "gu";
    expect((await complete(top, pos(top, "gu", 1, 2))).map((c) => c.label)).toEqual(["cluster", "guest", "resource", "template", "order", "colocate", "ticket", "group", "clone", "promotable", "bundle", "agent", "service", "location", "fencing-level", "alert", "acl", "tag"]);
    // A guest runs on cluster nodes; a resource may also run in a guest.
    const on = FIXED + "guest g2 on ";
    expect((await complete(on, pos(on, "g2 on ", 0, 6))).map((c) => c.label)).toEqual(["n1", "n2"]);
    const rscOn = FIXED + "resource r2 ocf:heartbeat:Dummy on n1 prefer 5, ";
    expect((await complete(rscOn, pos(rscOn, "prefer 5, ", 0, 10))).map((c) => c.label)).toEqual(["n1", "n2", "g1"]);
    const then = FIXED + "order ost0 then ";
    expect((await complete(then, pos(then, "ost0 then ", 1, 10))).map((c) => c.label)).toEqual(["vm-g1", "lwfsd-g1", "ost0"]);
    // After `location NAME for`: `pattern` (a location by rsc-pattern), then the resources.
    const loc = FIXED + "location l1 for ";
    expect((await complete(loc, pos(loc, "l1 for ", 0, 7))).map((c) => c.label)).toEqual(["pattern", "vm-g1", "lwfsd-g1", "ost0"]);
    const block = FIXED + 'resource ost1 ocf:lustre:Lustre {\n  target = "/dev/sdg";\n  \n}\n';
    const params = await complete(block, pos(block, '"/dev/sdg";\n  ', 0, 14));
    expect(params.map((c) => [c.label, c.detail, c.insertText])).toEqual([
      ["mountpoint", "required", "mountpoint = "],
      ["mountoptions", "optional", "mountoptions = "],
      ["params", "a set of parameters: `params [score N] [when TEST] { KEY = VALUE; }`", undefined],
      ["meta", "meta attributes: `meta KEY = VALUE, ...;` or a set `meta [score N] [when TEST] { ... }`", undefined],
    ]);
  });

  it("formats the document as `hacc fmt` does", async () => {
    const messy = FIXED.replace("lwfsd on g1 after vm;", "lwfsd   on g1\n   after vm;").replace('  target = "/dev/sdf";', '      target="/dev/sdf";');
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: URI, version: 3 }, contentChanges: [{ text: messy }] });
    const edits = (await client.connection.sendRequest("textDocument/formatting", { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    const formatted = applyEdits(messy, edits);
    expect(formatted).toBe(hacc(["fmt", "-"], { input: messy }).stdout);
    expect(formatted).toBe(FIXED);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: URI, version: 4 }, contentChanges: [{ text: formatted }] });
  });

  it("lists the document's symbols", async () => {
    const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: URI } })) as DocumentSymbol[];
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([
      ["c", "cluster"],
      ["g1", "guest"],
      ["lwfsd-g1", "lwfsd on g1"],
      ["ost0", "ocf:lustre:Lustre"],
      ["order ost0 then lwfsd-g1", "order"],
      ["colocate vm-g1 with ost0", "colocation"],
    ]);
    expect(symbols[0]!.children!.map((s) => s.name)).toEqual(["n1", "n2"]);
    expect(symbols[1]!.selectionRange).toEqual({ start: pos(FIXED, "g1"), end: pos(FIXED, "g1", 0, 2) });
  });

  it("renames a guest with its derived ids, and refuses a derived id and an agent", async () => {
    const prepare = (p: Position) => client.connection.sendRequest("textDocument/prepareRename", { textDocument: { uri: URI }, position: p });
    expect(await prepare(pos(FIXED, "g1"))).toEqual({ range: { start: pos(FIXED, "g1"), end: pos(FIXED, "g1", 0, 2) }, placeholder: "g1" });
    await expect(prepare(pos(FIXED, "vm-g1"))).rejects.toThrow("`vm-g1` is an id hacc derives from guest `g1`: rename the guest");
    await expect(prepare(pos(FIXED, "ocf:lustre"))).rejects.toThrow("is a resource agent's name");
    const clash = client.connection.sendRequest("textDocument/rename", { textDocument: { uri: URI }, position: pos(FIXED, "g1"), newName: "n1" });
    await expect(clash).rejects.toThrow("`n1` is already declared");
    const edit = (await client.connection.sendRequest("textDocument/rename", { textDocument: { uri: URI }, position: pos(FIXED, "g1"), newName: "vnio007" })) as WorkspaceEdit;
    const renamed = applyEdits(FIXED, edit.changes![URI]!);
    expect(renamed).toBe(FIXED.replace("guest g1", "guest vnio007").replace("lwfsd on g1", "lwfsd on vnio007").replace("lwfsd-g1", "lwfsd-vnio007").replace("vm-g1", "vm-vnio007"));
    // The renamed site checks as cleanly as before: no id was missed.
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: URI, version: 5 }, contentChanges: [{ text: renamed }] });
    expect((await client.diagnostics(URI, 5)).map((d) => d.code)).toEqual(["HA4024"]);
  });

  it("checks a stdlib file opened from a definition as a library: clean as shipped, its own mistakes shown", async () => {
    const path = join(ROOT, "stdlib", "storage.ha");
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, "utf8");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "hacc", version: 1, text } });
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    const twice = text.replace("param mountoptions;", "param mountoptions;\n  param target;");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: twice }] });
    const ds = await client.diagnostics(uri, 2);
    expect(ds.map((d) => [d.code, d.message, d.range.start.line])).toEqual([["HA3008", "parameter `target` is declared twice for `ocf:lustre:Lustre`", pos(twice, "param target;").line]]);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("shuts down and exits with 0", async () => {
    await client.connection.sendRequest("shutdown");
    await client.connection.sendNotification("exit");
    expect(await client.exited()).toBe(0);
    expect(client.stderr.join("")).toBe("");
  });
});

describe("hacc lsp on the command line", () => {
  it("has its own --help", () => {
    const r = hacc(["lsp", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: hacc lsp \[options\]/);
    expect(r.stdout).toContain("--stdio");
  });

  it("reads -L libraries: a site's agent from one resolves, and its definition is in that file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-lsp-"));
    const lib = join(dir, "site-agents.ha");
    const libText = "agent ocf:site:Probe { param level required; }\n";
    writeFileSync(lib, libText);
    const site = "cluster c { nodes n1; }\nresource p ocf:site:Probe { level = 2; } on n1;\n";
    const c = new Client(["-L", lib]);
    await c.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    await c.connection.sendNotification("initialized", {});
    const uri = "file:///work/probe.ha";
    await c.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "hacc", version: 1, text: site } });
    expect((await c.diagnostics(uri, 1)).filter((d) => d.severity === 1)).toEqual([]);
    const def = (await c.connection.sendRequest("textDocument/definition", { textDocument: { uri }, position: pos(site, "ocf:site") })) as Location;
    expect(def).toEqual({ uri: pathToFileURL(lib).href, range: { start: pos(libText, "ocf:site:Probe"), end: pos(libText, "ocf:site:Probe", 0, 14) } });
    await c.connection.sendRequest("shutdown");
    await c.connection.sendNotification("exit");
    expect(await c.exited()).toBe(0);
  });

  it("ends with exit 1 when the editor closes its input without `shutdown`", () => {
    const r = hacc(["lsp", "--stdio"], { input: "" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
  });

  it("loads the server only for `hacc lsp`: the CLI's start-up imports no LSP code", () => {
    // The modules main.js imports statically, and theirs, all read before any command runs.
    const dir = join(ROOT, "dist", "cli");
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dir, file), "utf8");
      for (const m of text.matchAll(/^import [^;]*?from ?"\.\/([^"]+)"|^import ?"\.\/([^"]+)"/gm)) visit((m[1] ?? m[2])!);
    };
    visit("main.js");
    expect(seen.size).toBeGreaterThan(1);
    // Static imports or requires of the LSP libraries (main.js names them only in `import()`, run by `hacc lsp`).
    for (const f of seen) expect(readFileSync(join(dir, f), "utf8"), f).not.toMatch(/^import [^;]*?from ?"vscode-|^import ?"vscode-|require\("vscode-/m);
    expect(readFileSync(join(dir, "main.js"), "utf8")).toContain('import("vscode-languageserver/node")');
  });
});
