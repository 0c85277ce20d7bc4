// Single-use access codes: 10 characters of Crockford's base32 (50 bits), shown as two groups of
// five. Crockford's alphabet leaves out I, L, O and U, so a code read aloud or copied from paper
// survives the usual confusions: normalising maps O to 0 and I/L to 1 and drops spaces and dashes.

export const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const ACCESS_CODE_LENGTH = 10

export function normaliseAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

export function isWellFormedAccessCode(normalised: string): boolean {
  return normalised.length === ACCESS_CODE_LENGTH && [...normalised].every((c) => ACCESS_CODE_ALPHABET.includes(c))
}

/** "ABCDE12345" → "ABCDE-12345", the form printed on a slip. */
export function formatAccessCode(normalised: string): string {
  return `${normalised.slice(0, 5)}-${normalised.slice(5)}`
}
