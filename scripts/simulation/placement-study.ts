import { availableParallelism } from 'node:os'
import { MODEL_DIMENSIONS, patternProbabilities, PLACEMENT_MODEL, type PlacementModel } from '../../shared/domain/placement.ts'
import { dlV2 } from '../../shared/instrument/dl-v2.ts'
import { PATTERN_VALUES } from '../../shared/instrument/types.ts'
import { CONFIG_A, CONFIG_B, type IrtConfig } from './irt.ts'
import { pct, table } from './tables.ts'
import { argmax, brier, buildModel, qualityStudy, separationStudy, simulate, SIZES, TEST_SEED_BASE, touching, TRAINING_SEED_BASE, tuneModelSd, type SimSchool } from './validate.ts'

// `npm run simulate [-- schoolsPerPattern]`: the dl-v2 placement against the independent IRT
// generator, as markdown (docs/scoring.md, "Validation of the dl-v2 placement", is a copy).
// 1. Tune τ on the training seeds of configuration A and say whether PLACEMENT_MODEL holds it.
// 2. Report on the test seeds of A and of the held-out configuration B, with PLACEMENT_MODEL.

const schoolsPerPattern = Number(process.argv[2] ?? 100)
const trainingPerPattern = Math.max(20, Math.round(schoolsPerPattern * 0.75))
const started = performance.now()

const label = (p: number) => dlV2.continuum.patterns.find((x) => x.value === p)!.label
const mostLikely = (s: SimSchool, model: PlacementModel) => argmax(patternProbabilities(s.dimensions, model))
const share = (xs: readonly SimSchool[], f: (s: SimSchool) => boolean) => (xs.length ? xs.filter(f).length / xs.length : NaN)

// 1. Tuning
const modelA = buildModel(dlV2, CONFIG_A)
const training = simulate(modelA, TRAINING_SEED_BASE, trainingPerPattern)
const tuningLog: string[] = []
const tuned = tuneModelSd(training, { ...PLACEMENT_MODEL, modelSd: { spread: 0, coordination: 0, initiative: 0, contest: 0 } }, (line) => tuningLog.push(line))
const tauText = (m: PlacementModel) => MODEL_DIMENSIONS.map((d) => `${d} ${m.modelSd[d]}`).join(', ')
const holds = MODEL_DIMENSIONS.every((d) => tuned.modelSd[d] === PLACEMENT_MODEL.modelSd[d])

function report(config: IrtConfig): string {
  const irt = config === CONFIG_A ? modelA : buildModel(dlV2, config)
  const schools = simulate(irt, TEST_SEED_BASE, schoolsPerPattern)
  const model = PLACEMENT_MODEL
  const out: string[] = []
  const at = (n: number) => schools.filter((s) => s.n === n)
  out.push(`### Configuration ${config.name}: exact recovery (most likely pattern = true pattern)`)
  out.push('')
  out.push(
    table(
      ['true pattern', ...SIZES.map((n) => `n = ${n}`)],
      [
        ...PATTERN_VALUES.map((p) => [`${p} ${label(p)}`, ...SIZES.map((n) => pct(share(at(n).filter((s) => s.pattern === p), (s) => mostLikely(s, model) === p)))]),
        ['**all**', ...SIZES.map((n) => `**${pct(share(at(n), (s) => mostLikely(s, model) === s.pattern))}**`)],
        ['within one pattern (all)', ...SIZES.map((n) => pct(share(at(n), (s) => Math.abs(mostLikely(s, model) - s.pattern) <= 1)))],
        ['within one, worst pattern', ...SIZES.map((n) => pct(Math.min(...PATTERN_VALUES.map((p) => share(at(n).filter((s) => s.pattern === p), (s) => Math.abs(mostLikely(s, model) - s.pattern) <= 1)))))],
      ],
    ),
  )
  out.push('')
  out.push(`An additional reading, not the issue's measure: placed in the true pattern's region or one that touches it in the model's space (anarchy touches progressive delegation and the three distributed patterns, which touch each other):`)
  out.push('')
  out.push(
    table(
      ['', ...SIZES.map((n) => `n = ${n}`)],
      [
        ['same or touching region (all)', ...SIZES.map((n) => pct(share(at(n), (s) => touching(mostLikely(s, model), s.pattern))))],
        ['same or touching, worst pattern', ...SIZES.map((n) => pct(Math.min(...PATTERN_VALUES.map((p) => share(at(n).filter((s) => s.pattern === p), (s) => touching(mostLikely(s, model), s.pattern))))))],
      ],
    ),
  )
  out.push('')
  const bands = [[0, 2.5], [2.5, 5], [5, 10], [10, 20], [20, Infinity]] as const
  out.push(`Exact recovery by distance of the true point from the nearest border (index points; schools in the band at each n):`)
  out.push('')
  out.push(
    table(
      ['distance', 'schools', ...SIZES.map((n) => `n = ${n}`)],
      bands.map(([lo, hi]) => {
        const inBand = (s: SimSchool) => s.distance >= lo && s.distance < hi
        return [hi === Infinity ? `≥ ${lo}` : `${lo}–${hi}`, String(at(SIZES[0]).filter(inBand).length), ...SIZES.map((n) => pct(share(at(n).filter(inBand), (s) => mostLikely(s, model) === s.pattern)))]
      }),
    ),
  )
  out.push('')
  out.push('Where schools of 20 are placed (rows: true pattern; columns: most likely pattern):')
  out.push('')
  out.push(
    table(
      ['true \\ placed', ...PATTERN_VALUES.map(String)],
      PATTERN_VALUES.map((p) => {
        const row = [0, 0, 0, 0, 0, 0, 0]
        for (const s of at(20).filter((s) => s.pattern === p)) row[mostLikely(s, model) - 1]!++
        return [`${p} ${label(p)}`, ...row.map((c, i) => (i + 1 === p ? `**${c}**` : c === 0 ? '·' : String(c)))]
      }),
    ),
  )
  out.push('')
  out.push('A uniform +0.5 agreement shift (every respondent agrees half a point more on every agree/disagree answer and leans half a point towards the second statement of every pair; same schools, same staff):')
  out.push('')
  out.push(
    table(
      ['n', 'most likely pattern changes', 'mean change of spread (index points)', 'mean change of coordination'],
      SIZES.map((n) => {
        const xs = at(n)
        // a school whose every respondent was left out as careless has no estimate to move
        const placed = xs.filter((s) => MODEL_DIMENSIONS.every((d) => s.dimensions[d] && s.shiftedDimensions[d]))
        const mean = (f: (s: SimSchool) => number) => placed.reduce((a, s) => a + f(s), 0) / placed.length
        return [
          String(n),
          pct(share(xs, (s) => mostLikely(s, model) !== argmax(patternProbabilities(s.shiftedDimensions, model)))),
          mean((s) => s.shiftedDimensions.spread!.mean - s.dimensions.spread!.mean).toFixed(2),
          mean((s) => s.shiftedDimensions.coordination!.mean - s.dimensions.coordination!.mean).toFixed(2),
        ]
      }),
    ),
  )
  out.push('')
  const sep = separationStudy(irt, TEST_SEED_BASE, schoolsPerPattern, 20, model)
  out.push(
    `Emergent against assertive at n = 20, schools that differ only in initiative and contest (same spread and coordination): ` +
      `**${pct(sep.correct / sep.schools)}** of ${sep.schools} schools put the right one of the two ahead; both twins right in ${pct(sep.pairsBoth / sep.pairs)} of ${sep.pairs} pairs.`,
  )
  out.push('')
  out.push('Calibration: schools grouped by the probability given to their most likely pattern, all sizes pooled; "right" = that pattern is the true one.')
  out.push('')
  const cuts = [0, 0.4, 0.5, 0.6, 0.65, 0.75, 0.85, 0.95, 1.0001]
  out.push(
    table(
      ['stated', 'schools', 'mean stated', 'right'],
      cuts.slice(0, -1).map((lo, i) => {
        const hi = cuts[i + 1]!
        const xs = schools.filter((s) => {
          const p = Math.max(...patternProbabilities(s.dimensions, model))
          return p >= lo && p < hi
        })
        const stated = xs.reduce((a, s) => a + Math.max(...patternProbabilities(s.dimensions, model)), 0) / xs.length
        return [`${Math.round(lo * 100)}–${Math.min(100, Math.round(hi * 100))} %`, String(xs.length), pct(stated), pct(share(xs, (s) => mostLikely(s, model) === s.pattern))]
      }),
    ),
  )
  out.push('')
  out.push(`Brier score (sum over the seven patterns; 0 is perfect, always saying 1/7 each scores 0.857): ${SIZES.map((n) => `n = ${n}: ${brier(at(n), model).toFixed(3)}`).join('; ')}.`)
  out.push('')
  const quality = qualityStudy(irt, TEST_SEED_BASE, Math.max(5, Math.round(schoolsPerPattern / 4)), 20)
  out.push('Quality of the answers: share of respondents each indicator flags, by what the generator made them (schools of 20):')
  out.push('')
  out.push(
    table(
      ['respondents', 'number', 'straight-lining', 'inconsistent', 'agreeing by habit', 'left out of the placement'],
      quality.rows.map((r) => [r.kind === 'attentive' ? 'attentive' : r.kind === 'random' ? 'careless: random answers' : 'careless: one answer throughout', String(r.respondents), pct(r.straightLining / r.respondents), pct(r.inconsistent / r.respondents), pct(r.acquiescent / r.respondents), pct(r.leftOut / r.respondents)]),
    ),
  )
  out.push('')
  out.push(`Correlation of the agreement-bias index with the generator's agreement style, attentive respondents: ${quality.agreementCorrelation.toFixed(2)}.`)
  return out.join('\n')
}

const reportA = report(CONFIG_A)
const reportB = report(CONFIG_B)
const seconds = (performance.now() - started) / 1000

console.log(
  `Independent ordinal-IRT generator (scripts/simulation/irt.ts), dl-v2, ${schoolsPerPattern} schools per pattern on the test seeds (seed base ${TEST_SEED_BASE}), ` +
    `each surveyed at n = ${SIZES.join(', ')}; τ tuned on ${trainingPerPattern} schools per pattern of configuration A's training seeds (seed base ${TRAINING_SEED_BASE}).`,
)
console.log('')
console.log(`Tuning (Brier score on the training seeds, from τ = 0): ${tuningLog.join('; ')}.`)
console.log(
  `Tuned τ: ${tauText(tuned)} (training Brier ${brier(training, tuned).toFixed(4)}). PLACEMENT_MODEL τ: ${tauText(PLACEMENT_MODEL)} (training Brier ${brier(training, PLACEMENT_MODEL).toFixed(4)})` +
    (holds ? ': it holds the tuned values.' : ': it differs from this run\'s tuning (a different number of training schools tunes a little differently; the Brier score is flat near its minimum).'),
)
console.log('')
console.log(reportA)
console.log('')
console.log(reportB)
console.log('')
console.log(`Run time: ${seconds.toFixed(1)} s (Node ${process.versions.node}, ${availableParallelism()} cores, one used).`)
