import type { Kysely } from 'kysely'
import { DIMENSION_MEASURE_PREFIX, groupKeys, NORM_GROUP_KINDS, PLACEMENT_MEASURE, NORM_WINDOW_DAYS, normShown, PARENT_KIND, roundNorm, type NormGroupKind, type NormRow, type SchoolContextKeys } from '../../../shared/domain/norms.ts'
import type { ReportNormGroup } from '../../../shared/domain/norms-report.ts'
import { instruments, requireInstrument } from '../../../shared/instrument/versions.ts'
import { MODEL_DIMENSIONS } from '../../../shared/domain/placement.ts'
import type { SchoolNorms } from '../../../shared/schemas/norms.ts'
import { NATION_LABELS, SCHOOL_PHASE_LABELS, STAFF_BAND_LABELS, type SchoolPhase, type StaffBand } from '../../../shared/schemas/organisations.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import type { TallySource } from '../reports/tally-source.ts'
import { findSurvey } from '../surveys/surveys.service.ts'
import * as repo from './norms.repository.ts'

/**
 * Norms are computed when a survey is closed, when a trust opts out or in, and when a school's
 * context changes. A read computes them again only when they are older than this (the window moving
 * on) or a survey has passed its end date since, and then only if no other refresh is under way.
 */
export const NORMS_MAX_AGE_MS = 3_600_000

const DAY_MS = 86_400_000

/**
 * Surveys whose figures are stored in one go when norms find them missing (the first refresh after
 * many surveys closed unread): a slice of 250 surveys of 100 staff aggregates in well under the
 * statement time limit; 10,000 at once met it (docs/benchmarks.md).
 */
const FIGURES_SLICE = 250

/** A refresh done: when, over which window, and how many rows and groups it stored. */
type Computed = repo.Refresh & { rows: number; groups: number }

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

  /**
   * Stores the figures of closed surveys that no report has asked for yet (released ones only), a
   * slice at a time. Each survey is read where its responses are (`readDb`): a replica that has not
   * yet seen a survey close sees it open and stores nothing for it, where a record from the primary
   * beside the replica's responses would store a closed survey's figures with nothing released.
   */
  async function storeFigures(instrumentId: string, surveyIds: readonly number[]): Promise<void> {
    for (let i = 0; i < surveyIds.length; i += FIGURES_SLICE) {
      const surveys = (await Promise.all(surveyIds.slice(i, i + FIGURES_SLICE).map((id) => findSurvey(readDb, id)))).filter((s) => s !== undefined)
      await tallySource.figures(surveys, requireInstrument(instrumentId))
    }
  }

  /**
   * Computes an instrument's norms in SQL from stored figures, applies the rules, and stores them
   * whole, holding the instrument's norms lock. `wait`: after any refresh under way (so that it
   * sees every change made before the call). Else only if none is under way and the stored norms
   * are still those computed at `seen` (null if none); undefined when it left them to the other.
   * Closed surveys of the window whose figures are not stored yet are stored first, by the holder
   * of the lock only, outside its transaction (on PGlite a transaction holds the one connection,
   * which the tallies need), and the lock is then taken again.
   */
  async function recompute(instrumentId: string, lock: { wait: true } | { wait: false; seen: Date | null }): Promise<Computed | undefined> {
    const at = now()
    const { from, to } = windowOf(at)
    for (let figuresStored = false; ; figuresStored = true) {
      const outcome = await db.transaction().execute(async (trx): Promise<Computed | { missing: number[] } | undefined> => {
        if (!(await repo.lockNorms(trx, instrumentId, lock.wait))) return undefined
        if (!lock.wait && (await repo.findRefresh(trx, instrumentId))?.computedAt.getTime() !== lock.seen?.getTime()) return undefined
        const missing = figuresStored ? [] : await repo.listSurveysWithoutFigures(trx, instrumentId, from, to)
        if (missing.length > 0) return { missing }
        const rows = rowsShown(await repo.computeGroupStats(trx, instrumentId, from, to))
        await repo.replaceNorms(trx, instrumentId, rows, at, from)
        return { computedAt: at, windowFrom: from, rows: rows.length, groups: new Set(rows.map((r) => `${r.kind}:${r.key}`)).size }
      })
      if (!outcome || !('missing' in outcome)) return outcome
      await storeFigures(instrumentId, outcome.missing)
    }
  }

  /** Computes an instrument's norms now (after any refresh under way). */
  async function refresh(instrumentId: string): Promise<{ rows: number; groups: number }> {
    const { rows, groups } = (await recompute(instrumentId, { wait: true }))!
    return { rows, groups }
  }

  /** Every instrument's norms computed now: after a change to what they group or count schools by. */
  async function refreshAll(): Promise<void> {
    for (const id of Object.keys(instruments)) await refresh(id)
  }

  /**
   * When the stored norms were computed, and a school's context if asked for, in one statement;
   * when they are out of date, computed again first unless another reader is doing so (then this
   * one reads the stored norms and does not wait).
   */
  async function state(instrumentId: string, schoolId: number | null): Promise<{ context: SchoolContextKeys | undefined; refresh: repo.Refresh }> {
    const at = now()
    const found = await repo.findNormState(readDb, instrumentId, at, new Date(at.getTime() - NORMS_MAX_AGE_MS), schoolId)
    if (schoolId !== null && !found.context) throw new NotFoundError('There is no such school.')
    const computed = found.stale ? await recompute(instrumentId, { wait: false, seen: found.refresh?.computedAt ?? null }) : undefined
    // Never computed, and another reader is computing them: nothing stored to read meanwhile (a new install).
    const refresh = computed ?? found.refresh ?? (await recompute(instrumentId, { wait: true }))!
    return { context: found.context, refresh }
  }

  async function schoolState(schoolId: number, instrumentId: string) {
    const { context, refresh } = await state(instrumentId, schoolId)
    return { context: context!, refresh }
  }

  return {
    refresh,
    refreshAll,

    /**
     * The norm tables a school's leaders may see: those of the groups the school is in that may
     * be shown, for an instrument (the current one by default). A group not shown is named with why.
     */
    async getNorms(schoolId: number, instrumentId: string): Promise<SchoolNorms> {
      const { context, refresh: last } = await schoolState(schoolId, instrumentId)
      const groups = groupsOfContext(context)
      const rows = await repo.listNorms(readDb, instrumentId, groups)
      const instrument = requireInstrument(instrumentId)
      return {
        schoolId,
        instrumentVersion: instrumentId,
        computedAt: last.computedAt.toISOString(),
        windowFrom: last.windowFrom.toISOString(),
        contextComplete: context.phase !== null && context.staffBand !== null,
        groups: groups.map((g) => {
          const own = rows.filter((r) => r.kind === g.kind && r.key === g.key)
          const table = (measure: string) => {
            const row = own.find((r) => r.measure === measure)
            return { schools: row?.schools ?? null, trusts: row?.trusts ?? null, percentiles: row?.percentiles ?? null }
          }
          return {
            kind: g.kind,
            label: g.label,
            scales: instrument.scales.map((s) => ({ id: s.id, ...table(s.id) })),
            dimensions: instrument.patternBlock ? MODEL_DIMENSIONS.map((id) => ({ id, ...table(`${DIMENSION_MEASURE_PREFIX}${id}`) })) : [],
            placement: instrument.patternBlock ? (({ percentiles, ...counts }) => ({ ...counts, shares: percentiles }))(table(PLACEMENT_MEASURE)) : null,
          }
        }),
      }
    },

    /** The all-schools and similar-schools groups a school's report compares it in, with their stored rows. */
    async reportGroups(schoolId: number, instrumentId: string): Promise<{ groups: ReportNormGroup[]; contextComplete: boolean }> {
      const { context } = await schoolState(schoolId, instrumentId)
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

    /** The all-schools group with its stored rows: the trust overview places each school among them. */
    async allSchools(instrumentId: string): Promise<{ label: string; rows: NormRow[] }> {
      await state(instrumentId, null)
      const all = groupsOfContext({ phase: null, staffBand: null, nation: null })
      return { label: all[0]!.label, rows: await repo.listNorms(readDb, instrumentId, all) }
    },

    /** Opts a trust's schools out of contributing to norms (or back in); the norms are computed again at once. */
    async setTrustOptOut(trustId: number, optOut: boolean): Promise<void> {
      if ((await repo.setTrustOptOut(db, trustId, optOut)) === undefined) throw new NotFoundError(`There is no trust ${trustId}.`)
      await refreshAll()
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
