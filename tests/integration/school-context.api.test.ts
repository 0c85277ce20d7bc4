import { beforeEach, describe, expect, it } from 'vitest'
import { ApiErrorSchema } from '../../shared/errors.ts'
import { SchoolContextSchema } from '../../shared/schemas/organisations.ts'
import { resetDb, testDatabases } from '../helpers/test-db.ts'
import { useApp } from '../helpers/app.ts'
import { as, createWorld, type World } from '../helpers/world.ts'

// A school's context (phase, staff band, nation; in a trust from its trust): its leaders read and
// change it through the API; a value off the closed lists is refused with a message, writing nothing.

describe.each(testDatabases())('school context on %s', (kind) => {
  const t = useApp(kind)
  let world: World
  beforeEach(async () => {
    await resetDb(t.db)
    world = await createWorld(t.db)
  })
  const url = () => `/api/schools/${world.schoolA1}/context`
  const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: url(), headers: as(world, 'schoolLeader'), payload })

  it('starts unset, takes the fields given, and a null clears one', async () => {
    const start = SchoolContextSchema.parse((await t.app.inject({ method: 'GET', url: url(), headers: as(world, 'schoolLeader') })).json())
    expect(start).toEqual({ schoolId: world.schoolA1, phase: null, staffBand: null, nation: null, inTrust: true })
    expect((await patch({ phase: 'secondary', staffBand: '50_to_99', nation: 'scotland' })).json()).toMatchObject({ phase: 'secondary', staffBand: '50_to_99', nation: 'scotland' })
    expect((await patch({ nation: null })).json()).toMatchObject({ phase: 'secondary', staffBand: '50_to_99', nation: null })
  })

  it('refuses a value off the list, an unknown field and an empty change with a message, and writes nothing', async () => {
    await patch({ phase: 'primary' })
    for (const [payload, message] of [
      [{ phase: 'college' }, /the phase must be one of: nursery, primary/],
      [{ staffBand: 35 }, /the staff band must be one of/],
      [{ inTrust: false }, /not part of the request: inTrust/],
      [{}, /give at least one of phase, staffBand or nation/],
    ] as const) {
      const res = await patch(payload)
      expect(res.statusCode).toBe(400)
      expect(JSON.stringify(ApiErrorSchema.parse(res.json()).error)).toMatch(message)
    }
    expect(await t.db.selectFrom('schools').select(['phase', 'staff_band', 'nation']).where('id', '=', world.schoolA1).executeTakeFirstOrThrow()).toEqual({ phase: 'primary', staff_band: null, nation: null })
  })
})
