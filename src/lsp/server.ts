import {
  CompletionItemKind,
  DiagnosticSeverity,
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Location,
  type TextDocumentPositionParams,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { parse } from "../ast/parse.js";
import * as N from "../check/names.js";
import type * as A from "../ast/types.js";
import { diagnose } from "../compile.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Source, Span } from "../diagnostics/span.js";
import { completions, type Completion } from "./complete.js";
import { hoverText } from "./hover.js";
import { NameIndex, type Occurrence } from "./names.js";
import { Positions } from "./positions.js";
import { prepareRename, rename } from "./rename.js";

/** What `hacc lsp` gives the server: the library every document is checked with, and where its files are. */
export interface ServerOptions {
  /** The stdlib and any `--lib` files, as `hacc check` reads them. */
  readonly library: readonly Source[];
  /** The URI of a library file (by its `Source.file`), for definitions and related locations there. */
  readonly uriOf: (file: string) => string | undefined;
  /** The N-1 check (on unless false), as `hacc check --no-n1`. */
  readonly n1?: boolean;
  /** How long typing must pause before a document is checked again (ms; longer for a document whose last check took longer). */
  readonly debounceMs?: number;
}

/** A document as last read for requests: its names and where its offsets are. */
interface Parsed {
  readonly version: number;
  readonly file: A.FileAst;
  readonly index: NameIndex;
  readonly positions: Positions;
  readonly syntaxErrors: boolean;
}

/**
 * Serves one editor over `connection`: diagnostics as `hacc check` gives
 * them (the N-1 check included), checked again once typing pauses; hover,
 * definition, references, completion, formatting, document symbols and
 * rename. Every answer comes from hacc's own front end: the parser for
 * names, `diagnose` (parse and check, as `hacc check`) for diagnostics and
 * the Prettier plugin for formatting. A document's `Source.file` is its URI.
 */
export function serve(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const libraryAsts = options.library.map((s) => parse(s).value);
  /** Whether a library file is the document at `uri` (opened from a definition in the stdlib, say): the editor's text stands in for it. */
  const isLibrary = (file: string, uri: string): boolean => options.uriOf(file) === uri;
  const libraryLines = new Map(options.library.map((s) => [s.file, new Positions(s.text)]));
  const parsed = new Map<string, Parsed>();
  const timers = new Map<string, NodeJS.Timeout>();
  const debounce = options.debounceMs ?? 200;

  /** The location of a span in a document or a library file; undefined for a file the editor cannot open. */
  function location(span: Span): Location | undefined {
    const doc = parsed.get(span.file);
    if (doc) return { uri: span.file, range: doc.positions.range(span) };
    const lines = libraryLines.get(span.file);
    const uri = options.uriOf(span.file);
    return lines && uri !== undefined ? { uri, range: lines.range(span) } : undefined;
  }

  function read(doc: TextDocument): Parsed {
    const cached = parsed.get(doc.uri);
    if (cached?.version === doc.version) return cached;
    const text = doc.getText();
    const r = parse({ file: doc.uri, text });
    const p: Parsed = { version: doc.version, file: r.value, index: new NameIndex([...libraryAsts.filter((f) => !isLibrary(f.file, doc.uri)), r.value]), positions: new Positions(text), syntaxErrors: hasErrors(r.diagnostics) };
    parsed.set(doc.uri, p);
    return p;
  }

  function toLsp(d: Diagnostic, positions: Positions): LspDiagnostic {
    const related = (d.related ?? []).flatMap((r) => {
      const at = location(r.span);
      return at ? [{ location: at, message: r.message }] : [];
    });
    return {
      range: positions.range(d.span),
      severity: d.severity === "error" ? DiagnosticSeverity.Error : d.severity === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      code: d.code,
      source: "hacc",
      message: d.hint !== undefined ? `${d.message}\nhint: ${d.hint}` : d.message,
      ...(related.length > 0 ? { relatedInformation: related } : {}),
    };
  }

  /** Checks a document as `hacc check` does and publishes what it finds in it. */
  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (doc === undefined) return;
    const p = read(doc);
    const source = { file: uri, text: doc.getText() };
    // A library file is checked as a library, as `hacc check` reads it: in its place among the others, with no site (so no "no cluster block").
    const found = options.library.some((s) => isLibrary(s.file, uri))
      ? diagnose(options.library.map((s) => (isLibrary(s.file, uri) ? source : s)), []).filter((d) => d.code !== "HA2009")
      : diagnose(options.library, [source], options.n1 === false ? { n1: false } : {});
    const diagnostics = found.filter((d) => d.span.file === uri).map((d) => toLsp(d, p.positions));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  /** How long the last check of each document took (ms): a large site waits that long, so typing is not held up by check after check. */
  const cost = new Map<string, number>();

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const began = performance.now();
        try {
          publish(uri);
          cost.set(uri, performance.now() - began);
        } catch (e) {
          // A bug in hacc must not end the session: say so in the editor's log and go on.
          connection.console.error(`hacc: internal error while checking ${uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        }
      }, Math.max(debounce, cost.get(uri) ?? 0)),
    );
  }

  /** The document and the name under the cursor, if any. */
  function at(params: TextDocumentPositionParams): { doc: TextDocument; p: Parsed; o: Occurrence | undefined } | undefined {
    const doc = documents.get(params.textDocument.uri);
    if (doc === undefined) return undefined;
    const p = read(doc);
    return { doc, p, o: p.index.at(doc.uri, p.positions.offset(params.position)) };
  }

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: [" ", ","] },
      documentFormattingProvider: true,
      documentSymbolProvider: true,
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: "hacc" },
  }));

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    parsed.delete(e.document.uri);
    cost.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const h = at(params);
    if (!h?.o) return null;
    const text = hoverText(h.p.index, h.o);
    return text === undefined ? null : { contents: { kind: "markdown", value: text }, range: h.p.positions.range(h.o.span) };
  });

  connection.onDefinition((params) => {
    const h = at(params);
    const decl = h?.o && h.p.index.declaration(h.o.key);
    return (decl && location(decl.span)) ?? null;
  });

  connection.onReferences((params) => {
    const h = at(params);
    if (!h?.o) return null;
    // A declaration stands for all it declares (a guest: its node and `vm-GUEST`); a use, for
    // what it names, and for its declaration's all only where that is what it names (a
    // guest's node, not `lwfsd-GUEST` or `vm-GUEST`, which name one resource each).
    const decl = h.o.decl !== undefined ? h.o : h.p.index.declaration(h.o.key);
    const keys = decl && decl.key === h.o.key ? NameIndex.keysOf(decl) : [h.o.key];
    const seen = new Set<Occurrence>();
    for (const k of keys) for (const o of h.p.index.uses(k)) seen.add(o);
    return [...seen]
      .filter((o) => params.context.includeDeclaration || o.decl === undefined)
      .flatMap((o) => location(o.span) ?? []);
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (doc === undefined) return [];
    const p = read(doc);
    return completions(doc.getText(), p.positions.offset(params.position), p.index).map((c) => ({
      label: c.label,
      kind: COMPLETION_KINDS[c.kind],
      ...(c.detail !== undefined ? { detail: c.detail } : {}),
      ...(c.insert !== undefined ? { insertText: c.insert } : {}),
    }));
  });

  connection.onDocumentFormatting(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (doc === undefined) return null;
    const { formatSource } = await import("../format/index.js");
    const text = doc.getText();
    const r = await formatSource({ file: doc.uri, text });
    if (r.value === undefined) throw new ResponseError(LSPErrorCodes.RequestFailed, "hacc: the file has syntax errors; it is formatted once they are fixed");
    return r.value === text ? [] : [{ range: read(doc).positions.whole(), newText: r.value }];
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (doc === undefined) return null;
    const p = read(doc);
    return p.file.statements.flatMap((s) => symbol(s, p.positions) ?? []);
  });

  connection.onPrepareRename((params) => {
    const h = at(params);
    if (!h?.o) return null;
    const r = prepareRename(h.p.index, h.o, h.doc.uri, h.p.syntaxErrors);
    if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.why);
    return { range: h.p.positions.range(r.span), placeholder: h.o.text };
  });

  connection.onRenameRequest((params) => {
    const h = at(params);
    if (!h?.o) return null;
    const ok = prepareRename(h.p.index, h.o, h.doc.uri, h.p.syntaxErrors);
    if (!ok.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, ok.why);
    const r = rename(h.p.index, h.o, params.newName);
    if ("why" in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.why);
    return { changes: { [h.doc.uri]: r.edits.map((e) => ({ range: h.p.positions.range(e.span), newText: e.text })) } };
  });

  documents.listen(connection);
  connection.listen();
}

const COMPLETION_KINDS: Record<Completion["kind"], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  node: CompletionItemKind.Value,
  guest: CompletionItemKind.Value,
  resource: CompletionItemKind.Reference,
  agent: CompletionItemKind.Module,
  parameter: CompletionItemKind.Property,
};

/** A statement's entry in the outline: what it declares (or relates), its whole span, its name. */
function symbol(s: A.Statement, positions: Positions): DocumentSymbol | undefined {
  const make = (name: string, kind: SymbolKind, at: A.Name, detail: string, children?: DocumentSymbol[]): DocumentSymbol | undefined =>
    name === "" || at.text === ""
      ? undefined
      : { name, kind, detail, range: positions.range(s.span), selectionRange: positions.range(at.span), ...(children ? { children } : {}) };
  switch (s.kind) {
    case "cluster":
      return make(s.name.text, SymbolKind.Namespace, s.name, "cluster", s.nodes.map((n) => ({ name: n.text, kind: SymbolKind.Constant, detail: "node", range: positions.range(n.span), selectionRange: positions.range(n.span) })));
    case "guest":
      return make(s.name.text, SymbolKind.Class, s.name, "guest");
    case "resource":
      return make(s.name.text, SymbolKind.Object, s.name, s.agent?.text ?? `from ${s.template?.text ?? ""}`);
    case "template":
      return make(s.name.text, SymbolKind.Struct, s.name, `template ${s.agent.text}`);
    case "instance":
      return make(N.instanceId(s.service.text, s.guest.text), SymbolKind.Event, s.service, `${s.service.text} on ${s.guest.text}`);
    case "order":
      return make(`order ${s.first.text} then ${s.then.text}`, SymbolKind.Operator, s.first, "order");
    case "colocate":
      return make(`colocate ${s.rsc.text} with ${s.with.text}`, SymbolKind.Operator, s.rsc, "colocation");
    case "order-set":
      if (s.sets[0]?.members[0] === undefined) return undefined;
      return make(`order ${s.sets.map((x) => `(${x.members.map((m) => m.text).join(", ")})`).join(" then ")}`, SymbolKind.Operator, s.sets[0]!.members[0]!, "order of sets");
    case "colocate-set":
      if (s.sets[0]?.members[0] === undefined) return undefined;
      return make(`colocate ${s.sets.map((x) => `(${x.members.map((m) => m.text).join(", ")})`).join(" with ")}`, SymbolKind.Operator, s.sets[0]!.members[0]!, "colocation of sets");
    case "group":
      return make(s.name.text, SymbolKind.Array, s.name, "group");
    case "clone":
      return make(s.name.text, SymbolKind.Array, s.name, s.promotable ? "promotable clone" : "clone");
    case "bundle":
      return make(s.name.text, SymbolKind.Array, s.name, "bundle");
    case "agent":
      return make(s.agent.text, SymbolKind.Interface, s.agent, "agent");
    case "service":
      return make(s.name.text, SymbolKind.Interface, s.name, "service kind");
  }
}
