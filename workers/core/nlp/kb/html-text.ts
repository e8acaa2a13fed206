// HTML as the knowledge base keeps it: the readable text, with headings turned into Markdown headings so the
// chunker keeps each section's heading path, and nothing a reader never sees (scripts, styles, link targets,
// images).
import { convert, type FormatCallback } from 'html-to-text'

const markdownHeading: FormatCallback = (elem, walk, builder, options) => {
  builder.openBlock({ leadingLineBreaks: 2 })
  builder.addInline(`${'#'.repeat(Number(options.level ?? 1))} `)
  walk(elem.children, builder)
  builder.closeBlock({ trailingLineBreaks: 2 })
}

const HEADINGS = [1, 2, 3, 4, 5, 6].map((level) => ({
  selector: `h${level}`,
  format: 'markdownHeading',
  options: { level },
}))

export interface HtmlText {
  /** Markdown-flavoured text: `#` headings, `*` list items, paragraphs apart. */
  text: string
  /** The page's `<title>`, when it has one. */
  title: string | undefined
}

export function htmlToText(html: string): HtmlText {
  const text = convert(html, {
    wordwrap: false,
    formatters: { markdownHeading },
    selectors: [
      ...HEADINGS,
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'title', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: '* ' } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  }).trim()
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]
  return { text, title: title ? convert(title, { wordwrap: false }).trim() || undefined : undefined }
}
