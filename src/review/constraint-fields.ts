/**
 * What `hacc diff` and `hacc plan` compare of a constraint: its fields (each
 * a name and a text), and its key, what it is about whatever its id or score.
 */
import { ruleCondition, ruleText } from "../ir/rule-text.js";
import { locationTarget, setText } from "../ir/set-text.js";
import type { Constraint, ResourceSet } from "../ir/types.js";

/** A constraint's fields as the diff shows them, changed or not. */
export function constraintFields(c: Constraint): [string, string][] {
  switch (c.kind) {
    case "location":
      return [["kind", "location"], ["rsc", locationTarget(c)], ["node", c.node], ["score", c.score], ["role", c.role ?? ""], ["resource-discovery", c.discovery ?? ""]];
    case "location-rule":
      return [
        ["kind", "location-rule"], ["rsc", locationTarget(c)], ["role", c.role ?? ""], ["resource-discovery", c.discovery ?? ""],
        // Not a rule's id (nor its tests'), which the tool chooses and nothing refers to (a plan refuses to delete an id
        // something else names: refusals.ts): a live rule named otherwise (crmsh's `rule $id=...`, pcs's `rule id=...`)
        // that says the same is no change. A changed location is deleted and written whole (steps.ts), so ids never merge.
        ...c.rules.map((r, i): [string, string] => [`rule ${i + 1}`, ruleText(r, (s) => s)]),
      ];
    case "order":
      return [
        ["kind", "order"], ["first", c.first], ["first-action", c.firstAction], ["then", c.then], ["then-action", c.thenAction], ["order-kind", c.orderKind],
        ["symmetrical", c.symmetrical === undefined ? "" : String(c.symmetrical)], ["require-all", c.requireAll === undefined ? "" : String(c.requireAll)],
      ];
    case "colocation":
      return [
        ["kind", "colocation"], ["rsc", c.rsc], ["with-rsc", c.withRsc], ["score", c.score], ["rsc-role", c.rscRole ?? ""], ["with-rsc-role", c.withRscRole ?? ""],
        ["node-attribute", c.nodeAttribute ?? ""], ["influence", c.influence ?? ""],
      ];
    case "ticket":
      return [["kind", "ticket"], ["ticket", c.ticket], ["rsc", c.rsc], ["rsc-role", c.rscRole ?? ""], ["loss-policy", c.lossPolicy ?? ""]];
    case "order-set":
      return [["kind", "order-set"], ["order-kind", c.orderKind], ["symmetrical", c.symmetrical === undefined ? "" : String(c.symmetrical)], ...setFields(c.sets)];
    case "colocation-set":
      return [["kind", "colocation-set"], ["score", c.score], ["influence", c.influence ?? ""], ...setFields(c.sets)];
    case "ticket-set":
      return [["kind", "ticket-set"], ["ticket", c.ticket], ["loss-policy", c.lossPolicy ?? ""], ...setFields(c.sets)];
  }
}

/**
 * Each resource set as one field, `set 1` ...: its members and attributes.
 * Not its id, which Pacemaker lets a tool choose and refers to by nowhere
 * (pcs names sets `pcs_rsc_set_...`, crmsh and hacc `ID-0`, ...), as the
 * corpus normaliser leaves it out: a live constraint that differs only in
 * its sets' ids is no change. A changed one is deleted and written whole
 * (steps.ts), so the ids never need to agree for a merge.
 */
function setFields(sets: readonly ResourceSet[]): [string, string][] {
  return sets.map((s, i): [string, string] => [`set ${i + 1}`, setText(s)]);
}

/** What a constraint is about, whatever its id or score: two with the same key say the same kind of thing. */
export function constraintKey(c: Constraint): string {
  switch (c.kind) {
    case "location":
      return `location\u0000${locationTarget(c)}\u0000${c.node}\u0000${c.role ?? ""}`;
    case "location-rule":
      return `location-rule\u0000${locationTarget(c)}\u0000${c.role ?? ""}\u0000${c.rules.map((r) => ruleCondition(r, (s) => s)).join("\u0000")}`;
    case "order":
      return `order\u0000${c.first}\u0000${c.then}`;
    case "colocation":
      return `colocation\u0000${c.rsc}\u0000${c.withRsc}`;
    case "ticket":
      return `ticket\u0000${c.ticket}\u0000${c.rsc}`;
    case "order-set":
    case "colocation-set":
      return `${c.kind}\u0000${c.sets.map((s) => s.resources.join("\u0001")).join("\u0000")}`;
    case "ticket-set":
      return `ticket-set\u0000${c.ticket}\u0000${c.sets.map((s) => s.resources.join("\u0001")).join("\u0000")}`;
  }
}
