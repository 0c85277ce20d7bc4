import type { Attachment } from 'svelte/attachments'

/**
 * For a wrapper that lets a wide table scroll sideways (give it role="region" and a label): while
 * its content overflows, it can be focused with the keyboard and scrolled with the arrow keys
 * (WCAG 2.1.1); when everything fits, it is no tab stop.
 */
export const scrollRegion: Attachment<HTMLElement> = (element) => {
  const update = () => {
    if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0
    else element.removeAttribute('tabindex')
  }
  const observer = new ResizeObserver(update)
  observer.observe(element)
  for (const child of element.children) observer.observe(child)
  update()
  return () => observer.disconnect()
}
