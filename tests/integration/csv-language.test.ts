import { beforeEach, describe, expect, it } from 'vitest'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { CURRENT_INSTRUMENT_ID, requireInstrument } from '../../shared/instrument/versions.ts'
import { parseCsv } from '../helpers/csv.ts'
import { DAY } from '../helpers/fixtures.ts'
import { seedFigureSchools, type FigureSchool } from '../helpers/norms.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { as, createWorld, openSurveyAsSchoolLeader, type World } from '../helpers/world.ts'

// The CSV exports in Welsh (?lang=cy): the same rows, columns, codes and figures as the English
// file, with every sentence, name and statement in Welsh (the report's words are the page's own,
// shared/messages/report), so a Welsh reader finds no English sentence in them.

const NOW = new Date('2026-11-20T12:00:00Z')
const instrument = requireInstrument(CURRENT_INSTRUMENT_ID)
/** Columns a program reads: the same in every language. */
const REPORT_CODES = [0, 1, 3, 5, 6]
const OVERVIEW_CODES = [0, 1, 3, 4, 5]

/** A cell that is a sentence or a phrase (three words or more), not a name, code or figure. */
const isSentence = (cell: string) => /\p{L}{2,}\S* \S+ \S*\p{L}{2,}/u.test(cell)

/** The English file's sentences (leaving out the cells a school typed itself), each checked to be absent from the Welsh file. */
function compare(english: string, welsh: string, codes: readonly number[], typed: (row: string[], column: number) => boolean): Set<string> {
  const [en, cy] = [parseCsv(english), parseCsv(welsh)]
  expect(cy.length).toBe(en.length)
  expect(cy[0]).toEqual(en[0])
  const sections = new Set<string>()
  en.forEach((row, i) => {
    const other = cy[i]!
    expect(codes.map((c) => other[c]), `row ${i}`).toEqual(codes.map((c) => row[c]))
    row.forEach((cell, c) => {
      if (cell !== '' && !Number.isNaN(Number(cell))) expect(other[c], `row ${i} column ${c}`).toBe(cell)
      if (!typed(row, c) && !codes.includes(c) && isSentence(cell)) {
        expect(welsh, `row ${i}: ${row.join(',')}`).not.toContain(cell)
        sections.add(row[0]!)
      }
    })
  })
  return sections
}

describe.each(testDatabases())('CSV exports in Welsh on %s', (kind) => {
  let world: World
  const t = useApp(kind, { now: () => NOW })
  beforeEach(async () => {
    await resetDb(t.db)
    world = await createWorld(t.db, NOW)
  })
  const get = async (url: string, who: 'schoolLeader' | 'trustLeader' = 'schoolLeader') => {
    const res = await t.app.inject({ method: 'GET', url, headers: as(world, who) })
    expect(res.statusCode).toBe(200)
    return res.body
  }

  /** A dl-v2 survey answered by `respondents` generated staff at `school` (A1 unless asked), closed; its id. */
  async function closedSurvey(respondents: number, school = world.schoolA1): Promise<number> {
    const { id, token } = await openSurveyAsSchoolLeader(t.app, world, new Date(NOW.getTime() - 2 * DAY), { k: 5, expectedStaff: 40 })
    if (school !== world.schoolA1) await t.db.updateTable('surveys').set({ school_id: school }).where('id', '=', id).execute()
    for (const { comments: _, ...body } of generateResponses({ instrument, pattern: 7, respondents, seed: 8 })) {
      expect((await t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })).statusCode).toBe(201)
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/surveys/${id}/close`, headers: as(world, 'trustLeader') })).statusCode).toBe(200)
    return id
  }

  /** 12 reference schools in other trusts with figures, so that reports have norms. */
  const referenceSchools = () =>
    seedFigureSchools(t.db, NOW, [{}, {}, {}, {}], Array.from({ length: 12 }, (_, i): FigureSchool => ({
      trust: i % 4, phase: null, staffBand: null, nation: null,
      surveys: [{ closedDaysAgo: 40, means: instrument.scales.map(() => 2.9 + i / 12), dimensions: [20 + i * 5, 40 + i * 3, 30 + i * 4, 50 + i], mostLikely: 1 + (i % 7) }],
    })))

  it('the report: no sentence of the English CSV, with the same rows, codes and figures; the codebook in Welsh', async () => {
    await referenceSchools()
    const id = await closedSurvey(16)
    const english = await get(`/api/surveys/${id}/report.csv`)
    const welsh = await get(`/api/surveys/${id}/report.csv?lang=cy`)
    const sections = compare(english, welsh, REPORT_CODES, (row) => row[0] === 'survey')
    // the findings, the norms' note, the placement and what is withheld were all English sentences
    expect([...sections].sort()).toEqual(expect.arrayContaining(['flag', 'item', 'norm', 'placement', 'priority', 'strength', 'suppressed']))

    // the codebook: the same terms in the same order, every meaning in Welsh (dl-v2's measures, statements and pairs too)
    const [enCodebook, cyCodebook] = [parseCsv(await get(`/api/surveys/${id}/report.csv?part=codebook`)), parseCsv(await get(`/api/surveys/${id}/report.csv?part=codebook&lang=cy`))]
    expect(cyCodebook.map(([term]) => term).slice(1)).toEqual(enCodebook.map(([term]) => term).slice(1))
    expect(enCodebook.map(([term]) => term)).toEqual(expect.arrayContaining(['section (dl-v2)', 'item sr1', 'pair pa1']))
    const same = cyCodebook.filter(([, meaning], i) => meaning === enCodebook[i]![1]).map(([term]) => term)
    expect(same).toEqual(['questionnaire'])
  })

  it('the trust overview: no sentence of the English CSV, and its codebook in Welsh with the same terms', async () => {
    await referenceSchools()
    await closedSurvey(16)
    await closedSurvey(3, world.schoolA2)
    await t.db.insertInto('schools').values({ name: 'Alder Three School', trust_id: world.trustA }).execute()
    const url = `/api/trusts/${world.trustA}/overview.csv`
    const english = await get(url, 'trustLeader')
    const welsh = await get(`${url}?lang=cy`, 'trustLeader')
    const sections = compare(english, welsh, OVERVIEW_CODES, (row, column) => column === 2 || row[0] === 'pairing')
    expect([...sections].sort()).toEqual(['suppressed'])
    expect(welsh).toContain('cycle,,Alder Trust,trust,,cycle,Hydref 2026\r\n')
    expect(welsh).toContain('suppressed,,Alder Trust,trust,,note,"Alder Two School: llai na 5 ymateb, felly')
    expect(welsh).toContain('suppressed,,Alder Trust,trust,,note,Alder Three School: ni chaeodd')
    const ranged = await get(`${url}?from=2026-09-01&to=2026-12-31&lang=cy`, 'trustLeader')
    expect(ranged).toContain('cycle,,Alder Trust,trust,,cycle,1 Medi 2026 – 31 Rhag 2026\r\n')

    const [enCodebook, cyCodebook] = [parseCsv(await get(`${url}?part=codebook`, 'trustLeader')), parseCsv(await get(`${url}?part=codebook&lang=cy`, 'trustLeader'))]
    expect(cyCodebook[0]).toEqual(['colofn neu fesur', 'ystyr'])
    expect(cyCodebook.slice(1).map(([term]) => term)).toEqual(enCodebook.slice(1).map(([term]) => term))
    for (const [i, [, meaning]] of cyCodebook.entries()) expect(meaning, cyCodebook[i]![0]).not.toBe(enCodebook[i]![1])
  })
})
