import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

// The load generator, in a process of its own so that it does not share the server's event loop:
// node scripts/bench/load.ts <url> <bodies.json> <connections> <requests> [<requests per second>]
// Sends exactly <requests> POSTs (varied bodies) and prints autocannon's figures as JSON. With a
// rate, the requests go out at that rate whatever the answers' speed (as long as fewer than
// <connections> are in flight), not as fast as the server answers.

const [url, bodiesFile, connections, amount, rate] = process.argv.slice(2) as [string, string, string, string, string | undefined]
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as string[]
let i = 0
const result = await autocannon({
  url,
  connections: Number(connections),
  amount: Number(amount),
  ...(rate ? { overallRate: Number(rate) } : {}),
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length]! }) }],
})
process.stdout.write(
  JSON.stringify({
    seconds: result.duration,
    rps: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  }),
)
