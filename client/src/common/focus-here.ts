import type { Attachment } from 'svelte/attachments'

/**
 * Moves focus to an element that appears within a page (a confirmation step), scrolling only as
 * far as needed to show it; focusOnMount is for page headings and scrolls to the top.
 */
export const focusHere: Attachment<HTMLElement> = (element) => {
  element.focus()
}

/** Shows a <dialog> as a modal (focus trapped inside, Escape closes it) while it is mounted. */
export const showModal: Attachment<HTMLDialogElement> = (dialog) => {
  dialog.showModal()
  return () => {
    if (dialog.open) dialog.close()
  }
}
