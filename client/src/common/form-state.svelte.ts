import { tick } from 'svelte'
import { failureOf, type FieldErrors, type FormFailure } from './lead-errors.ts'

/** What an action a form sends can come back with: nothing when it worked, else what went wrong. */
export type Outcome = FormFailure | string | null | void

/**
 * One form's submit: busy while it is on its way (a second submit meanwhile does nothing), the
 * message for the alert and the per-field messages when it failed, and a line saying it worked.
 * Bind `element` to the form and the first field in error takes the focus.
 */
export class FormState {
  busy = $state(false)
  error = $state<string | null>(null)
  /** 'en' while the error is the server's English on a page in another language: the alert says so with lang="en". */
  errorLang = $state<'en' | undefined>()
  fields = $state<FieldErrors>({})
  done = $state('')
  element = $state<HTMLFormElement>()

  /** The form's own checks failed: says why and sends nothing. */
  invalid(fields: FieldErrors, message: string): Promise<void> {
    return this.fail({ message, fields })
  }

  /** Says a line that is neither an error nor a sending (nothing to send, say). */
  say(done: string): void {
    this.fields = {}
    this.error = null
    this.errorLang = undefined
    this.done = done
  }

  /**
   * Sends: `action` throws (the API's error), returns what went wrong (a FormFailure or a message),
   * or returns nothing once done, and then `done` is said. True when it worked.
   */
  async send(action: () => Promise<Outcome>, done = ''): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.say('')
    let failure: FormFailure | null
    try {
      const outcome = await action()
      failure = typeof outcome === 'string' ? { message: outcome, fields: {} } : (outcome ?? null)
    } catch (err) {
      failure = failureOf(err)
    } finally {
      this.busy = false
    }
    if (failure) await this.fail(failure)
    else this.done = done
    return failure === null
  }

  private async fail({ message, lang, fields }: FormFailure): Promise<void> {
    this.fields = fields
    this.error = message
    this.errorLang = lang
    this.done = ''
    await tick()
    this.element?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }
}
