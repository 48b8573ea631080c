/**
 * Reading what `crm_simulate` (Pacemaker 2.1.5) prints: the cluster status
 * (nodes online, each resource's state and nodes) and the transition
 * summary. The forms are those of lib/pengine/native.c
 * `pcmk__native_output_string` and clone.c `pe__clone_default`, with the
 * options crm_simulate sets (pending actions shown, no node ids, so a guest
 * node is never printed as `g1@h1`).
 */

/** A resource and where it runs: one node, several (clone instances, or a primitive listed on several), or none. */
export interface Status {
  /** Resource id (a group member or a clone, as `crm_simulate` lists it). */
  readonly id: string;
  readonly agent?: string;
  /** The group or clone it belongs to. */
  readonly parent?: string;
  readonly nodes: readonly string[];
  /** The state word: Started, Stopped, Promoted, Unpromoted, FAILED, Starting, ... */
  readonly state: string;
  /** What crm_simulate adds in parentheses or before the state: ORPHANED, blocked, unmanaged, disabled, UNCLEAN, not installed, ... */
  readonly flags?: readonly string[];
}

function section(out: string, heading: string): string {
  const at = out.lastIndexOf(heading);
  if (at < 0) return "";
  const rest = out.slice(at + heading.length);
  const next = rest.search(/\n\S/);
  return next < 0 ? rest : rest.slice(0, next);
}

/** The last status printed: "Revised Cluster Status" when crm_simulate simulated, else the current one. */
function lastStatus(out: string): string {
  return section(out, out.includes("Revised Cluster Status") ? "Revised Cluster Status" : "Current cluster status");
}

/** Online nodes of the last status `crm_simulate` printed ("Revised Cluster Status" when it simulated): cluster nodes, then guest nodes. */
export function readOnline(out: string): string[] {
  const text = lastStatus(out);
  const list = (re: RegExp) => {
    const m = re.exec(text);
    return m ? m[1]!.trim().split(/\s+/) : [];
  };
  return [...list(/\* Online: \[ ([^\]]*) \]/), ...list(/\* GuestOnline: \[ ([^\]]*) \]/)];
}

/** The words of a node list `[ n1 n2 ]`. */
function words(list: string): string[] {
  return list.trim().split(/\s+/).filter((n) => n !== "");
}

/** The flags of every parenthesised group in `text`: `(not installed) (disabled, blocked)` -> not installed, disabled, blocked. */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(",").map((f) => f.trim())).filter((f) => f !== "");
}

/**
 * What follows a primitive's agent: `[ORPHANED] (FAILED [Promoted] | STATE)
 * [NODE] [(probe result)] [(flags)] [description] [[ N1 N2 ]]`. The node is
 * printed when the resource runs on one node; on several, the list in
 * brackets ends the line instead (after the flags and the description).
 */
export function readPlace(tail: string): { state: string; nodes: string[]; flags: string[] } {
  let rest = tail.trim();
  const flags: string[] = [];
  if (/^ORPHANED\b/.test(rest)) {
    flags.push("ORPHANED");
    rest = rest.slice("ORPHANED".length).trimStart();
  }
  const first = /^(\S+)\s*/.exec(rest);
  const state = first?.[1] ?? "Stopped";
  rest = rest.slice(first?.[0].length ?? 0);
  // A failed resource shows its role when it is above Unpromoted: "FAILED Promoted n1".
  if (state === "FAILED" && /^Promoted\b/.test(rest)) {
    flags.push("Promoted");
    rest = rest.slice("Promoted".length).trimStart();
  }
  const many = /\[ ([^\]]*) \]\s*$/.exec(rest);
  let nodes: string[];
  if (many) {
    nodes = words(many[1]!);
    rest = rest.slice(0, many.index);
  } else {
    const one = /^([^\s(]+)/.exec(rest);
    nodes = one ? [one[1]!] : [];
    if (one) rest = rest.slice(one[0].length);
  }
  flags.push(...flagsIn(rest));
  return { state, nodes: state === "Stopped" ? [] : nodes, flags };
}

/** Every resource of the last status `crm_simulate` printed, in its order. */
export function readStatus(out: string): Status[] {
  const text = lastStatus(out);
  const list = text.slice(Math.max(0, text.indexOf("Full List of Resources")));
  const res: Status[] = [];
  const withFlags = (s: Status, flags: readonly string[]): Status => (flags.length > 0 ? { ...s, flags } : s);
  let parent: { id: string; clone: boolean; bundle?: boolean; indent: number } | undefined;
  for (const line of list.split("\n")) {
    const indent = line.search(/\S/);
    if (indent < 0) continue;
    if (parent && indent <= parent.indent) parent = undefined;
    const group = /^\s*\* Resource Group: (\S+?):?\s*(?:\(.*\))?:?$/.exec(line);
    if (group) {
      parent = { id: group[1]!, clone: false, indent };
      continue;
    }
    const clone = /^\s*\* (?:Clone Set|Promotable Clone Set|Clone Set \(promotable\)): (\S+) \[(\S+)\]/.exec(line);
    if (clone) {
      parent = { id: clone[1]!, clone: true, indent };
      continue;
    }
    // A bundle is one row, as a clone is: where its replicas run (`* httpd-bundle-0 (IP) (AGENT): Started n1`).
    const bundle = /^\s*\* Container bundle(?: set)?: (\S+) \[/.exec(line);
    if (bundle) {
      parent = { id: bundle[1]!, clone: false, bundle: true, indent };
      res.push({ id: bundle[1]!, nodes: [], state: "Stopped" });
      continue;
    }
    const replica = parent?.bundle ? /^\s*\* \S+(?:\s+\([^)]*\))?\s+\([^)]*\):\s(.*)$/.exec(line) : null;
    if (replica) {
      const at = res.findIndex((r) => r.id === parent!.id);
      const place = readPlace(replica[1]!);
      if (place.nodes.length > 0 && at >= 0) res[at] = { id: parent!.id, nodes: [...res[at]!.nodes, ...place.nodes].sort(), state: "Started" };
      continue;
    }
    // A clone's instances by state: `* Started: [ n1 n2 ]`, `* Stopped (disabled): [ n3 ]`, `* Unpromoted (target-role): [ n2 ]`.
    const inst = parent?.clone ? /^\s*\* (\w+)((?: \([^)]*\))*): \[ ([^\]]*) \]/.exec(line) : null;
    if (inst) {
      const nodes = words(inst[3]!);
      const prev = res.findIndex((r) => r.id === parent!.id && r.state === "Started");
      if (inst[1] === "Stopped") {
        if (!res.some((r) => r.id === parent!.id)) res.push({ id: parent!.id, nodes: [], state: "Stopped" });
        continue;
      }
      if (prev >= 0) res[prev] = { ...res[prev]!, nodes: [...res[prev]!.nodes, ...nodes].sort() };
      else {
        const stopped = res.findIndex((r) => r.id === parent!.id);
        const entry: Status = { id: parent!.id, nodes: nodes.sort(), state: "Started" };
        if (stopped >= 0) res[stopped] = entry;
        else res.push(entry);
      }
      continue;
    }
    // `* r1\t(ocf:heartbeat:Dummy):\t Started n1`.
    const prim = /^\s*\* (\S+)\s+\(([^)]*)\):\s(.*)$/.exec(line);
    if (prim) {
      const place = readPlace(prim[3]!);
      res.push(withFlags({ id: prim[1]!, agent: prim[2]!, ...(parent ? { parent: parent.id } : {}), nodes: place.nodes, state: place.state }, place.flags));
      continue;
    }
  }
  return res;
}

/** One line of the "Transition Summary": what the scheduler decided and why. */
export interface TransitionEntry {
  readonly action: string;
  readonly id: string;
  readonly detail: string;
  readonly reason?: string;
}

/** The "Transition Summary" of a `crm_simulate` run. */
export function readTransition(out: string): TransitionEntry[] {
  const text = section(out, "Transition Summary:");
  const res: TransitionEntry[] = [];
  for (const m of text.matchAll(/^[ \t]*\* (\w+)[ \t]+(\S+)[ \t]+\([ \t]*(.*?)[ \t]*\)(?:[ \t]+(.*))?$/gm)) {
    res.push({ action: m[1]!, id: m[2]!, detail: m[3]!, ...(m[4] ? { reason: m[4].trim() } : {}) });
  }
  return res;
}

/**
 * Where one run's transition starts each resource: "Start r2 ( h2 )", "Move
 * r2 ( g1 -> h2 )" and the like in its Transition Summary, by resource.
 */
export function startedBy(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of readTransition(out)) {
    if (!/^(?:Start|Move|Recover|Migrate|Restart)$/.test(e.action)) continue;
    const to = /(?:\S+\s+->\s+)?(\S+)$/.exec(e.detail);
    if (to) m.set(e.id, to[1]!);
  }
  return m;
}

/**
 * Where a resource runs after a run, read as a cluster would have it. A
 * primitive (not in a group or clone) listed on several nodes is one the
 * transition started on one of them while crm_simulate keeps its record
 * inside a guest whose VM ran on a host that left ("b Started [ n2 g1 ]"
 * after "Start b ( n2 )": the guest restarts empty in a cluster): the node
 * the transition started it on. Otherwise the nodes as listed.
 */
export function placedNodes(s: Status, started: ReadonlyMap<string, string>): readonly string[] {
  if (s.state === "Stopped") return [];
  const to = started.get(s.id);
  if (s.agent !== undefined && s.parent === undefined && s.nodes.length > 1 && to !== undefined && s.nodes.includes(to)) return [to];
  return s.nodes;
}
