import type { Messages } from '../../common/i18n.svelte.ts'
import { MIN_K, type ReleaseMode } from '../../../../shared/schemas/surveys.ts'
import type { AccessMode } from '../../../../shared/schemas/forms.ts'
import type { LeadMessageKey } from '../messages.svelte.ts'

// The words for a survey's anonymity and access settings, the same on the new-survey form and on
// the survey page, in the leader's language.

type Translate = Messages<LeadMessageKey>['t']
interface Option<V> { value: V; label: string; hint: string }

export const kHelp = (t: Translate) => t('survey.kHelp', { min: MIN_K })

export const accessOptions = (t: Translate): Option<AccessMode>[] =>
  (['link', 'codes'] as const).map((value) => ({ value, label: t(`survey.access.${value}`), hint: t(`survey.access.${value}.hint`) }))

export const releaseOptions = (t: Translate): Option<ReleaseMode>[] =>
  (['at_close', 'live'] as const).map((value) => ({ value, label: t(`survey.release.${value}`), hint: t(`survey.release.${value}.hint`) }))

/** A release mode in a few words, as the survey page lists its settings. */
export const releaseLabel = (t: Translate, mode: ReleaseMode) => t(`survey.release.${mode}.short`)

/** "UK time" for Europe/London, else the zone's own name ("America/New_York time"). */
export const zoneLabel = (t: Translate, timeZone: string) => (timeZone === 'Europe/London' ? t('survey.zoneUk') : t('survey.zone', { zone: timeZone.replaceAll('_', ' ') }))
