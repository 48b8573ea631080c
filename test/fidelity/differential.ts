/**
 * The differential harness: one site, Pacemaker's scheduler (crm_simulate)
 * against hacc's prediction, all hosts up and after every single host
 * failure. crm_simulate is driven the way `hacc simulate` drives it
 * (src/simulate/crm.ts: the same runs, the same reading of its output);
 * each failure starts from the all-up state.
 */

import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { forSimulation, INVALID, pacemakerRuns, placedNodes, readStatus, startedBy } from "../../src/simulate/crm.js";
import { predict, UNCERTAIN, UNDETERMINED, type Where } from "./engine.js";

const run = promisify(execFile);

/** One resource placed differently by hacc and by Pacemaker. */
export interface Disagreement {
  /** "all up", "all up, settled" (the run after, with the guest nodes up), or "HOST fails". */
  readonly scenario: string;
  readonly resource: string;
  /** The node hacc predicts, "stopped", or "not predicted". */
  readonly hacc: string;
  readonly pacemaker: string;
}

export interface SiteResult {
  readonly scenarios: number;
  /** Placements compared (resource x scenario). */
  readonly compared: number;
  /** Resources Pacemaker lists that hacc does not predict (inside guests without a fixed tie to their VM), per scenario. */
  readonly unpredicted: number;
  /**
   * Placements hacc reports as not predicted in that run because they hang
   * on Pacemaker's hash order (a tie for most free room): not compared,
   * counted apart.
   */
  readonly undetermined: number;
  /** Placements hacc reports as uncertain (a resource it does not predict may change them): not compared, counted apart. */
  readonly uncertain: number;
  /**
   * Scenarios where crm_simulate itself failed with "An invalid transition
   * was produced" (Pacemaker 2.1.5 builds a transition graph it cannot
   * execute, so its status afterwards is no placement): not compared,
   * counted apart.
   */
  readonly invalid: readonly string[];
  readonly disagreements: readonly Disagreement[];
}

/**
 * Pacemaker's placement in one run's output: resource -> node or "stopped"
 * (clone instances and the like are left out). A primitive listed on
 * several nodes is one the transition started on one of them while
 * crm_simulate keeps its record inside a guest whose VM restarted elsewhere
 * (seed 77: r2 "Started [ h2 g1 ]" after "Start r2 ( h2 )"): the node the
 * transition started it on is its placement; otherwise it counts as stopped.
 */
export function pacemakerWhere(out: string): Map<string, string> {
  const m = new Map<string, string>();
  const started = startedBy(out);
  for (const s of readStatus(out)) {
    const nodes = placedNodes(s, started);
    m.set(s.id, nodes.length === 1 ? nodes[0]! : "stopped");
  }
  return m;
}

/** What crm_simulate prints when the transition it built cannot be executed (it then exits non-zero). */
export const INVALID_TRANSITION = INVALID;

/** The mark of a scenario not compared because the scheduler never stopped moving things. */
export const UNSETTLED = "the scheduler still moved resources after every run asked for";

async function crmSimulate(dir: string, args: readonly string[]): Promise<string> {
  try {
    const r = await run("crm_simulate", [...args], { cwd: dir, encoding: "utf8", maxBuffer: 16 << 20 });
    return r.stdout;
  } catch (e) {
    // It says so on stderr; its stdout, marked, is still the scenario's record: compareSite counts it apart.
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    if (typeof stdout === "string" && typeof stderr === "string" && stderr.includes(INVALID_TRANSITION)) return `${stdout}\n${INVALID_TRANSITION}\n`;
    throw e;
  }
}

/**
 * Compares one site. `mustPredict` names the resources hacc has to predict
 * (guest VMs, plain resources on the hosts): one it leaves out is a
 * disagreement ("not predicted"), never skipped. A placement hacc itself
 * reports as uncertain is counted apart, not compared; every other one is.
 */
export async function compareSite(text: string, mustPredict: readonly string[]): Promise<SiteResult> {
  const ours = predict(text);
  const dir = await mkdtemp(join(tmpdir(), "hacc-fidelity-"));
  try {
    const guests = { vmOf: ours.vmOf, guests: [...ours.vmOf.values()] };
    await writeFile(join(dir, "full.xml"), forSimulation(ours.cib, guests.guests));
    // The runs `hacc simulate --engine pacemaker` makes (src/simulate/crm.ts), every host failing in turn.
    const runs = pacemakerRuns(ours.nodes, guests, ours.nodes.map((n) => [n]));
    let step = runs.next();
    while (!step.done) step = runs.next(await crmSimulate(dir, step.value));
    const out = step.value;
    const scenarios: { name: string; hacc: Where; out: string }[] = [{ name: "all up", hacc: ours.allUp, out: out.first }];
    // With guests, a second run brings their nodes up: the scheduler runs again on
    // what is now running, where Pacemaker may already move things ("all up, settled").
    if (out.before !== out.first) scenarios.push({ name: "all up, settled", hacc: ours.settled, out: out.before });
    // Each failure starts from the settled run's result. When crm_simulate could not
    // execute that run's transition (or the first one's), it stops half way, in a state
    // no cluster stays in (a cluster runs the scheduler again): a failure taken from
    // there is not a cluster's answer, so it is not compared either (seed 932).
    const baseInvalid = out.first.includes(INVALID_TRANSITION) || out.before.includes(INVALID_TRANSITION);
    ours.nodes.forEach((host, i) => scenarios.push({ name: `${host} fails`, hacc: ours.after.get(host) ?? {}, out: baseInvalid ? `${out.after[i]!}\n${INVALID_TRANSITION} (in the run it starts from)\n` : out.after[i]! }));
    // A site Pacemaker's scheduler still moves after SETTLE_ROUNDS runs has no settled state to compare.
    if (!out.settled) for (const sc of scenarios.slice(1)) if (!sc.out.includes(INVALID_TRANSITION)) sc.out += `\n${INVALID_TRANSITION} (no run settled: ${UNSETTLED})\n`;
    const predicted = new Set(ours.predicted);
    const guestNodes = new Set(guests.guests);
    const disagreements: Disagreement[] = [];
    let compared = 0;
    let unpredicted = 0;
    let undetermined = 0;
    let uncertain = 0;
    const invalid: string[] = [];
    for (const sc of scenarios) {
      if (sc.out.includes(INVALID_TRANSITION)) {
        invalid.push(sc.name);
        continue;
      }
      const theirs = pacemakerWhere(sc.out);
      for (const id of ours.predicted) {
        if (sc.hacc[id] === UNCERTAIN) {
          uncertain++;
          continue;
        }
        if (sc.hacc[id] === UNDETERMINED) {
          undetermined++;
          continue;
        }
        compared++;
        const p = theirs.get(id) ?? "stopped";
        if (sc.hacc[id] !== p) disagreements.push({ scenario: sc.name, resource: id, hacc: sc.hacc[id] ?? "stopped", pacemaker: p });
      }
      for (const id of mustPredict) {
        if (!predicted.has(id)) disagreements.push({ scenario: sc.name, resource: id, hacc: "not predicted", pacemaker: theirs.get(id) ?? "stopped" });
      }
      for (const id of theirs.keys()) if (!predicted.has(id) && !guestNodes.has(id)) unpredicted++;
    }
    return { scenarios: scenarios.length, compared, unpredicted, undetermined, uncertain, invalid, disagreements };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `work` over `items` with at most `jobs` at a time, keeping the items' order in the results. */
export async function pool<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return out;
}
