import { on } from 'svelte/events'
import type { Attachment } from 'svelte/attachments'
import { MAX_ID } from '../../../shared/domain/ids.ts'

// The leaders' app's pages are real paths (the server answers every page path with index.html):
// links are ordinary <a href>, and the router turns their clicks into History API navigations.

export type Route =
  | { name: 'home' }
  | { name: 'signin' }
  | { name: 'set-password' }
  | { name: 'custodian-codes' }
  | { name: 'account' }
  | { name: 'school'; schoolId: number }
  | { name: 'survey'; surveyId: number }
  | { name: 'codes'; surveyId: number }
  | { name: 'report'; surveyId: number }
  | { name: 'plan'; surveyId: number }
  | { name: 'guide'; surveyId: number }
  | { name: 'trust-plans'; trustId: number }
  | { name: 'trust'; trustId: number }
  | { name: 'unknown' }

/** Why the current address cannot be shown, found out by the call that loaded it. */
export type PageProblem = 'forbidden' | 'not-found'

const ID = '([1-9][0-9]{0,9})'
const patterns: [RegExp, (id: number) => Route][] = [
  [new RegExp(`^/schools/${ID}$`), (schoolId) => ({ name: 'school', schoolId })],
  [new RegExp(`^/surveys/${ID}$`), (surveyId) => ({ name: 'survey', surveyId })],
  [new RegExp(`^/surveys/${ID}/codes$`), (surveyId) => ({ name: 'codes', surveyId })],
  [new RegExp(`^/surveys/${ID}/report$`), (surveyId) => ({ name: 'report', surveyId })],
  [new RegExp(`^/surveys/${ID}/plan$`), (surveyId) => ({ name: 'plan', surveyId })],
  [new RegExp(`^/surveys/${ID}/guide$`), (surveyId) => ({ name: 'guide', surveyId })],
  [new RegExp(`^/trusts/${ID}$`), (trustId) => ({ name: 'trust', trustId })],
  [new RegExp(`^/trusts/${ID}/plans$`), (trustId) => ({ name: 'trust-plans', trustId })],
]

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === '/' || path === '') return { name: 'home' }
  if (path === '/signin') return { name: 'signin' }
  if (path === '/set-password') return { name: 'set-password' }
  if (path === '/codes') return { name: 'custodian-codes' }
  if (path === '/account') return { name: 'account' }
  for (const [pattern, make] of patterns) {
    const match = pattern.exec(path)
    if (match && Number(match[1]) <= MAX_ID) return make(Number(match[1]))
  }
  return { name: 'unknown' }
}

/** A path of this app to return to after signing in; anything else (another site, the API) is refused. */
export function safeReturnPath(value: string | null | undefined): string {
  // A URL parser drops tabs and newlines and reads "\\" as "/", so "/\t/evil.example" is another
  // site: judge the address as the browser will resolve it, and give back only what it resolved to.
  if (!value || !value.startsWith('/')) return '/'
  const here = 'http://continuum.invalid'
  const url = new URL(value, here)
  if (url.origin !== here || /^\/(api|s)(\/|$)/.test(url.pathname) || url.pathname.startsWith('/signin')) return '/'
  return url.pathname + url.search + url.hash
}

export function signInPath(returnTo: string): string {
  const next = safeReturnPath(returnTo)
  return next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`
}

interface Where { pathname: string; search: string; hash: string }

export class LeadRouter {
  path = $state('/')
  search = $state('')
  hash = $state('')
  /** Set when the page at this address turned out to be forbidden or missing; cleared on navigation. */
  problem = $state<PageProblem | null>(null)
  readonly route: Route = $derived(matchRoute(this.path))
  /** Path and query, e.g. to come back to after signing in. */
  readonly here = $derived(this.path + this.search)
  /**
   * What makes a page new: its address, except that the trust overview stays the same page when
   * only its query (the cycle shown) changes, so its choices and the reader's place are kept.
   */
  readonly page = $derived(this.route.name === 'trust' ? this.path : this.here)
  private readonly queryListeners = new Set<(search: string) => void>()

  constructor(where: Where = location) {
    this.sync(where)
  }

  navigate(href: string, { replace = false } = {}): void {
    const url = new URL(href, location.href)
    if (url.origin !== location.origin) {
      location.assign(url.href)
      return
    }
    if (url.pathname + url.search + url.hash === this.path + this.search + this.hash && !replace) return
    if (replace) history.replaceState(null, '', url.href)
    else history.pushState(null, '', url.href)
    this.sync(url)
  }

  /** Calls `listener` with the new query each time only the query changes (the page stays); returns how to stop. */
  onQuery(listener: (search: string) => void): () => void {
    this.queryListeners.add(listener)
    return () => this.queryListeners.delete(listener)
  }

  showProblem(problem: PageProblem): void {
    this.problem = problem
  }

  /**
   * Keeps the router in step with the Back and Forward buttons, and turns clicks on this app's
   * links inside the element into navigations. A click that means "open elsewhere" (a modifier
   * key, target, download) and links to the API or the staff survey are left to the browser.
   */
  readonly links: Attachment<HTMLElement> = (element) => {
    const offPop = on(window, 'popstate', () => this.sync(location))
    const offClick = on(element, 'click', (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const anchor = event.target instanceof Element ? event.target.closest('a') : null
      if (!anchor || !anchor.href || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return
      const url = new URL(anchor.href)
      if (url.origin !== location.origin || /^\/(api|s)(\/|$)/.test(url.pathname)) return
      // In-page links (the skip link) scroll and move focus the browser's own way.
      if (url.hash && url.pathname === location.pathname && url.search === location.search) return
      event.preventDefault()
      this.navigate(url.href)
    })
    return () => {
      offPop()
      offClick()
    }
  }

  private sync(where: Where): void {
    const moved = where.pathname !== this.path || where.search !== this.search
    const queryOnly = where.pathname === this.path && where.search !== this.search
    this.path = where.pathname
    this.search = where.search
    this.hash = where.hash
    if (moved) this.problem = null
    if (queryOnly) for (const listener of this.queryListeners) listener(this.search)
  }
}
