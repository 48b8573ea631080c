import { spawn, type ChildProcess } from "node:child_process";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { BIN, ROOT } from "../helpers.js";

/**
 * An LSP client for tests: spawns the built `hacc lsp --stdio` and talks to
 * it over its stdin and stdout with vscode-languageserver-protocol, as an
 * editor does. Diagnostics the server publishes are kept per URI and version.
 */
export class Client {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(args: string[] = []) {
    this.process = spawn(process.execPath, [BIN, "lsp", "--stdio", ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    this.process.stderr!.on("data", (b: Buffer) => this.stderr.push(b.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.listen();
  }

  /** The first diagnostics published for `uri` (at `version`, if given) that `accept` takes, waiting for them up to `ms`. */
  async diagnostics(uri: string, version?: number, accept: (ds: Diagnostic[]) => boolean = () => true, ms = 20_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.published.find((p) => p.uri === uri && (version === undefined || p.version === version) && accept(p.diagnostics));
      if (found) return found.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} v${version}; published: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the process to end; its exit code. */
  exited(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.on("exit", (code) => resolve(code));
    });
  }
}
