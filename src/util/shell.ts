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
