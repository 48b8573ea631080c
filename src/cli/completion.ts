import type { Command, Option } from "commander";
import { UsageError } from "./io.js";

/**
 * `hacc completion bash|zsh`: a completion script made from the commands and
 * options registered with commander, so a new command or option completes
 * without a change here. Bash: `source <(hacc completion bash)`; zsh: write
 * it as `_hacc` in a directory of `$fpath`, or `source <(hacc completion zsh)`.
 */
export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script for bash or zsh")
    .argument("<shell>", "bash or zsh")
    .action((shell: string) => {
      if (shell === "bash") process.stdout.write(bashScript(program));
      else if (shell === "zsh") process.stdout.write(zshScript(program));
      else throw new UsageError(`completion ${shell}: expected bash or zsh`);
    });
}

interface Cmd {
  readonly name: string;
  readonly description: string;
  readonly options: readonly Option[];
}

function commands(program: Command): Cmd[] {
  return program.commands.map((c) => ({ name: c.name(), description: c.description(), options: c.options }));
}

/** The words an option is written as: `--target`, `-t`. */
function words(o: Option): string[] {
  return [o.long, o.short].filter((w): w is string => w !== undefined);
}

/** Whether an option takes a value (`--target <target>`). */
function takesValue(o: Option): boolean {
  return o.required || o.optional;
}

function shellWord(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function bashScript(program: Command): string {
  const cmds = commands(program);
  const cases = cmds.map((c) => {
    const opts = [...c.options.flatMap(words), "--help"].join(" ");
    const choices = c.options
      .filter((o) => takesValue(o) && o.argChoices !== undefined)
      .map((o) => `        ${words(o).join("|")}) COMPREPLY=($(compgen -W ${shellWord(o.argChoices!.join(" "))} -- "$cur")); return ;;`);
    const files = c.options.filter((o) => takesValue(o) && o.argChoices === undefined).flatMap(words);
    return [
      `    ${c.name})`,
      `      case "$prev" in`,
      ...choices,
      ...(files.length > 0 ? [`        ${files.join("|")}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`] : []),
      `      esac`,
      `      opts=${shellWord(opts)} ;;`,
    ].join("\n");
  });
  return `# bash completion for hacc: source <(hacc completion bash)
_hacc() {
  local cur prev opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${shellWord([...cmds.map((c) => c.name), "help", "--help", "--version"].join(" "))} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join("\n")}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -o bashdefault -F _hacc hacc
`;
}

/** Text inside a zsh `_arguments` spec's brackets or a `_describe` entry: no `[`, `]`, `:` or quote left unescaped. */
function zshText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/([[\]:])/g, "\\$1").replace(/'/g, `'\\''`);
}

export function zshScript(program: Command): string {
  const cmds = commands(program);
  const list = cmds.map((c) => `    '${c.name}:${zshText(c.description)}'`).join("\n");
  const cases = cmds.map((c) => {
    const specs = c.options.map((o) => {
      const ws = words(o);
      const names = ws.length > 1 ? `(${ws.join(" ")})'{${ws.join(",")}}'` : ws[0]!;
      const value = !takesValue(o) ? "" : o.argChoices !== undefined ? `:${zshText(o.attributeName())}:(${o.argChoices.join(" ")})` : `:${zshText(o.attributeName())}:_files`;
      return `        '${names}[${zshText(o.description)}]${value}'`;
    });
    return [`    ${c.name})`, `      _arguments -s \\`, ...specs.map((s) => `${s} \\`), `        '(- *)--help[show help]' \\`, `        '*:file:_files'`, `      ;;`].join("\n");
  });
  return `#compdef hacc
# zsh completion for hacc: save as _hacc in a directory of $fpath, or source <(hacc completion zsh)
_hacc() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'hacc command' commands
    return
  fi
  local cmd=$words[2]
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases.join("\n")}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _hacc "$@"
else
  compdef _hacc hacc
fi
`;
}
