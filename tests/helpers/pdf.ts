import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

// Reads back a PDF that Chromium printed (page.pdf()): each page's text, and any text printed over
// other text. PDF.js (Mozilla's reader) does the parsing; no system tools.

export interface PdfPage { text: string; items: PdfTextItem[] }
export interface PdfTextItem { str: string; box: { left: number; bottom: number; right: number; top: number } }
export interface PdfRead { pages: PdfPage[]; overlaps: string[] }

interface RawItem { str: string; width: number; height: number; transform: number[]; hasEOL?: boolean }

/** The box a run of text covers, for text at any angle (baseline to about the cap height). */
function boxOf(item: RawItem): PdfTextItem['box'] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform
  const along = Math.hypot(a, b) || 1
  const up = Math.hypot(c, d) || 1
  const ux = a / along
  const uy = b / along
  const vx = c / up
  const vy = d / up
  const height = up * 0.75
  const xs: number[] = []
  const ys: number[] = []
  for (const s of [0, item.width]) {
    for (const t of [0, height]) {
      xs.push(e + s * ux + t * vx)
      ys.push(f + s * uy + t * vy)
    }
  }
  return { left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys) }
}

function overlapArea(p: PdfTextItem['box'], q: PdfTextItem['box']): number {
  const w = Math.min(p.right, q.right) - Math.max(p.left, q.left)
  const h = Math.min(p.top, q.top) - Math.max(p.bottom, q.bottom)
  return w > 0 && h > 0 ? w * h : 0
}

const area = (b: PdfTextItem['box']) => (b.right - b.left) * (b.top - b.bottom)

export async function readPdf(data: Uint8Array): Promise<PdfRead> {
  const task = getDocument({ data: new Uint8Array(data), useSystemFonts: false })
  const doc = await task.promise
  const pages: PdfPage[] = []
  const overlaps: string[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n)
    const content = await page.getTextContent()
    const raw = (content.items as RawItem[]).filter((i) => typeof i.str === 'string')
    const items = raw.filter((i) => i.str.trim() !== '' && i.width > 0).map((i) => ({ str: i.str, box: boxOf(i) }))
    // Runs are joined as they sit (Chromium prints "fi" as a ligature run of its own), lines with a space.
    pages.push({ text: raw.map((i) => i.str + (i.hasEOL ? ' ' : '')).join('').replace(/\s+/g, ' '), items })
    // Two runs of text overlap when they share more than a third of the smaller one's box.
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const p = items[i]!
        const q = items[j]!
        if (overlapArea(p.box, q.box) > Math.min(area(p.box), area(q.box)) / 3) overlaps.push(`page ${n}: "${p.str}" over "${q.str}"`)
      }
    }
  }
  await task.destroy()
  return { pages, overlaps }
}
