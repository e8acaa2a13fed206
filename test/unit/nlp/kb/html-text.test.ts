import { describe, expect, it } from 'vitest'
import { htmlToText } from '../../../../workers/core/nlp/kb/html-text.ts'

describe('htmlToText', () => {
  it('keeps headings as Markdown headings, lists as items and paragraphs apart', () => {
    const { text } = htmlToText(
      '<h2>Returns</h2><p>Send it back.</p><ul><li>Boxed</li><li>Unused</li></ul><h3>Fees</h3><p>None.</p>',
    )
    expect(text).toBe('## Returns\n\nSend it back.\n\n* Boxed\n* Unused\n\n### Fees\n\nNone.')
  })

  it('drops what a reader never sees: scripts, styles, link targets, images', () => {
    const { text } = htmlToText(
      '<style>p{}</style><script>track("x")</script><p>Read <a href="https://t.example/x">the terms</a>.<img src="logo.png" alt="Logo"></p>',
    )
    expect(text).toBe('Read the terms.')
  })

  it('decodes entities and takes the page title, decoded', () => {
    expect(htmlToText('<title>Q&amp;A</title><p>5&nbsp;&lt;&nbsp;7 &eacute;t&eacute;</p>')).toEqual({
      title: 'Q&A',
      text: '5\u00a0<\u00a07 été',
    })
  })

  it('has no title when the page has none or an empty one', () => {
    expect(htmlToText('<p>x</p>').title).toBeUndefined()
    expect(htmlToText('<title>  </title><p>x</p>').title).toBeUndefined()
  })
})
