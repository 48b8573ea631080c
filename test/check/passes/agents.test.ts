import { describe, expect, it } from "vitest";
import { analyzeText, codesAt, HEADER } from "../../helpers.js";
import { notN1 } from "../sites.js";

describe("agents (elaboration)", () => {
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
