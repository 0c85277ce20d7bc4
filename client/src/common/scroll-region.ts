import type { Attachment } from 'svelte/attachments'

let cues = 0

/**
 * For a wrapper that lets a wide table scroll sideways (give it role="region" and a label): while
 * its content overflows, it can be focused with the keyboard and scrolled with the arrow keys
 * (WCAG 2.1.1), and a line above it says that it scrolls (a scroll bar alone is easy to miss, and
 * phones hide it); when everything fits, it is no tab stop and the line is hidden. The region's
 * `data-scroll-cue` names the line, for the layout tests.
 */
export const scrollRegion: Attachment<HTMLElement> = (element) => {
  const cue = document.createElement('p')
  cue.id = `scroll-cue-${++cues}`
  cue.className = 'scroll-cue no-print'
  cue.setAttribute('aria-hidden', 'true')
  cue.textContent = 'Scroll sideways to see every column →'
  cue.hidden = true
  element.before(cue)
  element.dataset.scrollCue = cue.id
  const update = () => {
    const overflows = element.scrollWidth > element.clientWidth + 1
    if (overflows) element.tabIndex = 0
    else element.removeAttribute('tabindex')
    cue.hidden = !overflows
  }
  const observer = new ResizeObserver(update)
  observer.observe(element)
  for (const child of element.children) observer.observe(child)
  update()
  return () => {
    observer.disconnect()
    cue.remove()
  }
}
