import { flushSync } from 'svelte'
import { vi } from 'vitest'
import { SurveyResponse } from '../../client/src/respond/survey-response.svelte.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import type { SurveyForm } from '../../shared/schemas/forms.ts'

// The staff survey's two true boundaries on a member of staff's device, faked for the client's unit
// tests: the browser's storage (a Map) and the network (fetch answers the survey link's form).
// Each test file undoes the stubs with `afterEach(() => vi.unstubAllGlobals())`.

/** The form the survey link `tok` serves: a dl-v1 survey. */
export const SURVEY_FORM: SurveyForm = {
  token: 'tok',
  title: 'Autumn survey',
  schoolName: 'Ashgrove',
  isDemo: false,
  closesAt: '2026-12-13T00:00:00.000Z',
  timeZone: 'Europe/London',
  closesOn: '2026-12-12',
  accessMode: 'link',
  minGroupSize: 5,
  instrument: dlV1,
}

/** What the network answers: `body` as JSON with `status`. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/**
 * Stubs the device's storage and the network; `served` says which form the link serves at the time
 * of each request (SURVEY_FORM unless a test says otherwise). Returns the storage, to read or seed.
 */
export function fakeStaffDevice(served: () => SurveyForm = () => SURVEY_FORM): Map<string, string> {
  const stored = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  })
  vi.stubGlobal('fetch', async () => jsonResponse(served()))
  return stored
}

/** The survey link opened, as the page opens it; with `languages`, in a browser that prefers them. */
export async function openSurvey(languages?: string[]): Promise<SurveyResponse> {
  if (languages) vi.stubGlobal('navigator', { languages, language: languages[0] })
  const response = new SurveyResponse('tok')
  await response.load()
  flushSync()
  return response
}
