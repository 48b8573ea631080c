import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { diagnose } from "../../src/compile.js";
import { hacc, ROOT, stdlib } from "../helpers.js";
import { Client } from "./client.js";

const GOLDENS = join(ROOT, "test", "golden", "errors");

/**
 * The server's diagnostics are `hacc check`'s: for every failing example of
 * the catalogue (test/golden/errors/HAxxxx.ha: syntax, names, values, the
 * cluster rules and the N-1 check), the same codes, severities, messages,
 * hints and spans as `diagnose`, the function `hacc check` runs, and for one
 * N-1 example the same as `hacc check --json` prints. Left out: HA1006 (bytes
 * that are not UTF-8: an editor sends text), HA5xxx (a target's limits:
 * `hacc compile`'s, not `hacc check`'s) and the examples that compare the site
 * with libvirt domain files (a `# libvirt: DIR` line: `hacc check --libvirt
 * DIR` reads files the editor does not have open; the server does not).
 */
describe("hacc lsp publishes what hacc check reports", () => {
  const files = readdirSync(GOLDENS)
    .filter((f) => f.endsWith(".ha") && f !== "HA1006.ha" && !f.startsWith("HA5"))
    .filter((f) => !/^# libvirt: /m.test(readFileSync(join(GOLDENS, f), "utf8")))
    .sort();
  let client: Client;
  beforeAll(async () => {
    client = new Client();
    await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    await client.connection.sendNotification("initialized", {});
  });
  afterAll(async () => {
    await client.connection.sendRequest("shutdown");
    await client.connection.sendNotification("exit");
    expect(await client.exited()).toBe(0);
  });

  async function published(path: string): Promise<{ text: string; uri: string; got: Diagnostic[] }> {
    const text = readFileSync(path, "utf8");
    const uri = pathToFileURL(path).href;
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "hacc", version: 1, text } });
    const got = await client.diagnostics(uri, 1);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    return { text, uri, got };
  }

  it.each(files)("%s", async (name) => {
    const { text, uri, got } = await published(join(GOLDENS, name));
    const expected = diagnose(stdlib(), [{ file: uri, text }]);
    expect(expected.length).toBeGreaterThan(0);
    const doc = TextDocument.create(uri, "hacc", 1, text);
    const seen = got.map((d) => ({ code: d.code, severity: d.severity === 1 ? "error" : d.severity === 2 ? "warning" : d.severity === 3 ? "note" : "?", message: d.message, start: doc.offsetAt(d.range.start), end: doc.offsetAt(d.range.end) }));
    const want = expected.map((d) => ({ code: d.code, severity: d.severity, message: d.hint !== undefined ? `${d.message}\nhint: ${d.hint}` : d.message, start: d.span.start, end: d.span.end }));
    expect(seen).toEqual(want);
  });

  it("gives the N-1 check's warnings where `hacc check --json` puts them", async () => {
    const path = join(GOLDENS, "HA4012.ha");
    const { got } = await published(path);
    const cli = JSON.parse(hacc(["check", "--json", path]).stdout) as { code: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
    expect(cli.map((d) => d.code)).toEqual(["HA4012", "HA4012"]);
    expect(got.map((d) => [d.code, (d.message as string).split("\n")[0], d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1])).toEqual(
      cli.map((d) => [d.code, d.message, d.line, d.column, d.endLine, d.endColumn]),
    );
  });
});
