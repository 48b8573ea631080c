import type * as A from "../ast/types.js";
import { nameSource } from "../syntax/names.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { OrderEdge, Setting } from "./model.js";
import type { Scope } from "./scope.js";
import { ALERT_META, OP_DEFAULTS_META, RESOURCE_META } from "./known.js";
import { closest, isDuration } from "./values.js";

/** Where the passes before the rules report what they find, in the order they find it. */
export type Report = (d: Diagnostic) => void;

/** A name declared again; `firstWhat`, when the first is another kind of thing (a resource, where a bundle is declared), says so. */
export function duplicate(n: A.Name, what: string, first: Span, firstWhat: string = what): Diagnostic {
  if (firstWhat !== what) {
    return diag("HA2004", n.span, `${what} \`${n.text}\` has the name of a ${firstWhat}`, {
      hint: "every id in a CIB is one name space (resources, groups, clones, bundles, guests, constraints, alerts); rename one of the two",
      related: [{ span: first, message: `the ${firstWhat} is declared here` }],
    });
  }
  return diag("HA2004", n.span, `duplicate ${what} \`${n.text}\``, { related: [{ span: first, message: "first declared here" }] });
}

/** A key set again in one place. */
export function setTwice(key: A.Name, first: Span): Diagnostic {
  return diag("HA3008", key.span, `\`${key.text}\` is set twice`, { related: [{ span: first, message: "first set here" }] });
}

/** A name that cannot be a Pacemaker id. */
export function badId(n: A.Name, what: string): Diagnostic {
  return diag("HA3005", n.span, `\`${n.text}\` is not a valid ${what}`, {
    hint: "Pacemaker ids start with a letter or `_` and hold only letters, digits, `_`, `.` and `-`",
  });
}

/** An attribute name that cannot be a Pacemaker id. */
export function badKey(s: Setting): Diagnostic {
  return diag("HA3005", s.span, `\`${s.key}\` is not a valid attribute name`, {
    hint: "attribute names start with a letter, a digit or `_` and hold only letters, digits, `_`, `.` and `-`",
  });
}

export function badDuration(v: A.Value | A.Name): Diagnostic {
  return diag("HA3002", v.span, `\`${v.text}\` is not a duration`, {
    hint: "a duration is a whole number with an optional unit (ms, s, min, h), e.g. `90s`, `5min`, `900`, or ISO 8601 such as `PT1M30S`",
  });
}

export function badAgent(n: A.Name): Diagnostic {
  return diag("HA3010", n.span, `\`${n.text}\` is not a resource agent`, {
    hint: "write the agent in full: `ocf:PROVIDER:TYPE` (e.g. `ocf:heartbeat:IPaddr2`) or `systemd:UNIT`, `lsb:NAME`, `stonith:TYPE`",
  });
}

/** Each key once in a list of pairs. */
export function pairsOnce(pairs: readonly A.Pair[], report: Report): void {
  const seen = new Map<string, Span>();
  for (const p of pairs) {
    const prev = seen.get(p.key.text);
    if (prev) report(setTwice(p.key, prev));
    else seen.set(p.key.text, p.key.span);
  }
}

export function setting(p: A.Pair): Setting {
  return { key: p.key.text, value: p.value.text, span: p.span };
}

type ItemKind = A.BlockItem["kind"];

/** The items each kind of block takes. */
const ALLOWED_ITEMS: Record<"guest" | "guest-defaults" | "resource" | "template" | "instance" | "group" | "clone" | "bundle" | "alert", readonly ItemKind[]> = {
  guest: ["config", "hypervisor", "ib", "op", "exact-ops", "meta", "utilization", "param", "description"],
  "guest-defaults": ["config", "hypervisor", "op", "meta", "utilization", "param"],
  resource: ["op", "exact-ops", "meta", "utilization", "param", "attr-set", "shared", "mmp", "description"],
  template: ["op", "exact-ops", "meta", "utilization", "param", "attr-set", "description"],
  instance: ["op", "exact-ops", "meta", "utilization", "param", "description"],
  group: ["meta", "param", "description"],
  clone: ["meta", "param", "description"],
  bundle: ["section", "meta"],
  alert: ["meta", "param"],
};

/** The language's own items that take no `=`: written as a parameter (`mmp = 60s;`), they are still those items. */
const ITEM_KEYS: ReadonlySet<string> = new Set<ItemKind>(["mmp", "shared", "exact-ops"]);

/** `mmp = 60s;` (a language item written as a parameter) as the item it means; other items as they are. */
export function meantItem(it: A.BlockItem): A.BlockItem {
  if (it.kind !== "param" || !ITEM_KEYS.has(it.pair.key.text)) return it;
  const key = it.pair.key.text;
  if (key === "mmp") return { kind: "mmp", ...(isDuration(it.pair.value.text) ? { interval: it.pair.value } : {}), span: it.span };
  return { kind: key === "shared" ? "shared" : "exact-ops", span: it.span };
}

/** Whether a parameter is a language item written as one (reported by `checkItems`, skipped as a parameter). */
export function isItemAsParam(it: A.BlockItem): boolean {
  return it.kind === "param" && ITEM_KEYS.has(it.pair.key.text);
}

/** Reports the items a block of kind `where` does not take, and language items written as parameters. */
export function checkItems(b: A.Block, where: keyof typeof ALLOWED_ITEMS, report: Report): void {
  const allowed = ALLOWED_ITEMS[where];
  for (const it of b.items) {
    if (it.kind === "param" && isItemAsParam(it)) {
      const meant = meantItem(it);
      const written = meant.kind === "mmp" && meant.interval ? `mmp ${meant.interval.text};` : `${meant.kind};`;
      report(
        diag("HA1005", it.pair.key.span, `\`${it.pair.key.text}\` is an item of the block, not a parameter`, {
          hint: `write \`${written}\` (no \`=\`)${allowed.includes(meant.kind) ? "" : `; a ${where} block does not take it`}`,
        }),
      );
      continue;
    }
    if (!allowed.includes(it.kind)) {
      const what = it.kind === "param" ? "a parameter" : it.kind === "section" ? `\`${it.name.text} ...\`` : it.kind === "attr-set" ? `a \`${it.which}\` set` : `\`${it.kind}\``;
      report(
        diag("HA1005", it.span, `${what} is not allowed in ${where === "guest-defaults" ? "`guest-defaults`" : "a " + where}`, {
          hint: `a ${where} block takes ${allowed.map((k) => (k === "param" ? "`key = value`" : k === "attr-set" ? "`params { ... }`, `meta when ... { ... }`" : k === "section" ? "`docker`, `podman` or `rkt`, `network`, `port-map`, `storage-map`" : "`" + k + "`")).join(", ")}`,
        }),
      );
    }
  }
}

/** How a message quotes the statement an order comes from: `order stop a then stop b optional`, or `lwfsd on g after vm`. */
export function sayOrder(o: OrderEdge): string {
  const s = o.from;
  if (s.kind === "after") return `\`${s.service} on ${nameSource(s.guest)} after ${nameSource(s.after)}\``;
  if (s.kind === "set") return `the set order \`${s.id}\` (${o.firstAction} \`${o.first}\` before ${o.thenAction} \`${o.then}\`)`;
  const act = (a: string): string => (a === "start" ? "" : a + " ");
  const kind = o.orderKind === "Mandatory" ? "" : " " + o.orderKind.toLowerCase();
  return `\`order ${act(o.firstAction)}${nameSource(s.first)} then ${act(o.thenAction)}${nameSource(s.then)}${kind}\``;
}

/**
 * A meta attribute Pacemaker does not read on a resource (rsc_defaults
 * too), an alert, or in op defaults: a warning, as a site may keep its own
 * names there (Pacemaker stores them and ignores them), with the nearest known name.
 */
export function unknownMeta(key: A.Name, on: "resource" | "alert" | "op"): Diagnostic {
  const near = closest(key.text, on === "alert" ? ALERT_META : on === "op" ? OP_DEFAULTS_META : RESOURCE_META);
  const ignored = "Pacemaker keeps a name it does not know, and ignores it";
  const where = on === "alert" ? "a meta attribute Pacemaker reads on an alert" : on === "op" ? "an op attribute Pacemaker reads in op defaults" : "a meta attribute Pacemaker reads on a resource";
  return diag("HA3150", key.span, `\`${key.text}\` is not ${where}`, {
    hint: near
      ? `did you mean \`${near}\`? (${ignored})`
      : on === "alert"
        ? `an alert's meta attributes are timeout and timestamp-format; ${ignored}`
        : on === "op"
          ? `op defaults take an op's attributes (timeout, interval, on-fail, requires, enabled, record-pending, start-delay, interval-origin, role) and OCF_CHECK_LEVEL; ${ignored}`
          : `${ignored}: if the name is your own, leave it`,
  });
}

/**
 * HA2006: a guest or remote node named as a cluster node is, or as one is
 * but for case (Pacemaker finds nodes by name without case, so the two are
 * one node to it and neither works as declared).
 */
export function namedLikeNode(what: string, name: A.Name | A.Value, scope: Scope, node: Span, hint: string): Diagnostic {
  const exact = scope.nodes.has(name.text);
  const other = exact ? name.text : scope.nodesFolded.get(name.text.toLowerCase())!.text;
  return diag("HA2006", name.span, exact ? `${what} has the name of a cluster node` : `${what} differs from cluster node \`${other}\` only in case`, {
    hint: exact ? hint : `Pacemaker compares node names without case, so the two are one node to it; ${hint.replace(/^a /, "the ")}`,
    related: [{ span: node, message: "the cluster node" }],
  });
}
