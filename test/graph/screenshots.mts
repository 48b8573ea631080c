/**
 * Regenerates the pictures in docs/images from the example site (all hosts
 * up; nio006 down) through the same code as `hacc graph -o FILE.html`,
 * photographed in headless Chromium. Run: npx tsx test/graph/screenshots.ts
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { siteGraph } from "../../src/graph/dot.js";
import { renderHtml, renderSvg } from "../../src/graph/render.js";
import { analyzeText, ROOT } from "../helpers.js";
import { launch } from "./browser.js";

const site = analyzeText(readFileSync(join(ROOT, "examples", "storage-cluster.ha"), "utf8")).value.site!;
const dir = mkdtempSync(join(tmpdir(), "hacc-shots-"));
const ctx = await launch({ width: 960, height: 300 });
for (const [name, fail] of [["storage-cluster", []], ["storage-cluster-nio006-down", ["nio006"]]] as const) {
  const g = siteGraph(site, { fail });
  const html = join(dir, `${name}.html`);
  writeFileSync(html, renderHtml(g, await renderSvg(g.dot)));
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(html).href);
  // The picture is drawn at its own size (the page scrolls sideways): widen the window to show all of it.
  const width = await page.evaluate(() => Math.ceil(document.querySelector("main svg")!.getBoundingClientRect().right) + 20);
  await page.setViewportSize({ width: Math.max(960, width), height: 300 });
  await page.screenshot({ path: join(ROOT, "docs", "images", `${name}.png`), fullPage: true });
  await page.close();
}
await ctx.close();
