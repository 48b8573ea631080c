import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { hacc, ROOT } from "../helpers.js";
import { haveChromium, launch } from "./browser.js";
import { laidLabels, overlaps } from "./layout.js";
import { pairedSite, storageSite } from "./sites.js";

/**
 * The HTML picture in a real browser (Debian's chromium, headless, driven by
 * playwright-core): it loads offline without errors and shows every host and
 * guest. Locally the test skips when chromium is absent; in CI it must run.
 */
const browser = haveChromium();
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

async function open(args: string[]) {
  const out = join(mkdtempSync(join(tmpdir(), "hacc-graph-html-")), "site.html");
  const r = hacc(["graph", EXAMPLE, ...args, "-o", out]);
  expect(r.code, r.stderr).toBe(0);
  const ctx = await launch();
  const page = await ctx.newPage();
  const problems: string[] = [];
  const fetched: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (req) => {
    if (!req.url().startsWith("file:")) fetched.push(req.url());
  });
  await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
  const texts = await page.locator("svg text").allTextContents();
  const hosts = await page.locator("svg g.cluster.host").count();
  const guests = await page.locator("svg g.cluster.guest").count();
  const visible = await page.locator("svg").isVisible();
  await ctx.close();
  return { problems, fetched, texts, hosts, guests, visible };
}

describe.skipIf(!browser)("hacc graph in Chromium", () => {
  it("the example loads offline without errors and shows every host and guest", async () => {
    const r = await open([]);
    expect(r.problems).toEqual([]);
    expect(r.fetched).toEqual([]);
    expect(r.visible).toBe(true);
    expect(r.hosts).toBe(2);
    expect(r.guests).toBe(2);
    for (const name of ["nio005", "nio006", "vnio005", "vnio006", "vm-vnio005", "vm-vnio006", "lwfsd-vnio005", "lwfsd-vnio006", "ost0", "ost1"]) {
      expect(r.texts).toContain(name);
    }
  }, 60_000);

  it("with nio006 down, shows it failed and vnio006 moved to nio005", async () => {
    const r = await open(["--fail", "nio006"]);
    expect(r.problems).toEqual([]);
    expect(r.fetched).toEqual([]);
    expect(r.hosts).toBe(2);
    expect(r.guests).toBe(2);
    expect(r.texts).toContain("nio006 (failed)");
    expect(r.texts).toContain("vnio006 (moved from nio006)");
    expect(r.texts.filter((t) => t === "moved from nio006")).toHaveLength(2);
  }, 60_000);
});

/** How far an edge label's box may be from its own edge's path, in CSS pixels. */
const ON_EDGE = 4;

describe.skipIf(!browser)("hacc graph in Chromium: sites of 4 to 16 hosts stay legible", () => {
  // n04's guest is pinned (it stops) and its target moves; n01's guest and target both move to n02,
  // two "moved from n01" lines from one host.
  it.each([
    [4, "n04"],
    [8, "n04"],
    [16, "n04"],
    [4, "n01"],
    [12, "n01"],
    [16, "n01"],
  ])("%i hosts, %s failed: hosts in rows of at most 4, no two labels overlap, edge labels sit on their edges, text is readable, the key is drawn", async (hosts, fail) => {
    const d = mkdtempSync(join(tmpdir(), "hacc-graph-size-"));
    const file = join(d, "site.ha");
    writeFileSync(file, storageSite(hosts));
    const out = join(d, "site.html");
    const r = hacc(["graph", file, "--fail", fail, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const sim = hacc(["simulate", file, "--engine", "hacc", "--fail", fail]);
    const summary = /\n(\d+ moved, [^;]*); online afterwards/.exec(sim.stdout)?.[1];
    expect(summary).toBeDefined();
    const ctx = await launch();
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
    const labels = await laidLabels(page);
    const header = await page.locator("header li").first().textContent();
    const keyFrame = await page.locator("svg g#key").count();
    const hostCount = await page.locator("svg g.cluster.host").count();
    const hostBoxes = await page.locator("svg g.cluster.host").evaluateAll((els) =>
      els.map((e) => {
        const b = e.getBoundingClientRect();
        return { x: b.left, y: b.top, w: b.width, h: b.height };
      }),
    );
    const width = await page.locator("main svg").evaluate((e) => e.getBoundingClientRect().width);
    await ctx.close();

    expect(hostCount).toBe(hosts);
    // Hosts wrap into rows: no horizontal line crosses more than 4 hosts, and the picture is
    // about as wide as 4 of them, with room for the key and what runs nowhere (at 8 to 16
    // hosts it was one row, 3,000 to 6,000 pt wide).
    const across = hostBoxes.map((a) => hostBoxes.filter((b) => b.y < a.y + a.h / 2 && a.y + a.h / 2 < b.y + b.h).length);
    expect(Math.max(...across)).toBeLessThanOrEqual(4);
    expect(width).toBeLessThanOrEqual((Math.min(hosts, 4) + 1) * Math.max(...hostBoxes.map((b) => b.w)) + 700);
    expect(header).toContain(summary!);
    expect(labels.filter((l) => l.kind === "graph").map((l) => l.text)).toEqual([`site${hosts}: ${fail} failed / ${summary}`]);
    expect(keyFrame).toBe(1);
    const key = labels.filter((l) => l.owner === "cluster_key" || l.owner.startsWith("key:")).flatMap((l) => l.text.split(" / "));
    expect(key).toEqual(["key", "may fail over to", "order (then)", "colocation (with)", "moved from", "id", "guest (its VM inside)", "id", "Lustre target", "id", "moved", "id", "stopped"]);
    // Every resource is named in the picture: 3 boxes a host (guest VM, lwfsd, target).
    for (let i = 1; i <= hosts; i++) {
      const id = String(i).padStart(2, "0");
      for (const name of [`vm-v${id}`, `lwfsd-v${id}`, `ost${id}`]) expect(labels.some((l) => l.kind === "node" && l.text.startsWith(`${name} / `)), name).toBe(true);
    }
    expect(overlaps(labels)).toEqual([]);
    const edgeLabels = labels.filter((l) => l.kind === "edge");
    expect(edgeLabels.length).toBeGreaterThanOrEqual(2 * hosts);
    expect(edgeLabels.filter((l) => !(l.offEdge! <= ON_EDGE)).map((l) => `${l.text} (${l.owner}) ${l.offEdge!.toFixed(1)} px off`)).toEqual([]);
    expect(edgeLabels.filter((l) => l.text.startsWith("moved from") && l.crossedBy!.length > 0).map((l) => `${l.owner} crossed by ${l.crossedBy!.join(", ")}`)).toEqual([]);
    // Drawn at its own size (the page scrolls), not shrunk to the window: a node's line of text is at least 10 px high.
    const nodeLines = labels.filter((l) => l.kind === "node" && !l.owner.startsWith("key:"));
    expect(Math.min(...nodeLines.map((l) => l.box.h / l.text.split(" / ").length))).toBeGreaterThanOrEqual(10);
  }, 120_000);
});

describe.skipIf(!browser)("hacc graph in Chromium: two things moved from one host", () => {
  it.each([4, 12])("%i hosts, h1 failed: each \"moved from h1\" label sits on its own line, apart from the other, crossed by no line", async (hosts) => {
    const d = mkdtempSync(join(tmpdir(), "hacc-graph-paired-"));
    const file = join(d, "site.ha");
    writeFileSync(file, pairedSite(hosts));
    const out = join(d, "site.html");
    const r = hacc(["graph", file, "--fail", "h1", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const ctx = await launch();
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(out).href, { waitUntil: "load" });
    const labels = await laidLabels(page);
    await ctx.close();
    const moved = labels.filter((l) => l.kind === "edge" && l.text === "moved from h1");
    expect(moved).toHaveLength(2);
    expect(overlaps(labels)).toEqual([]);
    for (const l of moved) {
      expect(l.offEdge!, l.owner).toBeLessThanOrEqual(ON_EDGE);
      expect(l.crossedBy, l.owner).toEqual([]);
    }
    // Apart: not two lines of text stacked one on the other.
    const [a, b] = moved.map((l) => l.box);
    expect(Math.abs(a!.x - b!.x) > a!.w || Math.abs(a!.y - b!.y) > 2 * a!.h).toBe(true);
  }, 120_000);
});
