import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

const B = (body: string, head = "bundle b") => `${HEADER}${head} {\n${body}\n} on n1;\n`;

describe("bundle: what the checker reads (HA3090-HA3093)", () => {
  it("accepts a whole bundle and lowers it with its mappings' ids, as pcs derives them", () => {
    const r = analyzeText(
      HEADER +
        "resource h ocf:heartbeat:apache;\n" +
        "bundle b of h {\n  podman image = x, replicas = 2;\n  network control-port = 3121;\n  port-map port = 80;\n  port-map range = 9000-9001;\n" +
        "  storage-map source-dir = \"/a\", target-dir = \"/a\";\n  storage-map source-dir = \"/b\", target-dir = \"/b\";\n  storage-map id = own, source-dir = \"/c\", target-dir = \"/c\";\n} on n1;\n",
    );
    expect(r.diagnostics).toEqual([]);
    const b = r.value.cib!.resources.find((x) => x.id === "b");
    expect(b?.kind).toBe("bundle");
    if (b?.kind !== "bundle") return;
    expect(b.container).toEqual({ type: "podman", attrs: [["image", "x"], ["replicas", "2"]] });
    expect(b.network?.portMappings.map((m) => m.id)).toEqual(["b-port-map-80", "b-port-map-9000-9001"]);
    expect(b.storage?.map((m) => m.id)).toEqual(["b-storage-map", "b-storage-map-1", "own"]);
    expect(b.child?.id).toBe("h");
    // The primitive moves inside: it is no longer a top-level resource.
    expect(r.value.cib!.resources.map((x) => x.id)).toEqual(["b"]);
  });

  it("needs a container, and an image in it", () => {
    expectAt(`${HEADER}bundle <|b|> { network control-port = 3121; } on n1;\n`, ["HA3090"]);
    expectAt(B("  <|docker|> replicas = 2;"), ["HA3090"]);
    // A misspelt container is one mistake: the did-you-mean, not also "no container".
    const d = expectAt(`${HEADER}bundle wb { <|dockr|> image = "x"; } on n1;\n`, ["HA3091"]);
    expect(d[0]!.hint).toBe("did you mean `docker`?");
  });

  it("knows each line's attributes, and each line once", () => {
    expectAt(B("  docker image = x, <|replica|> = 2;"), ["HA3091"]);
    expectAt(B("  docker image = x;\n  <|netwrok|> control-port = 1;"), ["HA3091"]);
    expectAt(B("  docker image = x;\n  <|podman|> image = y;"), ["HA3091"]);
    expectAt(B("  docker image = x, promoted-max = 1, <|masters|> = 1;"), ["HA3091"]);
    // A port or a target directory mapped twice is a line too many.
    expectAt(B("  docker image = x;\n  port-map port = 80;\n  port-map port = <|80|>;"), ["HA3091"]);
    expectAt(B('  docker image = x;\n  storage-map source-dir = "/a", target-dir = "/t";\n  storage-map source-dir = "/b", target-dir = <|"/t"|>;'), ["HA3091"]);
    expectAt(B("  docker image = x;\n  port-map port = 80;\n  port-map port = 81;"), []);
    const d = expectAt(B("  docker image = x, replica = 2;".replace("replica", "<|replica|>")), ["HA3091"]);
    expect(d[0]!.hint).toBe("did you mean `replicas`?");
  });

  it("checks numbers, ports, masks, booleans and ranges", () => {
    expectAt(B("  docker image = x, replicas = <|0|>;"), ["HA3092"]);
    expectAt(B("  docker image = x, promoted-max = <|-1|>;"), ["HA3092"]);
    expectAt(B("  docker image = x;\n  network control-port = <|70000|>, host-netmask = <|33|>, add-host = <|maybe|>;"), ["HA3092", "HA3092", "HA3092"]);
    expectAt(B("  docker image = x;\n  port-map range = <|90-80|>;"), ["HA3092"]);
  });

  it("a port mapping has a port or a range, a storage mapping one source and a target", () => {
    expectAt(B("  docker image = x;\n  <|port-map|> port = 80, range = 80-81;"), ["HA3093"]);
    expectAt(B("  docker image = x;\n  <|port-map|> range = 80-81, internal-port = 8080;"), ["HA3093"]);
    expectAt(B("  docker image = x;\n  <|storage-map|> target-dir = \"/a\";"), ["HA3093"]);
    expectAt(B("  docker image = x;\n  <|storage-map|> source-dir = \"/a\";"), ["HA3093"]);
  });

  it("a line of a bundle is not an item of other blocks", () => {
    expectAt(`${HEADER}resource r ocf:heartbeat:Dummy { <|docker image = x;|> } on n1;\n`, ["HA1005"]);
  });

  it("holds one primitive, not a group, itself or a second parent's member", () => {
    expectAt(`${HEADER}resource p ocf:heartbeat:Dummy;\ngroup g p on n1;\nbundle b of <|g|> { docker image = x; } on n1;\n`, ["HA2012"]);
    expectAt(`${HEADER}bundle b of <|b|> { docker image = x; } on n1;\n`, ["HA2012"]);
  });

  it("mapping ids share the CIB's namespace", () => {
    expectAt(`${HEADER}resource own ocf:heartbeat:Dummy on n1;\nbundle b { docker image = x; <|storage-map id = own, source-dir = "/a", target-dir = "/a";|> } on n1;\n`, ["HA2005"]);
  });

  it("constraints name the bundle, not the primitive inside (HA2090)", () => {
    expectAt(
      `${HEADER}resource h ocf:heartbeat:apache;\nbundle b of h { docker image = x; network control-port = 3121; } on n1;\nresource ip ocf:heartbeat:IPaddr2 { ip = 10.0.0.1; } on n1;\norder <|h|> then ip;\n`,
      ["HA2090"],
    );
    expect(analyzeText(`${HEADER}resource h ocf:heartbeat:apache;\nbundle b of h { docker image = x; } on n1;\nresource ip ocf:heartbeat:IPaddr2 { ip = 10.0.0.1; } on n1;\norder b then ip;\ncolocate ip with b;\n`).diagnostics).toEqual([]);
    // A location statement of the primitive is one mistake, reported once, at the name.
    expectAt(`${HEADER}resource h ocf:heartbeat:apache;\nbundle b of h { docker image = x; } on n1;\nlocation lh for <|h|> on n1 100;\n`, ["HA2090"]);
  });

  it("its replicas are guest nodes a site may give attributes; promoted-max makes promoted roles hold", () => {
    const site = (attrs: string, extra = "") =>
      `cluster c {\n  nodes n1;\n  property symmetric-cluster = false;\n  attributes ${attrs} rack = 1;\n}\nresource h ocf:pacemaker:Stateful;\nbundle b of h { docker image = x, replicas = 2, promoted-max = 1; network control-port = 3121; } on n1;\n${extra}`;
    expect(analyzeText(site("b-1", "resource ip ocf:heartbeat:IPaddr2 { ip = 10.0.0.1; } on n1;\ncolocate ip with promoted b;\n")).diagnostics).toEqual([]);
    expect(analyzeText(site("b-2")).diagnostics.map((d) => d.code)).toEqual(["HA2001"]);
  });
});
