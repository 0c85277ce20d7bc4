import type { Attachment } from 'svelte/attachments'
import { on } from 'svelte/events'

/**
 * Opens a <details> while the page is printed (or saved as PDF), so that what it holds is on
 * paper too, and closes it again afterwards if the reader had left it closed.
 */
export const openForPrint: Attachment<HTMLDetailsElement> = (details) => {
  let reopen = false
  const offBefore = on(window, 'beforeprint', () => {
    reopen = !details.open
    details.open = true
  })
  const offAfter = on(window, 'afterprint', () => {
    if (reopen) details.open = false
    reopen = false
  })
  return () => {
    offBefore()
    offAfter()
  }
}
