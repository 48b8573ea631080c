import { CstParser, Lexer, type CstNode, type ILexerConfig, type IToken, type TokenType } from "chevrotain";

/**
 * The two places where hacc overrides a method of chevrotain (pinned at
 * 11.2.0 in package.json) that its typings do not declare, to make fewer and
 * cheaper objects per token and per CST node (docs/performance.md, "The
 * reader"). Neither changes what is read: the tokens and the CST are those
 * chevrotain's own methods make, field for field.
 * test/syntax/chevrotain.test.ts checks both against chevrotain's own, so
 * an upgrade that renames or reshapes them fails there first.
 */

/**
 * A lexer whose tokens carry `startOffset` and `endOffset` only (with
 * `positionTracking: "onlyOffset"`). chevrotain's offset-only token has no
 * `endOffset`; adding it afterwards would give every token a second shape
 * and a property array.
 */
export class OffsetLexer extends Lexer {
  /**
   * `tokens` are matched as chevrotain matches them, except that a token of
   * type `words.type` whose text is a key of `words.keywords` becomes that
   * keyword: the keywords need no pattern of their own in `tokens`. That is
   * what a keyword declared with `longer_alt` to the word token gives (a
   * keyword is a word whose whole text is the keyword), with one pattern
   * tried per word instead of every keyword that shares its first character
   * and then the word pattern again.
   */
  constructor(
    tokens: TokenType[],
    config: ILexerConfig,
    private readonly words: { readonly type: TokenType; readonly keywords: ReadonlyMap<string, TokenType> },
  ) {
    super(tokens, config);
  }

  /** Overrides chevrotain's `createOffsetOnlyToken` (lib/src/scan/lexer_public.js). */
  protected createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
    if (tokenType === this.words.type) {
      const keyword = this.words.keywords.get(image);
      if (keyword !== undefined) return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx: keyword.tokenTypeIdx!, tokenType: keyword };
    }
    return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType };
  }
}

/** chevrotain's parser state that `cstInvocationStateUpdate` works on. */
interface TreeBuilderState {
  readonly CST_STACK: CstNode[];
  setInitialNodeLocation(node: CstNode): void;
}

/**
 * A CST parser whose nodes keep their children in a plain object. chevrotain
 * makes each node's `children` with `Object.create(null)`, which V8 keeps as
 * a hash table: slower to fill and to read, and larger. No child key of the
 * grammar (token names, rule names, labels) is a property of
 * `Object.prototype`, which the test checks.
 */
export class PlainCstParser extends CstParser {
  /** Overrides chevrotain's `cstInvocationStateUpdate` (lib/src/parse/parser/traits/tree_builder.js). */
  protected cstInvocationStateUpdate(fullRuleName: string): void {
    const self = this as unknown as TreeBuilderState;
    const node: CstNode = { name: fullRuleName, children: {} };
    self.setInitialNodeLocation(node);
    self.CST_STACK.push(node);
  }
}
