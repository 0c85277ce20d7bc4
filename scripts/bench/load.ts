import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

// The load generator, in a process of its own so that it does not share the server's event loop:
// node scripts/bench/load.ts <url[,url…]> <bodies.json> <connections> <requests> [<requests per second>]
// Sends exactly <requests> POSTs (varied bodies, spread in turn over the URLs, which share one
// origin) and prints autocannon's figures as JSON. With a
// rate, the requests go out at that rate whatever the answers' speed (as long as fewer than
// <connections> are in flight), not as fast as the server answers.

const [url, bodiesFile, connections, amount, rate] = process.argv.slice(2) as [string, string, string, string, string | undefined]
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as string[]
const paths = url.split(',').map((u) => new URL(u).pathname)
let i = 0
// Timed here, from the start to the last answer: autocannon's own duration (and its finishing)
// goes by whole ticks of its one-second clock, so a run that ended after 4.1 s counted as 5.
const started = performance.now()
let lastAnswer = started
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: url.split(',')[0]!,
      connections: Number(connections),
      amount: Number(amount),
      ...(rate ? { overallRate: Number(rate) } : {}),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[i % paths.length]!, body: bodies[i++ % bodies.length]! }) }],
    },
    (err, res) => (err ? reject(err) : resolve(res)),
  )
  instance.on('response', () => {
    lastAnswer = performance.now()
  })
})
const seconds = (lastAnswer - started) / 1000
process.stdout.write(
  JSON.stringify({
    seconds: Math.round(seconds * 100) / 100,
    rps: result['2xx'] / seconds,
    ok: result['2xx'],
    non2xx: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  }),
)
