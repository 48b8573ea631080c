import { tokenMatcher, type IParserConfig, type TokenType } from "chevrotain";
import { PlainCstParser } from "./chevrotain.js";
import * as T from "./tokens.js";

/**
 * The grammar of a location's rules (`rule 100 when pingd gt integer 0;`),
 * the part of the `.ha` grammar that `HaParser` (src/syntax/parser.ts)
 * extends: a base class only to keep each file short. Its rules are built
 * before the subclass's, and the subclass runs `performSelfAnalysis()`.
 */
export class RuleGrammar extends PlainCstParser {
  constructor(tokens: TokenType[], config: IParserConfig) {
    super(tokens, config);
  }

  /** `rule [ROLE] SCORE when EXPR [and|or EXPR ...];` (an EXPR may be a parenthesised group), or `score-attribute ATTR` for the score. */
  ruleItem = this.RULE("ruleItem", () => {
    this.CONSUME(T.Rule);
    this.OPTION({ GATE: () => this.LA(2).tokenType === T.Word || this.LA(2).tokenType === T.ScoreAttribute, DEF: () => this.CONSUME(T.Word, { LABEL: "role" }) });
    this.OR([
      { ALT: () => this.CONSUME2(T.Word, { LABEL: "score" }) },
      {
        ALT: () => {
          this.CONSUME(T.ScoreAttribute);
          this.SUBRULE(this.ruleValue, { LABEL: "scoreAttribute" });
        },
      },
    ]);
    this.CONSUME(T.When);
    this.SUBRULE(this.ruleTerm);
    this.MANY(() => {
      this.OR2([{ ALT: () => this.CONSUME(T.And, { LABEL: "booleanOp" }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: "booleanOp" }) }]);
      this.SUBRULE2(this.ruleTerm);
    });
    this.CONSUME(T.Semi);
  });

  /**
   * A location rule's test, or `( TEST [and|or TEST ...] )`: a group of tests, a `<rule>` inside the rule
   * (locations only: `defaults ... when` reads `ruleExpr` itself).
   */
  ruleTerm = this.RULE("ruleTerm", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.ruleTerm);
          this.MANY(() => {
            this.OR2([{ ALT: () => this.CONSUME(T.And, { LABEL: "booleanOp" }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: "booleanOp" }) }]);
            this.SUBRULE2(this.ruleTerm);
          });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.ruleExpr) },
    ]);
  });

  /**
   * `defined ATTR`, `not_defined ATTR`, `date OP [START] [to END]`, `date spec FIELD RANGE ...`, `ATTR OP [TYPE] VALUE`; for defaults also
   * `resource CLASS:PROVIDER:TYPE` and `op NAME [interval X]` (the checker refuses them elsewhere).
   */
  ruleExpr = this.RULE("ruleExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Resource);
          this.SUBRULE6(this.ruleValue, { LABEL: "agent" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Op);
          this.SUBRULE7(this.ruleValue, { LABEL: "opName" });
          // `interval X`: any word here, so the grammar has no gate; the checker holds it to `interval` (HA3140).
          this.OPTION4(() => {
            this.CONSUME4(T.Word, { LABEL: "intervalKw" });
            this.SUBRULE8(this.ruleValue, { LABEL: "interval" });
          });
        },
      },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Defined, { LABEL: "unary" }) }, { ALT: () => this.CONSUME(T.NotDefined, { LABEL: "unary" }) }]);
          this.SUBRULE(this.ruleValue, { LABEL: "attribute" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.DateKw);
          this.CONSUME(T.Word, { LABEL: "operation" });
          // `date gt X`, `date in_range X to Y`, `date spec hours 9-16 weekdays 1-5`: the values after the
          // operation in one list, which the AST pairs up for `spec` and the checker holds to each operation.
          this.MANY(() => this.SUBRULE2(this.ruleValue, { LABEL: "start" }));
          this.OPTION2(() => {
            this.CONSUME(T.To);
            this.SUBRULE3(this.ruleValue, { LABEL: "end" });
          });
        },
      },
      {
        ALT: () => {
          this.SUBRULE4(this.ruleValue, { LABEL: "attribute" });
          this.CONSUME2(T.Word, { LABEL: "operation" });
          this.OPTION3({
            GATE: () => this.LA(2).tokenType === T.Word || tokenMatcher(this.LA(2), T.StringTok) || this.LA(2).tokenType === T.Param || this.LA(2).tokenType === T.Meta,
            DEF: () => this.CONSUME3(T.Word, { LABEL: "type" }),
          });
          // `param NAME` / `meta NAME`: the value is the resource's parameter or meta attribute NAME (`value-source`).
          this.OPTION5(() => this.OR3([{ ALT: () => this.CONSUME(T.Param, { LABEL: "valueSource" }) }, { ALT: () => this.CONSUME(T.Meta, { LABEL: "valueSource" }) }]));
          this.SUBRULE5(this.ruleValue, { LABEL: "value" });
        },
      },
    ]);
  });

  /**
   * After `defaults` or `op-defaults`: a set chosen by a rule or ranked by a score,
   * `[score N] [when TEST [and|or TEST ...]] [named ID] { KEY = VALUE; ... }` (`score` is a word, not a keyword).
   */
  defaultsSet = this.RULE("defaultsSet", () => {
    // `score N`: any word first, so the grammar has no gate; the checker holds it to `score` (HA3140).
    this.OPTION(() => {
      this.CONSUME(T.Word, { LABEL: "scoreKw" });
      this.CONSUME2(T.Word, { LABEL: "score" });
    });
    this.OPTION2(() => {
      this.CONSUME(T.When);
      this.SUBRULE(this.ruleExpr);
      this.MANY(() => {
        this.OR([{ ALT: () => this.CONSUME(T.And, { LABEL: "booleanOp" }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: "booleanOp" }) }]);
        this.SUBRULE2(this.ruleExpr);
      });
    });
    // `named ID` last in the head, before the block: the set's own id instead of the one hacc derives from its place.
    this.OPTION3(() => {
      this.CONSUME(T.Named);
      this.CONSUME3(T.Word, { LABEL: "name" });
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() => this.SUBRULE(this.defaultsPair));
    this.CONSUME(T.RBrace);
  });

  /** `KEY = VALUE;` in a defaults set (one item of its block, `;` included, so the formatter keeps each on its line). */
  defaultsPair = this.RULE("defaultsPair", () => {
    this.CONSUME(T.AnyWord, { LABEL: "key" });
    this.CONSUME(T.Equals);
    this.OR([{ ALT: () => this.CONSUME2(T.AnyWord, { LABEL: "value" }) }, { ALT: () => this.CONSUME(T.StringTok, { LABEL: "value" }) }]);
    this.CONSUME(T.Semi);
  });

  /** A value in a rule: a plain word or a string (`"#uname"`), never a keyword (`and`, `or` end it). */
  ruleValue = this.RULE("ruleValue", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.StringTok) }]);
  });
}
