import { describe, expect, it } from 'vitest'
import { CreateSchoolInputSchema } from '../../shared/schemas/organisations.ts'
import { CreateSurveyBodySchema } from '../../shared/schemas/surveys.ts'
import { dayIn, endOfDay, formatDay, isDay, isTimeZone, lastOpenDay, startOfDay, surveyInstant } from '../../shared/domain/school-days.ts'

// A survey chosen to close on a day takes answers until the end of that day where the school is.
// The cases sit on the clock changes of 2026: London 29 March (01:00 GMT → 02:00 BST) and
// 25 October (02:00 BST → 01:00 GMT), New York 8 March, and Santiago 6 September, whose midnight
// does not exist (00:00 → 01:00).

describe('startOfDay and endOfDay', () => {
  it.each([
    ['Europe/London', '2026-12-12', '2026-12-12T00:00:00.000Z', '2026-12-13T00:00:00.000Z'],
    ['Europe/London', '2026-06-12', '2026-06-11T23:00:00.000Z', '2026-06-12T23:00:00.000Z'],
    ['Europe/London', '2026-03-28', '2026-03-28T00:00:00.000Z', '2026-03-29T00:00:00.000Z'],
    // 23 hours long: the clocks go forward at 01:00
    ['Europe/London', '2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    // 25 hours long: the clocks go back at 02:00
    ['Europe/London', '2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    ['Europe/London', '2026-10-24', '2026-10-23T23:00:00.000Z', '2026-10-24T23:00:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ['Asia/Kolkata', '2026-12-12', '2026-12-11T18:30:00.000Z', '2026-12-12T18:30:00.000Z'],
    ['Pacific/Auckland', '2026-12-31', '2026-12-30T11:00:00.000Z', '2026-12-31T11:00:00.000Z'],
    // midnight skipped: the day starts when the clocks jump to 01:00
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
  ])('in %s, %s runs from %s to %s', (zone, day, start, end) => {
    expect(startOfDay(day, zone).toISOString()).toBe(start)
    expect(endOfDay(day, zone).toISOString()).toBe(end)
    expect(dayIn(zone, new Date(start))).toBe(day)
    expect(dayIn(zone, new Date(Date.parse(start) - 1000))).not.toBe(day)
    expect(lastOpenDay(new Date(end), zone)).toBe(day)
    expect(dayIn(zone, new Date(end))).not.toBe(day)
  })

  it('refuses what is not a day', () => {
    expect(() => startOfDay('2026-02-30', 'Europe/London')).toThrow(RangeError)
  })
})

describe('surveyInstant', () => {
  it.each([
    ['2026-12-12', 'opens', 'Europe/London', '2026-12-12T00:00:00.000Z'],
    ['2026-12-12', 'closes', 'Europe/London', '2026-12-13T00:00:00.000Z'],
    ['2026-07-01', 'closes', 'Europe/London', '2026-07-01T23:00:00.000Z'],
    // an instant is taken as it is, for clients written before days were accepted
    ['2026-12-12T09:00:00Z', 'closes', 'Europe/London', '2026-12-12T09:00:00.000Z'],
    ['2026-12-12T09:00:00+01:00', 'opens', 'America/New_York', '2026-12-12T08:00:00.000Z'],
  ] as const)('%s as the survey %s in %s is %s', (value, edge, zone, expected) => {
    expect(surveyInstant(value, edge, zone).toISOString()).toBe(expected)
  })
})

describe('days and zones', () => {
  it.each([
    ['2026-12-12', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-12-12T00:00:00Z', false],
    ['12/12/2026', false],
  ])('isDay(%s) is %s', (text, expected) => expect(isDay(text)).toBe(expected))

  it.each([
    ['Europe/London', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['Europe/London; drop table schools', false],
  ])('isTimeZone(%s) is %s', (zone, expected) => expect(isTimeZone(zone)).toBe(expected))

  it('writes a day in words, the same in every time zone', () => {
    expect(formatDay('2026-12-12')).toBe('Saturday 12 December 2026')
    expect(formatDay('2026-12-12', { year: false })).toBe('Saturday 12 December')
  })
})

describe('the shared schemas', () => {
  it("give a school Europe/London unless told otherwise, and refuse a time zone that does not exist", () => {
    expect(CreateSchoolInputSchema.parse({ name: 'Ashgrove' }).timeZone).toBe('Europe/London')
    expect(CreateSchoolInputSchema.parse({ name: 'Ashgrove', timeZone: 'America/New_York' }).timeZone).toBe('America/New_York')
    expect(CreateSchoolInputSchema.safeParse({ name: 'Ashgrove', timeZone: 'Europe/Londn' }).error?.issues[0]?.message).toMatch(/IANA time zone name/)
  })

  it.each([
    ['2026-12-01', '2026-12-12', true],
    ['2026-12-12', '2026-12-12', true],
    ['2026-12-13', '2026-12-12', false],
    ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', false],
    ['2026-12-01T09:00:00Z', '2026-12-12', true],
    ['2026-12-01', '2026-12-31T24:00:00Z', false],
    ['2026-12-01', '2026-02-30', false],
  ])('a survey from %s closing on %s is accepted: %s', (opensAt, closesAt, ok) => {
    expect(CreateSurveyBodySchema.safeParse({ title: 'Autumn', opensAt, closesAt }).success).toBe(ok)
  })
})
