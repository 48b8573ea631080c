import { extname } from "node:path";
import type { Command } from "commander";
import { analyze } from "../compile.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { siteGraph } from "../graph/dot.js";
import { renderHtml, renderSvg } from "../graph/render.js";
import { collectList, type CliKit } from "./kit.js";
import { UsageError, writeAtomic } from "./io.js";

const FORMATS = [".svg", ".html", ".dot"];

/** `hacc graph SITE [--fail HOST]... -o FILE.svg|FILE.html|FILE.dot`: a picture of the cluster. */
export function registerGraph(program: Command, kit: CliKit): void {
  program
    .command("graph")
    .description("draw the cluster (hosts, guests, services, targets, failover hosts, constraints); with --fail, what moves")
    .argument("<file>", "the site, or - for standard input")
    .requiredOption("-o, --output <file>", "the picture: FILE.svg, FILE.html (one self-contained page) or FILE.dot")
    .option("-f, --fail <host>", "a host that fails (repeat, or separate with commas)", collectList, [] as string[])
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .action(async (file: string, opts: { output: string; fail: string[]; lib?: string[] }) => {
      const ext = extname(opts.output).toLowerCase();
      if (!FORMATS.includes(ext)) throw new UsageError(`-o ${opts.output}: the picture is written as .svg, .html or .dot`);
      const { library, sources, all } = kit.loadAll(file, opts.lib ?? []);
      const r = analyze(library, sources, { n1: false });
      const site = r.value.site;
      kit.printDiagnostics(r.diagnostics, all);
      if (hasErrors(r.diagnostics) || site === undefined) {
        process.exitCode = kit.EXIT.input;
        return;
      }
      for (const f of opts.fail) {
        if (!site.nodes.includes(f)) throw new UsageError(`--fail ${f}: not a node of cluster \`${site.name}\` (its nodes: ${site.nodes.join(", ")})`);
      }
      const g = siteGraph(site, { fail: opts.fail });
      if (ext === ".dot") writeAtomic(opts.output, g.dot);
      else {
        const svg = await renderSvg(g.dot);
        writeAtomic(opts.output, ext === ".svg" ? svg : renderHtml(g, svg));
      }
      process.exitCode = kit.EXIT.ok;
    });
}
