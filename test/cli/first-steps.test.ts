import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, hacc, havePacemaker, ROOT } from "../helpers.js";

// First steps (issue 16, part 6): a starter site, help of each command with
// an example, the README's commands, the package's files, shell completion.

const tmp = () => mkdtempSync(join(tmpdir(), "hacc-first-"));

/** The commands `hacc --help` lists. */
function commandNames(): string[] {
  const help = hacc(["--help"]).stdout;
  const section = help.slice(help.indexOf("Commands:"));
  return [...section.matchAll(/^  ([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== "help");
}

describe("hacc init", () => {
  it("writes a commented starter site that hacc check --strict passes without a word", () => {
    const dir = join(tmp(), "new", "cluster");
    const r = hacc(["init", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`hacc: wrote ${join(dir, "site.ha")}; next: hacc check ${join(dir, "site.ha")}\n`);
    const site = join(dir, "site.ha");
    const text = readFileSync(site, "utf8");
    // Two hosts, one guest, lwfsd in it, one Lustre target; comments throughout.
    expect(text).toMatch(/^  nodes host1, host2;$/m);
    expect(text.match(/^guest /gm)).toHaveLength(1);
    expect(text).toMatch(/^lwfsd on guest1 after vm;$/m);
    expect(text).toMatch(/^resource ost0 ocf:lustre:Lustre \{$/m);
    expect(text.match(/^\s*#/gm)!.length).toBeGreaterThan(15);
    expect(hacc(["check", "--strict", site])).toEqual({ code: 0, stdout: "", stderr: "" });
    // It is laid out as hacc fmt lays it out.
    expect(hacc(["fmt", "--check", site]).code).toBe(0);
  });

  it("never overwrites a site.ha (exit 2)", () => {
    const dir = tmp();
    writeFileSync(join(dir, "site.ha"), "# mine\n");
    const r = hacc(["init", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("already exists");
    expect(readFileSync(join(dir, "site.ha"), "utf8")).toBe("# mine\n");
  });

  it("writes to the current directory by default", () => {
    const dir = tmp();
    expect(hacc(["init"], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, "site.ha"))).toBe(true);
  });
});

describe("--help", () => {
  it("every command has its own, with an example of it", () => {
    const names = commandNames();
    expect(names).toEqual(expect.arrayContaining(["compile", "check", "fmt", "diff", "plan", "simulate", "graph", "init", "completion"]));
    const global = hacc(["--help"]).stdout;
    for (const name of names) {
      const r = hacc([name, "--help"]);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^Usage: hacc ${name} `));
      expect(r.stdout, name).not.toBe(global);
      expect(r.stdout, name).toMatch(new RegExp(`\\nExamples:\\n(  \\$ .*\\n)*  \\$ [^\\n]*hacc ${name}\\b`));
    }
  });
});

describe("the README's commands", () => {
  it("work as written, in order, in an empty directory (npx hacc run as this checkout's bin)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = readme.slice(readme.indexOf("## Using it"));
    const lines = block.slice(block.indexOf("```\n") + 4, block.indexOf("```", block.indexOf("```\n") + 4)).trim().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    const dir = tmp();
    const pacemaker = havePacemaker(["crm_simulate"]);
    let ran = 0;
    for (const line of lines) {
      const command = line.replace(/\s+#.*$/, "");
      if (command.startsWith("cibadmin --query")) {
        // A cluster node's live CIB; an empty one stands in for it here.
        writeFileSync(join(dir, "live.xml"), '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>\n');
        continue;
      }
      if (command.includes("--fail") && !command.includes("--engine hacc") && command.includes("simulate") && !pacemaker) continue;
      expect(command, line).toMatch(/^(npx hacc |cp )/);
      const r = spawnSync("bash", ["-c", command.replace(/^npx hacc /, `"${process.execPath}" "${BIN}" `)], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status, `${command}\n${r.stderr}`).toBe(0);
      ran++;
    }
    expect(ran).toBeGreaterThan(12);
    expect(readFileSync(join(dir, "plan.sh"), "utf8")).toContain("pcs");
  });
});

describe("the npm package", () => {
  it("ships grammar/, docs/, stdlib/ and the starter site", () => {
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    for (const f of ["grammar/hacc.tmLanguage.json", "docs/language.md", "docs/review.md", "stdlib/storage.ha", "templates/site.ha", "bin/hacc.js"]) expect(files).toContain(f);
  });
});

describe("hacc completion", () => {
  const complete = (words: string[]) => {
    const script = hacc(["completion", "bash"]).stdout;
    const r = spawnSync("bash", ["-c", `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _hacc; echo "\${COMPREPLY[*]}"`], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  it("bash: sourcing it registers the completion of hacc", () => {
    const script = hacc(["completion", "bash"]);
    expect(script.code).toBe(0);
    const r = spawnSync("bash", ["-c", `source <(cat <<'EOF'\n${script.stdout}EOF\n) && complete -p hacc`], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^complete .*-F _hacc hacc\n$/);
  });

  it("bash: completes commands, options and an option's choices", () => {
    expect(complete(["hacc", "com"])).toBe("compile completion");
    expect(complete(["hacc", "compile", "--ta"])).toBe("--target");
    expect(complete(["hacc", "compile", "--target", ""])).toBe("cib pcs crmsh libvirt");
    expect(complete(["hacc", "diff", "--co"])).toBe("--color");
  });

  it("zsh: a #compdef script naming every command, and it parses if zsh is here", () => {
    const r = hacc(["completion", "zsh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#compdef hacc\n/);
    for (const name of commandNames()) expect(r.stdout).toContain(`    '${name}:`);
    const zsh = spawnSync("zsh", ["-n"], { input: r.stdout, encoding: "utf8" });
    if (zsh.error === undefined) expect(zsh.status, zsh.stderr).toBe(0);
  });

  it("refuses another shell (exit 2)", () => {
    expect(hacc(["completion", "fish"]).code).toBe(2);
  });
});
