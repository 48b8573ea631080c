import type { Command } from "commander";

/**
 * An example for each command's `--help`, after its options. A command
 * registered without one fails test/cli/help.test.ts: add its line here.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  compile: ["hacc compile site.ha --target cib -o site.xml", "hacc compile site.ha --target pcs --pcs-version 0.10 -o site.sh", "hacc compile site.ha --target libvirt -o vfs"],
  check: ["hacc check site.ha", "hacc check site.ha --strict --json > problems.json", "hacc check site.ha --libvirt dumps"],
  diff: ["hacc diff old.ha site.ha", "git show HEAD:site.ha > old.ha && hacc diff old.ha site.ha --detailed-exitcode"],
  plan: ["cibadmin --query > live.xml && hacc plan site.ha --live live.xml", "hacc plan site.ha --live live.xml --target pcs -o plan.sh"],
  fmt: ["hacc fmt site.ha", "hacc fmt --check *.ha"],
  simulate: ["hacc simulate site.ha --fail nio006", "hacc simulate site.ha --fail nio006 --engine hacc"],
  graph: ["hacc graph site.ha -o site.html", "hacc graph site.ha --fail nio006 -o failover.svg"],
  init: ["hacc init", "hacc init my-cluster && hacc check my-cluster/site.ha"],
  lsp: ["hacc lsp --stdio", "hacc lsp --stdio -L site-agents.ha"],
  import: ["cibadmin --query > live.xml && hacc import live.xml -o site.ha", "cibadmin --query | hacc import - > site.ha", "hacc import live.xml --libvirt domains -o site.ha"],
  completion: ["source <(hacc completion bash)", "hacc completion zsh > \"${fpath[1]}/_hacc\""],
};

/** Adds each command's examples to its own `--help`. */
export function addExamples(program: Command): void {
  for (const c of program.commands) {
    const lines = EXAMPLES[c.name()];
    if (lines === undefined) continue;
    c.addHelpText("after", `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`);
  }
  program.addHelpText("after", "\nRun `hacc COMMAND --help` for a command's options and examples; `hacc init` writes a starter site.\n");
}
