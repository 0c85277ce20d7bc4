import { dlV1 } from './dl-v1.ts'
import { dlV2 } from './dl-v2.ts'
import type { Instrument } from './types.ts'

/** Every instrument version the platform can serve or score. Versions are added, never edited. */
export const instruments: Readonly<Record<string, Instrument>> = Object.freeze({ [dlV1.id]: dlV1, [dlV2.id]: dlV2 })

export const CURRENT_INSTRUMENT_ID = dlV2.id

export function findInstrument(id: string): Instrument | undefined {
  return Object.hasOwn(instruments, id) ? instruments[id] : undefined
}

/** The instrument a stored survey names. A survey naming none the platform knows is a bug, not bad input. */
export function requireInstrument(id: string): Instrument {
  const instrument = findInstrument(id)
  if (!instrument) throw new Error(`unknown instrument ${id}`)
  return instrument
}
