import type * as A from "../ast/types.js";

/**
 * The node attributes the agents Pacemaker ships set at run time (with
 * `attrd_updater`), read from Pacemaker 2.1.5's extra/resources. A rule on
 * one of them is no mistake though no node declares it (HA4100). The health
 * agents (HealthCPU `#health-cpu`, HealthIOWait `#health-iowait`,
 * HealthSMART `#health-smart`, SysInfo's `#health_disk`) set `#` names,
 * which HA4100 never asks to be declared.
 */
interface Sets {
  /** The parameter naming the attribute, and its default (`opa-` + the resource's id for ocf:pacemaker:attribute). */
  readonly param?: { readonly name: string; readonly default: (id: string) => string };
  /** Names it always sets. */
  readonly fixed?: readonly string[];
  /** A parameter listing paths, each setting `LABEL_free` (SysInfo's `disks`). */
  readonly disks?: string;
}

const AGENTS: ReadonlyMap<string, Sets> = new Map<string, Sets>([
  // ping: `: ${OCF_RESKEY_name:="pingd"}`, then `attrd_updater -n "$OCF_RESKEY_name"`.
  ["ocf:pacemaker:ping", { param: { name: "name", default: () => "pingd" } }],
  // ifspeed: OCF_RESKEY_name_default="ifspeed".
  ["ocf:pacemaker:ifspeed", { param: { name: "name", default: () => "ifspeed" } }],
  // attribute: DEFAULT_ATTR_NAME="opa-${OCF_RESOURCE_INSTANCE}".
  ["ocf:pacemaker:attribute", { param: { name: "name", default: (id) => `opa-${id}` } }],
  // SysInfo: UpdateStat of these, and `LABEL_free` for "/" (root_free) and each of `disks`.
  ["ocf:pacemaker:SysInfo", { fixed: ["arch", "os", "free_swap", "cpu_info", "cpu_speed", "cpu_cores", "cpu_load", "ram_total", "ram_free", "root_free"], disks: "disks" }],
]);

/** SysInfo's label of a disk path: `/` is `root`, leading slashes dropped, the others `_` (`/var/lib` -> `var_lib`). */
function diskLabel(path: string): string {
  return path === "/" ? "root" : path.replace(/^\/*/, "").replace(/\//g, "_");
}

/**
 * The node attributes the site's resources and templates set at run time
 * through their agents (a resource made from a template has its agent, and
 * its own parameters over the template's).
 */
export function agentSetAttributes(stmts: readonly A.Statement[]): Set<string> {
  const out = new Set<string>();
  const templates = new Map<string, A.TemplateDecl>();
  for (const s of stmts) if (s.kind === "template" && !templates.has(s.name.text)) templates.set(s.name.text, s);
  const params = (b: A.Block | undefined): Map<string, string> => new Map((b?.items ?? []).flatMap((i) => (i.kind === "param" ? [[i.pair.key.text, i.pair.value.text] as const] : [])));
  for (const s of stmts) {
    if (s.kind !== "resource" && s.kind !== "template") continue;
    const t = s.kind === "resource" && s.template !== undefined ? templates.get(s.template.text) : undefined;
    const agent = s.kind === "template" ? s.agent.text : (s.agent?.text ?? t?.agent.text);
    const sets = agent !== undefined ? AGENTS.get(agent) : undefined;
    if (sets === undefined) continue;
    const ps = new Map([...params(t?.block), ...params(s.block)]);
    if (sets.param) out.add(ps.get(sets.param.name) ?? sets.param.default(s.name.text));
    for (const f of sets.fixed ?? []) out.add(f);
    if (sets.disks) for (const d of (ps.get(sets.disks) ?? "").split(/\s+/).filter((x) => x !== "")) out.add(`${diskLabel(d)}_free`);
  }
  return out;
}
