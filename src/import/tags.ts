import { step, type LiveTag } from "../review/live.js";
import { BASE, type Refuser } from "./raw.js";
import { nm } from "../syntax/names.js";

/**
 * `tag ID = MEMBER, ...;` for each `<tag>` but the site's ownership tag
 * (`hacc-NAME`, which `hacc compile` writes itself), in the CIB's order.
 * What the checker refuses of one (a template or tag as a member, a member
 * twice) makes the imported site break its code, and the import says so.
 */
export function importTags(tags: readonly LiveTag[], ownerTag: string | undefined, imp: Refuser): string[] {
  const out: string[] = [];
  for (const t of tags) {
    if (ownerTag !== undefined && t.id === `hacc-${ownerTag}`) continue;
    const path = `${BASE}/tags/${step("tag", t.id)}`;
    if (!imp.name(t.id, path, "tag id")) continue;
    const bad = t.refs.find((r) => !imp.name(r, path, "tag member"));
    if (bad !== undefined) continue;
    out.push(`tag ${nm(t.id)} = ${t.refs.map(nm).join(", ")};`);
  }
  return out;
}
