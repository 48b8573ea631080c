import type { IParserConfig, TokenType } from "chevrotain";
import { BlockGrammar } from "./block-grammar.js";
import * as T from "./tokens.js";

/**
 * The grammar of the cluster's administration statements: alerts and their
 * recipients, and ACLs. A base class of \`HaParser\` (src/syntax/parser.ts)
 * only to keep each file short, as \`BlockGrammar\` is; the subclass runs
 * \`performSelfAnalysis()\`.
 */
export class AdminGrammar extends BlockGrammar {
  constructor(tokens: TokenType[], config: IParserConfig) {
    super(tokens, config);
  }

  /** `alert NAME "PATH" [{ PARAMS; meta ...; }] [to RECIPIENT [{ ... }], ...];` (`<alert>` and its `<recipient>`s). */
  alertDecl = this.RULE("alertDecl", () => {
    this.CONSUME(T.Alert);
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.CONSUME(T.StringTok, { LABEL: "path" });
    this.OPTION(() => this.SUBRULE(this.block));
    this.OPTION2(() => {
      this.CONSUME(T.To);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.recipient) });
    });
    this.CONSUME(T.Semi);
  });
  /** A recipient: a word or a string (a file, an address), not a keyword. */
  recipient = this.RULE("recipient", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Word, { LABEL: "value" }) }, { ALT: () => this.CONSUME(T.StringTok, { LABEL: "value" }) }]);
    this.OPTION(() => this.SUBRULE(this.block));
  });

  /**
   * `acl role NAME { read xpath "/cib"; deny id X; write type T attribute A; description "..."; }`,
   * `acl user NAME [roles ROLE, ...];`, `acl group NAME [roles ROLE, ...];` (`<acls>`). Which words
   * (`role`, `user`, `group`, `roles`, `read`, `xpath`, ...) are a check's, so none of them is reserved.
   */
  aclDecl = this.RULE("aclDecl", () => {
    this.CONSUME(T.Acl);
    this.CONSUME(T.AnyWord, { LABEL: "sort" });
    // A user's or group's name may be a string (`acl user "AD\\john" ...`): Pacemaker's acl_target takes any text.
    this.CONSUME(T.NameTok, { LABEL: "name" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => this.SUBRULE(this.aclLine));
          this.CONSUME(T.RBrace);
          this.OPTION(() => this.CONSUME(T.Semi));
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => {
            this.CONSUME2(T.Word, { LABEL: "rolesKw" });
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME3(T.NameTok, { LABEL: "role" }) });
          });
          this.CONSUME2(T.Semi);
        },
      },
    ]);
  });
  /**
   * A line of a role: `read|write|deny|description` and its words or strings, to `;`. Words, never
   * keywords (a keyword there is quoted: `type "group"`): a statement keyword is where reading starts again.
   * `named ID` last gives a permission its own id (crmsh names them `ROLE-0`, `ROLE-1`, ...).
   */
  aclLine = this.RULE("aclLine", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Word, { LABEL: "head" }) }, { ALT: () => this.CONSUME(T.Description, { LABEL: "head" }) }]);
    this.MANY(() => this.OR2([{ ALT: () => this.CONSUME2(T.Word, { LABEL: "arg" }) }, { ALT: () => this.CONSUME(T.StringTok, { LABEL: "arg" }) }]));
    this.OPTION(() => this.SUBRULE(this.constraintName));
    this.CONSUME(T.Semi);
  });
}
