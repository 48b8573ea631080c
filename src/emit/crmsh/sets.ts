import type { SetConstraint } from "../../ir/types.js";
import { unreachable } from "../../util/never.js";

/**
 * A constraint of resource sets in crmsh's syntax, or why crmsh cannot say
 * it exactly. crmsh 4.4 reads the resources after the colon as sets in the
 * order written (`order o Mandatory: a ( b c ) d`, checked with `crm
 * configure load update`): `( ... )` is a set with `sequential="false"`,
 * `[ ... ]` one with `require-all="false"` and `sequential="false"` (with
 * `sequential=true` inside, without `sequential`), and a run of bare resources with one action or
 * role (`a:promote`, `c:Promoted`) one set without either attribute. Its
 * sets are `ID-0`, `ID-1`, ..., as hacc names them. So it cannot write
 * `sequential="true"` or `require-all="true"` as written, nor `ordering`,
 * two bare sets side by side with the same action or role (they would be
 * one), nor two bare resources alone in an order or colocation, or one in a
 * ticket (a plain constraint).
 */
export function crmshSetConstraint(c: SetConstraint): { text: string } | { why: string } {
  const words: string[] = [];
  let prevBare: string | undefined;
  let bracketed = false;
  for (const s of c.sets) {
    const lead = s.action ?? s.role;
    const suffix = lead !== undefined ? `:${lead}` : "";
    const members = s.resources.map((r) => `${r}${suffix}`);
    if (s.sequential === true) return { why: `its set \`${s.id}\` says \`sequential\`, which crmsh drops (a set is sequential unless bracketed)` };
    if (s.requireAll === true) return { why: `its set \`${s.id}\` says \`require-all\`, which crmsh drops` };
    if (s.ordering !== undefined) return { why: `its set \`${s.id}\` has an \`ordering\`, which crmsh cannot write` };
    if (s.requireAll === false) {
      bracketed = true;
      prevBare = undefined;
      // `[ ... ]` alone is independent too; `sequential=true` inside leaves the set without the attribute.
      words.push("[", ...members, ...(s.sequential === undefined ? ["sequential=true"] : []), "]");
    } else if (s.sequential === false) {
      bracketed = true;
      prevBare = undefined;
      words.push("(", ...members, ")");
    } else {
      if (prevBare !== undefined && prevBare === (lead ?? "")) {
        return { why: `its sets \`${s.id}\` and the one before it would be one set in crmsh (bare resources side by side with one ${c.kind === "order-set" ? "action" : "role"} are one set)` };
      }
      prevBare = lead ?? "";
      words.push(...members);
    }
  }
  // crmsh reads a ticket on one bare resource, and an order or colocation of two, as a plain constraint.
  const plain = c.kind === "ticket-set" ? 1 : 2;
  if (!bracketed && words.length <= plain) return { why: `crmsh reads ${plain === 1 ? "one bare resource" : "two bare resources"} as a plain constraint, not as sets` };
  const body = words.join(" ");
  switch (c.kind) {
    case "order-set":
      return { text: `order ${c.id} ${c.orderKind}: ${body}${c.symmetrical !== undefined ? ` symmetrical=${c.symmetrical}` : ""}` };
    case "colocation-set":
      return { text: `colocation ${c.id} ${c.score}: ${body}` };
    case "ticket-set":
      return { text: `rsc_ticket ${c.id} ${c.ticket}: ${body}${c.lossPolicy !== undefined ? ` loss-policy=${c.lossPolicy}` : ""}` };
    default:
      return unreachable(c);
  }
}
