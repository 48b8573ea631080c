import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's Chromium, where .ci/run installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Whether headless Chromium is here. In CI (`HACC_REQUIRE_PACEMAKER=1`, which
 * also installs chromium) a missing browser fails the run instead of skipping.
 */
export function haveChromium(): boolean {
  let ok = existsSync(CHROMIUM);
  if (ok) {
    try {
      execFileSync(CHROMIUM, ["--version"], { stdio: "ignore" });
    } catch {
      ok = false;
    }
  }
  if (!ok && process.env["HACC_REQUIRE_PACEMAKER"] === "1") {
    throw new Error(`HACC_REQUIRE_PACEMAKER=1 but ${CHROMIUM} is missing (apt-get install chromium)`);
  }
  return ok;
}

/**
 * Headless Chromium with the flags this machine needs (no background
 * network, no first-run or sync) and a new empty profile directory.
 */
export function launch(viewport = { width: 1200, height: 900 }): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "hacc-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
