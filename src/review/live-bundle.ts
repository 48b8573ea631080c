import type { Bundle, BundleMapping, Primitive } from "../ir/types.js";
import { xpathLiteral } from "../util/xml.js";
import type { ResourceReader } from "./live.js";
import type { El } from "./xml.js";

/** A bundle's container runtimes and the attributes Pacemaker's schema (resources-3.9.rng) gives them and its network. */
const BUNDLE_CONTAINERS: readonly string[] = ["docker", "podman", "rkt"];
const BUNDLE_CONTAINER_KEYS: readonly string[] = ["image", "replicas", "replicas-per-host", "promoted-max", "masters", "run-command", "network", "options"];
const BUNDLE_NETWORK_KEYS: readonly string[] = ["ip-range-start", "control-port", "host-interface", "host-netmask", "add-host"];

/** `<bundle>`: meta, one container, `<network>` with port mappings, `<storage>` with storage mappings, a primitive; or why hacc cannot say it. */
export function readBundle(el: El, path: string, r: ResourceReader): Bundle | string {
  for (const k of Object.keys(el.attrs)) if (k !== "id") return `attribute \`${k}\` on <bundle> is not supported by hacc`;
  const m = r.sets(el, "meta_attributes");
  if ("reason" in m) return m.reason;
  const attrs = (e: El, known: readonly string[]): (readonly [string, string])[] | string => {
    const out: (readonly [string, string])[] = [];
    for (const [k, v] of Object.entries(e.attrs)) {
      if (!known.includes(k)) return `attribute \`${k}\` on <${e.tag}> is not supported by hacc`;
      out.push([k, v]);
    }
    return out;
  };
  const mapping = (e: El, tag: string, known: readonly string[]): BundleMapping | string => {
    if (e.tag !== tag) return `<${e.tag}> inside a bundle's <${tag === "port-mapping" ? "network" : "storage"}> is not supported by hacc`;
    if (e.children.length > 0) return `<${tag}> with children is not supported by hacc`;
    const a = attrs(e, ["id", ...known]);
    if (typeof a === "string") return a;
    return { id: e.attrs["id"] ?? "", attrs: a.filter(([k]) => k !== "id") };
  };
  let container: Bundle["container"] | undefined;
  let network: Bundle["network"];
  let storage: BundleMapping[] | undefined;
  let child: Primitive | undefined;
  for (const c of el.children) {
    if (c.tag === "meta_attributes") continue;
    if (BUNDLE_CONTAINERS.includes(c.tag)) {
      if (container) return "a bundle with two containers";
      if (c.children.length > 0) return `<${c.tag}> with children is not supported by hacc`;
      const a = attrs(c, BUNDLE_CONTAINER_KEYS);
      if (typeof a === "string") return a;
      container = { type: c.tag, attrs: a };
    } else if (c.tag === "network" && !network) {
      const a = attrs(c, BUNDLE_NETWORK_KEYS);
      if (typeof a === "string") return a;
      const maps = c.children.map((x) => mapping(x, "port-mapping", ["port", "internal-port", "range"]));
      const bad = maps.find((x): x is string => typeof x === "string");
      if (bad !== undefined) return bad;
      network = { attrs: a, portMappings: maps as BundleMapping[] };
    } else if (c.tag === "storage" && !storage) {
      if (Object.keys(c.attrs).length > 0) return "attributes on a bundle's <storage> are not supported by hacc";
      const maps = c.children.map((x) => mapping(x, "storage-mapping", ["source-dir", "source-dir-root", "target-dir", "options"]));
      const bad = maps.find((x): x is string => typeof x === "string");
      if (bad !== undefined) return bad;
      storage = maps as BundleMapping[];
    } else if (c.tag === "primitive" && !child) {
      const p = r.primitive(c, `${path}/primitive${c.attrs["id"] !== undefined ? `[@id=${xpathLiteral(c.attrs["id"], "'")}]` : ""}`);
      if (typeof p === "string") return `member \`${c.attrs["id"] ?? "?"}\`: ${p}`;
      child = p;
    } else return `<${c.tag}> inside a bundle is not supported by hacc`;
  }
  if (!container) return "a bundle without a container (docker, podman or rkt)";
  return { kind: "bundle", id: el.attrs["id"]!, ...(m.set ? { meta: m.set } : {}), container, ...(network ? { network } : {}), ...(storage ? { storage } : {}), ...(child ? { child } : {}) };
}
