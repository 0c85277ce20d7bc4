import { createHash, randomBytes, randomInt } from 'node:crypto'
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_LENGTH } from '../shared/domain/access-codes.ts'

/** 128 random bits, URL-safe: survey link tokens, session tokens, one-time links. */
export function newToken(): string {
  return randomBytes(16).toString('base64url')
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function newAccessCode(): string {
  let code = ''
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)]
  return code
}

/** Codes are stored only as this hash, salted by the survey so equal codes differ across surveys. */
export function hashAccessCode(surveyId: number, normalisedCode: string): string {
  return sha256(`continuum-access-code:${surveyId}:${normalisedCode}`)
}
