import type { ActionPlan, ActionProgress, CreateActionBody, CreatePulseCheckBody, DiscussionGuide, PulseChecks, UpdateActionBody } from '../../../../shared/schemas/actions.ts'
import { Loadable } from '../../common/loadable.svelte.ts'
import type { LeadApi } from '../api.ts'

/**
 * A survey cycle's action plan as a leader reads it: the actions with their summary, each
 * action's target scales re-measured by the next survey, and the report's priorities (from the
 * discussion guide) to turn into actions. Changes reload the plan, so its summary and warnings follow.
 */
export class PlanView extends Loadable<{ plan: ActionPlan; progress: ActionProgress; guide: DiscussionGuide; pulse: PulseChecks }> {
  readonly plan = $derived(this.value?.plan ?? null)
  readonly progress = $derived(this.value?.progress ?? null)
  /** The plan's pulse checks, with their results once released. */
  readonly pulse = $derived(this.value?.pulse ?? null)
  /** The report's priorities, each a starting point for an action. */
  readonly priorities = $derived((this.value?.guide.sections ?? []).filter((s) => s.kind === 'priority' && s.scaleId !== null))
  private readonly api: LeadApi
  private readonly surveyId: number

  constructor(api: LeadApi, surveyId: number) {
    super(async () => {
      const [plan, progress, guide, pulse] = await Promise.all([api.listActions(surveyId), api.getActionProgress(surveyId), api.getDiscussionGuide(surveyId), api.listPulseChecks(surveyId)])
      return { plan, progress, guide, pulse }
    })
    this.api = api
    this.surveyId = surveyId
  }

  /** Each action's re-measured scales, by action id. */
  changesOf(actionId: number): ActionProgress['actions'][number]['scales'] {
    return this.progress?.actions.find((a) => a.actionId === actionId)?.scales ?? []
  }

  async create(body: CreateActionBody): Promise<void> {
    await this.api.createAction(this.surveyId, body)
    await this.load()
  }

  async update(actionId: number, body: UpdateActionBody): Promise<void> {
    await this.api.updateAction(this.surveyId, actionId, body)
    await this.load()
  }

  async startPulseCheck(body: CreatePulseCheckBody): Promise<void> {
    await this.api.createPulseCheck(this.surveyId, body)
    await this.load()
  }

  csvUrl(): string {
    return this.api.planCsvUrl(this.surveyId)
  }
}
