import { describe, expect, it } from "vitest";
import { compileEre, patternMatches } from "../../src/util/posix-ere.js";
import { analyzeText, expectAt, HEADER } from "../helpers.js";

const R = "resource web-1 ocf:heartbeat:Dummy { state = /tmp/x; } on n1;\nresource web-2 ocf:heartbeat:Dummy on n1;\n".replace("/tmp/x", '"/tmp/x"');

/**
 * glibc's regcomp(REG_EXTENDED), which Pacemaker 2.1.5 compiles rsc-pattern
 * with: each pattern's verdict and group count (re_nsub) as glibc 2.36 gave
 * them here, asked through ctypes (`regcomp(&r, p, REG_EXTENDED)`).
 */
const GLIBC: readonly [string, number | "refused"][] = [
  ["^rsc[0-9]$", 0], ["(a)(b(c))", 3], ["*a", "refused"], ["a**", 0], ["a)", 0], ["(a", "refused"], ["[a", "refused"],
  ["a{", "refused"], ["a{x}", "refused"], ["a{2,1}", "refused"], ["a{1,2}", 0], ["+a", "refused"], ["?a", "refused"],
  ["a||b", 0], ["(|a)", 1], ["()", 1], ["[[:foo:]]", "refused"], ["[z-a]", "refused"], ["a\\", "refused"],
  ["\\1(a)", "refused"], ["(a)\\1", 1], ["{1}", "refused"], ["a|*b", "refused"], ["(*a)", "refused"], ["^*a", "refused"],
  ["[]a]", 0], ["[\\]", 0], ["a{,2}", 0], ["x{1}{2}", 0], ["a|", 0], ["|a", 0], ["a{1", "refused"], ["[[:alpha:]-z]", "refused"],
  ["[a-]", 0], ["x{32767}", 0], ["x{32768}", "refused"], ["\\w", 0], ["\\d", 0], ["a{1}*", 0], ["(a)\\2", "refused"],
  ["[[.a.]]", 0], ["[[=a=]]", 0], ["[[.ab.]]", "refused"], ["\\(", 0], ["$*", "refused"], ["(^a)", 1], ["a^b", 0],
  ["\\<a\\>", 0], ["a$*", "refused"], ["a^*", "refused"], ["[[:digit:]]+", 0], ["a{}", "refused"], ["a{,}", 0], ["[^]x]", 0],
];

describe("rsc-pattern as glibc reads it", () => {
  it.each(GLIBC)("%s: as glibc's regcomp", (p, want) => {
    const r = compileEre(p);
    expect("error" in r ? "refused" : r.groups).toBe(want);
  });

  it("matches ids as regexec does (anywhere in the id, unless anchored); `!` inverts", () => {
    const ids = ["rsc1", "rsc10", "xrsc2", "invert-match", "meta-rsc", "vms"];
    expect(patternMatches("^rsc[0-9]$", ids)).toEqual(["rsc1"]);
    expect(patternMatches("rsc", ids)).toEqual(["rsc1", "rsc10", "xrsc2", "meta-rsc"]);
    expect(patternMatches("!rsc", ids)).toEqual(["invert-match", "vms"]);
    expect(patternMatches("^[[:alpha:]]+$", ids)).toEqual(["vms"]);
    expect(patternMatches("a{", ids)).toBeUndefined();
  });
});

describe("locations by pattern and value-source: what the checker catches", () => {
  it("a pattern glibc refuses, an empty one, %N beyond the groups or under `!` (HA3074)", () => {
    expectAt(
      HEADER + R +
        "location a for pattern <|\"web-(\"|> on n1 5;\n" +
        "location b for pattern <|\"!\"|> on n1 5;\n" +
        'location c for pattern "^web-([0-9])$" { rule 1 when <|"x-%2"|> eq 1; }\n' +
        'location d for pattern "!^web" { rule 1 when <|"x-%1"|> eq 1; }\n' +
        'location e for pattern "^web-([0-9])$" { rule score-attribute <|"w-%3"|> when defined a; }\n',
      ["HA3074", "HA3074", "HA3074", "HA3074", "HA3074"],
    );
  });

  it("%0..%N within the groups, in an attribute or a score-attribute, are fine; the IR keeps the pattern in place of rsc", () => {
    const r = analyzeText(HEADER + R + 'location a for pattern "^web-([0-9])$" { rule score-attribute "w-%1" when "x-%0" eq 1; }\nlocation b for pattern "^web-" on n2 10;\n');
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const locs = r.value.cib!.constraints.filter((c) => c.id === "a" || c.id === "b");
    expect(locs.map((c) => [c.id, (c as { rsc: string }).rsc, (c as { pattern?: string }).pattern])).toEqual([["a", "", "^web-([0-9])$"], ["b", "", "^web-"]]);
  });

  it("a pattern that matches no top-level resource is HA4071 (a group member is not matched)", () => {
    expectAt(HEADER + R + "group g web-2;\n" + "<|location a for pattern \"^web-2$\" on n1 5;|>\n", ["HA4071"]);
  });

  it("param/meta a resource does not set is HA4101; one it sets, a group parameter it inherits, a defaults value or the element's own attribute is not", () => {
    const ds = expectAt(
      HEADER + R +
        "<|location a for pattern \"^web-\" { rule 1 when state eq param state; }|>\n" +
        "location b for web-1 { rule 1 when kind eq meta type; }\n",
      ["HA4101"],
    );
    expect(ds[0]!.message).toBe("location `a` compares `state` with the parameter `state` of `web-2`, which `web-2` does not set");
    const inherited = analyzeText(HEADER.replace("}", "  defaults rack = 1;\n}") + R + "group g web-2 { state = x; }\nlocation a for g { rule 1 when state eq param state and rack eq meta rack; }\n");
    expect(inherited.diagnostics.map((d) => d.code)).not.toContain("HA4101");
  });

  it("param/meta outside a location rule is refused: Pacemaker compares with the name itself there (HA3140, HA3141)", () => {
    const r = analyzeText(
      HEADER.replace("}", "  defaults when rack eq param rack { priority = 1; }\n}") + "resource web ocf:heartbeat:Dummy { params when rack eq meta rack { state = x; } } on n1;\n",
    );
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toEqual(["HA3140", "HA3141"]);
    expect(errors[0]!.message).toBe("a `defaults` set cannot compare with a resource's `param`");
    expect(errors[1]!.message).toBe("a `params` set cannot compare with a resource's `meta`");
  });

  it("`param` and `meta` are the value-source only before a value: a literal `param` is written as a string", () => {
    const r = analyzeText(HEADER + R + 'location a for web-1 { rule 1 when kind eq "param"; }\n');
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const loc = r.value.cib!.constraints.find((c) => c.id === "a");
    expect(loc && loc.kind === "location-rule" && loc.rules[0]!.expressions[0]).toMatchObject({ attribute: "kind", value: "param" });
    expect(loc && loc.kind === "location-rule" && loc.rules[0]!.expressions[0]).not.toHaveProperty("valueSource");
  });
});
