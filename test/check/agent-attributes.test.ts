import { describe, expect, it } from "vitest";
import { analyzeText } from "../helpers.js";

/** HA4100 knows the node attributes Pacemaker's own agents set at run time (Pacemaker 2.1.5, extra/resources). */

const HEAD = "cluster c {\n  nodes n1, n2;\n  attributes n1 rack = r1;\n}\nresource web ocf:heartbeat:Dummy;\n";

function ha4100(site: string): string[] {
  return analyzeText(HEAD + site)
    .diagnostics.filter((d) => d.code === "HA4100")
    .map((d) => d.message);
}

describe("HA4100 and attributes agents set", () => {
  it("ping's default `pingd`, or the attribute its `name` parameter gives, is set by the agent: no warning", () => {
    const rule = (attr: string) => `location web-ping for web {\n  rule -INFINITY when not_defined ${attr} or ${attr} lt 1;\n}\n`;
    expect(ha4100(`resource ping ocf:pacemaker:ping { host_list = "192.168.1.1"; }\nclone ping-clone of ping;\n${rule("pingd")}`)).toEqual([]);
    expect(ha4100(`resource ping ocf:pacemaker:ping { name = gw; host_list = "192.168.1.1"; }\nclone ping-clone of ping;\n${rule("gw")}`)).toEqual([]);
    // Named otherwise, `pingd` is set by nothing; without a ping at all, neither.
    expect(ha4100(`resource ping ocf:pacemaker:ping { name = gw; host_list = "192.168.1.1"; }\nclone ping-clone of ping;\n${rule("pingd")}`)).toEqual(Array(2).fill("no node of the site declares the attribute `pingd`"));
    expect(ha4100(rule("pingd"))).toEqual(Array(2).fill("no node of the site declares the attribute `pingd`"));
  });

  it("a ping made from a template sets its attribute too", () => {
    expect(ha4100('template ping-t ocf:pacemaker:ping { name = uplink; }\nresource ping from ping-t { host_list = "10.0.0.1"; }\nclone ping-clone of ping;\nlocation web-up for web {\n  rule -INFINITY when not_defined uplink;\n}\n')).toEqual([]);
  });

  it("ifspeed (`ifspeed`), attribute (`opa-ID`) and SysInfo (ram_free, LABEL_free of its disks) set theirs", () => {
    const loc = (attr: string) => `location web-${attr.replace(/_/g, "-")} for web {\n  rule 10 when ${attr} gt 1;\n}\n`;
    expect(ha4100(`resource sp ocf:pacemaker:ifspeed { interface = eth0; }\n${loc("ifspeed")}`)).toEqual([]);
    expect(ha4100(`resource flag ocf:pacemaker:attribute;\n${loc("opa-flag")}`)).toEqual([]);
    expect(ha4100(`resource info ocf:pacemaker:SysInfo { disks = "/var/lib /srv"; }\n${loc("ram_free")}${loc("var_lib_free")}${loc("srv_free")}${loc("root_free")}`)).toEqual([]);
    expect(ha4100(`resource info ocf:pacemaker:SysInfo;\n${loc("var_lib_free")}`)).toEqual(["no node of the site declares the attribute `var_lib_free`"]);
  });
});
