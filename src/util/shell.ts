/** Characters that need no quoting for bash, nor for Python's `shlex` (crmsh's lexer). */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Whether bash and `shlex` read `s` as one word, byte for byte, without quotes. */
export function isBareWord(s: string): boolean {
  return BARE.test(s);
}

/**
 * The one shell-quoting function. Returns `s` as one word that bash (and
 * crmsh, which splits its lines with Python's `shlex` in POSIX mode) reads
 * back byte for byte: bare when it holds only safe characters, otherwise in
 * single quotes, where nothing is special, with each `'` written as `'\''`.
 * Nothing inside is expanded or executed: `$(...)`, backticks, `;`, `\`,
 * `<&>` and newlines stay literal.
 */
export function shellQuote(s: string): string {
  if (BARE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** C0 controls, DEL and C1 controls: a terminal or a shell may act on any of them. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The one shell-comment sanitiser. Returns `s` fit to follow `# ` on one line
 * of a script: every control character (newline, carriage return, escape,
 * ...) is written as a visible escape (`\n`, `\r`, `\t`, `\xHH`), so a name
 * read from a live CIB or a file name can never end the comment and start a
 * command, nor move a terminal's cursor when the script is read. A backslash
 * is doubled only when it could be mistaken for such an escape's start, so
 * ordinary text reads as it was written.
 */
export function shellComment(s: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f]/.test(s)) return s;
  return s.replace(/\\(?=[nrtx])/g, "\\\\").replace(CONTROL_CHARS, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
