/** C0 controls, DEL and C1 controls: a terminal may act on any of them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A file name as hacc prints it in a message: as it is, or JSON-quoted
 * (`"bad\nname.ha"`, `"\u001b[31m.ha"`) when it holds a control character, so
 * that a name can neither break a line nor drive the terminal.
 */
export function shownName(name: string): string {
  return CONTROL.test(name) ? JSON.stringify(name) : name;
}
