import { setText } from "../ir/set-text.js";
import type { SetConstraint } from "../ir/types.js";
import { unreachable } from "../util/never.js";
import { nm } from "../syntax/names.js";
import { value } from "./write.js";
import { ruleWord } from "./rules.js";

/** Roles as Pacemaker's schema spells them: the language writes them in lower case and gives them back so. */
const ROLES: readonly string[] = ["Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"];

/**
 * A constraint of resource sets as a statement of the language (`order (a)
 * then (b, c independent);`, `colocate (a, b) with (promoted db) 100;`,
 * `ticket T for (started a), (promoted db);`), or why it cannot be said:
 * a role spelt otherwise than the schema spells it would not come back as
 * written. `named`: ` named ID` when the constraint's id is not the one
 * the language derives, else "".
 */
export function setStatement(c: SetConstraint, named: string): { text: string } | { why: string } {
  for (const s of c.sets) {
    if (s.role !== undefined && !ROLES.includes(s.role)) return { why: `the role \`${s.role}\` of resource set \`${s.id}\` is not one of ${ROLES.join(", ")} as Pacemaker's schema spells them` };
  }
  switch (c.kind) {
    case "order-set": {
      const kind = c.orderKind === "Mandatory" ? "" : ` ${c.orderKind.toLowerCase()}`;
      const sym = c.symmetrical === undefined ? "" : c.symmetrical ? " symmetrical" : " one-way";
      return { text: `order ${c.sets.map(setText).join(" then ")}${kind}${sym}${named};` };
    }
    case "colocation-set":
      return { text: `colocate ${c.sets.map(setText).join(" with ")} ${c.score}${c.influence !== undefined ? ` influence ${ruleWord(c.influence)}` : ""}${named};` };
    case "ticket-set":
      return { text: `ticket ${nm(c.ticket)} for ${c.sets.map(setText).join(", ")}${c.lossPolicy !== undefined ? ` loss-policy ${value(c.lossPolicy)}` : ""}${named};` };
    default:
      return unreachable(c);
  }
}
