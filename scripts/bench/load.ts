import { readFileSync } from 'node:fs'
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'

// The load generator, in a process of its own so that it does not share the server's event loop:
// node scripts/bench/load.ts <url[,url…]> <bodies.json> <connections> <requests> [<requests per second>]
// Sends exactly <requests> POSTs (varied bodies, spread in turn over the URLs, which share one
// origin) and prints the figures as JSON.
// - Without a rate, a closed loop: autocannon keeps <connections> requests in flight, each
//   connection sending its next as soon as its last is answered.
// - With a rate, an open loop: request i is due at i / rate seconds, sent then whatever the earlier
//   answers' speed (over up to <connections> kept-alive connections; beyond that it waits for one),
//   and its latency counts from when it was due, so a stall is charged to every request it delays.
//   The first second is a warm-up (new connections, both processes' first compilations): its
//   requests are sent, answered and counted like the rest, but their latencies are reported apart
//   (`warmUpMax`), not in the percentiles.
//   (autocannon's own rate sends each connection's quota for the second back to back at the start of
//   every second: 50 connections at 4 a second each is a burst of 50 concurrent requests, not a rate.)

const [url, bodiesFile, connections, amount, rate] = process.argv.slice(2) as [string, string, string, string, string | undefined]
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as string[]
const urls = url.split(',').map((u) => new URL(u))

interface Figures { seconds: number; rps: number; ok: number; non2xx: number; p50: number; p99: number; warmUpMax?: number }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

async function closedLoop(): Promise<Figures> {
  let i = 0
  // Timed here, from the start to the last answer: autocannon's own duration (and its finishing)
  // goes by whole ticks of its one-second clock, so a run that ended after 4.1 s counted as 5.
  const started = performance.now()
  let lastAnswer = started
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: urls[0]!.toString(),
        connections: Number(connections),
        amount: Number(amount),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, path: urls[i % urls.length]!.pathname, body: bodies[i++ % bodies.length]! }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    )
    instance.on('response', () => {
      lastAnswer = performance.now()
    })
  })
  const seconds = (lastAnswer - started) / 1000
  return { seconds, rps: result['2xx'] / seconds, ok: result['2xx'], non2xx: result.non2xx + result.errors + result.timeouts, p50: result.latency.p50, p99: result.latency.p99 }
}

async function openLoop(perSecond: number): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) })
  const post = (i: number) =>
    new Promise<number>((resolve) => {
      const target = urls[i % urls.length]!
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', () => resolve(0))
      req.end(bodies[i % bodies.length]!)
    })
  const latencies: number[] = []
  let warmUpMax = 0
  let ok = 0
  const started = performance.now()
  let lastAnswer = started
  const sent: Promise<void>[] = []
  for (let i = 0; i < Number(amount); i++) {
    const due = started + (i * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    sent.push(
      post(i).then((status) => {
        lastAnswer = performance.now()
        if (i < perSecond) warmUpMax = Math.max(warmUpMax, lastAnswer - due)
        else latencies.push(lastAnswer - due)
        if (status >= 200 && status < 300) ok++
      }),
    )
  }
  await Promise.all(sent)
  agent.destroy()
  const sorted = latencies.sort((a, b) => a - b)
  const seconds = (lastAnswer - started) / 1000
  const ms = (x: number) => Math.round(x * 10) / 10
  return { seconds, rps: ok / seconds, ok, non2xx: Number(amount) - ok, p50: ms(percentile(sorted, 50)), p99: ms(percentile(sorted, 99)), warmUpMax: ms(warmUpMax) }
}

const figures = rate ? await openLoop(Number(rate)) : await closedLoop()
process.stdout.write(JSON.stringify({ ...figures, seconds: Math.round(figures.seconds * 100) / 100 }))
