/** Child process of ensureStore (generate.ts): writes one part of a benchmark store. Prints `rows <n>`. */
import { writePart, type PartPlan } from './generate'

const plan = JSON.parse(process.argv[2]!) as PartPlan
const written = await writePart(plan, (rows) => console.log(`rows ${rows}`))
console.log(`rows ${written}`)
