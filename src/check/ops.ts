import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { OP_ATTRIBUTES, OP_DURATIONS } from "./known.js";
import type { OpModel, Setting } from "./model.js";
import * as N from "./names.js";
import { badDuration, badKey, pairsOnce, setting, setTwice, type Report } from "./problems.js";
import * as V from "./values.js";

/** One `op` as written, over the agent's op of the same name (`base`) when there is one. */
export function elaborateOp(o: A.OpDecl, base: readonly OpModel[], report: Report): OpModel {
  const inherited = base.find((b) => b.name === o.name.text);
  // Known attributes only (an op has a handful), each replacing the inherited one in its place.
  const attrs: Setting[] = inherited ? [...inherited.attrs] : [];
  let interval = inherited?.interval ?? (o.name.text === "monitor" ? N.FALLBACK_MONITOR.interval : "0s");
  for (let i = 0; i < o.attrs.length; i++) {
    const a = o.attrs[i]!;
    const k = a.key.text;
    // Set twice: the message points at the latest time before.
    let prev: A.OpDecl["attrs"][number] | undefined;
    for (let j = i - 1; j >= 0 && prev === undefined; j--) if (o.attrs[j]!.key.text === k) prev = o.attrs[j];
    if (prev) report(setTwice(a.key, prev.key.span));
    if (!OP_ATTRIBUTES.has(k)) {
      const near = V.closest(k, OP_ATTRIBUTES);
      report(
        diag("HA3009", a.key.span, `\`${k}\` is not an operation attribute`, {
          hint: near ? `did you mean \`${near}\`?` : `operation attributes: ${[...OP_ATTRIBUTES].join(", ")}`,
        }),
      );
      continue;
    }
    if (OP_DURATIONS.has(k) && !V.isDuration(a.value.text)) {
      report(badDuration(a.value));
      continue;
    }
    if (k === "interval") {
      interval = a.value.text;
      continue;
    }
    const s: Setting = { key: k, value: a.value.text, span: a.span };
    const at = attrs.findIndex((x) => x.key === k);
    if (at >= 0) attrs[at] = s;
    else attrs.push(s);
  }
  if (o.params === undefined) return { name: o.name.text, interval, attrs, ...(inherited?.params ? { params: inherited.params } : {}) };
  // Its own parameters replace the inherited op's: they are written whole, as a set.
  pairsOnce(o.params, report);
  const params: Setting[] = [];
  for (const p of o.params) {
    const s = setting(p);
    if (!V.isAttrName(s.key)) report(badKey(s));
    else if (!params.some((q) => q.key === s.key)) params.push(s);
  }
  return { name: o.name.text, interval, attrs, params };
}

/** Ops in the CIB's order: start, stop, monitor, then the rest by name; stable, so ops of one name keep theirs. */
function opOrder(a: OpModel, b: OpModel): number {
  const rank = (n: string) => (n === "start" ? 0 : n === "stop" ? 1 : n === "monitor" ? 2 : 9);
  return rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Sorts ops into the CIB's order, in place: an insertion sort (stable), as a resource has a handful of ops. */
export function inOpOrder(ops: OpModel[]): OpModel[] {
  for (let i = 1; i < ops.length; i++) {
    const o = ops[i]!;
    let j = i;
    for (; j > 0 && opOrder(ops[j - 1]!, o) > 0; j--) ops[j] = ops[j - 1]!;
    ops[j] = o;
  }
  return ops;
}

/**
 * HA3018: two ops of one resource with the same name and interval (`0s`,
 * `0` and `0ms` are one), whatever their roles, as Pacemaker 2.1.5 keys
 * them: a recurring one twice is a configuration error (is_op_dup:
 * crm_verify "Operation ... is duplicate of ...", and neither runs); of a
 * start, stop or other one-off op only the first is read (find_rsc_op_entry;
 * crm_simulate uses the first's timeout). hacc would also give both one id.
 * At the later op, pointing back at the first. `models` are `decls`
 * elaborated, one for one.
 */
export function duplicateOps(decls: readonly A.OpDecl[], models: readonly OpModel[], report: Report): void {
  const seen = new Map<string, A.OpDecl>();
  for (let i = 0; i < decls.length && i < models.length; i++) {
    const m = models[i]!;
    const key = `${m.name}\0${V.durationSeconds(m.interval) ?? m.interval}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, decls[i]!);
      continue;
    }
    const recurring = (V.durationSeconds(m.interval) ?? 1) !== 0;
    report(
      diag("HA3018", decls[i]!.span, `a second \`${m.name}\` op with interval \`${m.interval}\` in one resource`, {
        hint: recurring
          ? "Pacemaker takes one op per name and interval, whatever its role: it refuses both (crm_verify: \"is duplicate of\") and runs neither; merge them, or give each role's monitor its own interval"
          : "Pacemaker reads only the first op of a name and interval (its timeout counts), and hacc would give both one id: keep the one you mean",
        related: [{ span: first.span, message: "the first is here" }],
      }),
    );
  }
}
