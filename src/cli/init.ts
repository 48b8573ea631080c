import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { CliKit } from "./kit.js";
import { makeDir, reason, UsageError, writeAtomic } from "./io.js";

/** The starter site `hacc init` writes: templates/site.ha, shipped with the package (a test checks it clean). */
function starter(): string {
  return readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../../templates/site.ha"), "utf8");
}

/**
 * `hacc init [DIR]`: writes DIR/site.ha (DIR defaults to the current
 * directory and is made if missing), a commented starter site that `hacc
 * check` passes clean. An existing site.ha is never overwritten (exit 2).
 */
export function registerInit(program: Command, kit: CliKit): void {
  program
    .command("init")
    .description("write a commented starter site (two hosts, a guest, lwfsd, a Lustre target) to DIR/site.ha")
    .argument("[dir]", "the directory to write site.ha in (made if missing)", ".")
    .action((dir: string) => {
      const file = join(dir, "site.ha");
      if (existsSync(file)) throw new UsageError(`${file} already exists; hacc init never overwrites a file (remove it, or give another DIR)`);
      try {
        makeDir(dir);
      } catch (e) {
        throw new UsageError(`cannot make ${dir}: ${reason(e)}`);
      }
      writeAtomic(file, starter());
      process.stderr.write(`hacc: wrote ${file}; next: hacc check ${file}\n`);
      process.exitCode = kit.EXIT.ok;
    });
}
