import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { hacc, ROOT } from "../helpers.js";
import { haveChromium, launch } from "./browser.js";

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
