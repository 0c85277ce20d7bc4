import { MIN_K } from '../../../../shared/schemas/surveys.ts'
import type { AccessMode } from '../../../../shared/schemas/forms.ts'
import type { ReleaseMode } from '../../../../shared/schemas/surveys.ts'

// The words for a survey's anonymity and access settings, the same on the new-survey form and on
// the survey page.

export const K_HELP = `Results are only shown for groups of at least k people; never below ${MIN_K}. Five suits most schools.`

export const ACCESS_OPTIONS: { value: AccessMode; label: string; hint: string }[] = [
  { value: 'link', label: 'One link for everyone', hint: 'Share the link or QR code by email or in a staff meeting.' },
  {
    value: 'codes',
    label: 'Single-use codes',
    hint: 'Each person is handed a printed slip with a code that works once. Slips are handed out at random, so a code never shows who answered.',
  },
]

export const RELEASE_OPTIONS: { value: ReleaseMode; label: string; hint: string }[] = [
  { value: 'at_close', label: 'When the survey closes (recommended)', hint: 'Everyone sees the results together, once all the answers are in.' },
  {
    value: 'live',
    label: 'Live, in batches of k',
    hint: 'Results appear while the survey is open, updated at most once a day, each time by at least k more responses (a batch shows from the day after it is complete), so no single answer can be picked out.',
  },
]

export const accessLabel = (mode: AccessMode) => ACCESS_OPTIONS.find((o) => o.value === mode)!.label
export const releaseLabel = (mode: ReleaseMode) => (mode === 'at_close' ? 'When the survey closes' : 'Live, in batches of k')
