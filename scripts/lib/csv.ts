/** One CSV field, quoted when it holds a quote, a comma or a line break. */
export const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
