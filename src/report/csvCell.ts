/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is neutralised with a
 * leading apostrophe, so input data can never inject a formula into an output (OWASP CSV injection).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: (string | number | null | undefined)[]) => fields.map(csvField).join(',') + '\r\n';
