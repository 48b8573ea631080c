import type { AstPath, Doc, Printer } from "prettier";
import { builders } from "prettier/doc";
import type { FmtBlock, FmtComment, FmtEntry, FmtLine, FmtNode, FmtToken } from "./tree.js";

const { breakParent, group, hardline, indent, join, line, lineSuffix } = builders;

/**
 * The layout, in short: one statement or block item per line, two spaces of
 * indent per block, one space between tokens, none before `,` and `;`, spaces
 * around `=`. A line too long for the print width breaks after its commas,
 * continuing one indent deeper (two when a block follows, so the continuation
 * does not line up with the block's items). Comments stay where they were:
 * after their token on the same line (lined up with the comments of the lines
 * around it), or on their own line before what they precede; at most one
 * blank line is kept where the author left any.
 */
export const printer: Printer<FmtNode> = {
  print(path, options, print) {
    const node = path.node;
    const width = options.printWidth - depth(path) * options.tabWidth;
    switch (node.type) {
      case "File":
        return node.body.length === 0 ? "" : [printBody(path as AstPath<FmtNode>, node.body, print, width), hardline];
      case "Block":
        return printBlock(path, node, print, width - options.tabWidth);
      case "Line":
        return printLine(node, print);
      case "Comment":
        return node.text;
      case "Token":
        return printToken(node);
    }
  },
  getVisitorKeys(node) {
    switch (node.type) {
      case "File":
        return ["body"];
      case "Block":
        return ["body"];
      case "Line":
        return ["parts"];
      case "Token":
      case "Comment":
        return [];
    }
  },
};

type Print = (selector?: string | number | (string | number)[]) => Doc;

/** How many blocks enclose the node. */
function depth(path: AstPath<FmtNode>): number {
  let n = 0;
  for (const a of path.ancestors) if (a.type === "Block") n++;
  return n;
}

/** Extra spaces before the trailing comment of a line, so that comments of consecutive lines line up. */
const commentPad = new WeakMap<FmtToken, number>();

/**
 * A file's or a block's entries, one per line, keeping one blank line where
 * there was any. Consecutive one-line entries that end in a comment form a
 * run whose comments line up, one space after the longest (as gofmt does); a
 * blank line, an own-line comment or a line without a comment ends a run.
 */
function printBody(path: AstPath<FmtNode>, body: readonly FmtEntry[], print: Print, width: number): Doc {
  let run: { tok: FmtToken; w: number }[] = [];
  const close = () => {
    const max = Math.max(...run.map((r) => r.w));
    for (const r of run) commentPad.set(r.tok, max - r.w);
    run = [];
  };
  for (const e of body) {
    const one = e.type === "Line" ? oneLine(e, width) : undefined;
    if (run.length > 0 && (one === undefined || e.blankBefore)) close();
    if (one !== undefined) run.push(one);
  }
  if (run.length > 0) close();

  const docs: Doc[] = [];
  path.each((p, i) => {
    if (i > 0) docs.push(body[i]!.blankBefore ? [hardline, hardline] : hardline);
    docs.push(print());
    void p;
  }, "body");
  return docs;
}

/**
 * Whether punctuation, which has no space before it (`,`, `;`, `)`), has one
 * here: `=` keeps its space before `;`, so an empty tag reads
 * `tag e = ;`, as the docs write it and the checker reports it (HA2113).
 */
function spacedPunctuation(prev: FmtToken | FmtBlock, t: FmtToken): boolean {
  return t.image === ";" && prev.type === "Token" && prev.image === "=";
}

/**
 * The width of a line printed flat, with the token its comment trails, when
 * the line takes one output line and ends in a comment; otherwise undefined.
 */
function oneLine(l: FmtLine, width: number): { tok: FmtToken; w: number } | undefined {
  let w = 0;
  let prev: FmtToken | undefined;
  for (const p of l.parts) {
    if (p.type !== "Token" || p.leading.length > 0 || prev?.trailing !== undefined) return undefined;
    if (prev !== undefined && ((p.image !== "," && p.image !== ";") || spacedPunctuation(prev, p))) w += 1;
    w += p.image.length;
    prev = p;
  }
  if (prev?.trailing === undefined || w > width) return undefined;
  return { tok: prev, w };
}

function trailing(t: FmtToken): Doc {
  return t.trailing === undefined ? "" : lineSuffix(" ".repeat(1 + (commentPad.get(t) ?? 0)) + t.trailing.text);
}

/** A token and the comment after it (the line breaks after the comment: see `printLine`). */
function printToken(t: FmtToken): Doc {
  return t.trailing === undefined ? t.image : [t.image, trailing(t)];
}

/** Own-line comments before a token inside a line: each on its own line. */
function leading(cs: readonly FmtComment[]): Doc {
  return [hardline, join(hardline, cs.map((c) => c.text)), hardline];
}

function printBlock(path: AstPath<FmtNode>, b: FmtBlock, print: Print, width: number): Doc {
  const open = ["{", trailing(b.open)];
  const close = printToken(b.close);
  if (b.body.length === 0) return b.open.trailing === undefined ? ["{", close] : [open, breakParent, hardline, close];
  return [open, indent([hardline, printBody(path, b.body, print, width)]), hardline, close];
}

/** Whether a line part ends with a comment, so what follows must start a new line. */
function endsInComment(p: FmtToken | FmtBlock | undefined): boolean {
  return p !== undefined && (p.type === "Token" ? p.trailing : p.close.trailing) !== undefined;
}

function printLine(l: FmtLine, print: Print): Doc {
  const out: Doc[] = [];
  let segment: Doc[] = [];
  const flush = (beforeBlock: boolean) => {
    if (segment.length === 0) return;
    out.push(group(beforeBlock ? indent(indent(segment)) : indent(segment)));
    segment = [];
  };
  // Inside a resource set's brackets a comma is followed by a space, never a line break: a set reads as one.
  let inSet = false;
  l.parts.forEach((part, i) => {
    const prev = l.parts[i - 1];
    if (part.type === "Token" && part.image === "(") inSet = true;
    else if (part.type === "Token" && part.image === ")") inSet = false;
    if (part.type === "Block") {
      flush(true);
      if (part.open.leading.length > 0) out.push(leading(part.open.leading));
      else if (endsInComment(prev)) out.push(hardline);
      else if (i > 0) out.push(" ");
      out.push(print(["parts", i]));
      return;
    }
    if (part.leading.length > 0) segment.push(leading(part.leading));
    else if (endsInComment(prev)) segment.push(hardline);
    else if (prev === undefined) {
      /* the first token */
    } else if ((part.image === "," || part.image === ";" || part.image === ")") && !spacedPunctuation(prev, part)) {
      /* no space before punctuation, nor inside a set's brackets */
    } else if (prev.type === "Token" && prev.image === "(") {
      /* none after `(` */
    } else if (prev.type === "Token" && prev.image === ",") segment.push(inSet ? " " : line);
    else segment.push(" ");
    segment.push(printToken(part));
  });
  flush(false);
  return out;
}
