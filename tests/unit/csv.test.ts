import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from '../../shared/domain/csv.ts'

describe('csv cells', () => {
  it.each([
    ['plain text', 'Alder One School', 'Alder One School'],
    ['a comma', 'Ash, Elm', '"Ash, Elm"'],
    ['a double quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['leading space', ' padded', '" padded"'],
    ['a formula with =', '=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
    ['a formula with +', '+1+1', '"\'+1+1"'],
    ['a formula with -', '-2+3', '"\'-2+3"'],
    ['a formula with @', '@SUM(A1:A2)', '"\'@SUM(A1:A2)"'],
    ['a leading tab', '\t=1+1', '"\'\t=1+1"'],
    ['a leading carriage return', '\r=1+1', '"\'\r=1+1"'],
    ['an = later in the text', 'a=b', 'a=b'],
  ])('writes %s safely', (_, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it.each([
    [-0.25, '-0.2500'],
    [3, '3'],
    [-2, '-2'],
    [null, ''],
    [undefined, ''],
  ])('writes the number or blank %s as it is', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('joins rows with CRLF after a byte-order mark', () => {
    expect(toCsv([['a', 1], ['=x', null]])).toBe('\uFEFFa,1\r\n"\'=x",\r\n')
  })
})
