// CSV for every export (RFC 4180: comma-separated, CRLF line ends, UTF-8 with a byte-order mark so
// spreadsheet programs read accents and dashes right). One function writes every cell, so every
// export is safe against formula injection in the same way.
//
// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with =, +, -
// or @ as a formula, and some read a leading tab or carriage return the same way. Survey titles,
// school names and comments are typed by people other than the reader (a school leader can plant
// a title for the trust leader), so a text cell that begins with one of these gets a single quote
// in front (shown as text, never run), and is quoted. Numbers are written as numbers: a negative
// figure stays a number.

const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number | null | undefined

/** One cell: numbers to 4 decimals, text neutralised if it could run as a formula, quoted where needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4)
  const formula = FORMULA_START.test(value)
  const text = formula ? `'${value}` : value
  return formula || /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}
