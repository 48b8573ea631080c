import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { EMITTERS } from "../../src/emit/index.js";
import { parseXml, type El } from "../../src/review/xml.js";
import { shellComment, shellQuote } from "../../src/util/shell.js";
import { escapeXml, xpathLiteral } from "../../src/util/xml.js";
import { hacc, havePacemaker, stdlib } from "../helpers.js";
import { anyText, count, counted, marked, RUNS, SEED } from "./common.js";

/**
 * Part 3 of issue 14: every string from a .ha file, a file name or a live
 * CIB reaches a script quoted for where it lands, or is refused. Random
 * strings (all 256 byte values, any code point, newlines, quotes, `$(...)`,
 * backticks) go through each quoting function, each target and each plan
 * target; the scripts run; values arrive byte for byte or are refused with a
 * diagnostic, and the command in a string never runs (its mark file never
 * appears).
 */
let dir: string;
let mark: string;
let values: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hacc-quoting-"));
  mark = join(dir, "EXECUTED");
  values = fc.sample(anyText, { numRuns: Math.max(RUNS * 3, 100), seed: SEED }).map((v) => marked(v, mark));
});
afterAll(() => {
  expect(existsSync(mark), "a command inside a value ran").toBe(false);
});

/** No lone surrogate: a JavaScript string that UTF-8 can hold. */
const wellFormed = (s: string) => !/[\ud800-\udfff]/u.test(s);

const bash = (script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => spawnSync("bash", [script, ...args], { cwd: dir, env: { ...process.env, ...env } });

describe("the quoting functions", () => {
  it("shellQuote: bash reads every value back byte for byte (NUL, which no argv can hold, aside)", () => {
    const vs = values.filter((v) => wellFormed(v) && !v.includes("\0"));
    const script = join(dir, "words.sh");
    writeFileSync(script, vs.map((v) => `printf '%s\\0' ${shellQuote(v)}\n`).join(""));
    const r = bash(script);
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.equals(Buffer.from(vs.map((v) => `${v}\0`).join(""), "utf8"))).toBe(true);
    count("shellQuote", vs.length);
  });

  it("shellComment: a comment line stays one comment, with no control character; nothing in it runs", () => {
    const vs = values.filter(wellFormed);
    for (const v of vs) {
      const c = shellComment(v);
      expect(c).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    const script = join(dir, "comments.sh");
    writeFileSync(script, vs.map((v, i) => `# ${shellComment(v)}\necho ${i}\n`).join(""));
    const r = bash(script);
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString()).toBe(vs.map((_v, i) => `${i}\n`).join(""));
    count("shellComment", vs.length);
  });

  it("xpathLiteral: libxml2 (xmllint, as cibadmin --xpath) finds exactly the element whose attribute is the value", () => {
    const xmlChar = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
    const vs = values.filter((v) => wellFormed(v) && xmlChar.test(v)).slice(0, Math.max(40, RUNS));
    const doc = join(dir, "doc.xml");
    writeFileSync(doc, `<d>${vs.map((v, i) => `<v i="${i}" x="${escapeXml(v)}"/>`).join("")}</d>\n`);
    for (const [i, v] of vs.entries()) {
      for (const prefer of ['"', "'"] as const) {
        const r = spawnSync("xmllint", ["--xpath", `string(//v[@i="${i}"][@x=${xpathLiteral(v, prefer)}]/@i)`, doc], { encoding: "utf8" });
        expect(r.stdout.trim(), `${JSON.stringify(v)}: ${r.stderr}`).toBe(String(i));
      }
    }
    count("xpathLiteral", vs.length);
  });
});

/** A .ha string literal: the language knows only `\"` and `\\`. */
const haString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const site = (v: string) => `cluster q {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource d ocf:pacemaker:Dummy {\n  fake = ${haString(v)};\n} on n1;\n`;
/** What the checker or a target may refuse a value with: a control character, a value the target cannot carry. */
const REFUSALS = new Set(["HA3015", "HA5001"]);

function nvpair(el: El, name: string): string | undefined {
  if (el.tag === "nvpair" && el.attrs["name"] === name) return el.attrs["value"];
  for (const c of el.children) {
    const v = nvpair(c, name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Stand-ins for pcs and crm_verify that record pcs's arguments, NUL-separated, in $PCS_LOG. */
function stubTools(): string {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "pcs"), '#!/bin/sh\nfor a in "$@"; do printf \'%s\\0\' "$a" >> "$PCS_LOG"; done\nprintf \'\\n\\0\' >> "$PCS_LOG"\n');
  writeFileSync(join(bin, "crm_verify"), "#!/bin/sh\nexit 0\n");
  // The pcs script's id-clash check reads the CIB copy with cibadmin; this one prints the file as it is.
  writeFileSync(join(bin, "cibadmin"), '#!/bin/sh\ncat "$CIB_file"\n');
  chmodSync(join(bin, "cibadmin"), 0o755);
  chmodSync(join(bin, "pcs"), 0o755);
  chmodSync(join(bin, "crm_verify"), 0o755);
  return bin;
}

describe("every target: a value from the .ha file arrives byte for byte or is refused", () => {
  const lib = stdlib();
  it("cib, pcs (its script run, pcs's arguments recorded) and crmsh (read back with shlex, as crmsh does)", () => {
    const bin = stubTools();
    const accepted: Record<string, { v: string; text: string }[]> = { cib: [], pcs: [], crmsh: [] };
    for (const v of values.filter(wellFormed)) {
      const r = analyze(lib, [{ file: "q.ha", text: site(v) }]);
      if (hasErrors(r.diagnostics)) {
        // A line break ends a .ha string: what follows is read as more of the file, and refused with whatever is wrong with it.
        if (/[\r\n]/.test(v)) continue;
        const codes = r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
        expect(codes.every((c) => REFUSALS.has(c)), `${JSON.stringify(v)}: ${codes.join(" ")}`).toBe(true);
        expect(v).toMatch(/[\u0000-\u001f\u007f]/);
        continue;
      }
      for (const t of ["cib", "pcs", "crmsh"]) {
        const e = EMITTERS[t]!(r.value.cib!, { sourceName: "q.ha" });
        if (hasErrors(e.diagnostics)) {
          expect(e.diagnostics.every((d) => REFUSALS.has(d.code)), `${t} ${JSON.stringify(v)}`).toBe(true);
          continue;
        }
        accepted[t]!.push({ v, text: e.value });
      }
    }
    // Every kind of value reached every target, not only the tame ones.
    for (const t of ["cib", "pcs"]) expect(accepted[t]!.some((a) => /['"$`\\]/.test(a.v)), t).toBe(true);

    for (const { v, text } of accepted["cib"]!) {
      const x = parseXml(text);
      expect("root" in x && nvpair(x.root, "fake"), JSON.stringify(v)).toBe(v);
    }

    const cib = join(dir, "cib.xml");
    writeFileSync(cib, "<cib/>\n");
    for (const [i, { v, text }] of accepted["pcs"]!.entries()) {
      const script = join(dir, `apply-${i}.sh`);
      const log = join(dir, `pcs-${i}.log`);
      writeFileSync(script, text);
      const r = bash(script, [cib], { PATH: `${bin}:${process.env["PATH"]}`, PCS_LOG: log });
      expect(r.status, r.stderr.toString()).toBe(0);
      const args = readFileSync(log).toString("utf8").split("\0");
      expect(args, JSON.stringify(v)).toContain(`fake=${v}`);
    }

    const crm = accepted["crmsh"]!;
    const py = [
      "import json, shlex, sys",
      "out = []",
      "for text in json.load(sys.stdin):",
      "    words = shlex.split(text.replace('\\\\\\n', ' '), comments=False, posix=True)",
      "    out.append([w[5:] for w in words if w.startswith('fake=')])",
      "print(json.dumps(out))",
    ].join("\n");
    const r = spawnSync("python3", ["-c", py], { input: JSON.stringify(crm.map((a) => a.text)), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as string[][];
    for (const [i, { v }] of crm.entries()) expect(got[i], JSON.stringify(v)).toEqual([v]);
    count("targets (values)", values.length);
  });

  it("raw bytes 0x00-0xff in a string and a file name with a newline and $(...): refused, or the script runs nothing else", () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_x, i) => i).filter((b) => b !== 0x22 && b !== 0x5c && b !== 0x0a));
    const raw = join(dir, "raw.ha");
    writeFileSync(raw, Buffer.concat([Buffer.from('cluster q {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource d ocf:pacemaker:Dummy {\n  fake = "'), bytes, Buffer.from('";\n} on n1;\n')]));
    for (const t of ["cib", "pcs", "crmsh"]) {
      const r = hacc(["compile", raw, "--target", t]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe("");
      // 0x0d (a lone CR) ends a line, as the lexer counts them: the byte is on line 7.
      expect(r.stderr).toMatch(/^error\[HA1006\]: byte 0x80 is not UTF-8\n {2}--> .*raw\.ha:7:113\n/);
    }

    writeFileSync(join(dir, "cib.xml"), "<cib/>\n");
    const named = join(dir, "x\ntouch EXECUTED\n$(touch EXECUTED) `touch EXECUTED`.ha");
    writeFileSync(named, site("plain"));
    const bin = stubTools();
    for (const t of ["pcs"]) {
      const out = join(dir, `named.${t}.sh`);
      const r = hacc(["compile", named, "--target", t, "-o", out]);
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(out, "utf8");
      for (const line of text.split("\n")) if (line.startsWith("#")) expect(line).not.toMatch(/[\u0000-\u001f]/);
      const run = bash(out, [join(dir, "cib.xml")], { PATH: `${bin}:${process.env["PATH"]}`, PCS_LOG: join(dir, "named.log") });
      expect(run.status, run.stderr.toString()).toBe(0);
    }
    expect(existsSync(mark)).toBe(false);
  });
});

const planTools = havePacemaker(["cibadmin", "crm_verify", "crm_diff", "pcs", "crm"]);

describe.skipIf(!planTools)("every plan target: names from a live CIB never run, even in review mode", () => {
  it("property, parameter and agent names with newlines, quotes and $(...): the script (bash plan.sh COPY.xml) runs only its own commands", () => {
    const nasty = (s: string) => marked(s, mark);
    const prop = nasty("evil\ntouch @MARK@\n$(touch @MARK@) `touch @MARK@` '\" ]");
    const param = nasty("p\n$(touch @MARK@)\"'");
    const type = nasty("Dummy\ntouch @MARK@");
    const cib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="3" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o-stonith" name="stonith-enabled" value="false"/>
        <nvpair id="o-evil" name="${escapeXml(prop)}" value="1"/>
      </cluster_property_set>
    </crm_config>
    <nodes><node id="1" uname="n1"/></nodes>
    <resources>
      <primitive id="old" class="ocf" provider="pacemaker" type="${escapeXml(type)}">
        <instance_attributes id="old-ia"><nvpair id="old-ia-p" name="${escapeXml(param)}" value="v"/></instance_attributes>
      </primitive>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
`;
    const live = join(dir, "live.xml");
    writeFileSync(live, cib);
    const siteFile = join(dir, "s\n$(touch EXECUTED)\ntouch EXECUTED.ha");
    writeFileSync(siteFile, "cluster q {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource d ocf:pacemaker:Dummy on n1;\n");
    const applied: string[] = [];
    // Without --prune the plan leaves what the site never owned as it is (the evil names stay, untouched);
    // with --prune it deletes them, so the names travel through the deleting commands.
    for (const [t, prune] of [["cib", false], ["pcs", false], ["crmsh", false], ["cib", true], ["pcs", true], ["crmsh", true]] as const) {
      const script = join(dir, `plan-${t}${prune ? "-prune" : ""}.sh`);
      const r = hacc(["plan", siteFile, "--live", live, "--target", t, "-o", script, ...(prune ? ["--prune"] : [])]);
      if (r.code === 1) {
        // Refused with a diagnostic (pcs cannot name such a property), and no script written.
        expect(r.stderr, t).toMatch(/^error\[HA5001\]: .* control character/m);
        expect(existsSync(script), t).toBe(false);
        continue;
      }
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(script, "utf8");
      for (const line of text.split("\n")) if (/^\s*#/.test(line)) expect(line, t).not.toMatch(/[\u0000-\u001f]/);
      const copy = join(dir, `copy-${t}.xml`);
      writeFileSync(copy, cib);
      const run = bash(script, [copy]);
      expect(existsSync(mark), t).toBe(false);
      const after = readFileSync(copy, "utf8");
      if (run.status !== 0) {
        // A tool refused the CIB (crmsh cannot parse a quote in a name): the script stopped, the copy is as it was.
        expect(run.stderr.toString(), t).not.toBe("");
        expect(after, t).toBe(cib);
        continue;
      }
      if (prune) {
        // The evil property is gone from the copy: the plan removed exactly it.
        expect(after, t).not.toContain('id="o-evil"');
      } else {
        // Not the site's: left where it was (cibadmin writes the file anew, so its bytes may differ).
        expect(after, t).toContain('id="o-evil"');
        expect(after, t).toContain('<primitive id="old"');
        expect(after, t).toContain('id="old-ia-p"');
      }
      expect(after, t).toContain('id="o-stonith"');
      applied.push(`${t}${prune ? " --prune" : ""}`);
    }
    expect(applied).toContain("cib");
    expect(applied).toContain("cib --prune");
    count("plan targets", 3);
  });
});

afterAll(() => {
  if (process.env["HACC_FUZZ_REPORT"]) for (const [k, n] of counted) process.stdout.write(`fuzz: ${k}: ${n} cases\n`);
});
