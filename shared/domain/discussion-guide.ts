import type { ScaleId } from '../instrument/types.ts'
import type { DiscussionGuide } from '../schemas/actions.ts'
import type { SurveyReport } from '../schemas/reports.ts'
import { FLAG_GUIDANCE, SCALE_GUIDANCE, type FlagId } from './guidance.ts'

// A discussion guide for a leadership team's meeting, built from the school's own report and
// nothing else: every figure in it is one the report shows (so it withholds what the report
// withholds), and its questions and prompts come from the sources (../shared/seeds via
// guidance.ts): the course's reflection questions, Leithwood and Riehl's modelling, monitoring and
// dialogue, partnership working, and distributing the leadership of the improvement itself.

/** The course's reflection questions on distributed leadership, for the whole team. */
export const REFLECTION_QUESTIONS = [
  'What has been your experience of distributed leadership here, both as a leader and as a teacher or member of staff?',
  'Where would your current experience of distributed leadership fit on the continuum?',
  'What were the positive aspects of this way of working for you? For others?',
  'What were the negative aspects of this way of working?',
  'How could we use distributed leadership through partnership working to impact positively on outcomes for pupils?',
  'How could we use modelling, monitoring and dialogue to develop partnerships within the school, for example between senior and middle leaders?',
  'Would these strategies work equally well with partners outside the school, whom we may not see every week? How would we manage each of them?',
] as const

const pct = (x: number | null) => (x === null ? null : `${Math.round(x * 100)} %`)
const two = (x: number) => x.toFixed(2)

/** The way of working a guidance step names ("Modelling: …"), if it names one. */
function stepFor(scale: ScaleId, kind: 'Modelling' | 'Monitoring' | 'Dialogue'): string | undefined {
  return SCALE_GUIDANCE[scale].improve.find((s) => s.startsWith(`${kind}:`))
}

function promptsFor(scale: ScaleId, name: string): DiscussionGuide['sections'][number]['prompts'] {
  const lower = name.toLowerCase()
  return {
    modelling:
      stepFor(scale, 'Modelling') ??
      `Modelling: everyone watches leaders closely. What could we do, visibly and consistently, that shows what ${lower} looks like here, so that our actions match what we say?`,
    monitoring:
      stepFor(scale, 'Monitoring') ??
      `Monitoring: colleagues pay attention to what leaders pay attention to. What would show us, before the next survey, whether ${lower} is changing: time in classrooms, pupil data, conversations with staff?`,
    dialogue:
      stepFor(scale, 'Dialogue') ??
      `Dialogue: where could staff talk with colleagues about ${lower}? Describing what we did and why makes what we know explicit, and so shared.`,
    partnership: SCALE_GUIDANCE[scale].share,
  }
}

/** The figures of one scale to look at together, exactly as the report shows them. */
function figuresFor(report: SurveyReport, scaleId: ScaleId): { label: string; value: string }[] {
  const scale = report.scales.find((s) => s.id === scaleId)
  if (!scale || scale.mean === null) return []
  const figures: { label: string; value: string }[] = [
    {
      label: 'Mean score',
      value: `${two(scale.mean)} of 5${scale.ciLow !== null && scale.ciHigh !== null ? ` (95 % interval ${two(scale.ciLow)} to ${two(scale.ciHigh)})` : ''}, from ${scale.n} people`,
    },
  ]
  if (scale.favourable !== null) figures.push({ label: 'Agree / neutral / disagree', value: `${pct(scale.favourable)} / ${pct(scale.neutral)} / ${pct(scale.unfavourable)} of answers` })
  const shown = scale.items.filter((i) => i.mean !== null).sort((a, b) => a.mean! - b.mean!)
  if (shown.length > 1) {
    figures.push({ label: 'Lowest statement', value: `"${shown[0]!.text}" (mean ${two(shown[0]!.mean!)})` })
    figures.push({ label: 'Highest statement', value: `"${shown.at(-1)!.text}" (mean ${two(shown.at(-1)!.mean!)})` })
  }
  const gap = report.perceptionGap?.find((g) => g.id === scaleId)
  if (gap) figures.push({ label: 'Senior leaders and other staff', value: `${two(gap.senior)} and ${two(gap.others)} (gap ${gap.gap >= 0 ? '+' : '−'}${two(Math.abs(gap.gap))})` })
  const groups = report.groups.flatMap((g) => {
    const mean = g.scales[scaleId].mean
    return mean !== null ? [`${g.label} ${two(mean)}`] : []
  })
  if (groups.length > 1) figures.push({ label: 'Role groups shown', value: groups.join('; ') })
  const previous = report.overlays.previous?.scales[scaleId]
  if (previous !== undefined && previous !== null) figures.push({ label: `Previous survey (${report.overlays.previous!.label})`, value: two(previous) })
  const trust = report.overlays.trust?.scales[scaleId]
  if (trust !== undefined && trust !== null) figures.push({ label: report.overlays.trust!.label, value: two(trust) })
  return figures
}

export function buildDiscussionGuide(report: SurveyReport, survey: DiscussionGuide['survey']): DiscussionGuide {
  const closing = [
    'For each priority, agree one or two actions: what will be done, which kind of influence it uses (modelling, monitoring, dialogue or partnership), who leads it and who supports it, and when you will review it.',
    'Look beyond the senior team for the lead: leadership of the improvement itself is best shared by those with the relevant expertise.',
    'Where two actions aim at the same scale, agree who keeps them in step, so that they do not become silos.',
    "Record the actions in the plan: the school's next survey shows whether the scales they aim at moved.",
  ]
  if (!report.released) {
    return { survey, note: report.releaseNote ?? 'This survey has no results yet.', opening: [], sections: [], reflection: [...REFLECTION_QUESTIONS], closing }
  }

  const opening = [
    `${report.responseCount} people answered${report.responseRate !== null ? ` (${pct(report.responseRate)} of the staff count given)` : ''}.${report.provisional ? ' Below half the staff: read the figures as provisional.' : ''}`,
  ]
  const { perceived, evidence, disagreement } = report.continuum
  if (perceived.now) opening.push(`Staff most often place the school at pattern ${perceived.now.median} of 7 on the continuum${perceived.aim ? `, and would aim for pattern ${perceived.aim.median}` : ''}.`)
  if (evidence) opening.push(`Their answers to the statements place it at pattern ${evidence.pattern} of 7.`)
  if (disagreement) opening.push(disagreement)
  if (report.suppression.length > 0) opening.push(`The report withholds ${report.suppression.length === 1 ? 'one figure' : `${report.suppression.length} figures`} to protect anonymity; so does this guide.`)

  const scaleSection = (kind: 'priority' | 'strength', advice: SurveyReport['priorities'][number]): DiscussionGuide['sections'][number] => {
    const scaleId = advice.id as ScaleId
    const lower = advice.title.toLowerCase()
    return {
      kind,
      scaleId,
      title: `${kind === 'priority' ? 'Priority' : 'Strength'}: ${advice.title}`,
      evidence: advice.evidence,
      figures: figuresFor(report, scaleId),
      questions:
        kind === 'priority'
          ? [
              `Does this match what we see of ${lower} day to day? Where do we see it, and where not?`,
              'What gets in the way here, for us and for other staff?',
              'Who has the expertise to lead the improvement, whatever their role? Who would support them?',
              'What would we expect to see different by the next survey?',
            ]
          : [
              `What do we do that makes ${lower} work here, and how do we keep it?`,
              'What were the positive aspects of this way of working for us? For others?',
              'Which partner school could learn from this, and what could we learn from them?',
            ],
      prompts: promptsFor(scaleId, advice.title),
    }
  }
  const riskSection = (advice: SurveyReport['flags'][number]): DiscussionGuide['sections'][number] => {
    const steps = FLAG_GUIDANCE[advice.id as FlagId]?.nextSteps ?? advice.nextSteps
    return {
      kind: 'risk',
      scaleId: null,
      title: advice.title,
      evidence: advice.evidence,
      figures: figuresFor(report, 'coordination'),
      questions: ['What are the negative aspects of the way we work, for us and for others?', 'Where does communication between teams break down, and who could keep the pieces in step?'],
      prompts: {
        modelling: `Modelling: ${steps[0] ?? 'show how work led by different people fits together'}`,
        monitoring: 'Monitoring: keep track of who leads what and how the pieces connect; review it each term with staff.',
        dialogue: `Dialogue: ${steps[1] ?? 'bring the groups whose views differ most together to discuss the findings.'}`,
        partnership: SCALE_GUIDANCE.coordination.share,
      },
    }
  }

  return {
    survey,
    note: null,
    opening,
    sections: [...report.priorities.map((p) => scaleSection('priority', p)), ...report.flags.map(riskSection), ...report.strengths.map((s) => scaleSection('strength', s))],
    reflection: [...REFLECTION_QUESTIONS],
    closing,
  }
}
