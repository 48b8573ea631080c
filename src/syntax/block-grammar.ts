import type { IOrAlt, IParserConfig, TokenType } from "chevrotain";
import { ConstraintGrammar } from "./constraint-grammar.js";
import * as T from "./tokens.js";

/**
 * The grammar of what statements hold: `KEY = VALUE` pairs and values, and
 * the `{ ... }` block of a resource, guest, group, clone, bundle or alert
 * with its items (ops, meta, params, utilization, `ib`, ...). A base class of
 * \`HaParser\` (src/syntax/parser.ts) only to keep each file short, as
 * \`ConstraintGrammar\` and \`RuleGrammar\` are; the subclass runs
 * \`performSelfAnalysis()\`.
 */
export class BlockGrammar extends ConstraintGrammar {
  constructor(tokens: TokenType[], config: IParserConfig) {
    super(tokens, config);
  }

  /** `KEY = VALUE` */
  pair = this.RULE("pair", () => {
    this.CONSUME(T.AnyWord, { LABEL: "key" });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.value);
  });

  pairList = this.RULE("pairList", () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.pair) });
  });

  value = this.RULE("value", () => {
    this.OR(this.valueAlts);
  });
  private readonly valueAlts: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME(T.AnyWord) },
    { ALT: () => this.CONSUME(T.StringTok) },
  ];


  /** `op NAME [KEY [=] VALUE ...] [{ PARAM = VALUE; ... }];`: the op's attributes, then its own parameters (OCF_CHECK_LEVEL). */
  opItem = this.RULE("opItem", () => {
    this.CONSUME(T.Op);
    this.CONSUME(T.Word, { LABEL: "name" });
    this.MANY(() => {
      this.CONSUME(T.AnyWord, { LABEL: "key" });
      this.OPTION(() => this.CONSUME(T.Equals));
      this.SUBRULE(this.value);
    });
    this.OR(this.opEndAlts);
  });
  private readonly opEndAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.LBrace);
        this.MANY2(() => this.SUBRULE(this.opParam));
        this.CONSUME(T.RBrace);
        this.OPTION2(() => this.CONSUME(T.Semi));
      },
    },
    { ALT: () => this.CONSUME2(T.Semi) },
  ];

  /** `PARAM = VALUE;` inside an op's braces. */
  opParam = this.RULE("opParam", () => {
    this.SUBRULE(this.pair);
    this.CONSUME(T.Semi);
  });

  block = this.RULE("block", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.blockItem));
    this.CONSUME(T.RBrace);
  });

  /** `WORD KEY = VALUE, ...;` */
  section = this.RULE("section", () => {
    this.CONSUME(T.Word, { LABEL: "name" });
    this.SUBRULE(this.pairList);
    this.CONSUME(T.Semi);
  });

  blockItem = this.RULE("blockItem", () => {
    this.OR(this.blockItemAlts);
  });
  private readonly blockItemAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Config);
        this.SUBRULE(this.value);
        this.CONSUME(T.Semi);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Hypervisor);
        this.SUBRULE2(this.value);
        this.CONSUME2(T.Semi);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Ib);
        this.CONSUME(T.NameTok, { LABEL: "host" });
        this.CONSUME(T.At);
        this.CONSUME2(T.Word, { LABEL: "slot" });
        this.CONSUME3(T.Semi);
      },
    },
    { ALT: () => this.SUBRULE(this.opItem) },
    {
      // `meta K = V, ...;` or an extra set, `meta [score N] [when TEST ...] { K = V; ... }`: one alternative
      // consumes `meta`, and the token after it chooses, so a mistake there is reported where it is.
      ALT: () => {
        this.CONSUME(T.Meta);
        this.OR2(this.metaAlts);
      },
    },
    {
      // `params [score N] [when TEST ...] { K = V; ... }`, or `params = V;` (a parameter named `params`): as `meta`,
      // one alternative consumes the word, so a `{` left out is reported after `params`, not at it.
      ALT: () => {
        this.CONSUME(T.Params);
        this.OR3(this.paramsAlts);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Utilization);
        this.SUBRULE2(this.pairList);
        this.CONSUME5(T.Semi);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Shared);
        this.CONSUME6(T.Semi);
      },
    },
    {
      // `description "TEXT";`: the resource's description attribute (a parameter named so is `description = ...;`).
      // A word or a string, never a keyword: a statement keyword after it is where reading starts again.
      ALT: () => {
        this.CONSUME(T.Description);
        this.SUBRULE(this.ruleValue);
        this.consume(10, T.Semi);
      },
    },
    {
      // `exact-ops;`: the resource has exactly the ops written, none added.
      ALT: () => {
        this.CONSUME(T.ExactOps);
        this.CONSUME9(T.Semi);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Mmp);
        this.OPTION(() => this.CONSUME3(T.Word, { LABEL: "interval" }));
        this.CONSUME7(T.Semi);
      },
    },
    {
      // A bundle's line (`docker image = x;`, `network`, `port-map`, `storage-map`; which words, a check), only before a
      // `KEY =`: a misspelt item (`ibb 0000:82:01.0 at 00:05.0;`) or a block left open stays the syntax error it was.
      GATE: () => this.LA(3).tokenType === T.Equals,
      ALT: () => this.SUBRULE(this.section),
    },
    {
      ALT: () => {
        this.SUBRULE(this.itemPair);
        this.CONSUME8(T.Semi);
      },
    },
  ];

  /** `KEY = VALUE` as a block's line: a parameter (`meta = V;` and `params = V;` are read by their own alternatives). */
  itemPair = this.RULE("itemPair", () => {
    this.CONSUME(T.BlockKey, { LABEL: "key" });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.value);
  });
  private readonly metaAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.SUBRULE(this.pairList);
        this.CONSUME4(T.Semi);
      },
    },
    {
      // `meta = V;`: a parameter named `meta`.
      ALT: () => {
        this.CONSUME3(T.Equals, { LABEL: "metaEquals" });
        this.SUBRULE4(this.value);
        this.consume(12, T.Semi);
      },
    },
    { ALT: () => this.SUBRULE(this.defaultsSet, { LABEL: "attrSet" }) },
  ];
  private readonly paramsAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME2(T.Equals, { LABEL: "paramsEquals" });
        this.SUBRULE3(this.value);
        this.consume(11, T.Semi);
      },
    },
    { ALT: () => this.SUBRULE2(this.defaultsSet, { LABEL: "attrSet" }) },
  ];
}
