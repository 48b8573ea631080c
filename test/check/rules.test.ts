import { describe, expect, it } from "vitest";
import { analyzeText, codesAt, expectAt, HEADER } from "../helpers.js";

const SYM = "cluster c {\n  nodes n1, n2, n3;\n}\n";
/** The N-1 check's warnings (a guest pinned to one host is one), which these rule tests are not about. */
const notN1 = (d: { code: string }) => !["HA4011", "HA4012", "HA4013"].includes(d.code);

describe("names", () => {
  it("reports unknown nodes, guests and resources where they are written", () => {
    expectAt(
      HEADER +
        "guest g on n1 prefer 500, <|n9|> 100;\n" +
        "lwfsd on <|g2|> after vm;\n" +
        "resource r ocf:heartbeat:Dummy on n1;\n" +
        "order <|rr|> then r;\n" +
        "colocate r with <|vm-g2|>;\n",
      ["HA2001", "HA2003", "HA2002", "HA2002"],
    );
  });

  it("lets resources run on guest nodes but not guests inside guests", () => {
    expectAt(HEADER + "guest g on n1;\nresource r ocf:heartbeat:Dummy on g;\nguest h on <|g|>;\n", ["HA2001"]);
  });

  it("resolves references to resources declared later", () => {
    expect(analyzeText(HEADER + "order a then b;\nresource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n").diagnostics).toEqual([]);
  });

  it("reports a duplicate at each later occurrence, pointing back at the first", () => {
    const ds = expectAt(
      HEADER + "resource r ocf:heartbeat:Dummy on n1;\nresource <|r|> ocf:heartbeat:Dummy on n1;\nresource <|r|> ocf:heartbeat:Dummy on n2;\n",
      ["HA2004", "HA2004"],
    );
    expect(ds.map((d) => d.related?.[0]?.span.line)).toEqual([5, 5]);
  });

  it("reports generated ids that collide, and guests named like nodes or resources", () => {
    expectAt(
      HEADER +
        "guest g on n1;\nresource <|vm-g|> ocf:heartbeat:Dummy on n1;\n" +
        "guest <|n2|> on n1;\n" +
        "resource web ocf:heartbeat:Dummy on n1;\nguest <|web|> on n1;\n",
      ["HA2005", "HA2006", "HA2006"],
    );
  });

  it("asks for the clone, not what it holds, in constraints", () => {
    expectAt(
      HEADER + "resource p ocf:heartbeat:Dummy;\nclone pc of p on n1, n2;\nresource w ocf:heartbeat:Dummy on n1;\ncolocate w with <|p|>;\n",
      ["HA2011"],
    );
  });
});

describe("values", () => {
  it("checks scores, durations, PCI addresses and ids", () => {
    expectAt(
      HEADER +
        "resource r ocf:heartbeat:Dummy { op monitor interval <|10x|>; } on n1 prefer <|lots|>;\n" +
        "guest g on n1 { ib <|82:01.0|> at <|0:5.0|>; }\n" +
        "resource <|9lives|> ocf:heartbeat:Dummy on n1;\n" +
        "resource s ocf:heartbeat:Dummy on n1 prefer <|2000000|>;\n",
      ["HA3002", "HA3001", "HA3003", "HA3004", "HA3005", "HA3011"],
    );
  });

  it("accepts INFINITY scores, signed scores and Pacemaker's duration forms", () => {
    const r = analyzeText(
      HEADER +
        "resource r ocf:heartbeat:Dummy { op monitor interval 5min timeout 90; op start timeout PT5M; } on n1 prefer INFINITY, n2 -INFINITY, n3 +100;\n",
    );
    expect(r.diagnostics).toEqual([]);
  });
});

describe("agents", () => {
  it("reports missing required parameters and warns about unknown ones", () => {
    const ds = [...analyzeText(HEADER + 'resource fs ocf:heartbeat:Filesystem { device = "/dev/sdb"; dir = "/srv"; } on n1;\n').diagnostics];
    expect(codesAt(ds)).toEqual(["HA3006@5:10-12", "HA3006@5:10-12", "HA3007@5:61-64"]);
    expect(ds.filter((d) => d.code === "HA3006").map((d) => d.message)).toEqual([
      "`fs` lacks the required parameter `directory` of `ocf:heartbeat:Filesystem`",
      "`fs` lacks the required parameter `fstype` of `ocf:heartbeat:Filesystem`",
    ]);
    expect(ds.find((d) => d.code === "HA3007")?.severity).toBe("warning");
  });

  it("checks agents a site declares itself, and services built on them", () => {
    const r = analyzeText(
      HEADER +
        "agent ocf:site:mond { site-provided; param vhost required; op monitor interval 15s timeout 10s; }\n" +
        "service mond agent ocf:site:mond guest-param vhost;\n" +
        "guest g on n1;\nmond on g after vm;\n",
    );
    expect(r.diagnostics.filter(notN1)).toEqual([]);
    const mond = r.value.cib!.resources.find((x) => x.id === "mond-g");
    expect(mond).toMatchObject({ kind: "primitive", provider: "site", type: "mond", siteProvided: true });
  });

  it("gives every resource an explicit monitor, even for agents nobody declared", () => {
    const r = analyzeText(HEADER + "resource x systemd:chronyd on n1;\n");
    const x = r.value.cib!.resources[0]!;
    expect(x.kind === "primitive" && x.ops.map((o) => `${o.name}/${o.interval}`)).toEqual(["monitor/10s"]);
  });
});

describe("virtual functions", () => {
  const guest = (name: string, hosts: string, vfs: string[]) =>
    `guest ${name} on ${hosts} {\n${vfs.map((v) => `  ib ${v};\n`).join("")}}\n`;

  it("rejects a host VF claimed by two guests that can fail over onto one host", () => {
    const ds = expectAt(
      HEADER + guest("a", "n1 prefer 500, n2 100", ["0000:82:01.0 at 00:05.0"]) +
        "guest b on n2 prefer 500, n1 100 {\n  <|ib 0000:82:01.0 at 00:05.0;|>\n}\n",
      ["HA4001"],
    );
    expect(ds[0]!.message).toContain("`a` and `b`");
    expect(ds[0]!.message).toContain("which both run on `n2` after `n1` fails");
    expect(ds[0]!.related?.[0]?.span.line).toBe(6);
  });

  it("allows the same VF on guests that can never share a host", () => {
    const r = analyzeText(HEADER + guest("a", "n1", ["0000:82:01.0 at 00:05.0"]) + guest("b", "n2", ["0000:82:01.0 at 00:05.0"]));
    expect(r.diagnostics.filter(notN1)).toEqual([]);
  });

  it("in a symmetric cluster counts every node a guest does not ban", () => {
    const site = SYM + guest("a", "n1", ["0000:82:01.0 at 00:05.0"]) + guest("b", "n2", ["0000:82:01.0 at 00:05.0"]);
    expect(analyzeText(site).diagnostics.map((d) => d.code)).toEqual(["HA4001"]);
    const banned = SYM + guest("a", "n1, n2 -INFINITY, n3 -INFINITY", ["0000:82:01.0 at 00:05.0"]) + guest("b", "n2, n1 -INFINITY", ["0000:82:01.0 at 00:05.0"]);
    expect(analyzeText(banned).diagnostics.filter(notN1)).toEqual([]);
  });

  it("rejects a guest slot used twice and a host over its VF limit", () => {
    expectAt(HEADER + "guest a on n1 {\n  ib 0000:82:01.0 at 00:05.0;\n  <|ib 0000:82:01.1 at 00:05.0;|>\n}\n", ["HA4002"]);
    const nine = Array.from({ length: 9 }, (_, i) => `0000:82:0${1 + Math.floor(i / 8)}.${i % 8} at 00:0${5 + Math.floor(i / 8)}.${i % 8}`);
    const ds = analyzeText(HEADER + guest("a", "n1", nine)).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(["HA4003"]);
    expect(ds[0]!.message).toBe("host `n1` has 8 VFs, but with all hosts up the guests on it (`a`) claim 9");
  });
});

describe("order cycles", () => {
  it("reports the cycle's members in order and nothing outside it", () => {
    const ds = analyzeText(
      HEADER +
        ["x", "a", "b", "c", "y"].map((n) => `resource ${n} ocf:heartbeat:Dummy on n1;\n`).join("") +
        "order x then a;\norder a then b;\norder b then c;\norder c then a;\norder c then y;\n",
    ).diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["order cycle: start `a` -> start `b` -> start `c` -> start `a`"]);
    expect(ds[0]!.related?.map((r) => r.span.line)).toEqual([11, 12]);
  });

  it("counts the orders `after vm` implies", () => {
    const ds = analyzeText(HEADER + "guest g on n1;\nlwfsd on g after vm;\norder lwfsd-g then vm-g;\n").diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["order cycle: start `lwfsd-g` -> start `vm-g` -> start `lwfsd-g`"]);
  });

  it("follows Pacemaker's own start before promote within a resource", () => {
    const ds = analyzeText(
      HEADER + "resource s ocf:pacemaker:Stateful;\npromotable sc of s on n1, n2;\nresource a ocf:heartbeat:Dummy on n1;\norder promote sc then a;\norder a then sc;\n",
    ).diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["order cycle: start `a` -> start `sc` -> promote `sc` -> start `a`"]);
    expect(ds[0]!.hint).toContain("Pacemaker itself orders start `sc` before promote `sc`");
  });

  it("reports self-orders", () => {
    expectAt(HEADER + "resource a ocf:heartbeat:Dummy on n1;\n<|order a then a;|>\n", ["HA4005"]);
  });
});

describe("opt-in clusters", () => {
  it("says when a resource can never run", () => {
    expectAt(
      HEADER + "resource <|a|> ocf:heartbeat:Dummy;\nresource <|b|> ocf:heartbeat:Dummy on n1 -100;\nresource c ocf:heartbeat:Dummy on n1 -100, n2 0;\n",
      ["HA4006", "HA4006"],
    );
  });

  it("counts a group's or clone's locations for their members", () => {
    const r = analyzeText(HEADER + "resource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\ngroup g a, b on n1;\n");
    expect(r.diagnostics).toEqual([]);
  });

  it("says nothing in a symmetric cluster", () => {
    expect(analyzeText(SYM + "resource a ocf:heartbeat:Dummy;\n").diagnostics).toEqual([]);
  });
});

describe("shared Lustre targets", () => {
  const ost = (body: string, on: string) => `resource ost0 ocf:lustre:Lustre {\n  target = "/dev/sdf";\n  mountpoint = "/lustre/ost0";\n${body}} on ${on};\n`;

  it("warns when a target on a failover pair has no MMP", () => {
    const ds = analyzeText(HEADER + ost("", "n1 prefer 500, n2 100")).diagnostics;
    expect(ds.map((d) => `${d.code}:${d.severity}`)).toEqual(["HA4007:warning"]);
    expect(analyzeText(HEADER + ost("  shared;\n  mmp 60s;\n", "n1 prefer 500, n2 100")).diagnostics).toEqual([]);
  });

  it("warns about a shared target on one host and an MMP interval under 60 s", () => {
    expect(analyzeText(HEADER + ost("  shared;\n  mmp 10s;\n", "n1")).diagnostics.map((d) => d.code)).toEqual(["HA4008", "HA4010"]);
  });
});
