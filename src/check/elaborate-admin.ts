import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { FencingLevel, FencingTarget } from "../ir/types.js";
import type { Elaboration } from "./elaborate.js";
import type { AlertModel, Setting } from "./model.js";
import * as N from "./names.js";
import { ALERT_META } from "./known.js";
import { badKey, checkItems, setting, setTwice } from "./problems.js";
import { what } from "./scope.js";
import * as V from "./values.js";
import { namesUnlisted } from "./unlisted.js";

/**
 * The statements that configure the cluster's own machinery rather than
 * resources: fencing levels (`<fencing-topology>`) and alerts (`<alerts>`).
 * Neither changes where resources run.
 */

/** Pacemaker's fencer takes levels 1 to 9 (`ST__LEVEL_MAX` is 10). */
const LEVEL = /^[1-9]$/;

/** The fencing levels made so far, by their target's key and index (for HA2103). */
export type LevelsSeen = Map<string, Span>;

function targetKey(t: FencingTarget): string {
  switch (t.kind) {
    case "node":
      return `node\u0000${t.node}`;
    case "pattern":
      return `pattern\u0000${t.pattern}`;
    case "attribute":
      return `attribute\u0000${t.name}\u0000${t.value}`;
  }
}

function targetText(t: FencingTarget): string {
  switch (t.kind) {
    case "node":
      return `node \`${t.node}\``;
    case "pattern":
      return `the nodes matching \`${t.pattern}\``;
    case "attribute":
      return `the nodes with \`${t.name}=${t.value}\``;
  }
}

/**
 * `fencing-level INDEX for TARGET with DEVICE, ...;`: a level from 1 to 9
 * (HA3100); a node that the site knows (a cluster, guest or remote node,
 * HA2101); devices that are the site's fencing resources (HA2100 unknown,
 * HA2102 not a `stonith:` primitive); one level of each index per target (HA2103).
 */
export function elaborateFencing(e: Elaboration, f: A.FencingDecl): void {
  let ok = true;
  if (!LEVEL.test(f.index.text)) {
    ok = false;
    e.report(diag("HA3100", f.index.span, `\`${f.index.text}\` is not a fencing level`, { hint: "a level is a number from 1 to 9: Pacemaker tries level 1 first, then 2, ..." }));
  }
  let target: FencingTarget;
  switch (f.target.kind) {
    case "node": {
      const node = f.target.node;
      // A cluster node, a guest, or a node a resource makes (declare.ts).
      // An unlisted node may have levels: the fencer keeps them for when it joins.
      if (!namesUnlisted(e.scope, node.text) && !e.scope.nodes.has(node.text) && !e.scope.guests.has(node.text) && !e.scope.remote.has(node.text)) {
        ok = false;
        e.scope.unknown(node, "node", "HA2101", "nodes and guests");
      }
      target = { kind: "node", node: node.text };
      break;
    }
    case "pattern": {
      const p = f.target.pattern;
      if (p.text === "") {
        ok = false;
        e.report(diag("HA3101", p.span, "an empty pattern matches every node", { hint: "write the nodes' names as a regular expression: `nodes \"nio00[5-6]\"`" }));
      } else if (!compiles(p.text)) {
        // The fencer compiles it with regcomp (POSIX extended); one that does not compile matches no node, and crm_verify says nothing.
        ok = false;
        e.report(diag("HA3101", p.span, `\`${p.text}\` is not a regular expression: a bracket or parenthesis is left open, or a repetition has nothing to repeat`, { hint: "write the nodes' names as a POSIX extended regular expression: `nodes \"nio00[5-6]\"`" }));
      }
      target = { kind: "pattern", pattern: p.text };
      break;
    }
    case "attribute": {
      const { name, value } = f.target;
      if (!V.isAttrName(name.text)) {
        ok = false;
        e.report(badKey(setting({ key: name, value, span: name.span })));
      }
      target = { kind: "attribute", name: name.text, value: value.text };
      break;
    }
  }
  const devices: string[] = [];
  for (const d of f.devices) {
    const entry = e.scope.ids.get(d.text);
    const r = e.resources.get(d.text);
    if (entry === undefined || entry.kind === "constraint" || entry.kind === "alert" || entry.kind === "acl") {
      ok = false;
      e.scope.unknown(d, "fencing device", "HA2100", "resources");
    } else if (r === undefined || r.kind !== "primitive" || r.agent.standard !== "stonith") {
      ok = false;
      e.report(
        diag("HA2102", d.span, `${what(d.text, entry)} is not a fencing device`, {
          hint: "a fencing level names primitives of the `stonith:` class (`resource ipmi-n1 stonith:fence_ipmilan { ... }`)",
          related: [{ span: entry.span, message: "declared here" }],
        }),
      );
    } else if (devices.includes(d.text)) {
      ok = false;
      e.report(diag("HA2004", d.span, `\`${d.text}\` is listed twice`, { hint: "a level tries each of its devices once" }));
    } else devices.push(d.text);
  }
  if (!ok) return;
  const key = `${targetKey(target)}\u0000${f.index.text}`;
  const prev = e.levels.get(key);
  if (prev) {
    e.report(
      diag("HA2103", f.index.span, `${targetText(target)} has two fencing levels ${f.index.text}`, {
        hint: "Pacemaker keeps one level of each index for a target: give all the devices of that level in one statement (`with a, b`), or another index",
        related: [{ span: prev, message: "the first is declared here" }],
      }),
    );
    return;
  }
  e.levels.set(key, f.span);
  const base = N.fencingLevelId(target, f.index.text);
  let id = base;
  for (let k = 1; e.scope.ids.has(id); k++) id = `${base}-${k}`;
  e.scope.claimConstraint(id, f.span);
  const level: FencingLevel = { id, index: Number(f.index.text), target, devices };
  e.addFencingLevel(level, f.span);
}

/** The `key = value;` items of a block as settings, each key once (HA3008). */
function params(items: readonly A.BlockItem[], e: Elaboration): Setting[] {
  const out: Setting[] = [];
  const seen = new Map<string, Span>();
  for (const it of items) {
    if (it.kind !== "param") continue;
    const s = setting(it.pair);
    const prev = seen.get(s.key);
    if (prev) {
      e.report(setTwice(it.pair.key, prev));
      continue;
    }
    seen.set(s.key, it.pair.key.span);
    if (!V.isAttrName(s.key)) e.report(badKey(s));
    else out.push(s);
  }
  return out;
}

/**
 * `alert NAME PATH [{ ... }] [to RECIPIENT [{ ... }], ...];`: a valid id not
 * taken by anything else (HA3005, HA2104), an absolute path to the agent
 * (HA3102), each recipient once (HA2105). A block takes parameters (the
 * agent's instance attributes) and `meta`.
 */
export function elaborateAlert(e: Elaboration, a: A.AlertDecl): void {
  let ok = true;
  const id = a.name.text;
  if (!V.isXmlId(id)) {
    ok = false;
    e.report(diag("HA3005", a.name.span, `\`${id}\` is not a valid alert name`, { hint: "an alert is named like an id: a letter or `_`, then letters, digits, `_ . -`" }));
  } else {
    const prev = e.scope.ids.get(id);
    if (prev) {
      ok = false;
      e.report(
        diag("HA2104", a.name.span, `the alert name \`${id}\` is already taken by ${what(id, prev)}`, {
          hint: "alerts share the CIB's ids with resources and constraints; rename one of the two",
          related: [{ span: prev.span, message: "declared here" }],
        }),
      );
    } else e.scope.claimId(id, { kind: "alert", span: a.name.span });
  }
  if (!a.path.text.startsWith("/")) {
    ok = false;
    e.report(
      diag("HA3102", a.path.span, `the alert agent \`${a.path.text}\` is not an absolute path`, {
        hint: "Pacemaker runs the agent by its full path on every node, e.g. `\"/usr/share/pacemaker/alerts/alert_file.sh.sample\"`",
      }),
    );
  }
  if (a.block) checkItems(a.block, "alert", e.report);
  const recipients: AlertModel["recipients"][number][] = [];
  const seen = new Map<string, Span>();
  for (const r of a.recipients) {
    if (r.block) checkItems(r.block, "alert", e.report);
    const prev = seen.get(r.value.text);
    if (prev) {
      ok = false;
      e.report(diag("HA2105", r.value.span, `\`${r.value.text}\` is a recipient of alert \`${id}\` twice`, { related: [{ span: prev, message: "first listed here" }] }));
      continue;
    }
    seen.set(r.value.text, r.value.span);
    const items = r.block?.items ?? [];
    recipients.push({ id: N.recipientId(id, recipients.length + 1), value: r.value.text, params: params(items, e), meta: e.primitives.meta(items, [], ALERT_META), span: r.span });
  }
  const items = a.block?.items ?? [];
  const alert: AlertModel = { id, path: a.path.text, params: params(items, e), meta: e.primitives.meta(items, [], ALERT_META), recipients, span: a.span };
  if (ok) e.addAlert(alert);
}

/** Whether a fencing target pattern compiles: what an extended regular expression and JavaScript's share (brackets and parentheses closed, something before each repetition). */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
