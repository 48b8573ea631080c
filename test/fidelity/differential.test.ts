import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { havePacemaker, ROOT } from "../helpers.js";
import { compareSite, pool } from "./differential.js";
import { generateSite } from "./generate.js";

/**
 * hacc's placement prediction against Pacemaker's scheduler on generated
 * sites: every predicted placement, all hosts up and after every single host
 * failure, must be crm_simulate's. HACC_FIDELITY_SITES sites (default 100,
 * about 2 minutes on two cores), seeds from HACC_FIDELITY_SEED (default 1).
 * `npm run fidelity` runs thousands.
 *
 * Also the minimal sites in test/fidelity/cases/, one per Pacemaker rule
 * hacc once got wrong (each file says which rule, and where in Pacemaker's
 * scheduler it lives).
 *
 * Off unless HACC_FIDELITY=1: today's predictions still disagree on some
 * sites (docs/failover.md, "Fidelity"); the test is turned on once the
 * placer agrees.
 */
const on = process.env["HACC_FIDELITY"] === "1";
const tools = on && havePacemaker(["crm_simulate"]);
const SITES = Number(process.env["HACC_FIDELITY_SITES"] ?? 100);
const CASES = join(ROOT, "test", "fidelity", "cases");
const SEED = Number(process.env["HACC_FIDELITY_SEED"] ?? 1);

describe.skipIf(!tools)("hacc's predictions agree with crm_simulate", () => {
  it(`on ${SITES} generated sites from seed ${SEED}, all hosts up and after each single host failure`, async () => {
    const seeds = Array.from({ length: SITES }, (_, i) => SEED + i);
    const results = await pool(seeds, 2, async (seed) => {
      const site = generateSite(seed);
      return { seed, ...(await compareSite(site.text, site.mustPredict)) };
    });
    const compared = results.reduce((n, r) => n + r.compared, 0);
    expect(compared).toBeGreaterThan(SITES * 2);
    const wrong = results.flatMap((r) => r.disagreements.map((d) => `seed ${r.seed}, ${d.scenario}: ${d.resource} hacc ${d.hacc}, pacemaker ${d.pacemaker}`));
    expect(wrong, "`npm run fidelity -- --show SEED` prints a site").toEqual([]);
  });

  for (const name of readdirSync(CASES).filter((n) => n.endsWith(".ha")).sort()) {
    it(`on ${name}`, async () => {
      const r = await compareSite(readFileSync(join(CASES, name), "utf8"), []);
      expect(r.compared).toBeGreaterThan(0);
      expect(r.disagreements).toEqual([]);
    });
  }
});
