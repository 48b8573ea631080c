import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { formatSource } from "../../src/format/index.js";
import { haParser } from "../../src/syntax/parser.js";
import { analyzeText, marked } from "../helpers.js";

// One mistake, one error, at the mistake (issue 16, part 1). Each case is a
// valid site with one mistake planted; the whole pipeline runs (the checks
// too), and exactly one diagnostic must come back, at the marked span, with
// the hint a user needs.

const SITE = (body: string) =>
  [
    "cluster c {",
    "  nodes n1, n2;",
    "  property symmetric-cluster = false;",
    "}",
    body,
    "lwfsd on vnio008 after vm;",
    'resource ip ocf:heartbeat:IPaddr2 { ip = "10.0.0.1"; } on n1;',
    "order ip then lwfsd-vnio008 optional;",
    "colocate ip with vm-vnio008 100;",
    "",
  ].join("\n");
const GUEST = "guest vnio008 on n1 prefer 500, n2 100 {\n  ib 0000:82:01.0 at 00:05.0;\n}";

/** The one diagnostic of a site with one marked mistake: its code, where (the mark), message and hint. */
function one(src: string): { at: string; code: string; message: string; hint: string | undefined } {
  const { text, marks } = marked(src);
  const ds = analyzeText(text).diagnostics;
  expect(ds.map((d) => `${d.code}@${d.span.line}:${d.span.column} ${d.message}`), text).toHaveLength(1);
  const d = ds[0]!;
  const m = marks[0]!;
  expect(`${d.span.line}:${d.span.column}-${d.span.endColumn}`, d.message).toBe(`${m.line}:${m.column}-${m.endColumn}`);
  return { at: `${m.line}:${m.column}`, code: d.code, message: d.message, hint: d.hint };
}

describe("one mistake, one error", () => {
  it("the site without a mistake is clean", () => {
    expect(analyzeText(SITE(GUEST)).diagnostics).toEqual([]);
  });

  it("a misspelt statement keyword: `gust` for `guest` (8 errors before)", () => {
    const d = one(SITE(GUEST.replace("guest vnio008", "<|gust|> vnio008b")));
    expect(d).toMatchObject({ code: "HA1003", message: "`gust` is not a statement", hint: "did you mean `guest`?" });
  });

  it("a keyword where a name belongs is one error, with the string that names it (`group group ip, x;` gave a second at the `,`)", () => {
    const kw = (site: string, word: string) => expect(one(site)).toMatchObject({ code: "HA1003", message: `\`${word}\` is a keyword, not a name`, hint: `write it as "${word}": a name that is a keyword is written as a string` });
    kw(SITE(GUEST).replace("order ip", "resource x ocf:heartbeat:Dummy;\ngroup <|group|> ip, x;\norder ip"), "group");
    kw(SITE(GUEST).replace("order ip", "resource <|order|> ocf:heartbeat:Dummy;\norder ip"), "order");
    kw(SITE(GUEST).replace("order ip", "location <|location|> for ip on n1 10;\norder ip"), "location");
    // The parser cannot tell which `order` it reads and stops at the statement's first word: the error is still at `group`.
    kw(SITE(GUEST).replace("order ip then", "order <|group|> then"), "group");
    kw(SITE(GUEST).replace("colocate ip with vm-vnio008 100", "colocate ip with <|tag|> 100"), "tag");
    // A statement keyword that starts a line after a forgotten `;` is still the next statement.
    const missing = analyzeText(SITE(GUEST).replace("order ip then lwfsd-vnio008 optional;", "order ip then lwfsd-vnio008 optional")).diagnostics;
    expect(missing.map((d) => d.message)).toEqual(["expected `;`, found `colocate`"]);
  });

  it("crmsh's `colocation` for `colocate` (5 before)", () => {
    const d = one(SITE(GUEST).replace("colocate ip", "<|colocation|> ip"));
    expect(d).toMatchObject({ code: "HA1003", message: "`colocation` is not a statement", hint: "did you mean `colocate`?" });
  });

  it("`prefre` for `prefer` (5 before)", () => {
    const d = one(SITE(GUEST.replace("prefer 500", "<|prefre|> 500")));
    expect(d).toMatchObject({ code: "HA1003", message: "unexpected `prefre`", hint: "did you mean `prefer`?" });
  });

  it("a misspelt block item and cluster item", () => {
    expect(one(SITE(GUEST.replace("ib 0000", "<|ibb|> 0000"))).hint).toBe("did you mean `ib`?");
    expect(one(SITE(GUEST).replace("nodes n1", "<|node|> n1")).hint).toBe("did you mean `nodes`?");
  });

  it("`optinal` for `optional` (an order kind)", () => {
    const d = one(SITE(GUEST).replace("optional;", "<|optinal|>;"));
    expect(d).toMatchObject({ code: "HA1003", message: "`optinal` is not an order kind", hint: "did you mean `optional`?" });
  });

  it("a misspelt order kind is a syntax error, reported with the other syntax errors, by check and fmt alike", async () => {
    const text = [
      "cluster c {",
      "  node n1, n2;",
      "}",
      "resource a ocf:pacemaker:Dummy on n1;",
      "gust g1 on n1;",
      "resource b ocf:pacemaker:Dummy on n2 prefre 100;",
      "order a then b optinal;",
      "",
    ].join("\n");
    const four = ["HA1003@2:3", "HA1003@5:1", "HA1003@6:38", "HA1003@7:16 `optinal` is not an order kind"];
    const shown = (ds: readonly { code: string; span: { line: number; column: number }; message: string }[]) =>
      ds.map((d) => `${d.code}@${d.span.line}:${d.span.column}${d.message.includes("order kind") ? " " + d.message : ""}`);
    expect(shown(analyzeText(text).diagnostics)).toEqual(four);
    const formatted = await formatSource({ file: "site.ha", text });
    expect(formatted.value).toBeUndefined();
    expect(shown(formatted.diagnostics)).toEqual(four);
    // Alone, in a file that otherwise parses (fmt's fast path): fmt refuses it too.
    const alone = await formatSource({ file: "site.ha", text: "order a then b Optinal;\n" });
    expect(alone.value).toBeUndefined();
    expect(alone.diagnostics.map((d) => d.hint)).toEqual(["did you mean `optional`?"]);
    // A real then-action is not a misspelt kind.
    expect(parse({ file: "t.ha", text: "order a then start b mandatory;\n" }).diagnostics).toEqual([]);
  });

  it("an unclosed quote points where the string opened (13 before)", () => {
    const d = one(SITE(GUEST).replace('"10.0.0.1"; } on n1;', '<|"10.0.0.1; } on n1;|>'));
    expect(d.code).toBe("HA1002");
  });

  it("a missing `}` points at the `{` it would close", () => {
    const d = one(SITE(GUEST.replace("100 {", "100 <|{|>").replace("\n}", "")));
    expect(d).toMatchObject({ code: "HA1003", message: "this `{` is never closed", hint: "close it with `}` before line 7" });
  });

  it("a pcs-style resource line says the `.ha` form it meant", () => {
    const d = one(SITE(GUEST) + "resource ip2 ocf:heartbeat:IPaddr2 <|ip=10.0.0.1 cidr_netmask=24|>;\n");
    expect(d.hint).toBe("write `resource ip2 ocf:heartbeat:IPaddr2 { ip = 10.0.0.1; cidr_netmask = 24; }`");
  });

  it("a pcs-style location line says the `.ha` form it meant", () => {
    const d = one(SITE(GUEST) + "<|location|> ip prefers n1=100;\n");
    expect(d.message).toBe("a pcs or crmsh `location` line: where a resource runs is part of its own statement (`location NAME for RSC ...` is for rules and roles)");
    expect(d.hint).toBe("add `on n1 prefer 100` to the statement of `ip`, e.g. `resource ip AGENT on n1 prefer 100;`");
  });

  it("two pcs-style lines: two errors, one each (14 before)", () => {
    const text = SITE(GUEST) + "resource ip2 ocf:heartbeat:IPaddr2 ip=10.0.0.1 cidr_netmask=24;\nlocation ip prefers n1=100;\n";
    expect(analyzeText(text).diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`)).toEqual(["HA1003@12:36", "HA1003@13:1"]);
  });

  it("a bad score after a colocation's resource is one error, at the score; a slip of a role's name is still a role", () => {
    const site = SITE(GUEST) + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n";
    const codes = (line: string) => analyzeText(site + line).diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(codes("colocate a with b -lots;\n")).toEqual(["HA3001 `-lots` is not a score"]);
    expect(codes("colocate a with prometed b;\n")).toEqual(["HA1003 `prometed` is not a role"]);
  });

  it("a crmsh location line names the resource, not the constraint's id", () => {
    const d = one(SITE(GUEST) + "<|location|> loc-ip ip 100: n2\n");
    expect(d.hint).toBe("add `on n2 prefer 100` to the statement of `ip`, e.g. `resource ip AGENT on n2 prefer 100;`");
  });

  it("a pasted pcs command: one error, with the `.ha` form it meant", () => {
    const d = one(SITE(GUEST) + "<|pcs|> resource create b ocf:pacemaker:Dummy\n");
    expect(d).toMatchObject({ code: "HA1003", message: "a pcs command is not a statement", hint: "write `resource b ocf:pacemaker:Dummy;`" });
    const p = one(SITE(GUEST) + "<|pcs|> resource create ip2 IPaddr2 ip=10.0.0.2 cidr_netmask=24 op monitor interval=30s --disabled\n");
    expect(p.hint).toBe("write `resource ip2 IPaddr2 { ip = 10.0.0.2; cidr_netmask = 24; op monitor interval 30s; }`");
    expect(one(SITE(GUEST) + "<|pcs|> constraint order start ip then lwfsd-vnio008 kind=Optional\n").hint).toBe("write `order start ip then lwfsd-vnio008 optional;`");
    expect(one(SITE(GUEST) + "<|pcs|> constraint colocation add ip with vm-vnio008 -100\n").hint).toBe("write `colocate ip with vm-vnio008 -100;`");
    expect(one(SITE(GUEST) + "<|pcs|> constraint location ip prefers n1=50 n2\n").hint).toBe(
      "add `on n1 prefer 50, n2` to the statement of `ip`, e.g. `resource ip AGENT on n1 prefer 50, n2;`",
    );
  });

  it("a pasted crmsh command: one error, with the `.ha` form it meant", () => {
    const d = one(SITE(GUEST) + "<|crm|> configure primitive b ocf:pacemaker:Dummy params fake=1 meta target-role=Stopped\n");
    expect(d).toMatchObject({ message: "a crmsh command is not a statement", hint: "write `resource b ocf:pacemaker:Dummy { fake = 1; meta target-role = Stopped; }`" });
    expect(one(SITE(GUEST) + '<|primitive|> b ocf:pacemaker:Dummy params state="/run/b"\n').hint).toBe('write `resource b ocf:pacemaker:Dummy { state = "/run/b"; }`');
    expect(one(SITE(GUEST) + "<|order|> o1 Optional: ip lwfsd-vnio008:start\n").hint).toBe("write `order ip then start lwfsd-vnio008 optional;`");
    expect(one(SITE(GUEST) + "<|colocation|> c1 inf: ip vm-vnio008\n").hint).toBe("write `colocate ip with vm-vnio008;`");
  });

  it("two pasted commands in a row: one error each", () => {
    const text = SITE(GUEST) + "pcs resource create b ocf:pacemaker:Dummy\npcs resource create c ocf:pacemaker:Dummy\n";
    expect(analyzeText(text).diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column} ${d.hint}`)).toEqual([
      "HA1003@12:1 write `resource b ocf:pacemaker:Dummy;`",
      "HA1003@13:1 write `resource c ocf:pacemaker:Dummy;`",
    ]);
  });

  it("pcs's `kind=Optional` in an order gives the `.ha` kind", () => {
    const d = one(SITE(GUEST).replace("optional;", "<|kind|>=Optional;"));
    expect(d).toMatchObject({ message: "an order's kind is a word at its end, not pcs's `kind=`", hint: "write `order ip then lwfsd-vnio008 optional;`" });
  });

  it("a `,` missing between placements", () => {
    const d = one(SITE(GUEST.replace("prefer 500, n2", "prefer 500 <|n2|>")));
    expect(d).toMatchObject({ message: "expected `;` or `{`, found `n2`", hint: "missing `,` between placements? write `n1 prefer 500, n2 ...`" });
    expect(one(SITE(GUEST) + "resource b ocf:pacemaker:Dummy on n1 100 <|n2|> 50;\n").hint).toBe("missing `,` between placements? write `n1 100, n2 ...`");
  });

  it("a `;` missing at the end of a line points there and the next statement still reads", () => {
    const r = parse({ file: "t.ha", text: "order a then b\norder b then c;\n" });
    expect(r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`)).toEqual(["1:15 expected `;`, found `order`"]);
    expect(r.value.statements.map((s) => s.kind)).toEqual(["order"]);
  });
});

describe("messages", () => {
  it("never name a grammar rule", () => {
    // Every rule of the grammar, as the old messages spelt it ("in instance decl") and as written (instanceDecl).
    // The one-word rules that are plain words (`statement`, `value`, `block`) may be said; `tail` is jargon.
    const names = Object.keys(haParser().getGAstProductions()).filter((r) => /[A-Z]/.test(r) || r === "tail");
    const rules = names.flatMap((r) => [r, r.replace(/([A-Z])/g, " $1").toLowerCase()]);
    expect(rules).toContain("instance decl");
    const broken = [
      "gust a on b;",
      "resource r ocf:heartbeat:Dummy x;",
      "guest g on n1 { ib x; }",
      "cluster c { nodes ; }",
      "order a then ;",
      "lwfsd on g { = }",
      "agent a { param ; }",
      "service s agent ;",
      "group g a b;",
      "clone c of ;",
      "colocate a with ;",
    ];
    for (const text of broken) {
      for (const d of parse({ file: "t.ha", text }).diagnostics) {
        for (const r of rules) expect(d.message, text).not.toMatch(new RegExp(`\\b${r}\\b`));
      }
    }
  });
});
