import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Elaboration } from "./elaborate.js";
import type { NodeSetModel, Setting } from "./model.js";
import { badId } from "./problems.js";
import { checkRuledSet, sameScorePairs } from "./ruled-set.js";
import * as V from "./values.js";
import { unlistedHolds } from "./unlisted.js";

const BOOLEANS = /^(true|on|yes|y|1|false|off|no|n|0)$/i;

/**
 * `attributes NODE [score N] [when TEST ...] [named ID] { KEY = VALUE; ... }`
 * and the same after `utilization`: an `<instance_attributes>` or
 * `<utilization>` of NODE after its plain one. Ids: `named ID`, else
 * `nodes-NODE-N` and `nodes-NODE-utilization-N` (N from 1 per node and
 * kind, in order, counting the sets without `named`), the rule `SET-rule`,
 * its tests `SET-rule-expr`, ..., the pairs `SET-KEY`.
 *
 * How Pacemaker 2.1.5 picks (crm_simulate, docs/language.md): it reads a
 * node's sets with no node to test, so a node attribute test there never
 * holds (HA4147) and a date test does; of the sets that hold, the higher
 * score gives a name its value, of one score the later set; the plain set
 * counts as score 0 written first (HA4148 where a value can never apply).
 */
export function elaborateNodeSets(e: Elaboration, decls: readonly A.NodeSetDecl[]): NodeSetModel[] {
  const out: NodeSetModel[] = [];
  const count = new Map<string, number>();
  for (const d of decls) {
    const node = d.node.text;
    const remote = !e.scope.nodes.has(node);
    if (remote && !e.scope.guests.has(node) && !e.scope.remote.has(node)) {
      if (e.scope.unlisted.has(node)) unlistedHolds(d.node, d.which, e.report);
      else e.scope.unknown(d.node, "node", "HA2001", "nodes and guests");
      continue;
    }
    const key = `${node}\u0000${d.which}`;
    const n = d.name ? 0 : (count.get(key) ?? 0) + 1;
    if (!d.name) count.set(key, n);
    const id = d.name?.text ?? `nodes-${node}${d.which === "utilization" ? "-utilization" : ""}-${n}`;
    if (d.name && !V.isXmlId(d.name.text)) {
      e.report(badId(d.name, "set id"));
      continue;
    }
    if (!e.scope.claimId(id, { kind: "set", span: d.name?.span ?? d.span, from: d.which, ...(d.name ? {} : { on: "derived" }) })) continue;
    let ok = true;
    for (const p of d.pairs) if (!valueOk(e, d.which, p)) ok = false;
    const plainHint = `write \`${d.which} ${node} KEY = VALUE, ...;\` instead`;
    const checked = checkRuledSet(e, d, id, { code: "HA3142", word: d.which, section: "node", plainHint }, d.keyword.span, V.nvpairIdPart);
    if (!checked || !ok) continue;
    const { set, pairs } = checked;
    for (const before of out) {
      if (before.node !== node || before.which !== d.which) continue;
      sameScorePairs(before.set, set, pairs, (p, score) =>
        e.report(
          diag("HA4148", p.key.span, `\`${p.key.text}\` of node \`${node}\` is set by two \`${d.which}\` sets of score ${score}`, {
            hint: "where both hold, Pacemaker takes the later set's value (crm_simulate); give the one that should win a higher `score`",
            related: [{ span: before.span, message: "the earlier set" }],
          }),
        ),
      );
    }
    shadowed(e, d, set.score, set.rule !== undefined, pairs, plainOf(e, node, d.which));
    out.push({ node, which: d.which, set, span: d.span, ...(remote ? { remote: true } : {}) });
  }
  return out;
}

/** A value the plain line's kind takes: a whole number of utilization (HA3014), a boolean `standby` or `maintenance` (HA3051). */
function valueOk(e: Elaboration, which: A.NodeSetDecl["which"], p: A.Pair): boolean {
  if (which === "utilization" && !/^[0-9]+$/.test(p.value.text)) {
    e.report(diag("HA3014", p.value.span, `\`${p.value.text}\` is not a whole number`));
    return false;
  }
  if (which === "attributes" && (p.key.text === "standby" || p.key.text === "maintenance") && !BOOLEANS.test(p.value.text)) {
    e.report(
      diag("HA3051", p.value.span, `\`${p.value.text}\` is not a boolean Pacemaker reads for \`${p.key.text}\``, {
        hint: `Pacemaker reads anything but true/on/yes/y/1 as false, so \`${p.key.text}\` would be off; write \`on\` or \`off\``,
      }),
    );
    return false;
  }
  return true;
}

/** The node's plain line of one kind (`attributes NODE ...;`, `utilization NODE ...;`), its settings by name. */
function plainOf(e: Elaboration, node: string, which: A.NodeSetDecl["which"]): readonly Setting[] {
  if (which === "attributes") return e.decls.nodeAttributes.find((a) => a.node === node)?.settings ?? [];
  return [...e.decls.capacities, ...e.decls.remoteCapacities].find((c) => c.node === node)?.settings ?? [];
}

/**
 * HA4148 between a node's plain line and one of its sets: the plain set is
 * read as one of score 0 written first, so a set of a negative score never
 * beats it, and a set without a rule, of score 0 or more, always does.
 */
function shadowed(e: Elaboration, d: A.NodeSetDecl, score: string | undefined, ruled: boolean, pairs: ReadonlyMap<string, A.Pair>, plain: readonly Setting[]): void {
  const rank = V.scoreValue(score ?? "0");
  for (const s of plain) {
    const mine = pairs.get(s.key);
    if (!mine) continue;
    const line = `\`${d.which} ${d.node.text} ${s.key} = ...;\``;
    if (rank < 0) {
      e.report(
        diag("HA4148", mine.key.span, `\`${s.key}\` is set by ${line} too, which this set's negative score never beats: this value never applies`, {
          hint: "Pacemaker reads the plain set as of score 0 (crm_simulate): give this set a score of 0 or more, or remove the pair",
          related: [{ span: s.span, message: "the plain pair" }],
        }),
      );
    } else if (!ruled) {
      e.report(
        diag("HA4148", s.span, `\`${s.key}\` is set by an \`${d.which} ${d.node.text} score ${score ?? "0"}\` set too, which always holds and wins: this value never applies`, {
          hint: "a set without a rule always holds, and of score 0 or more it beats the plain set written before it (crm_simulate): remove one of them",
          related: [{ span: mine.span, message: "the set's pair" }],
        }),
      );
    }
  }
}
