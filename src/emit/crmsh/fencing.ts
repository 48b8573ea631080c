import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { FencingLevel } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";

/**
 * The words of `fencing_topology TARGET LEVEL1 LEVEL2 ...`: crmsh numbers a
 * target's levels 1, 2, ... in the order written (and names them itself), so
 * a target whose indexes have a gap is an HA5030 error. `value` checks a
 * value crmsh must carry (HA5001); `at` is where the site declares a level.
 */
export function fencingTopology(
  levels: readonly FencingLevel[],
  value: (v: string, where: string, id: string) => string,
  at: (id: string) => Span,
): { parts: string[]; diagnostics: Diagnostic[] } {
  const byTarget = new Map<string, FencingLevel[]>();
  const said = new Map<string, string>();
  for (const f of levels) {
    const t = f.target;
    const key = t.kind === "node" ? `${t.node}:` : t.kind === "pattern" ? `pattern:${t.pattern}` : `attr:${t.name}=${t.value}`;
    // The target as the site says it, for a message (crmsh's `n1:` is its syntax, not a name).
    said.set(key, t.kind === "node" ? `node \`${t.node}\`` : t.kind === "pattern" ? `the nodes matching \`${t.pattern}\`` : `the nodes whose \`${t.name}\` is \`${t.value}\``);
    value(key, `the fencing target of ${said.get(key)}`, f.id);
    byTarget.set(key, [...(byTarget.get(key) ?? []), f]);
  }
  const parts: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [key, fs] of byTarget) {
    const sorted = [...fs].sort((a, b) => a.index - b.index);
    const gap = sorted.findIndex((f, i) => f.index !== i + 1);
    if (gap >= 0) {
      diagnostics.push(
        diag("HA5030", at(sorted[gap]!.id), `crmsh cannot write fencing level ${sorted[gap]!.index} of ${said.get(key)} without level ${gap + 1}`, {
          hint: "crmsh numbers a target's levels 1, 2, ... in the order it lists them; number the levels without a gap, or use the cib or pcs target",
        }),
      );
      continue;
    }
    parts.push(`${shellQuote(key)} ${sorted.map((f) => f.devices.join(",")).join(" ")}`);
  }
  return { parts, diagnostics };
}
