import type { Attachment } from 'svelte/attachments'

/** Moves keyboard and screen-reader focus to a page's heading when a new step appears. */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
  element.focus({ preventScroll: false })
  window.scrollTo({ top: 0 })
}
