import { tokenMatcher, type IOrAlt, type IParserConfig, type TokenType } from "chevrotain";
import { RuleGrammar } from "./rule-grammar.js";
import * as T from "./tokens.js";

/**
 * The grammar of the constraint statements (`order`, `colocate`, `ticket`,
 * `location`), the part of the `.ha` grammar that \`HaParser\`
 * (src/syntax/parser.ts) extends: a base class only to keep each file short,
 * as \`RuleGrammar\` is for a location's rules. Its rules are built before the
 * subclass's, and the subclass runs \`performSelfAnalysis()\`.
 */
export class ConstraintGrammar extends RuleGrammar {
  constructor(tokens: TokenType[], config: IParserConfig) {
    super(tokens, config);
  }

  orderDecl = this.RULE("orderDecl", () => {
    this.CONSUME(T.Order);
    this.OPTION({
      GATE: () => tokenMatcher(this.LA(2), T.NameTok),
      DEF: () => this.CONSUME(T.Word, { LABEL: "firstAction" }),
    });
    this.CONSUME2(T.NameTok, { LABEL: "first" });
    this.CONSUME(T.Then);
    this.OPTION2({
      GATE: () => tokenMatcher(this.LA(2), T.NameTok),
      DEF: () => this.CONSUME3(T.Word, { LABEL: "thenAction" }),
    });
    this.CONSUME4(T.NameTok, { LABEL: "then" });
    this.OPTION3(() => this.OR(this.orderKindAlts));
    // `one-way` / `symmetrical` and `require-any` / `require-all`, in any order; the checker reports one set twice.
    this.MANY(() => this.OR2(this.orderOptionAlts));
    this.OPTION4(() => this.SUBRULE(this.constraintName));
    this.CONSUME(T.Semi);
  });

  /** `named ID`: the constraint's own id instead of the one hacc derives (`order-FIRST-THEN`, `colocation-RSC-WITH`). */
  constraintName = this.RULE("constraintName", () => {
    this.CONSUME(T.Named);
    this.CONSUME(T.NameTok, { LABEL: "name" });
  });
  private readonly orderKindAlts: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME(T.Optional, { LABEL: "kind" }) },
    { ALT: () => this.CONSUME(T.Mandatory, { LABEL: "kind" }) },
    { ALT: () => this.CONSUME(T.Serialize, { LABEL: "kind" }) },
  ];
  private readonly orderOptionAlts: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME(T.OneWay, { LABEL: "option" }) },
    { ALT: () => this.CONSUME(T.Symmetrical, { LABEL: "option" }) },
    { ALT: () => this.CONSUME(T.RequireAny, { LABEL: "option" }) },
    { ALT: () => this.CONSUME(T.RequireAll, { LABEL: "option" }) },
  ];

  /**
   * `colocate [ROLE] RSC with [ROLE] WITH [SCORE] [node-attribute ATTR] [influence BOOL] [named ID];`. A role comes before its
   * resource, as in pcs. After `with` come one to three words: which of two
   * is a role and which a score is the AST's to say (src/ast/build.ts: a
   * score is never a resource id), so the grammar stays by token types.
   */
  colocateDecl = this.RULE("colocateDecl", () => {
    this.CONSUME(T.Colocate);
    this.OPTION({
      GATE: () => tokenMatcher(this.LA(2), T.NameTok),
      DEF: () => this.CONSUME4(T.Word, { LABEL: "rscRole" }),
    });
    this.CONSUME(T.NameTok, { LABEL: "rsc" });
    this.CONSUME(T.With);
    this.CONSUME2(T.NameTok, { LABEL: "with" });
    // The words after `with` (a role, the resource, a score) by one token type: the resource may be a string.
    this.OPTION3(() => {
      this.CONSUME3(T.NameTok, { LABEL: "score" });
      this.OPTION2(() => this.CONSUME5(T.NameTok, { LABEL: "score" }));
    });
    // `node-attribute ATTR` and `influence BOOL`, in any order (a word or a string: `"#uname"`); the checker reports one set twice.
    this.MANY(() => this.OR(this.colocateOptionAlts));
    this.OPTION4(() => this.SUBRULE(this.constraintName));
    this.CONSUME(T.Semi);
  });
  private readonly colocateOptionAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.NodeAttribute, { LABEL: "optionKey" });
        this.SUBRULE(this.ruleValue, { LABEL: "optionValue" });
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Influence, { LABEL: "optionKey" });
        this.SUBRULE2(this.ruleValue, { LABEL: "optionValue" });
      },
    },
  ];

  /**
   * `ticket TICKET for RSC [ROLE] [loss-policy POLICY];`: RSC runs (in ROLE)
   * only while the cluster holds TICKET; or `ticket TICKET for (SET)[, (SET)
   * ...] ...;`, a ticket on resource sets (one rule: the two differ only in
   * the fourth token, beyond the parser's lookahead of three).
   */
  ticketDecl = this.RULE("ticketDecl", () => {
    this.CONSUME(T.Ticket);
    this.CONSUME(T.NameTok, { LABEL: "ticket" });
    this.CONSUME(T.For);
    this.OR(this.ticketTargetAlts);
    this.OPTION2(() => {
      this.CONSUME(T.LossPolicy);
      this.CONSUME4(T.Word, { LABEL: "lossPolicy" });
    });
    this.OPTION3(() => this.SUBRULE(this.constraintName));
    this.CONSUME(T.Semi);
  });
  private readonly ticketTargetAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME2(T.NameTok, { LABEL: "rsc" });
        this.OPTION(() => this.CONSUME3(T.Word, { LABEL: "role" }));
      },
    },
    { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.resourceSet) }) },
  ];

  /**
   * `order (SET) [then (SET) ...] [KIND] [OPTIONS] [named ID];`: an order of resource
   * sets. A set's words (an action, its resources, its options) are the AST's
   * to read (src/ast/sets.ts), so the grammar keeps to brackets and commas.
   */
  orderSetDecl = this.RULE("orderSetDecl", () => {
    this.CONSUME(T.Order);
    this.SUBRULE(this.resourceSet);
    this.MANY(() => {
      this.CONSUME(T.Then);
      this.SUBRULE2(this.resourceSet);
    });
    this.OPTION(() => this.OR(this.orderKindAlts));
    this.MANY2(() => this.OR2(this.orderOptionAlts));
    this.OPTION2(() => this.SUBRULE(this.constraintName));
    this.CONSUME(T.Semi);
  });

  /** `colocate (SET) [with (SET) ...] [SCORE] [influence BOOL] [named ID];`: a colocation of resource sets. */
  colocateSetDecl = this.RULE("colocateSetDecl", () => {
    this.CONSUME(T.Colocate);
    this.SUBRULE(this.resourceSet);
    this.MANY(() => {
      this.CONSUME(T.With);
      this.SUBRULE2(this.resourceSet);
    });
    this.OPTION(() => this.CONSUME(T.Word, { LABEL: "score" }));
    // `influence BOOL` (Pacemaker's schema gives a colocation of sets no node-attribute); the checker reports it twice.
    this.MANY2(() => {
      this.CONSUME(T.Influence, { LABEL: "optionKey" });
      this.SUBRULE(this.ruleValue, { LABEL: "optionValue" });
    });
    this.OPTION2(() => this.SUBRULE(this.constraintName));
    this.CONSUME(T.Semi);
  });

  /** `( [LEAD] RSC, RSC ... [OPTION ...] )`: one resource set, its words and commas in order. */
  resourceSet = this.RULE("resourceSet", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE(() => this.OR(this.setWordAlts));
    this.CONSUME(T.RParen);
  });
  private readonly setWordAlts: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME(T.AnyWord, { LABEL: "word" }) },
    { ALT: () => this.CONSUME(T.StringTok, { LABEL: "word" }) },
    { ALT: () => this.CONSUME(T.Comma, { LABEL: "word" }) },
  ];

  /**
   * `fencing-level INDEX for TARGET with DEVICE, ...;`: TARGET is a node, `nodes "REGEX"` (the nodes whose
   * name matches) or `ATTR = VALUE` (the nodes with that attribute); the devices are tried together.
   */
  fencingDecl = this.RULE("fencingDecl", () => {
    this.CONSUME(T.FencingLevel);
    this.CONSUME(T.Word, { LABEL: "index" });
    this.CONSUME(T.For);
    this.OR(this.fencingTargetAlts);
    this.CONSUME(T.With);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME4(T.NameTok, { LABEL: "device" }) });
    this.CONSUME(T.Semi);
  });
  private readonly fencingTargetAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Nodes);
        this.CONSUME(T.StringTok, { LABEL: "pattern" });
      },
    },
    {
      ALT: () => {
        this.CONSUME2(T.NameTok, { LABEL: "target" });
        this.OPTION(() => {
          this.CONSUME(T.Equals);
          this.OR2([{ ALT: () => this.CONSUME3(T.Word, { LABEL: "attrValue" }) }, { ALT: () => this.CONSUME2(T.StringTok, { LABEL: "attrValue" }) }]);
        });
      },
    },
  ];

  /**
   * `location NAME for RSC [ROLE] [discovery MODE] on NODE [prefer] SCORE;` or
   * `location NAME for RSC [ROLE] [discovery MODE] { rule ...; ... }`; RSC may be a resource set `(a, b)`.
   */
  locationDecl = this.RULE("locationDecl", () => {
    this.CONSUME(T.Location);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.CONSUME(T.For);
    // A resource, or a resource set `(ROLE a, b, ...)`: a location of each of its resources.
    // Or `pattern "REGEX"`: a location of every top-level resource whose id matches (`rsc-pattern`).
    this.OR2([
      { ALT: () => this.CONSUME2(T.NameTok, { LABEL: "rsc" }) },
      { ALT: () => this.SUBRULE(this.resourceSet, { LABEL: "set" }) },
      {
        ALT: () => {
          this.CONSUME(T.Pattern);
          this.CONSUME(T.StringTok, { LABEL: "pattern" });
        },
      },
    ]);
    this.OPTION(() => this.CONSUME3(T.Word, { LABEL: "role" }));
    this.OPTION2(() => {
      this.CONSUME(T.Discovery);
      this.CONSUME4(T.Word, { LABEL: "discovery" });
    });
    this.OR(this.locationBodyAlts);
  });
  private readonly locationBodyAlts: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.On);
        this.CONSUME5(T.NameTok, { LABEL: "node" });
        this.OPTION3(() => this.CONSUME(T.Prefer));
        this.CONSUME6(T.Word, { LABEL: "score" });
        this.CONSUME(T.Semi);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.LBrace);
        this.MANY(() => this.SUBRULE(this.ruleItem));
        this.CONSUME(T.RBrace);
        this.OPTION4(() => this.CONSUME2(T.Semi));
      },
    },
  ];
}
