import { type CstNode, type IOrAlt } from "chevrotain";
import type { FileCstNode } from "./cst.js";
import { messages } from "./messages.js";
import { AdminGrammar } from "./admin-grammar.js";
import * as T from "./tokens.js";

export { STRAY } from "./messages.js";

/**
 * The `.ha` grammar. Pure: it builds a CST and nothing else; meaning lives in
 * the CST-to-AST visitor (src/ast). Built once and reused (see `haParser`).
 *
 * `validate` runs chevrotain's grammar validations (ambiguities, left
 * recursion, ...). They cost start-up time and can only fail when the
 * grammar is edited, so the shipped singleton skips them and a test builds
 * the parser with them (test/syntax/grammar-valid.test.ts).
 */
export class HaParser extends AdminGrammar {
  // The alternatives of the ORs that run once per statement or item are
  // fields (`...Alts`), built once: an inline array allocates an object and a
  // closure per alternative on every call, a large share of a big site's
  // garbage. Their closures use only `this`, so sharing them is safe.

  constructor({
    validate = false,
    recover = true,
  }: { validate?: boolean; recover?: boolean } = {}) {
    super(T.ALL_TOKENS, {
      recoveryEnabled: recover,
      nodeLocationTracking: "onlyOffset",
      maxLookahead: 3,
      errorMessageProvider: messages,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.statement));
  });

  statement = this.RULE("statement", () => {
    this.OR(this.statementAlts);
  });
  private readonly statementAlts: IOrAlt<void>[] = [
    { ALT: () => this.SUBRULE(this.clusterDecl) },
    { ALT: () => this.SUBRULE(this.guestDecl) },
    { ALT: () => this.SUBRULE(this.resourceDecl) },
    { ALT: () => this.SUBRULE(this.templateDecl) },
    { ALT: () => this.SUBRULE(this.orderDecl) },
    { ALT: () => this.SUBRULE(this.orderSetDecl) },
    { ALT: () => this.SUBRULE(this.colocateDecl) },
    { ALT: () => this.SUBRULE(this.colocateSetDecl) },
    { ALT: () => this.SUBRULE(this.ticketDecl) },
    { ALT: () => this.SUBRULE(this.groupDecl) },
    { ALT: () => this.SUBRULE(this.cloneDecl) },
    { ALT: () => this.SUBRULE(this.bundleDecl) },
    { ALT: () => this.SUBRULE(this.agentDecl) },
    { ALT: () => this.SUBRULE(this.serviceDecl) },
    { ALT: () => this.SUBRULE(this.locationDecl) },
    { ALT: () => this.SUBRULE(this.fencingDecl) },
    { ALT: () => this.SUBRULE(this.alertDecl) },
    { ALT: () => this.SUBRULE(this.aclDecl) },
    { ALT: () => this.SUBRULE(this.tagDecl) },
    { ALT: () => this.SUBRULE(this.instanceDecl) },
  ];

  clusterDecl = this.RULE("clusterDecl", () => {
    this.CONSUME(T.Cluster);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.clusterItem));
    this.CONSUME(T.RBrace);
  });

  clusterItem = this.RULE("clusterItem", () => {
    this.OR(this.clusterItemAlts);
  });
  private readonly clusterItemAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Nodes);
        this.AT_LEAST_ONE_SEP({
          SEP: T.Comma,
          DEF: () => this.CONSUME(T.NameTok, { LABEL: "node" }),
        });
        this.CONSUME(T.Semi);
      },
    },
    {
      // `unlisted-nodes NODE, ...;`: nodes a constraint or fencing level may name that `<nodes>` does not list (none written).
      ALT: () => {
        this.CONSUME(T.UnlistedNodes);
        this.AT_LEAST_ONE_SEP2({
          SEP: T.Comma,
          DEF: () => this.CONSUME6(T.NameTok, { LABEL: "unlistedNode" }),
        });
        this.CONSUME9(T.Semi);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Property);
        this.OR4([
          {
            ALT: () => {
              this.SUBRULE(this.pair);
              this.CONSUME2(T.Semi);
            },
          },
          { ALT: () => this.SUBRULE3(this.defaultsSet) },
        ]);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Defaults);
        this.OR2([
          {
            ALT: () => {
              this.SUBRULE(this.pairList);
              this.CONSUME3(T.Semi);
            },
          },
          { ALT: () => this.SUBRULE(this.defaultsSet) },
        ]);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.OpDefaults);
        this.OR3([
          {
            ALT: () => {
              this.SUBRULE2(this.pairList);
              this.CONSUME4(T.Semi);
            },
          },
          { ALT: () => this.SUBRULE2(this.defaultsSet) },
        ]);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.GuestDefaults);
        this.SUBRULE(this.block);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.VfLimit);
        this.CONSUME2(T.Word, { LABEL: "limit" });
        this.CONSUME5(T.Semi);
      },
    },
    {
      // `host-failures N;`: how many hosts may be down at once (the failure model, default 1).
      ALT: () => {
        this.CONSUME(T.HostFailures);
        this.CONSUME4(T.Word, { LABEL: "failures" });
        this.CONSUME7(T.Semi);
      },
    },
    {
      // `utilization NODE KEY = VALUE, ...;`: what a node offers (its capacity); or a set of it chosen by a rule or a score.
      ALT: () => {
        this.CONSUME(T.Utilization);
        this.CONSUME3(T.NameTok, { LABEL: "capacityNode" });
        this.OR5([
          {
            ALT: () => {
              this.SUBRULE3(this.pairList);
              this.CONSUME6(T.Semi);
            },
          },
          { ALT: () => this.SUBRULE4(this.defaultsSet, { LABEL: "nodeSet" }) },
        ]);
      },
    },
    {
      // `attributes NODE KEY = VALUE, ...;`: a node's attributes (standby, maintenance, any other); or a set of them chosen by a rule or a score.
      ALT: () => {
        this.CONSUME(T.Attributes);
        this.CONSUME5(T.NameTok, { LABEL: "attributesNode" });
        this.OR6([
          {
            ALT: () => {
              this.SUBRULE4(this.pairList);
              this.CONSUME8(T.Semi);
            },
          },
          { ALT: () => this.SUBRULE5(this.defaultsSet, { LABEL: "nodeSet" }) },
        ]);
      },
    },
  ];

  /** `on HOST [prefer] [SCORE] [named ID], HOST [SCORE], ...` */
  placement = this.RULE("placement", () => {
    this.CONSUME(T.On);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => this.SUBRULE(this.placementEntry),
    });
  });

  placementEntry = this.RULE("placementEntry", () => {
    this.CONSUME(T.NameTok, { LABEL: "host" });
    this.OPTION(() => {
      this.OPTION2(() => this.CONSUME(T.Prefer));
      this.CONSUME2(T.Word, { LABEL: "score" });
    });
    // `named ID`: the location's own id instead of `location-RSC-HOST` (pcs names them `location-RSC-HOST-SCORE`).
    this.OPTION3(() => {
      this.CONSUME(T.Named);
      this.CONSUME3(T.NameTok, { LABEL: "named" });
    });
  });

  /** The end of a statement: `;`, optional after a closing `}`. */
  guestDecl = this.RULE("guestDecl", () => {
    this.CONSUME(T.Guest);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.SUBRULE(this.placement);
    this.OR(this.guestDeclAlts);
  });
  private readonly guestDeclAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.block);
        this.OPTION(() => this.CONSUME(T.Semi));
      },
    },
    { ALT: () => this.CONSUME2(T.Semi) },
  ];

  resourceDecl = this.RULE("resourceDecl", () => {
    this.CONSUME(T.Resource);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.OR(this.resourceKindAlts);
    this.SUBRULE(this.tail);
  });
  /** An agent, or `from TEMPLATE`: a primitive made from a `template`. */
  private readonly resourceKindAlts: IOrAlt<void>[] = [
    { ALT: () => this.OR2(this.agentAlts) },
    {
      ALT: () => {
        this.CONSUME(T.From);
        this.CONSUME2(T.NameTok, { LABEL: "template" });
      },
    },
  ];

  /** `template NAME AGENT [{ ... }] ;`: a `<template>`, the agent and settings primitives are made from. */
  templateDecl = this.RULE("templateDecl", () => {
    this.CONSUME(T.Template);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.OR(this.agentAlts);
    this.OR2(this.templateEndAlts);
  });
  private readonly templateEndAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.block);
        this.OPTION(() => this.CONSUME(T.Semi));
      },
    },
    { ALT: () => this.CONSUME2(T.Semi) },
  ];

  /** An agent: a word (`stonith:external/ipmi`) or the same as a string (`"systemd:getty@tty1"`). */
  private readonly agentAlts: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME5(T.Word, { LABEL: "agent" }) },
    { ALT: () => this.CONSUME5(T.StringTok, { LABEL: "agent" }) },
  ];

  /** `[{ ... }] [on PLACEMENT] ;` with the `;` optional right after a block. */
  tail = this.RULE("tail", () => {
    this.OR(this.tailAlts);
  });
  private readonly tailAfterBlockAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.placement);
        this.CONSUME(T.Semi);
      },
    },
    { ALT: () => this.OPTION(() => this.CONSUME2(T.Semi)) },
  ];
  private readonly tailAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.block);
        this.OR2(this.tailAfterBlockAlts);
      },
    },
    {
      ALT: () => {
        this.OPTION2(() => this.SUBRULE2(this.placement));
        this.CONSUME3(T.Semi);
      },
    },
  ];

  instanceDecl = this.RULE("instanceDecl", () => {
    this.CONSUME(T.NameTok, { LABEL: "kind" });
    this.CONSUME(T.On);
    this.CONSUME2(T.NameTok, { LABEL: "guest" });
    this.OPTION(() => {
      this.CONSUME(T.After);
      this.CONSUME3(T.NameTok, { LABEL: "after" });
    });
    this.OR(this.instanceDeclAlts);
  });
  private readonly instanceDeclAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.block);
        this.OPTION2(() => this.CONSUME(T.Semi));
      },
    },
    { ALT: () => this.CONSUME2(T.Semi) },
  ];

  /**
   * `tag NAME = a, b, c;`: a Pacemaker `<tag>` (`<obj_ref>`s), a name constraints may use for its
   * members. No member (`tag NAME = ;`) is read, so the checker says what is wrong with it.
   */
  tagDecl = this.RULE("tagDecl", () => {
    this.CONSUME(T.Tag);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.CONSUME(T.Equals);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.NameTok, { LABEL: "member" }) });
    this.CONSUME(T.Semi);
  });

  groupDecl = this.RULE("groupDecl", () => {
    this.CONSUME(T.Group);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => this.CONSUME2(T.NameTok, { LABEL: "member" }),
    });
    this.SUBRULE(this.tail);
  });

  cloneDecl = this.RULE("cloneDecl", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Clone) },
      { ALT: () => this.CONSUME(T.Promotable) },
    ]);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.CONSUME(T.Of);
    this.CONSUME2(T.NameTok, { LABEL: "child" });
    this.SUBRULE(this.tail);
  });

  /** `bundle NAME [of PRIMITIVE] [{ docker ...; network ...; port-map ...; storage-map ...; meta ...; }] [on ...];` */
  bundleDecl = this.RULE("bundleDecl", () => {
    this.CONSUME(T.Bundle);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.Of);
      this.CONSUME2(T.NameTok, { LABEL: "child" });
    });
    this.SUBRULE(this.tail);
  });

  agentDecl = this.RULE("agentDecl", () => {
    this.CONSUME(T.Agent);
    this.OR(this.agentAlts);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.agentItem));
    this.CONSUME(T.RBrace);
    this.OPTION(() => this.CONSUME(T.Semi));
  });

  agentItem = this.RULE("agentItem", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Param);
          this.CONSUME(T.AnyWord, { LABEL: "name" });
          this.MANY(() =>
            this.OR2([
              { ALT: () => this.CONSUME(T.Required) },
              {
                ALT: () => {
                  this.CONSUME(T.Default);
                  this.SUBRULE(this.value);
                },
              },
            ]),
          );
          this.CONSUME(T.Semi);
        },
      },
      { ALT: () => this.SUBRULE(this.opItem) },
      {
        ALT: () => {
          this.CONSUME(T.SiteProvided);
          this.CONSUME2(T.Semi);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.SharedStorage);
          this.CONSUME3(T.Semi);
        },
      },
    ]);
  });

  serviceDecl = this.RULE("serviceDecl", () => {
    this.CONSUME(T.Service);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.CONSUME(T.Agent);
    this.OR(this.agentAlts);
    this.OPTION(() => {
      this.CONSUME(T.GuestParam);
      this.CONSUME(T.AnyWord, { LABEL: "param" });
    });
    this.CONSUME(T.Semi);
  });

}

let singleton: HaParser | undefined;

/**
 * The parser with chevrotain's error recovery, built on first use: building
 * it is the expensive part, and `hacc --version` needs none. The front end
 * reads valid input with `haStrictParser` and builds this one at the first
 * syntax error; the formatter reads with it.
 */
export function haParser(): HaParser {
  return (singleton ??= new HaParser());
}

let strict: HaParser | undefined;

/**
 * A parser without chevrotain's recovery, built on first use: the one that
 * reads valid input (src/ast/parse.ts, src/ast/recover.ts). Its CST is the
 * recovering parser's wherever there is no error, made with less work (no
 * node's location is updated token by token); at an error it stops, so
 * finding each error of a file costs the tokens up to it, not the whole rest
 * of the file.
 */
export function haStrictParser(): HaParser {
  return (strict ??= new HaParser({ recover: false }));
}

/** Parses the parser's input as a file, into the CST that src/syntax/cst.d.ts (generated from this grammar) describes. */
export function parseFile(parser: HaParser): FileCstNode {
  return parser.file() as FileCstNode;
}

export type { CstNode };
