import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { Elaboration } from "./elaborate.js";
import { replicaNodes, type BundleMappingModel, type Setting } from "./model.js";
import { checkItems, setTwice, setting, type Report } from "./problems.js";
import * as V from "./values.js";

/**
 * What a bundle's block says, line by line (`docker image = ..., replicas = 3;`,
 * `network ...;`, `port-map ...;`, `storage-map ...;`): each section's
 * attributes, as Pacemaker's schema (resources-3.9.rng) names them.
 */
export const CONTAINERS: readonly string[] = ["docker", "podman", "rkt"];
const CONTAINER_KEYS: readonly string[] = ["image", "replicas", "replicas-per-host", "promoted-max", "masters", "run-command", "network", "options"];
const NETWORK_KEYS: readonly string[] = ["ip-range-start", "control-port", "host-interface", "host-netmask", "add-host"];
const PORT_MAP_KEYS: readonly string[] = ["id", "port", "internal-port", "range"];
const STORAGE_MAP_KEYS: readonly string[] = ["id", "source-dir", "source-dir-root", "target-dir", "options"];
const SECTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ...CONTAINERS.map((c) => [c, CONTAINER_KEYS] as const),
  ["network", NETWORK_KEYS],
  ["port-map", PORT_MAP_KEYS],
  ["storage-map", STORAGE_MAP_KEYS],
]);

type Section = Extract<A.BlockItem, { kind: "section" }>;

function sections(b: A.BundleDecl, name: string): Section[] {
  return (b.block?.items ?? []).filter((i): i is Section => i.kind === "section" && i.name.text === name);
}

function value(s: Section, key: string): A.Pair | undefined {
  return s.pairs.find((p) => p.key.text === key);
}

/**
 * The ids of a bundle's port and storage mappings, in the order written:
 * an `id = ...` as written, else as pcs derives it (`BUNDLE-port-map-PORT`
 * or `-RANGE`; `BUNDLE-storage-map`, then `-1`, `-2`, ...), so a site's ids
 * are the ones `pcs resource bundle create` would choose.
 */
export function mappingIds(b: A.BundleDecl): { readonly port: readonly { id: string; span: Span }[]; readonly storage: readonly { id: string; span: Span }[] } {
  const bundle = b.name.text;
  const explicit = (s: Section) => value(s, "id")?.value.text;
  const ports = sections(b, "port-map");
  const stores = sections(b, "storage-map");
  const written = new Set([...ports, ...stores].flatMap((s) => explicit(s) ?? []));
  const taken = new Set<string>();
  const fresh = (base: string): string => {
    let id = base;
    for (let i = 1; written.has(id) || taken.has(id); i++) id = `${base}-${i}`;
    taken.add(id);
    return id;
  };
  const port = ports.map((s) => ({ id: explicit(s) ?? fresh(`${bundle}-port-map-${value(s, "port")?.value.text ?? value(s, "range")?.value.text ?? ""}`.replace(/-$/, "")), span: s.span }));
  const storage = stores.map((s) => ({ id: explicit(s) ?? fresh(`${bundle}-storage-map`), span: s.span }));
  return { port, storage };
}

const WHOLE = /^[0-9]+$/;

/** The guest nodes a bundle statement makes (`replicaNodes`), read before the site model is built. */
export function bundleNodes(b: A.BundleDecl): string[] {
  const container = (b.block?.items ?? []).find((i): i is Section => i.kind === "section" && CONTAINERS.includes(i.name.text));
  if (container === undefined) return [];
  return replicaNodes(b.name.text, container.pairs.map((p) => ({ key: p.key.text, value: p.value.text })), b.child !== undefined);
}

/** Reports a value of the wrong form (HA3092): `what` says what it must be. */
function checkValue(p: A.Pair, ok: boolean, what: string, report: Report): void {
  if (!ok) report(diag("HA3092", p.value.span, `\`${p.key.text}\` is \`${p.value.text}\`, not ${what}`));
}

const isPort = (s: string): boolean => WHOLE.test(s) && Number(s) >= 1 && Number(s) <= 65535;

/** The values of one section whose form the schema or pcs fixes. */
function checkValues(s: Section, report: Report): void {
  for (const p of s.pairs) {
    const v = p.value.text;
    switch (p.key.text) {
      case "replicas":
      case "replicas-per-host":
        checkValue(p, WHOLE.test(v) && Number(v) >= 1, "a positive whole number", report);
        break;
      case "promoted-max":
      case "masters":
        checkValue(p, WHOLE.test(v), "a whole number", report);
        break;
      case "control-port":
      case "port":
      case "internal-port":
        checkValue(p, isPort(v), "a port number (1 to 65535)", report);
        break;
      case "host-netmask":
        checkValue(p, WHOLE.test(v) && Number(v) >= 1 && Number(v) <= 32, "a number of bits of the mask (1 to 32)", report);
        break;
      case "add-host":
        checkValue(p, V.isBoolean(v), "a boolean", report);
        break;
      case "range": {
        const m = /^([0-9]+)-([0-9]+)$/.exec(v);
        checkValue(p, m !== null && isPort(m[1]!) && isPort(m[2]!) && Number(m[1]) <= Number(m[2]), "a port range `FIRST-LAST`", report);
        break;
      }
      case "id":
        if (!V.isXmlId(v)) report(diag("HA3005", p.value.span, `\`${v}\` is not a valid id`, { hint: "Pacemaker ids start with a letter or `_` and hold only letters, digits, `_`, `.` and `-`" }));
        break;
    }
  }
}

/** A mapping's attributes that must come together or not at all (HA3093). */
function checkMapping(s: Section, report: Report): void {
  const has = (k: string) => value(s, k) !== undefined;
  const need = (message: string, hint: string) => report(diag("HA3093", s.name.span, message, { hint }));
  if (s.name.text === "port-map") {
    if (has("port") === has("range")) need(has("port") ? "a port mapping has both `port` and `range`" : "a port mapping needs `port` or `range`", "write `port = N` (with `internal-port = M` if it differs inside) or `range = FIRST-LAST`");
    else if (has("internal-port") && !has("port")) need("`internal-port` needs `port`", "a range maps each port to itself; write `port = N, internal-port = M`");
  } else {
    if (has("source-dir") === has("source-dir-root")) need(has("source-dir") ? "a storage mapping has both `source-dir` and `source-dir-root`" : "a storage mapping needs `source-dir` or `source-dir-root`", "`source-dir` is one directory of the host; `source-dir-root` a directory under which each replica gets its own");
    if (!has("target-dir")) need("a storage mapping needs `target-dir`", "`target-dir` is where the directory appears inside the container");
  }
}

/** A section's settings, each key once (HA3008) and known to its section (HA3091). */
function settingsOf(s: Section, keys: readonly string[], report: Report): Setting[] {
  const seen = new Map<string, Span>();
  const out: Setting[] = [];
  for (const p of s.pairs) {
    const prev = seen.get(p.key.text);
    if (prev) {
      report(setTwice(p.key, prev));
      continue;
    }
    seen.set(p.key.text, p.key.span);
    if (!keys.includes(p.key.text)) {
      const near = V.closest(p.key.text, keys);
      report(diag("HA3091", p.key.span, `\`${s.name.text}\` takes no \`${p.key.text}\``, { hint: near ? `did you mean \`${near}\`?` : `it takes ${keys.map((k) => `\`${k}\``).join(", ")}` }));
      continue;
    }
    out.push(setting(p));
  }
  checkValues(s, report);
  return out;
}

/** A bundle: its container, network, mappings, meta and the primitive inside; its placement on nodes. */
export function elaborateBundle(e: Elaboration, b: A.BundleDecl): void {
  const { report } = e;
  if (e.scope.ids.get(b.name.text)?.span !== b.name.span) return;
  if (b.block) checkItems(b.block, "bundle", report);
  const items = (b.block?.items ?? []).filter((i): i is Section => i.kind === "section");
  let container: { type: string; settings: Setting[] } | undefined;
  let network: Setting[] | undefined;
  const ids = mappingIds(b);
  const portMaps: BundleMappingModel[] = [];
  const storageMaps: BundleMappingModel[] = [];
  const firsts = new Map<string, Span>();
  // A misspelt container (`dockr`) is one mistake: its did-you-mean, not also "no container".
  let misspeltContainer = false;
  for (const s of items) {
    const name = s.name.text;
    const keys = SECTIONS.get(name);
    if (keys === undefined) {
      const near = V.closest(name, SECTIONS.keys());
      if (near !== undefined && CONTAINERS.includes(near)) misspeltContainer = true;
      report(diag("HA3091", s.name.span, `a bundle has no \`${name}\` line`, { hint: near ? `did you mean \`${near}\`?` : "a bundle takes `docker`, `podman` or `rkt`, `network`, `port-map`, `storage-map` and `meta`" }));
      continue;
    }
    const once = CONTAINERS.includes(name) ? "container" : name === "network" ? "network" : undefined;
    if (once !== undefined) {
      const prev = firsts.get(once);
      if (prev) {
        report(diag("HA3091", s.name.span, `a bundle has one ${once === "container" ? "container (`docker`, `podman` or `rkt`)" : "`network` line"}`, { related: [{ span: prev, message: "first given here" }] }));
        continue;
      }
      firsts.set(once, s.name.span);
    }
    const settings = settingsOf(s, keys, report);
    if (once === "container") {
      container = { type: name, settings };
      if (!settings.some((x) => x.key === "image")) report(diag("HA3090", s.name.span, `the container of bundle \`${b.name.text}\` has no \`image\``, { hint: `write the image to run: \`${name} image = "registry/name:tag";\`` }));
      if (value(s, "promoted-max") && value(s, "masters")) report(diag("HA3091", value(s, "masters")!.key.span, "`masters` is the old name of `promoted-max`; set one of them", { hint: "keep `promoted-max`" }));
    } else if (name === "network") network = settings;
    else {
      checkMapping(s, report);
      // One mapping per port (or range) and per target directory: a second maps what the first already does.
      const what = name === "port-map" ? (value(s, "port") ?? value(s, "range")) : value(s, "target-dir");
      if (what !== undefined) {
        const key = `${name}\u0000${what.key.text}\u0000${what.value.text}`;
        const prev = firsts.get(key);
        if (prev) report(diag("HA3091", what.value.span, `\`${what.key.text} = ${what.value.text}\` is mapped twice in bundle \`${b.name.text}\``, { hint: "keep one of the two lines", related: [{ span: prev, message: "first mapped here" }] }));
        else firsts.set(key, what.value.span);
      }
      const list = name === "port-map" ? portMaps : storageMaps;
      const id = (name === "port-map" ? ids.port : ids.storage)[list.length]!.id;
      list.push({ id, settings: settings.filter((x) => x.key !== "id") });
    }
  }
  if (container === undefined) {
    if (misspeltContainer) return;
    report(diag("HA3090", b.name.span, `bundle \`${b.name.text}\` has no container`, { hint: 'say what runs each replica: `docker image = "registry/name:tag";` (or `podman`, `rkt`) in its block' }));
    return;
  }
  let child: string | undefined;
  if (b.child) {
    child = e.scope.resolve(b.child);
    const r = child !== undefined ? e.resources.get(child) : undefined;
    if (child === b.name.text) {
      report(diag("HA2012", b.child.span, `bundle \`${child}\` cannot hold itself`, { hint: "a bundle holds a primitive declared under another name" }));
      child = undefined;
    } else if (child !== undefined && e.scope.ids.get(child)?.kind !== "resource") {
      report(diag("HA2012", b.child.span, `\`${child}\` is not a resource; a bundle holds one primitive`, { hint: "declare it with `resource ID AGENT { ... }` and name it after `of`" }));
      child = undefined;
    } else if (r !== undefined && r.kind !== "primitive") child = undefined;
  }
  e.addResource({
    kind: "bundle",
    id: b.name.text,
    span: b.name.span,
    container,
    ...(network !== undefined ? { network } : {}),
    portMaps,
    storageMaps,
    ...(child !== undefined ? { child } : {}),
    meta: e.primitives.meta(b.block?.items ?? [], []),
  });
  e.placement(b.name.text, b.placement, false);
}
