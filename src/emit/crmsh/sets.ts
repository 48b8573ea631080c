import type { SetConstraint } from "../../ir/types.js";
import { unreachable } from "../../util/never.js";

/** Why crmsh cannot say one part of a set constraint, and what the user can do instead. */
export interface CrmshSetProblem {
  readonly why: string;
  readonly hint: string;
}

const OTHER_TARGET = "or use the cib or pcs target for this site, which keep it";

/**
 * A constraint of resource sets in crmsh's syntax, or every reason crmsh
 * cannot say it exactly. crmsh 4.4 reads the resources after the colon as
 * sets in the order written (crmsh/parse.py, ResourceSet; each form below
 * checked with `crm configure load update` on a scratch CIB): `( ... )` is a
 * set with `sequential="false"`, `[ ... ]` one with `require-all="false"`
 * and `sequential="false"`; `sequential=true` inside either bracket takes
 * `sequential="false"` away again, so `( a b sequential=true )` is a set
 * without attributes; a run of bare resources with one action or role
 * (`a:promote`, `c:Promoted`) is one set without attributes. Its sets are
 * `ID-0`, `ID-1`, ..., as hacc names them. Words that are exactly two bare
 * resources (one, in a ticket) would be its plain constraint: crmsh's own
 * `_rsc_set_` word before them (which it writes itself, and skips when it
 * reads) keeps them a set. What it cannot write is an attribute with
 * Pacemaker's default said out loud (`sequential="true"`,
 * `require-all="true"`: crmsh never stores either) and `ordering`.
 */
export function crmshSetConstraint(c: SetConstraint): { text: string } | { problems: readonly CrmshSetProblem[] } {
  const words: string[] = [];
  const problems: CrmshSetProblem[] = [];
  let prevBare: string | undefined;
  let bracketed = false;
  for (const s of c.sets) {
    const lead = s.action ?? s.role;
    const suffix = lead !== undefined ? `:${lead}` : "";
    const members = s.resources.map((r) => `${r}${suffix}`);
    if (s.sequential === true) {
      problems.push({
        why: `its set \`${s.id}\` says \`sequential\`, which crmsh never stores (it writes a sequential set without the attribute)`,
        hint: `leave \`sequential\` out of the set: it is Pacemaker's default, so the set means the same, and crmsh writes it; ${OTHER_TARGET}`,
      });
    }
    if (s.requireAll === true) {
      problems.push({
        why: `its set \`${s.id}\` says \`require-all\`, which crmsh never stores (it writes such a set without the attribute)`,
        hint: `leave \`require-all\` out of the set: it is Pacemaker's default, so the set means the same, and crmsh writes it; ${OTHER_TARGET}`,
      });
    }
    if (s.ordering !== undefined) {
      problems.push({
        why: `its set \`${s.id}\` has an \`ordering\`, which crmsh cannot write`,
        hint: `leave \`ordering\` out of the set, ${OTHER_TARGET}`,
      });
    }
    if (s.requireAll === false) {
      bracketed = true;
      prevBare = undefined;
      // `[ ... ]` alone is independent too; `sequential=true` inside leaves the set without the attribute.
      words.push("[", ...members, ...(s.sequential === false ? [] : ["sequential=true"]), "]");
    } else if (s.sequential === false) {
      bracketed = true;
      prevBare = undefined;
      words.push("(", ...members, ")");
    } else if (prevBare !== undefined && prevBare === (lead ?? "")) {
      // Bare, these members would join the set before them: bracketed with `sequential=true`, they are a set of their own.
      bracketed = true;
      prevBare = undefined;
      words.push("(", ...members, "sequential=true", ")");
    } else {
      prevBare = lead ?? "";
      words.push(...members);
    }
  }
  if (c.kind === "colocation-set" && c.influence !== undefined) {
    // crmsh 4.4's colocation takes no `influence`, of sets or not (crmsh/parse.py; `load update` of `influence=false` after the sets fails).
    problems.push({
      why: "it sets `influence`, which crmsh's colocation cannot carry",
      hint: `leave \`influence\` out, or give the dependent resources \`meta critical = false\` when none of their colocations should move what they are colocated with; ${OTHER_TARGET}`,
    });
  }
  if (problems.length > 0) return { problems };
  // crmsh reads a ticket on one bare resource, and an order or colocation of two, as a plain constraint.
  const plain = c.kind === "ticket-set" ? 1 : 2;
  if (!bracketed && words.length === plain) words.unshift("_rsc_set_");
  else if (!bracketed && words.length < plain) words.splice(0, words.length, "(", ...words, "sequential=true", ")");
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
