import { availableParallelism } from 'node:os'
import { PATTERN_MAP } from '../../shared/domain/continuum.ts'
import { seededRandom } from '../../shared/domain/random.ts'
import { schoolProfile } from '../../shared/domain/synthetic.ts'
import { dlV1 } from '../../shared/instrument/dl-v1.ts'
import { PATTERN_VALUES } from '../../shared/instrument/types.ts'
import { runStudy, studySeeds, TEST_SEED_BASE, TRAINING_SEED_BASE } from './study.ts'
import { mapText, studyMarkdown, thousands } from './tables.ts'
import { populationScaleMeans, trueScaleMeans } from './truth.ts'

// `npm run simulate:v1 [-- schoolsPerCell]`: the simulation study on the test seeds, as markdown
// (docs/scoring.md, "Simulation study", is a copy of this output).

const schoolsPerCell = Number(process.argv[2] ?? 400)
const started = performance.now()
const result = runStudy({ schoolsPerCell, seedBase: TEST_SEED_BASE })
const studySeconds = (performance.now() - started) / 1000

// The closed-form truth against the brute-force one: one school profile per pattern, 20 000 staff.
const POPULATION = 20_000
const POPULATION_SEED_BASE = 9_000_000
let worstZ = 0
let worstGap = 0
let squares = 0
let gaps = 0
for (const pattern of PATTERN_VALUES) {
  const { profileSeed } = studySeeds(TEST_SEED_BASE, pattern, 5, 0)
  const exact = trueScaleMeans(schoolProfile(dlV1, pattern, seededRandom(profileSeed)))
  for (const [id, s] of populationScaleMeans({ instrument: dlV1, pattern, profileSeed, seed: POPULATION_SEED_BASE + pattern, respondents: POPULATION })) {
    const gap = Math.abs(s.mean! - exact.get(id)!)
    worstGap = Math.max(worstGap, gap)
    const z = gap / (s.sd! / Math.sqrt(s.n))
    worstZ = Math.max(worstZ, z)
    squares += z * z
    gaps++
  }
}
const seconds = (performance.now() - started) / 1000

const schools = schoolsPerCell * PATTERN_VALUES.length
console.log(`Test seeds: seed base ${thousands(TEST_SEED_BASE)} (thresholds were tuned on seed base ${thousands(TRAINING_SEED_BASE)}); ` +
  `${thousands(schoolsPerCell)} schools per pattern, each surveyed at n = 5, 10, 20 and 50 (${thousands(schools * 4)} simulated surveys). ` +
  `Map: ${mapText(PATTERN_MAP)}.`)
console.log('')
console.log(studyMarkdown(result))
console.log('')
console.log(`True means: the closed form (scripts/simulation/truth.ts) against ${thousands(POPULATION)} staff drawn from the same profile ` +
  `(one school per pattern, all nine scales): largest of ${gaps} gaps ${worstGap.toFixed(4)} scale points (${worstZ.toFixed(2)} standard errors of the population mean), root mean square ${Math.sqrt(squares / gaps).toFixed(2)} standard errors: ` +
  'the closed form agrees with brute force to within sampling error.')
console.log('')
console.log(`Run time: ${studySeconds.toFixed(1)} s for the study, ${seconds.toFixed(1)} s in all (Node ${process.versions.node}, ${availableParallelism()} cores, one used).`)
