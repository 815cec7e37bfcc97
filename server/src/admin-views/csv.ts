/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A text starting with = + - @ or
 * a tab is prefixed with ' so that spreadsheets show it instead of running it as a formula (OWASP, CSV Injection).
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: (string | number | undefined)[]): string => `${values.map(csvField).join(',')}\r\n`;
