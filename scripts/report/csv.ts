/**
 * One CSV field, quoted when it holds a quote, a comma or a line break. Text that a spreadsheet would run
 * as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage return: an activity's note, a partner's name)
 * is kept as text by a leading apostrophe; numbers stay numbers.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
