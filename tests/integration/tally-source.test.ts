import { beforeEach, describe, expect, it } from 'vitest'
import { insertResponse } from '../../server/modules/forms/forms.repository.ts'
import { findSurvey } from '../../server/modules/surveys/surveys.repository.ts'
import { createTallySource } from '../../server/modules/reports/tally-source.ts'
import { generateResponses } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { SubmitResponseBodySchema, toSubmission } from '../../shared/schemas/forms.ts'
import { createSchoolWithSurvey } from '../helpers/fixtures.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useDb } from '../helpers/app.ts'

describe.each(testDatabases())('remembered tallies on %s', (kind) => {
  const t = useDb(kind)
  beforeEach(() => resetDb(t.db))

  async function add(surveyId: number, n: number, seed: number) {
    for (const body of generateResponses({ instrument: dlV1, pattern: 3, respondents: n, seed })) {
      const checked = toSubmission(dlV1, SubmitResponseBodySchema.parse(body))
      if (checked.ok) await insertResponse(t.db, surveyId, 'dl-v1', checked.submission)
    }
  }

  it('remembers a closed survey\'s tally, and computes it again if its responses ever change', async () => {
    const source = createTallySource({ db: t.db })
    const { surveyId } = await createSchoolWithSurvey(t.db)
    await add(surveyId, 8, 1)
    await t.db.updateTable('surveys').set({ status: 'closed' }).where('id', '=', surveyId).execute()
    const survey = (await findSurvey(t.db, surveyId))!
    const first = (await source.tallies([survey], dlV1)).get(surveyId)!
    expect(first.respondents).toBe(8)
    expect(Object.isFrozen(first)).toBe(true)
    expect((await source.tallies([survey], dlV1, { detail: false })).get(surveyId)).toBe(first)
    await add(surveyId, 2, 2)
    const changed = (await findSurvey(t.db, surveyId))!
    expect((await source.tallies([changed], dlV1)).get(surveyId)!.respondents).toBe(10)
  })

  it('counts a closed live survey again the day its last batch is released', async () => {
    let now = new Date('2026-11-10T23:00:00Z')
    const source = createTallySource({ db: t.db, now: () => now })
    const { surveyId } = await createSchoolWithSurvey(t.db, { releaseMode: 'live', k: 5, now })
    for (const [i, body] of generateResponses({ instrument: dlV1, pattern: 3, respondents: 10, seed: 4 }).entries()) {
      const checked = toSubmission(dlV1, SubmitResponseBodySchema.parse(body))
      if (checked.ok) await insertResponse(t.db, surveyId, 'dl-v1', checked.submission, { releaseBatch: Math.floor(i / 5) })
    }
    // the first batch completed the day before, the second today, and then the survey closed
    await t.db
      .updateTable('surveys')
      .set({ status: 'closed', live_response_count: 10, live_batches_completed_on: ['2026-11-09', '2026-11-10'] })
      .where('id', '=', surveyId)
      .execute()
    const survey = (await findSurvey(t.db, surveyId))!
    expect((await source.tallies([survey], dlV1)).get(surveyId)!.respondents).toBe(5)
    now = new Date('2026-11-11T00:00:01Z')
    expect((await source.tallies([survey], dlV1)).get(surveyId)!.respondents).toBe(10)
  })

  it('always counts an open survey afresh', async () => {
    const source = createTallySource({ db: t.db })
    const { surveyId } = await createSchoolWithSurvey(t.db)
    await add(surveyId, 3, 3)
    const survey = (await findSurvey(t.db, surveyId))!
    const a = (await source.tallies([survey], dlV1)).get(surveyId)!
    const b = (await source.tallies([survey], dlV1)).get(surveyId)!
    expect(a).not.toBe(b)
    expect(b).toEqual(a)
    expect(Object.isFrozen(b)).toBe(false)
  })
})
