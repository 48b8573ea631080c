/**
 * Draws docs/images/editor-lsp.png: what the language server really answers
 * for the example site with one mistake in it (the built `hacc lsp --stdio`,
 * driven by the test client): its diagnostics, as wavy underlines and a
 * problems list, and its hover on a guest. It is not VS Code (none runs
 * here): a plain page that shows the server's own replies, photographed in
 * headless Chromium, and it says so in the picture.
 * Run after `npm run build`: npx tsx test/lsp/screenshot.mts
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic, Hover, Position } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { launch } from "../graph/browser.js";
import { ROOT } from "../helpers.js";
import { Client } from "./client.js";

const example = readFileSync(join(ROOT, "examples", "storage-cluster.ha"), "utf8");
// The guests, their services and one Lustre target, with one mistake: a host that does not exist.
const start = example.indexOf("cluster clustre");
const end = example.indexOf("resource ost1");
const text = example.slice(start, end).replace("guest vnio006 on nio006 prefer 500, nio005 100", "guest vnio006 on nio006 prefer 500, nio007 100");
const uri = "file:///site/storage-cluster.ha";

const client = new Client();
await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
await client.connection.sendNotification("initialized", {});
await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "hacc", version: 1, text } });
const diagnostics = await client.diagnostics(uri, 1);
const doc = TextDocument.create(uri, "hacc", 1, text);
const at: Position = doc.positionAt(text.indexOf("vnio005 on") + 3);
const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: at })) as Hover;
await client.connection.sendRequest("shutdown");
await client.connection.sendNotification("exit");

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** The hover's Markdown, as the few forms it uses: `code`, **bold**, list items, paragraphs. */
const markdown = (md: string) =>
  md
    .split("\n\n")
    .map((p) => `<p>${esc(p).replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>").replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\n/g, "<br>")}</p>`)
    .join("");

// Each line of the text, with the diagnostics' ranges underlined (errors red, warnings amber).
const marks = diagnostics.map((d) => ({ from: doc.offsetAt(d.range.start), to: Math.max(doc.offsetAt(d.range.end), doc.offsetAt(d.range.start) + 1), cls: d.severity === 1 ? "err" : "warn" }));
const hoverLine = at.line;
const lines = text.replace(/\n$/, "").split("\n");
let offset = 0;
const rows = lines.map((line, i) => {
  let html = "";
  for (let c = 0; c < line.length; c++) {
    const m = marks.find((k) => k.from <= offset + c && offset + c < k.to);
    html += m ? `<span class="${m.cls}">${esc(line[c]!)}</span>` : esc(line[c]!);
  }
  offset += line.length + 1;
  const box = i === hoverLine ? `<div class="hover">${markdown((hover.contents as { value: string }).value)}</div>` : "";
  return `<div class="row"><span class="ln">${i + 1}</span><span class="code">${html || " "}</span>${box}</div>`;
});
const problems = diagnostics
  .map((d) => `<li class="${d.severity === 1 ? "e" : "w"}"><b>${d.code}</b> ${esc(String(d.message)).replace(/\n/g, "<br>")} <span class="pos">[${d.range.start.line + 1}:${d.range.start.character + 1}]</span></li>`)
  .join("");

const html = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;font:13px/1.45 "DejaVu Sans Mono",monospace;background:#fff;color:#1f2328}
.note{font:12px sans-serif;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:6px 12px;color:#57606a}
.editor{padding:8px 0;position:relative}
.row{position:relative;white-space:pre;height:19px}
.ln{display:inline-block;width:40px;text-align:right;color:#8c959f;margin-right:16px}
.err{text-decoration:underline wavy #d1242f;text-decoration-skip-ink:none}
.warn{text-decoration:underline wavy #bf8700;text-decoration-skip-ink:none}
.hover{position:absolute;left:300px;top:19px;z-index:2;white-space:normal;width:560px;background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;padding:2px 10px;font:12px sans-serif;box-shadow:0 2px 6px rgba(0,0,0,.15)}
.hover code{font:12px "DejaVu Sans Mono",monospace;background:#eaeef2;padding:0 3px;border-radius:3px}
.hover p{margin:6px 0}
.problems{border-top:1px solid #d0d7de;font:12px sans-serif;padding:4px 12px}
.problems h3{font-size:11px;text-transform:uppercase;color:#57606a;margin:4px 0}
.problems ul{margin:0;padding-left:18px}.problems li{margin:3px 0}
.problems li.e::marker{color:#d1242f}.problems li.w::marker{color:#bf8700}
.pos{color:#8c959f}
</style>
<div class="note">Not VS Code: hacc lsp's own replies for this text (its published diagnostics and its hover on <code>vnio005</code>), drawn by test/lsp/screenshot.mts.</div>
<div class="editor">${rows.join("")}</div>
<div class="problems"><h3>Problems (textDocument/publishDiagnostics)</h3><ul>${problems}</ul></div>`;

const dir = mkdtempSync(join(tmpdir(), "hacc-lsp-shot-"));
const file = join(dir, "editor.html");
writeFileSync(file, html);
const ctx = await launch({ width: 980, height: 400 });
const page = await ctx.newPage();
await page.goto(pathToFileURL(file).href);
await page.screenshot({ path: join(ROOT, "docs", "images", "editor-lsp.png"), fullPage: true });
await ctx.close();
console.log(diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`).join("\n"));
