/**
 * The one catalogue of hacc's diagnostics. Codes are grouped by stage:
 * 1xxx syntax, 2xxx names, 3xxx agents and values, 4xxx cluster rules,
 * 5xxx target limits. A code is never reused; docs/diagnostics.md documents
 * each one with a failing example (a test keeps the two in step).
 */
/** An error fails the run; a warning and a note (what hacc did instead, for the reader to know) do not. */
export type Severity = "error" | "warning" | "note";

export interface CatalogueEntry {
  readonly severity: Severity;
  /** Short title used in docs/diagnostics.md. */
  readonly title: string;
}

export const CATALOGUE = {
  HA1001: { severity: "error", title: "unexpected character" },
  HA1002: { severity: "error", title: "unterminated string" },
  HA1003: { severity: "error", title: "syntax error" },
  HA1004: { severity: "error", title: "invalid escape in string" },
  HA1005: { severity: "error", title: "setting not allowed here" },
  HA1006: { severity: "error", title: "file is not UTF-8" },

  HA2001: { severity: "error", title: "unknown node" },
  HA2002: { severity: "error", title: "unknown resource" },
  HA2003: { severity: "error", title: "unknown guest" },
  HA2004: { severity: "error", title: "duplicate name" },
  HA2005: { severity: "error", title: "generated id collides" },
  HA2006: { severity: "error", title: "guest named like a node or resource" },
  HA2007: { severity: "error", title: "unknown statement or service kind" },
  HA2008: { severity: "error", title: "more than one cluster block" },
  HA2009: { severity: "error", title: "no cluster block" },
  HA2010: { severity: "error", title: "duplicate agent or service declaration" },
  HA2011: { severity: "error", title: "constraint names a resource inside a clone" },
  HA2012: { severity: "error", title: "resource has more than one parent" },
  HA2013: { severity: "error", title: "service kind names an unknown parameter" },
  HA2100: { severity: "error", title: "unknown fencing device" },
  HA2101: { severity: "error", title: "fencing level for an unknown node" },
  HA2102: { severity: "error", title: "fencing level names a resource that is no fencing device" },
  HA2103: { severity: "error", title: "two fencing levels of one index for one target" },
  HA2104: { severity: "error", title: "alert name already taken" },
  HA2105: { severity: "error", title: "recipient listed twice" },

  HA3001: { severity: "error", title: "invalid score" },
  HA3002: { severity: "error", title: "invalid duration" },
  HA3003: { severity: "error", title: "invalid host PCI address" },
  HA3004: { severity: "error", title: "invalid guest PCI slot" },
  HA3005: { severity: "error", title: "invalid id" },
  HA3006: { severity: "error", title: "missing required parameter" },
  HA3007: { severity: "warning", title: "unknown parameter" },
  HA3008: { severity: "error", title: "attribute set twice" },
  HA3009: { severity: "error", title: "unknown operation attribute" },
  HA3010: { severity: "error", title: "invalid agent" },
  HA3011: { severity: "warning", title: "score beyond Pacemaker's range" },
  HA3012: { severity: "warning", title: "unknown cluster property" },
  HA3013: { severity: "error", title: "setting reserved for hacc" },
  HA3014: { severity: "error", title: "invalid number" },
  HA3015: { severity: "error", title: "control character in a string" },
  HA3016: { severity: "error", title: "property the cluster manages itself" },
  HA3017: { severity: "error", title: "invalid cluster property value" },
  HA3050: { severity: "error", title: "node attribute set twice" },
  HA3051: { severity: "error", title: "node standby or maintenance not a boolean" },
  HA3060: { severity: "warning", title: "order option Pacemaker ignores" },
  HA3061: { severity: "error", title: "order option set twice or contradicted" },
  HA3070: { severity: "error", title: "invalid location rule" },
  HA3071: { severity: "error", title: "invalid date" },
  HA3072: { severity: "error", title: "invalid role or resource-discovery" },
  HA3100: { severity: "error", title: "invalid fencing level" },
  HA3101: { severity: "error", title: "empty fencing target pattern" },
  HA3102: { severity: "error", title: "alert agent path not absolute" },

  HA4001: { severity: "error", title: "host virtual function claimed twice" },
  HA4002: { severity: "error", title: "guest slot used twice" },
  HA4003: { severity: "error", title: "too many virtual functions on a host" },
  HA4004: { severity: "error", title: "order cycle" },
  HA4005: { severity: "error", title: "resource ordered after itself" },
  HA4006: { severity: "error", title: "resource can never run" },
  HA4007: { severity: "warning", title: "shared target without MMP" },
  HA4008: { severity: "warning", title: "shared target with one host" },
  HA4009: { severity: "error", title: "resource colocated with itself" },
  HA4010: { severity: "warning", title: "MMP update interval below 60 s" },
  HA4011: { severity: "warning", title: "guest with no failover host" },
  HA4012: { severity: "warning", title: "guest stops when a host fails" },
  HA4013: { severity: "warning", title: "host over its declared capacity" },
  HA4020: { severity: "error", title: "fencing enabled without a fencing device" },
  HA4021: { severity: "warning", title: "failures expire before they add up" },
  HA4022: { severity: "warning", title: "guest boot longer than its connection timeout" },
  HA4023: { severity: "warning", title: "host resources may run inside guest nodes" },
  HA4024: { severity: "warning", title: "shared storage without fencing" },
  HA4025: { severity: "warning", title: "live migration of a guest with passed-through VFs" },
  HA4026: { severity: "note", title: "failure model fell back to the worst case" },
  HA4027: { severity: "warning", title: "resource predicted not to start with every host up" },
  HA4030: { severity: "error", title: "domain XML passes through a VF the site does not declare" },
  HA4031: { severity: "error", title: "VF missing from the domain XML" },
  HA4032: { severity: "error", title: "VF at another guest slot in the domain XML" },
  HA4033: { severity: "error", title: "guest without a domain XML" },
  HA4034: { severity: "error", title: "domain XML names another domain" },
  HA4035: { severity: "error", title: "domain XML cannot be read" },
  HA4036: { severity: "warning", title: "domain XML passes through a device hacc does not check" },
  HA4037: { severity: "warning", title: "VF not managed by libvirt" },
  HA4060: { severity: "error", title: "role of a resource that is not promotable" },
  HA4070: { severity: "warning", title: "role on a resource that is not promotable" },
  HA4100: { severity: "warning", title: "rule on a node attribute no node declares" },

  HA5001: { severity: "error", title: "value the target cannot carry" },
  HA5002: { severity: "error", title: "feature the pcs dialect cannot express" },
  HA5003: { severity: "error", title: "unknown pcs version" },
  HA5030: { severity: "error", title: "fencing levels crmsh cannot number" },
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof CATALOGUE;
