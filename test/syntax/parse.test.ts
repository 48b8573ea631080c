import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { haLexer } from "../../src/syntax/tokens.js";
import { CONTRACT } from "../helpers.js";

const tokens = (s: string) => haLexer().tokenize(s).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("lexer", () => {
  it("reads keywords only as whole words", () => {
    expect(tokens("order order1 optional op op-defaults")).toEqual([
      "Kw_order:order",
      "Word:order1",
      "Kw_optional:optional",
      "Kw_op:op",
      "Kw_op_defaults:op-defaults",
    ]);
  });

  it("reads PCI addresses, agents, scores and durations as single words", () => {
    expect(tokens("0000:82:01.0 00:05.0 ocf:heartbeat:VirtualDomain -INFINITY -50 900s")).toEqual([
      "Word:0000:82:01.0",
      "Word:00:05.0",
      "Word:ocf:heartbeat:VirtualDomain",
      "Word:-INFINITY",
      "Word:-50",
      "Word:900s",
    ]);
  });

  it("keeps comments in their own group for the formatter", () => {
    const r = haLexer().tokenize("nodes a; # the first\n");
    expect(r.groups["comments"]?.map((t) => t.image)).toEqual(["# the first"]);
  });
});

describe("parser", () => {
  it("reads the contract without a diagnostic", () => {
    const r = parse({ file: "contract.ha", text: readFileSync(CONTRACT, "utf8") });
    expect(r.diagnostics).toEqual([]);
    expect(r.value.statements.map((s) => s.kind)).toEqual([
      "cluster", "guest", "guest", "guest", "instance", "instance", "instance", "resource", "order", "colocate",
    ]);
  });

  it("resolves the two string escapes", () => {
    const r = parse({ file: "t.ha", text: 'resource r ocf:heartbeat:Dummy { state = "a\\"b\\\\c"; };' });
    const s = r.value.statements[0]!;
    expect(s.kind === "resource" && s.block?.items[0]?.kind === "param" ? s.block.items[0].pair.value.text : "").toBe('a"b\\c');
  });

  it("reports every syntax error of a file in one run and keeps what it could read", () => {
    const text = [
      "cluster c { nodes n1; }",
      "resource a ocf:heartbeat:Dummy on n1", // missing ;
      "resource b ocf:heartbeat:Dummy on n1;",
      "order a b;", // missing then
      "colocate a with b 10;",
    ].join("\n");
    const r = parse({ file: "t.ha", text });
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.line}`)).toEqual(["HA1003@2", "HA1003@4"]);
    expect(r.diagnostics[1]!.message).toBe("expected `then`, found `;`");
    expect(r.value.statements.map((s) => s.kind)).toContain("colocate");
  });

  it("points a block left open at the end of the file at its `{`", () => {
    const r = parse({ file: "t.ha", text: "cluster c {\n  nodes n1;\n" });
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column} ${d.message}; ${d.hint}`)).toEqual([
      "HA1003@1:11 this `{` is never closed; close it with `}` before the end of the file",
    ]);
  });

  it("names what was expected at the end of the file", () => {
    const r = parse({ file: "t.ha", text: "order a then" });
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected a name, found the end of the file"]);
  });

  it("gives every AST name a span pointing at its text", () => {
    const text = "guest vnio006 on nio006 prefer 500, nio005 100;";
    const s = parse({ file: "t.ha", text }).value.statements[0]!;
    if (s.kind !== "guest") throw new Error("not a guest");
    const at = (sp: { start: number; end: number }) => text.slice(sp.start, sp.end);
    expect(at(s.name.span)).toBe("vnio006");
    expect(s.placement.map((p) => `${at(p.host.span)}=${p.score ? at(p.score.span) : ""}`)).toEqual(["nio006=500", "nio005=100"]);
  });
});

describe("recovery from a token that cannot start a statement", () => {
  it("reports it once and reads the statements after it", () => {
    const r = parse({ file: "t.ha", text: "cluster c { nodes n1; }\n= x;\nresource r ocf:heartbeat:Dummy on n1;\n" });
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`)).toEqual(["HA1003@2:1"]);
    expect(r.diagnostics[0]!.message).toBe(
      "unexpected `=`; expected a statement (`cluster`, `guest`, `resource`, `order`, `colocate`, `ticket`, `group`, `clone`, `bundle`, `location`, `fencing-level`, `alert`, `acl`, a service such as `lwfsd on GUEST`, ...)",
    );
    expect(r.value.statements.map((s) => s.kind)).toEqual(["cluster", "resource"]);
  });
});

describe("block items named like a keyword", () => {
  it("are parameters when `=` follows the keyword, and items otherwise", () => {
    const words = ["config", "hypervisor", "ib", "op", "meta", "utilization", "shared", "mmp"];
    const text = `resource r ocf:x:Y {\n${words.map((w) => `  ${w} = "v";\n`).join("")}  shared;\n  mmp 60s;\n}\n`;
    const r = parse({ file: "t.ha", text });
    expect(r.diagnostics).toEqual([]);
    const st = r.value.statements[0]!;
    expect(st.kind).toBe("resource");
    const items = st.kind === "resource" ? (st.block?.items ?? []) : [];
    expect(items.map((it) => (it.kind === "param" ? `param:${it.pair.key.text}` : it.kind))).toEqual([...words.map((w) => `param:${w}`), "shared", "mmp"]);
  });
});
