import { z } from 'zod/mini'
import { checkResponseMinimum, type ResponseMinimum } from '../../../shared/domain/response-minimum.ts'
import type { ErrorCode } from '../../../shared/errors.ts'
import { MAP_EXCLUSIVE_ANSWERS, type MapAreaId, type MapExclusiveAnswer, type MapRoleId, type PatternValue, type PromptId, type RoleId } from '../../../shared/instrument/types.ts'
import { AnswerSchema, MapAnswerSchema, OriginChoiceSchema, PairChoiceSchema, type SubmitResponseBody, type SurveyForm } from '../../../shared/schemas/forms.ts'
import type { Language } from '../../../shared/instrument/languages.ts'
import { instrumentIn } from '../../../shared/instrument/translations.ts'
import { ApiRequestError, errorText, type ErrorText } from '../common/api.ts'
import { startingLanguage } from '../common/i18n.svelte.ts'
import { respondApi } from './api.ts'
import { createRespondMessages, type RespondMessages } from './messages.svelte.ts'

export type Answer = 1 | 2 | 3 | 4 | 5 | null
/** A paired statement (dl-v2 onwards): 1 much closer to the first .. 4 much closer to the second; null "Don't know". */
export type PairChoice = 1 | 2 | 3 | 4 | null
/** How people come to lead something (dl-v2 onwards): 1 allocated .. 4 claimed. */
export type OriginChoice = 1 | 2 | 3 | 4
/** One tick on the leadership map: a group that leads the area, or one of the answers that stand alone. */
export type MapTick = MapRoleId | MapExclusiveAnswer

/** One screen of the survey, in order. */
export type Step =
  | { kind: 'welcome' }
  | { kind: 'scale'; index: number }
  | { kind: 'pairs' }
  | { kind: 'map' }
  | { kind: 'continuum' }
  | { kind: 'about' }
  | { kind: 'comments' }
  | { kind: 'review' }
  | { kind: 'done' }

/** Why the survey cannot be answered, as a page of its own. */
export type Blocker = 'not-found' | 'not-open' | 'closed' | 'code-used' | 'offline'

/** Errors that end the survey whenever they come (checking a code, sending): a page of their own says them. */
export const BLOCKING_ERRORS: Partial<Record<ErrorCode, Blocker>> = { SURVEY_CLOSED: 'closed', CODE_USED: 'code-used' }

// What the browser keeps between visits, so a reload or a dropped connection loses nothing.
// It lives only on this device and is wiped once the response is sent.
const SavedSchema = z.object({
  instrumentVersion: z.string(),
  stepIndex: z.int().check(z.nonnegative()),
  answers: z.record(z.string(), AnswerSchema),
  // Optional: saved before the survey asked them (dl-v1 never does).
  pairs: z.optional(z.record(z.string(), PairChoiceSchema)),
  origin: z.optional(OriginChoiceSchema),
  map: z.optional(z.record(z.string(), MapAnswerSchema)),
  nowPattern: z.nullable(z.int().check(z.minimum(1), z.maximum(7))),
  aimPattern: z.nullable(z.int().check(z.minimum(1), z.maximum(7))),
  role: z.nullable(z.string()),
  comments: z.object({ helps: z.string(), hinders: z.string() }),
  accessCode: z.string(),
})
type Saved = z.infer<typeof SavedSchema>

const storageKey = (token: string) => `continuum:response:${token}`

export class SurveyResponse {
  readonly token: string
  /** The survey's words in the language chosen; the answers do not depend on it (same item ids). */
  readonly messages: RespondMessages = createRespondMessages()
  /** The form as the server sent it (English); `form` is the same in the language chosen. */
  private source: SurveyForm | null = null
  form = $state.raw<SurveyForm | null>(null)
  blocker = $state<Blocker | null>(null)
  loading = $state(true)

  stepIndex = $state(0)
  answers = $state<Record<string, Answer>>({})
  pairs = $state<Record<string, PairChoice>>({})
  origin = $state<OriginChoice | null>(null)
  /** Ticks by map area; an area with nothing ticked is absent (unanswered). */
  map = $state<Partial<Record<MapAreaId, MapTick[]>>>({})
  nowPattern = $state<PatternValue | null>(null)
  aimPattern = $state<PatternValue | null>(null)
  role = $state<RoleId | null>(null)
  comments = $state<Record<PromptId, string>>({ helps: '', hinders: '' })
  accessCode = $state('')

  submitting = $state(false)
  /** A problem the person can fix or retry, kept as what says it, so that its words follow a change of language. */
  private problem = $state.raw<(() => ErrorText | null) | null>(null)
  /** The problem, shown on the current page in the person's language where the survey has words for it. */
  readonly error: ErrorText | null = $derived(this.problem?.() ?? null)

  readonly steps: Step[] = $derived.by(() => {
    const form = this.form
    if (!form) return [{ kind: 'welcome' }]
    return [
      { kind: 'welcome' },
      ...form.instrument.scales.map((_, index) => ({ kind: 'scale' as const, index })),
      ...(form.instrument.patternBlock ? [{ kind: 'pairs' as const }] : []),
      ...(form.instrument.leadershipMap ? [{ kind: 'map' as const }] : []),
      // a pulse check asks only statements (shared/domain/pulse-check.ts)
      ...(form.instrument.continuum.patterns.length > 0 ? [{ kind: 'continuum' as const }] : []),
      ...(form.instrument.roles.length > 0 ? [{ kind: 'about' as const }] : []),
      ...(form.instrument.prompts.length > 0 ? [{ kind: 'comments' as const }] : []),
      { kind: 'review' },
      { kind: 'done' },
    ]
  })
  readonly step: Step = $derived(this.steps[Math.min(this.stepIndex, this.steps.length - 1)] ?? { kind: 'welcome' })
  /** Screens with questions on them (everything between welcome and review). */
  readonly questionSteps = $derived(this.steps.length - 3)
  readonly itemCount = $derived(this.form?.instrument.scales.reduce((n, s) => n + s.items.length, 0) ?? 0)
  readonly answeredCount = $derived(Object.values(this.answers).filter((a) => a !== undefined).length)
  /** Questions on the paired-statements screen not yet answered, the origin question included ("Don't know" is an answer). */
  readonly unansweredPairs = $derived.by(() => {
    const block = this.form?.instrument.patternBlock
    return block ? block.pairs.filter((p) => this.pairs[p.id] === undefined).length + (this.origin === null ? 1 : 0) : 0
  })
  /** Areas of the leadership map with nothing ticked. */
  readonly unansweredAreas = $derived(this.form?.instrument.leadershipMap?.areas.filter((a) => !this.map[a.id]).length ?? 0)
  /** Whether the answers so far make a response that counts, and if not, what is missing. */
  readonly minimum: ResponseMinimum | null = $derived(this.form ? checkResponseMinimum(this.form.instrument, this.answers) : null)

  constructor(token: string) {
    this.token = token
  }

  async load(): Promise<void> {
    this.loading = true
    try {
      const [form] = await Promise.all([respondApi.getSurveyForm(this.token), this.messages.use(startingLanguage(), { remember: false })])
      this.source = form
      this.form = { ...form, instrument: await instrumentIn(form.instrument, this.messages.language) }
      this.restore()
    } catch (err) {
      this.blocker = blockerFor(err)
    } finally {
      this.loading = false
    }
  }

  /**
   * Switches the survey's language at any step: the interface and the questionnaire's texts change,
   * every answer stays (answers are kept by item id). The choice is kept on this device only.
   */
  async chooseLanguage(language: Language): Promise<void> {
    const source = this.source
    const [instrument] = await Promise.all([source ? instrumentIn(source.instrument, language) : null, this.messages.use(language)])
    if (source && instrument) this.form = { ...source, instrument }
  }

  /** What a response still lacks to count, in the chosen language; null when it counts. */
  readonly shortfall: string | null = $derived.by(() => {
    const minimum = this.minimum
    const t = this.messages.t
    if (!minimum || minimum.counts || !this.form) return null
    const rule = t('minimum.rule', { needed: minimum.needed, smallest: minimum.smallest, dontKnow: this.form.instrument.dontKnowLabel })
    const progress = minimum.nearest ? t('minimum.nearest', { section: minimum.nearest.title, more: minimum.nearest.more }) : t('minimum.none')
    return `${rule} ${progress}`
  })

  goTo(index: number): void {
    this.problem = null
    this.stepIndex = Math.max(0, Math.min(index, this.steps.length - 2))
    this.save()
  }
  /** The index of the first screen of a kind (for "Change" links); the review screen if there is none. */
  indexOf(kind: Step['kind']): number {
    const index = this.steps.findIndex((s) => s.kind === kind)
    return index < 0 ? this.steps.length - 2 : index
  }
  next(): void {
    this.goTo(this.stepIndex + 1)
  }
  back(): void {
    this.goTo(this.stepIndex - 1)
  }

  /** From the welcome page: checks the access code first where the survey needs one. */
  async start(): Promise<void> {
    if (this.form?.accessMode === 'codes') {
      this.problem = null
      try {
        await respondApi.checkAccessCode(this.token, this.accessCode)
      } catch (err) {
        // the survey's token is known good here, so a refusal of the request is the code's shape
        if (err instanceof ApiRequestError && err.code === 'VALIDATION_FAILED') this.problem = () => ({ text: this.messages.t('errors.codeShape') })
        else this.fail(err)
        return
      }
    }
    this.next()
  }

  answer(itemId: string, value: Answer): void {
    this.answers[itemId] = value
    this.save()
  }
  choosePair(pairId: string, value: PairChoice): void {
    this.pairs[pairId] = value
    this.save()
  }
  chooseOrigin(value: OriginChoice): void {
    this.origin = value
    this.save()
  }
  /**
   * Ticks or unticks one answer for a map area. "No one clearly leads it" and "Don't know" stand
   * alone: ticking one clears the groups, and ticking a group clears them.
   */
  tickMap(areaId: MapAreaId, tick: MapTick, ticked: boolean): void {
    const alone = (MAP_EXCLUSIVE_ANSWERS as readonly MapTick[]).includes(tick)
    const before = this.map[areaId] ?? []
    const after = !ticked
      ? before.filter((t) => t !== tick)
      : alone
        ? [tick]
        : [...before.filter((t) => t !== tick && !(MAP_EXCLUSIVE_ANSWERS as readonly MapTick[]).includes(t)), tick]
    if (after.length > 0) this.map[areaId] = after
    else delete this.map[areaId]
    this.save()
  }
  choosePattern(which: 'now' | 'aim', value: PatternValue): void {
    if (which === 'now') this.nowPattern = value
    else this.aimPattern = value
    this.save()
  }
  chooseRole(role: RoleId | null): void {
    this.role = role
    this.save()
  }
  writeComment(prompt: PromptId, text: string): void {
    this.comments[prompt] = text
    this.save()
  }
  setAccessCode(code: string): void {
    this.accessCode = code
    this.save()
  }

  /** Unanswered questions on one scale's screen. */
  unansweredIn(scaleIndex: number): number {
    const scale = this.form?.instrument.scales[scaleIndex]
    return scale ? scale.items.filter((item) => this.answers[item.id] === undefined).length : 0
  }

  body(): SubmitResponseBody {
    const form = this.form!
    const comments = { helps: this.comments.helps.trim(), hinders: this.comments.hinders.trim() }
    return {
      instrumentVersion: form.instrument.id,
      answers: { ...this.answers },
      ...(form.instrument.patternBlock ? { pairs: { ...this.pairs }, origin: this.origin } : {}),
      ...(form.instrument.leadershipMap ? { map: $state.snapshot(this.map) } : {}),
      nowPattern: this.nowPattern,
      aimPattern: this.aimPattern,
      role: this.role,
      ...(comments.helps || comments.hinders
        ? { comments: { ...(comments.helps ? { helps: comments.helps } : {}), ...(comments.hinders ? { hinders: comments.hinders } : {}) } }
        : {}),
      ...(form.accessMode === 'codes' ? { accessCode: this.accessCode } : {}),
    }
  }

  async submit(): Promise<void> {
    if (this.submitting) return
    if (this.shortfall) {
      this.problem = () => (this.shortfall ? { text: this.shortfall } : null)
      return
    }
    this.submitting = true
    this.problem = null
    try {
      await respondApi.submitResponse(this.token, this.body())
      this.forget()
      this.stepIndex = this.steps.length - 1
    } catch (err) {
      this.fail(err)
    } finally {
      this.submitting = false
    }
  }

  /** A failed request: the page of its own where it ends the survey, else its words on this page. */
  private fail(err: unknown): void {
    const blocker = err instanceof ApiRequestError && err.code ? BLOCKING_ERRORS[err.code] : undefined
    if (blocker) this.blocker = blocker
    else this.problem = () => errorText(err, this.messages)
  }

  private save(): void {
    if (!this.form) return
    const saved: Saved = {
      instrumentVersion: this.form.instrument.id,
      stepIndex: this.stepIndex,
      answers: this.answers,
      pairs: this.pairs,
      origin: this.origin,
      map: this.map,
      nowPattern: this.nowPattern,
      aimPattern: this.aimPattern,
      role: this.role,
      comments: this.comments,
      accessCode: this.accessCode,
    }
    try {
      localStorage.setItem(storageKey(this.token), JSON.stringify(saved))
    } catch {
      // Storage can be full or switched off (private browsing): the survey still works, it just
      // cannot survive a reload.
    }
  }

  private restore(): void {
    let saved: Saved | undefined
    try {
      saved = SavedSchema.safeParse(JSON.parse(localStorage.getItem(storageKey(this.token)) ?? 'null')).data
    } catch {
      saved = undefined
    }
    if (!saved || saved.instrumentVersion !== this.form?.instrument.id) return
    const known = new Set(this.form.instrument.scales.flatMap((s) => s.items.map((i) => i.id)))
    this.answers = Object.fromEntries(Object.entries(saved.answers).filter(([id]) => known.has(id))) as Record<string, Answer>
    const block = this.form.instrument.patternBlock
    const pairIds = new Set(block?.pairs.map((p) => p.id))
    this.pairs = Object.fromEntries(Object.entries(saved.pairs ?? {}).filter(([id]) => pairIds.has(id))) as Record<string, PairChoice>
    this.origin = block ? ((saved.origin ?? null) as OriginChoice | null) : null
    const map = this.form.instrument.leadershipMap
    const areaIds = new Set<string>(map?.areas.map((a) => a.id))
    const ticks = new Set<string>([...(map?.roles.map((r) => r.id) ?? []), ...(map?.exclusive.map((e) => e.id) ?? [])])
    this.map = Object.fromEntries(
      Object.entries(saved.map ?? {}).filter(([id, answer]) => areaIds.has(id) && answer.length > 0 && answer.every((t) => ticks.has(t))),
    ) as Partial<Record<MapAreaId, MapTick[]>>
    this.nowPattern = saved.nowPattern as PatternValue | null
    this.aimPattern = saved.aimPattern as PatternValue | null
    this.role = this.form.instrument.roles.some((r) => r.id === saved.role) ? (saved.role as RoleId) : null
    this.comments = saved.comments
    this.accessCode = saved.accessCode
    this.stepIndex = Math.min(saved.stepIndex, this.steps.length - 2)
  }

  private forget(): void {
    try {
      localStorage.removeItem(storageKey(this.token))
    } catch {
      // nothing kept, nothing to remove
    }
  }
}

function blockerFor(err: unknown): Blocker {
  if (!(err instanceof ApiRequestError)) return 'offline'
  const byCode: Partial<Record<ErrorCode, Blocker>> = { ...BLOCKING_ERRORS, SURVEY_NOT_OPEN: 'not-open', NOT_FOUND: 'not-found', VALIDATION_FAILED: 'not-found' }
  return (err.code && byCode[err.code]) ?? 'offline'
}
