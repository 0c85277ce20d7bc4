import type { ChangePasswordBody, CurrentLeader, LoginBody, SetPasswordBody } from '../../../shared/schemas/auth.ts'
import { createLeadApi, type LeadApi } from './api.ts'
import { ApiRequestError } from '../common/api.ts'
import { errorMessage } from '../common/lead-errors.ts'
import type { PageProblem } from './lead-router.svelte.ts'

/**
 * loading: asking the server who is signed in; signed-in: a leader and their CSRF token;
 * signed-out: nobody (or the session was ended elsewhere); expired: the session ran out;
 * unreachable: the server could not be asked.
 */
export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'expired' | 'unreachable'

export interface LeadSessionOptions {
  /** A call found that the page being shown is forbidden or does not exist. */
  onPageProblem: (problem: PageProblem) => void
}

/** The signed-in leader, and the API as that leader: every call carries the session's CSRF token. */
export class LeadSession {
  leader = $state.raw<CurrentLeader | null>(null)
  status = $state<SessionStatus>('loading')
  /** Why the server could not be asked, when status is 'unreachable'. */
  error = $state<string | null>(null)
  readonly api: LeadApi
  readonly csrfToken = $derived(this.leader?.csrfToken ?? null)

  constructor({ onPageProblem }: LeadSessionOptions) {
    this.api = createLeadApi({
      csrfToken: () => this.csrfToken,
      onFailure: (error, method) => {
        if (error.status === 401) this.lose(error.code === 'SESSION_EXPIRED' ? 'expired' : 'signed-out')
        else if (error.code === 'FORBIDDEN') onPageProblem('forbidden')
        else if (error.code === 'NOT_FOUND' && method === 'GET') onPageProblem('not-found')
      },
    })
  }

  /** Asks the server who is signed in (the session cookie is httpOnly: only the server knows). */
  async start(): Promise<void> {
    this.status = 'loading'
    this.error = null
    try {
      this.signedIn(await this.api.currentLeader())
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) return // onFailure has set the status
      this.status = 'unreachable'
      this.error = errorMessage(err)
    }
  }

  /** Throws ApiRequestError (wrong email or password, too many attempts) for the form to show. */
  async signIn(body: LoginBody): Promise<void> {
    this.signedIn(await this.api.login(body))
  }

  async setPasswordWithLink(body: SetPasswordBody): Promise<void> {
    this.signedIn(await this.api.setPasswordWithLink(body))
  }

  async changePassword(body: ChangePasswordBody): Promise<void> {
    await this.api.changePassword(body)
  }

  /** Ends the session on the server; the browser forgets the leader even if the server cannot be reached. */
  async signOut(): Promise<void> {
    try {
      await this.api.logout()
    } catch {
      // Already signed out, expired or offline: either way there is nothing left to end here.
    }
    this.lose('signed-out')
  }

  private signedIn(leader: CurrentLeader): void {
    this.leader = leader
    this.status = 'signed-in'
    this.error = null
  }

  private lose(status: 'signed-out' | 'expired'): void {
    this.leader = null
    this.status = status
  }
}
