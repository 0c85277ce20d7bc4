import { beforeEach, describe, expect, it } from 'vitest'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { SurveyReport } from '../../shared/schemas/reports.ts'
import { DAY } from '../helpers/fixtures.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { as, createWorld, openSurveyAsSchoolLeader, reportAsSchoolLeader, type World } from '../helpers/world.ts'

// dl-v1 surveys keep their meaning when dl-v2 arrives (issue 11): a dl-v1 survey's report and CSV
// are byte for byte what they were before dl-v2 was scored. The files beside this test were
// written by the code as it stood before the dl-v2 server work (commit "dl-v2 contract"); a
// change to either is a change to what every existing dl-v1 report says.

/**
 * The report without what was added after it for pages in another language: codes and figures
 * beside the English sentences (issue 15), which themselves stay exactly as they were.
 */
function asBefore(report: SurveyReport): unknown {
  const { releaseWhy: _r, withheld: _w, ...rest } = report
  const { trustWhy: _t, ...overlays } = rest.overlays
  const overlay = (o: SurveyReport['overlays']['previous']) => o && (({ responses: _n, schools: _s, ...before }) => before)(o)
  return {
    ...rest,
    hiddenGroups: rest.hiddenGroups.map(({ why: _y, ...before }) => before),
    flags: rest.flags.map(({ facts: _f, ...before }) => before),
    overlays: { ...overlays, previous: overlay(overlays.previous), trust: overlay(overlays.trust) },
    norms: rest.norms && (({ contextComplete: _c, ...before }) => before)(rest.norms),
  }
}

describe.each(testDatabases())('a dl-v1 report on %s', (kind) => {
  let world: World
  const now = new Date('2026-11-20T10:00:00Z')
  const t = useApp(kind, { now: () => now })
  beforeEach(async () => {
    await resetDb(t.db)
    world = await createWorld(t.db, now)
  })

  it('is unchanged: the report and its CSV as they were before dl-v2', async () => {
    const headers = as(world, 'schoolLeader')
    const { id, token } = await openSurveyAsSchoolLeader(t.app, world, new Date(now.getTime() - 2 * DAY), { expectedStaff: 50, k: 5, instrumentVersion: 'dl-v1' })
    // comments are shown in a fresh random order, so none here; everything else as staff send it
    const bodies = generateResponses({ instrument: dlV1, pattern: 4, respondents: 32, seed: 1101, dontKnowRate: 0.08, skipRate: 0.06 })
    for (const { comments: _, ...body } of bodies) {
      expect((await t.app.inject({ method: 'POST', url: `/api/forms/${token}/responses`, payload: body })).statusCode).toBe(201)
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/surveys/${id}/close`, headers })).statusCode).toBe(200)
    const report = await reportAsSchoolLeader(t.app, world, id)
    expect(report.survey.instrumentVersion).toBe('dl-v1')
    expect(report.placement).toBeNull()
    const raw = await t.app.inject({ method: 'GET', url: `/api/surveys/${id}/report`, headers })
    await expect(JSON.stringify(asBefore(JSON.parse(raw.body)), null, 1)).toMatchFileSnapshot('./dl-v1-unchanged/report.json')
    const csv = await t.app.inject({ method: 'GET', url: `/api/surveys/${id}/report.csv`, headers })
    await expect(csv.body).toMatchFileSnapshot('./dl-v1-unchanged/report.csv')
  })
})
