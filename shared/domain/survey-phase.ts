import type { z } from 'zod'
import type { SurveyPhaseSchema, SurveyStatus } from '../schemas/surveys.ts'

// Where a survey stands for the staff who open its link. A survey's stored status is what its
// leader chose (draft, open, closed); its dates can close it, or hold it back, without anyone acting.

export type SurveyPhase = z.infer<typeof SurveyPhaseSchema>

export interface SurveySchedule {
  status: SurveyStatus
  opensAt: Date
  closesAt: Date
}

export function surveyPhase({ status, opensAt, closesAt }: SurveySchedule, now: Date): SurveyPhase {
  if (status === 'draft') return 'draft'
  if (status === 'closed' || now >= closesAt) return 'closed'
  if (now < opensAt) return 'scheduled'
  return 'open'
}
