import { readdirSync, readFileSync } from "node:fs";
import { importCib } from "../src/import/import.js";
const D = "/work/shared/corpus/pacemaker-cts";
for (const f of readdirSync(D).filter((x) => x.endsWith(".xml")).sort()) {
  const r = importCib(readFileSync(`${D}/${f}`, "utf8"));
  if ("refusals" in r && r.text === undefined) for (const x of r.refusals) if (x.reason.startsWith("a second")) { console.log(f, x.path.replace(/.*primitive/, ""), x.reason.slice(0, 90)); break; }
}
