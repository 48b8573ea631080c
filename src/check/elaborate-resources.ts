import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { Elaboration } from "./elaborate.js";
import type { GuestVfs, Setting } from "./model.js";
import * as N from "./names.js";
import { elaborateAttrSets, plainPairs, shadowedPairs } from "./elaborate-rsets.js";
import { badDuration, badKey, checkItems, isItemAsParam, meantItem, setTwice } from "./problems.js";
import { what } from "./scope.js";
import * as V from "./values.js";
import { primitiveFromTemplate } from "./templates.js";

/** Meta attributes hacc sets for a guest's VM. */
const GUEST_RESERVED_META: readonly string[] = ["remote-node"];

/** `parse(text)`, remembered in `cache`. */
function parsedOnce(cache: Map<string, string | undefined>, text: string, parse: (s: string) => string | undefined): string | undefined {
  let v = cache.get(text);
  if (v === undefined && !cache.has(text)) cache.set(text, (v = parse(text)));
  return v;
}

/** A guest: its VirtualDomain primitive (guest-defaults under its own block), its VFs, its placement on nodes. */
export function elaborateGuest(e: Elaboration, g: A.GuestDecl): void {
  const { scope, report } = e;
  if (scope.guests.get(g.name.text) !== g) return;
  // After all ids are known: a guest may not share its name with a resource.
  const entry = scope.ids.get(g.name.text);
  if (entry) {
    report(
      diag("HA2006", g.name.span, `guest \`${g.name.text}\` has the name of ${what(g.name.text, entry)}`, {
        hint: "guest node names and resource ids must differ, or constraints become ambiguous",
        related: [{ span: entry.span, message: "declared here" }],
      }),
    );
  }
  const id = N.guestResourceId(g.name.text);
  if (g.block) checkItems(g.block, "guest", report);
  const guestDefaults = e.decls.guestDefaults;
  const items = guestDefaults.length === 0 ? g.block?.items ?? [] : [...guestDefaults, ...(g.block?.items ?? [])];
  // The last `config` and `hypervisor`: the guest's own over guest-defaults.
  let configItem: Extract<A.BlockItem, { kind: "config" }> | undefined;
  let hvItem: Extract<A.BlockItem, { kind: "hypervisor" }> | undefined;
  for (let i = items.length - 1; i >= 0 && (configItem === undefined || hvItem === undefined); i--) {
    const it = items[i]!;
    if (it.kind === "config") configItem ??= it;
    else if (it.kind === "hypervisor") hvItem ??= it;
  }
  const config = configItem ? configItem.value.text.replace(/\{guest\}/g, g.name.text) : N.DEFAULT_GUEST_CONFIG.replace("{guest}", g.name.text);
  const hypervisor = hvItem ? hvItem.value.text : N.DEFAULT_HYPERVISOR;
  const auto: Setting[] = [
    { key: "config", value: config, span: configItem?.span ?? g.name.span },
    { key: "hypervisor", value: hypervisor, span: hvItem?.span ?? g.name.span },
  ];
  const ib: { host: string; slot: string; span: Span }[] = [];
  const vfs: GuestVfs["ib"][number][] = [];
  for (const it of g.block?.items ?? []) {
    if (it.kind !== "ib") continue;
    const host = parsedOnce(e.hostPci, it.host.text, V.parseHostPci);
    const slot = parsedOnce(e.guestSlot, it.slot.text, V.parseGuestSlot);
    if (!host) {
      report(
        diag("HA3003", it.host.span, `\`${it.host.text}\` is not a host PCI address`, {
          hint: "write the VF as DOMAIN:BUS:SLOT.FUNCTION in hex, e.g. `0000:82:01.0`",
        }),
      );
    }
    if (!slot) {
      report(
        diag("HA3004", it.slot.span, `\`${it.slot.text}\` is not a guest PCI slot`, {
          hint: "write the slot inside the guest as BUS:SLOT.FUNCTION in hex, e.g. `00:05.0`",
        }),
      );
    }
    if (host && slot) {
      ib.push({ host, slot, span: it.span });
      vfs.push({ host, slot, span: it.span, hostText: it.host.text, slotText: it.slot.text });
    }
  }
  const prim = e.primitives.primitive(id, g.name.span, "ocf:heartbeat:VirtualDomain", g.name.span, items, auto, GUEST_RESERVED_META, {
    node: { name: g.name.text, ib },
    remoteNode: { key: "remote-node", value: g.name.text, span: g.name.span },
  });
  if (!prim) return;
  e.addResource(prim);
  e.guests.push({ name: g.name.text, span: g.name.span, rsc: id, ib: vfs });
  e.placement(id, g.placement, true);
}

/** A resource: its primitive, its placement, and what makes it shared storage. */
export function elaborateResource(e: Elaboration, r: A.ResourceDecl): void {
  if (e.resources.has(r.name.text) || e.scope.ids.get(r.name.text)?.span !== r.name.span) return;
  if (r.block) checkItems(r.block, "resource", e.report);
  const prim = r.template
    ? primitiveFromTemplate(e, r, r.template)
    : r.agent && e.primitives.primitive(r.name.text, r.name.span, r.agent.text, r.agent.span, r.block?.items ?? [], [], []);
  if (!prim) return;
  const sets = elaborateAttrSets(e, r.name.text, r.block?.items ?? []);
  shadowedPairs(e, sets, plainPairs(r.block?.items ?? []));
  e.addResource(sets.length > 0 ? { ...prim, sets } : prim);
  e.placement(r.name.text, r.placement, false);
  // `mmp = 60s;` is reported (checkItems) and read as the `mmp 60s;` it means.
  const items = (r.block?.items ?? []).map(meantItem);
  const shared = items.find((i) => i.kind === "shared");
  const mmp = items.find((i): i is Extract<A.BlockItem, { kind: "mmp" }> => i.kind === "mmp");
  if (mmp?.interval && !V.isDuration(mmp.interval.text)) e.report(badDuration(mmp.interval));
  const sharedStorage = prim.declared?.sharedStorage === true;
  if (shared || mmp || sharedStorage) {
    e.storage.push({
      id: prim.id,
      name: r.name,
      ...(shared ? { shared: shared.span } : {}),
      ...(mmp ? { mmp: mmp.interval ? { interval: mmp.interval } : {} } : {}),
      sharedStorage,
    });
  }
}

export function elaborateGroup(e: Elaboration, g: A.GroupDecl): void {
  if (e.scope.ids.get(g.name.text)?.span !== g.name.span) return;
  if (g.block) checkItems(g.block, "group", e.report);
  const members: string[] = [];
  for (const m of g.members) {
    const id = e.scope.resolve(m);
    if (id === undefined) continue;
    if (id === g.name.text) {
      e.report(diag("HA2012", m.span, `group \`${id}\` cannot hold itself`));
      continue;
    }
    const r = e.resources.get(id);
    if (r && r.kind !== "primitive") {
      e.report(diag("HA2012", m.span, `\`${id}\` is a ${r.kind}; a group holds primitives only`));
      continue;
    }
    if (members.includes(id)) {
      e.report(diag("HA2012", m.span, `\`${id}\` is listed twice in group \`${g.name.text}\``));
      continue;
    }
    members.push(id);
  }
  const description = e.primitives.description(g.block?.items ?? []);
  const params = inherited(e, g.block?.items ?? []);
  e.addResource({ kind: "group", id: g.name.text, span: g.name.span, members, meta: e.primitives.meta(g.block?.items ?? [], []), ...(params.length > 0 ? { params } : {}), ...(description !== undefined ? { description } : {}) });
  e.placement(g.name.text, g.placement, false);
}

export function elaborateClone(e: Elaboration, c: A.CloneDecl): void {
  if (e.scope.ids.get(c.name.text)?.span !== c.name.span) return;
  if (c.block) checkItems(c.block, "clone", e.report);
  const child = e.scope.resolve(c.child);
  if (child === undefined) return;
  if (child === c.name.text) {
    e.report(diag("HA2012", c.child.span, `clone \`${child}\` cannot hold itself`, { hint: "a clone holds a primitive or a group declared under another name" }));
    return;
  }
  const r = e.resources.get(child);
  if (r?.kind === "clone") {
    e.report(diag("HA2012", c.child.span, `\`${child}\` is already a clone; a clone holds a primitive or a group`));
    return;
  }
  const description = e.primitives.description(c.block?.items ?? []);
  const meta = e.primitives.meta(c.block?.items ?? [], []);
  const params = inherited(e, c.block?.items ?? []);
  e.addResource({ kind: "clone", id: c.name.text, span: c.name.span, promotable: c.promotable, child, meta, ...(params.length > 0 ? { params } : {}), ...(description !== undefined ? { description } : {}) });
  e.placement(c.name.text, c.placement, false);
}

/** A group's or clone's `KEY = VALUE;` lines: its `<instance_attributes>`, which Pacemaker gives each member that does not set the name itself (crm_simulate: a probe of a member carries them). */
function inherited(e: Elaboration, items: readonly A.BlockItem[]): Setting[] {
  const out = new Map<string, Setting>();
  for (const it of items) {
    if (it.kind !== "param" || isItemAsParam(it)) continue;
    const prev = out.get(it.pair.key.text);
    if (prev) e.report(setTwice(it.pair.key, prev.span));
    else out.set(it.pair.key.text, { key: it.pair.key.text, value: it.pair.value.text, span: it.span });
  }
  for (const v of out.values()) if (!V.isAttrName(v.key)) e.report(badKey(v));
  return [...out.values()];
}
