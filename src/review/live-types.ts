/** What reading a live CIB reports beside the IR (see live.ts). */

/**
 * Something in a live CIB that hacc's IR cannot hold (a feature the language
 * lacks yet). It is reported, never changed, and never deleted.
 */
export interface Unsupported {
  /** Where it is, as an XPath into the CIB, e.g. `/cib/configuration/constraints/rsc_order[@id='o1']`. */
  readonly path: string;
  /** The id of the top-level object it belongs to, if it has one. */
  readonly id?: string;
  /** Why hacc cannot represent it. */
  readonly reason: string;
  /** Resource ids it refers to: removing one of them would leave it dangling. */
  readonly refs: readonly string[];
  /** For a location hacc cannot read (a role, a rule it does not know): its resource and node, if it names them. */
  readonly location?: { readonly rsc: string; readonly node: string };
}

/** A reference from one element of the live configuration to an id (a resource, a set, a device, ...). */
export interface LiveRef {
  /** The id referred to. */
  readonly to: string;
  /** Where the reference is: the referring element, as an XPath. */
  readonly from: string;
  /** The attribute (or element) that holds it, e.g. `devices`, `reference`, `obj_ref`. */
  readonly via: string;
  /** The id of the top-level object that holds it (a resource, constraint, tag, fencing level, ACL, alert), if it has one. */
  readonly holder?: string;
}

/** A Pacemaker tag: its id and the ids it lists. */
export interface LiveTag {
  readonly id: string;
  readonly refs: readonly string[];
}
