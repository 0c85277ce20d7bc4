import type { Kysely } from 'kysely'
import { groupKeys, NORM_GROUP_KINDS, NORM_WINDOW_DAYS, normShown, PARENT_KIND, roundNorm, type NormGroupKind, type NormRow } from '../../../shared/domain/norms.ts'
import type { ReportNormGroup } from '../../../shared/domain/norms-report.ts'
import { requireInstrument } from '../../../shared/instrument/versions.ts'
import type { SchoolNorms } from '../../../shared/schemas/norms.ts'
import { NATION_LABELS, SCHOOL_PHASE_LABELS, STAFF_BAND_LABELS, type SchoolPhase, type StaffBand } from '../../../shared/schemas/organisations.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import type { TallySource } from '../reports/tally-source.ts'
import { findSurvey } from '../surveys/surveys.service.ts'
import * as repo from './norms.repository.ts'

/**
 * Stored norms older than this are computed again on the next read, so a change of a school's
 * context, a trust's opting out, and the window moving on all reach the norms within the hour.
 * A survey that closes makes them out of date at once.
 */
export const NORMS_MAX_AGE_MS = 3_600_000

const DAY_MS = 86_400_000

/** The norm groups a school of this context is compared in, each named for a reader. */
export function groupsOfContext(context: { phase: string | null; staffBand: string | null; nation: string | null }): { kind: NormGroupKind; key: string; label: string }[] {
  const keys = groupKeys(context)
  const phase = context.phase ? SCHOOL_PHASE_LABELS[context.phase as keyof typeof SCHOOL_PHASE_LABELS] : ''
  const band = context.staffBand ? STAFF_BAND_LABELS[context.staffBand as keyof typeof STAFF_BAND_LABELS].toLowerCase() : ''
  const nation = context.nation ? NATION_LABELS[context.nation as keyof typeof NATION_LABELS] : ''
  const labels: Record<NormGroupKind, string> = {
    all: 'All schools',
    similar: `${phase} schools with ${band}`,
    similar_nation: `${phase} schools with ${band} in ${nation}`,
  }
  return NORM_GROUP_KINDS.flatMap((kind) => (keys[kind] === null ? [] : [{ kind, key: keys[kind]!, label: labels[kind] }]))
}

export function createNormService({ db, readDb = db, tallySource, now = () => new Date() }: { db: Kysely<Database>; readDb?: Kysely<Database>; tallySource: TallySource; now?: () => Date }) {
  const windowOf = (at: Date) => ({ from: new Date(at.getTime() - NORM_WINDOW_DAYS * DAY_MS), to: at })

  /** Computes an instrument's norms in SQL from stored figures, applies the rules, and stores them whole. */
  async function refresh(instrumentId: string): Promise<{ rows: number; groups: number }> {
    const at = now()
    const { from, to } = windowOf(at)
    const instrument = requireInstrument(instrumentId)
    // Closed surveys whose figures no report has asked for yet: stored first (released ones only).
    const missing = await repo.listSurveysWithoutFigures(db, instrumentId, from, to)
    if (missing.length > 0) {
      const surveys = (await Promise.all(missing.map((id) => findSurvey(db, id)))).filter((s) => s !== undefined)
      await tallySource.figures(surveys, instrument)
    }
    const rows = rowsShown(await repo.computeGroupStats(db, instrumentId, from, to))
    await repo.replaceNorms(db, instrumentId, rows, at, from)
    return { rows: rows.length, groups: new Set(rows.map((r) => `${r.kind}:${r.key}`)).size }
  }

  /** Stored norms, computed again first when a survey has closed since, or they are older than NORMS_MAX_AGE_MS. */
  async function fresh(instrumentId: string): Promise<void> {
    const at = now()
    const last = await repo.findRefresh(readDb, instrumentId)
    if (last && at.getTime() - last.computedAt.getTime() < NORMS_MAX_AGE_MS && !(await repo.surveyClosedSince(readDb, instrumentId, last.computedAt, at))) return
    await refresh(instrumentId)
  }

  async function contextOf(schoolId: number) {
    const context = await repo.findSchoolContext(readDb, schoolId)
    if (!context) throw new NotFoundError('There is no such school.')
    return context
  }

  return {
    refresh,

    /**
     * The norm tables a school's leaders may see: those of the groups the school is in that may
     * be shown, for an instrument (the current one by default). A group not shown is named with why.
     */
    async getNorms(schoolId: number, instrumentId: string): Promise<SchoolNorms> {
      const context = await contextOf(schoolId)
      await fresh(instrumentId)
      const groups = groupsOfContext(context)
      const [rows, last] = await Promise.all([repo.listNorms(readDb, instrumentId, groups), repo.findRefresh(readDb, instrumentId)])
      const instrument = requireInstrument(instrumentId)
      return {
        schoolId,
        instrumentVersion: instrumentId,
        computedAt: last!.computedAt.toISOString(),
        windowFrom: last!.windowFrom.toISOString(),
        contextComplete: context.phase !== null && context.staffBand !== null,
        groups: groups.map((g) => {
          const own = rows.filter((r) => r.kind === g.kind && r.key === g.key)
          return {
            kind: g.kind,
            label: g.label,
            scales: instrument.scales.map((s) => {
              const row = own.find((r) => r.measure === s.id)
              return { id: s.id, schools: row?.schools ?? null, trusts: row?.trusts ?? null, percentiles: row?.percentiles ?? null }
            }),
          }
        }),
      }
    },

    /** The all-schools and similar-schools groups a school's report compares it in, with their stored rows. */
    async reportGroups(schoolId: number, instrumentId: string): Promise<{ groups: ReportNormGroup[]; contextComplete: boolean }> {
      const [context] = await Promise.all([contextOf(schoolId), fresh(instrumentId)])
      const groups = groupsOfContext(context).filter((g): g is typeof g & { kind: 'all' | 'similar' } => g.kind !== 'similar_nation')
      const rows = await repo.listNorms(readDb, instrumentId, groups)
      return {
        groups: groups.map((g) => ({
          kind: g.kind,
          label: g.label,
          ...(g.kind === 'similar' ? { phase: context.phase as SchoolPhase | null, staffBand: context.staffBand as StaffBand | null } : { phase: null, staffBand: null }),
          rows: rows.filter((r) => r.kind === g.kind && r.key === g.key),
        })),
        contextComplete: context.phase !== null && context.staffBand !== null,
      }
    },

    /** Opts a trust's schools out of contributing to norms (or back in); the norms are computed again at once. */
    async setTrustOptOut(trustId: number, optOut: boolean, instrumentIds: readonly string[]): Promise<void> {
      if ((await repo.setTrustOptOut(db, trustId, optOut)) === undefined) throw new NotFoundError(`There is no trust ${trustId}.`)
      for (const id of instrumentIds) await refresh(id)
    },
  }
}
export type NormService = ReturnType<typeof createNormService>

/**
 * Which groups may be shown, from the SQL's figures, by the rules of shared/domain/norms.ts, each
 * group after its parent (all, then similar, then similar and nation).
 */
export function rowsShown(stats: readonly repo.GroupStats[]): NormRow[] {
  const shown = new Map<string, { shown: boolean; schools: number }>()
  const rows: NormRow[] = []
  for (const kind of NORM_GROUP_KINDS) {
    for (const g of stats.filter((s) => s.kind === kind)) {
      const parent = kind === 'all' ? null : (shown.get(`${PARENT_KIND[kind]}:${g.parentKey}:${g.measure}`) ?? { shown: false, schools: 0 })
      const complement = g.complement ? { ...g.complement, largestTrust: 0 } : null
      const isShown = normShown(g, parent, complement)
      shown.set(`${kind}:${g.key}:${g.measure}`, { shown: isShown, schools: g.schools })
      if (isShown) rows.push({ kind, key: g.key, measure: g.measure, schools: g.schools, trusts: g.trusts, percentiles: g.percentiles.map(roundNorm) })
    }
  }
  return rows
}
