/**
 * POSIX extended regular expressions as glibc's `regcomp(REG_EXTENDED)` reads
 * them, which is how Pacemaker 2.1.5 reads a location's `rsc-pattern`
 * (lib/pacemaker/pcmk_sched_location.c, `unpack_location`). A pattern is
 * checked here and translated into a JavaScript `RegExp` that matches the same
 * ids (whether it matches, not which submatches: POSIX takes the leftmost
 * longest, JavaScript the leftmost first). What glibc refuses, this refuses,
 * with the reason (each case tried against glibc's regcomp):
 * an unmatched `(`, a bracket without its `]`, a repetition with nothing to
 * repeat (`*a`, `a|*b`, `(*a)`, `^*`), a brace that is no interval (`a{`,
 * `a{x}`, `a{2,1}`, over 32767), a character class that is none (`[[:foo:]]`),
 * a range that runs backwards (`[z-a]`), a trailing `\`, and a back reference
 * to a group not yet closed (`\1(a)`).
 */

/** A compiled pattern: the RegExp and its number of groups (`re_nsub`); or why glibc refuses it. */
export type Ere = { readonly regex: RegExp; readonly groups: number } | { readonly error: string };

/** glibc's largest repetition count (RE_DUP_MAX). */
const DUP_MAX = 0x7fff;

/** The character classes `[:name:]`, as JavaScript class contents (the C locale's). */
const CLASSES: Readonly<Record<string, string>> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
};

/** GNU's escapes beyond a quoted character: `\w`, `\<`, `\'`, ... */
const GNU_ESCAPES: Readonly<Record<string, string>> = {
  w: "\\w",
  W: "\\W",
  s: "\\s",
  S: "\\S",
  b: "\\b",
  B: "\\B",
  "<": "\\b(?=\\w)",
  ">": "\\b(?<=\\w)",
  "`": "^",
  "'": "$",
};

const quote = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

class Reader {
  private at = 0;
  private groups = 0;
  /** Groups whose `)` has been read: a back reference may name only those. */
  private closed = new Set<number>();

  constructor(private readonly p: string) {}

  compile(): Ere {
    try {
      const source = this.alternation(0);
      return { regex: new RegExp(source), groups: this.groups };
    } catch (e) {
      if (e instanceof EreError) return { error: e.message };
      throw e;
    }
  }

  private alternation(depth: number): string {
    const branches = [this.branch(depth)];
    while (this.p[this.at] === "|") {
      this.at++;
      branches.push(this.branch(depth));
    }
    return branches.join("|");
  }

  private branch(depth: number): string {
    let out = "";
    // The last piece, which a repetition applies to (undefined at the start of a branch, or after an anchor).
    let last: string | undefined;
    const flush = (): void => {
      if (last !== undefined) out += last;
      last = undefined;
    };
    while (this.at < this.p.length) {
      const c = this.p[this.at]!;
      if (c === "|" || (c === ")" && depth > 0)) break;
      if (c === "*" || c === "+" || c === "?" || c === "{") {
        if (last === undefined) throw new EreError(`the \`${c}\` at character ${this.at + 1} repeats nothing`);
        const q = c === "{" ? this.interval() : (this.at++, c);
        // JavaScript takes one quantifier an atom; POSIX stacks them (`a**`).
        last = /[*+?}]$/.test(last) ? `(?:${last})${q}` : `${last}${q}`;
        continue;
      }
      flush();
      this.at++;
      if (c === "^" || c === "$") {
        out += c;
        if (/[*+?{]/.test(this.p[this.at] ?? "")) throw new EreError(`\`${this.p[this.at]}\` after the anchor \`${c}\` repeats nothing`);
        continue;
      }
      if (c === "(") {
        const open = this.at;
        const n = ++this.groups;
        const inner = this.alternation(depth + 1);
        if (this.p[this.at] !== ")") throw new EreError(`the \`(\` at character ${open} has no \`)\``);
        this.at++;
        this.closed.add(n);
        last = `(${inner})`;
      } else if (c === ".") last = "[\\s\\S]";
      else if (c === "[") last = this.bracket();
      else if (c === "\\") last = this.escape();
      else last = quote(c);
    }
    flush();
    return out;
  }

  /** `{m}`, `{m,}`, `{m,n}` or `{,n}`, the `{` not yet read. */
  private interval(): string {
    const m = /^\{(\d*)(,(\d*))?\}/.exec(this.p.slice(this.at));
    if (m === null) throw new EreError(this.p.indexOf("}", this.at) < 0 ? `the \`{\` at character ${this.at + 1} has no \`}\`` : `\`${this.p.slice(this.at, this.p.indexOf("}", this.at) + 1)}\` is not a repetition count`);
    const min = m[1] === "" ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? undefined : Number(m[3]);
    if ((m[1] === "" && m[2] === undefined) || (max !== undefined && max < min) || min > DUP_MAX || (max ?? 0) > DUP_MAX) throw new EreError(`\`${m[0]}\` is not a repetition count`);
    this.at += m[0].length;
    return max === undefined ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`;
  }

  private escape(): string {
    const c = this.p[this.at];
    if (c === undefined) throw new EreError("the pattern ends in `\\`");
    this.at++;
    if (/[1-9]/.test(c)) {
      if (!this.closed.has(Number(c))) throw new EreError(`\`\\${c}\` refers to no group before it`);
      return `\\${c}`;
    }
    return GNU_ESCAPES[c] ?? quote(c);
  }

  /** A bracket expression, its `[` read: `]` first is itself, `\` is itself, classes `[:alpha:]`, ranges `a-z`. */
  private bracket(): string {
    const start = this.at - 1;
    let out = "";
    if (this.p[this.at] === "^") {
      out += "^";
      this.at++;
    }
    let first = true;
    for (;;) {
      const c = this.p[this.at];
      if (c === undefined) throw new EreError(`the \`[\` at character ${start + 1} has no \`]\``);
      if (c === "]" && !first) {
        this.at++;
        return `[${out}]`;
      }
      first = false;
      const lo = this.bracketElement();
      if (this.p[this.at] === "-" && this.p[this.at + 1] !== "]" && this.p[this.at + 1] !== undefined) {
        this.at++;
        const hi = this.bracketElement();
        if (lo.char === undefined || hi.char === undefined || hi.char.codePointAt(0)! < lo.char.codePointAt(0)!) {
          throw new EreError(`\`${lo.text}-${hi.text}\` is not a range`);
        }
        out += `${quoteInClass(lo.char)}-${quoteInClass(hi.char)}`;
      } else out += lo.char !== undefined ? quoteInClass(lo.char) : lo.text;
    }
  }

  /** One element of a bracket: a character (`char`), or a class (`text` is its JavaScript form). */
  private bracketElement(): { char?: string; text: string } {
    const rest = this.p.slice(this.at);
    const m = /^\[([:=.])(.*?)\1\]/.exec(rest);
    if (m !== null) {
      this.at += m[0].length;
      if (m[1] === ":") {
        const cls = CLASSES[m[2]!];
        if (cls === undefined) throw new EreError(`\`${m[0]}\` is not a character class (${Object.keys(CLASSES).join(", ")})`);
        return { text: cls };
      }
      if ([...m[2]!].length !== 1) throw new EreError(`\`${m[0]}\` is not one character`);
      return { char: m[2]!, text: m[0] };
    }
    const c = String.fromCodePoint(rest.codePointAt(0)!);
    this.at += c.length;
    return { char: c, text: c };
  }
}

const quoteInClass = (c: string): string => (/[\\\]\[^-]/.test(c) ? `\\${c}` : c);

class EreError extends Error {}

/** Compiles a POSIX extended regular expression as glibc does, or says why glibc would refuse it. */
export function compileEre(pattern: string): Ere {
  return new Reader(pattern).compile();
}

/**
 * A `rsc-pattern` as Pacemaker 2.1.5 reads it: a leading `!` inverts it (the
 * location is then for every resource the rest does not match), the rest is
 * the expression.
 */
export function patternParts(pattern: string): { readonly invert: boolean; readonly expression: string } {
  return pattern.startsWith("!") ? { invert: true, expression: pattern.slice(1) } : { invert: false, expression: pattern };
}

/** The ids among `ids` a `rsc-pattern` applies to, in their order; undefined when the expression is invalid. */
export function patternMatches(pattern: string, ids: readonly string[]): string[] | undefined {
  const { invert, expression } = patternParts(pattern);
  const ere = compileEre(expression);
  if ("error" in ere) return undefined;
  return ids.filter((id) => ere.regex.test(id) !== invert);
}
