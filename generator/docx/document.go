package docx

import (
	"math"
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// run is a piece of text in one font, optionally in a character style.
type run struct {
	style string // character style id, or ""
	role  layout.Role
	text  string
}

// paragraph writes one w:p: the paragraph style, direct paragraph properties (already
// in schema order, without the w:pPr wrapper) and the runs. Every run names its fonts
// explicitly, with the east-Asian hint.
func (w *writer) paragraph(b *strings.Builder, pStyle, direct string, runs ...run) {
	b.WriteString(`<w:p>`)
	if pStyle != styleBody || direct != "" {
		b.WriteString(`<w:pPr>`)
		if pStyle != styleBody {
			b.WriteString(`<w:pStyle w:val="` + pStyle + `"/>`)
		}
		b.WriteString(direct)
		b.WriteString(`</w:pPr>`)
	}
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		b.WriteString(`<w:r><w:rPr>`)
		if r.style != "" {
			b.WriteString(`<w:rStyle w:val="` + r.style + `"/>`)
		}
		b.WriteString(rFonts(w.p.Fonts[r.role], true))
		b.WriteString(`</w:rPr>`)
		runText(b, r.text)
		b.WriteString(`</w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// documentXML writes word/document.xml: title, 主送机关, the text in reading order
// (paragraphs, headings and tables), 署名 and 成文日期, the 附表, and the section
// properties.
func (w *writer) documentXML() ([]byte, error) {
	doc, p := w.doc, w.p
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)

	// 标题: the author's lines become forced line breaks in one paragraph, so the title
	// stays one paragraph in one style.
	title := doc.Title
	if len(doc.TitleLines) > 0 {
		title = strings.Join(doc.TitleLines, "\n")
	}
	if err := checkText(title, model.Pos{File: "title"}); err != nil {
		return nil, err
	}
	if strings.TrimSpace(title) != "" {
		w.paragraph(&b, styleTitle, "", run{role: p.Title.Role, text: title})
	}

	if doc.Recipient != "" {
		if err := checkText(doc.Recipient, model.Pos{File: "recipient"}); err != nil {
			return nil, err
		}
		w.paragraph(&b, styleRecipient, "", run{role: p.Recipient.Role, text: doc.Recipient})
	}

	blocks := doc.Blocks()
	signed := doc.Author != "" || !doc.Date.IsZero()
	gap := 0 // after a table: space to the next grid line, as the PDF resumes the grid
	for i, blk := range blocks {
		// The last text paragraph keeps its last lines with the 署名, which must not stand
		// alone on a page (§7.3.5.5).
		keep := signed && i == len(blocks)-1
		direct := ""
		if keep {
			direct = `<w:keepNext/>`
		}
		switch blk := blk.(type) {
		case *model.Heading:
			s := blk.Section
			if err := checkText(s.Heading, s.Pos); err != nil {
				return nil, err
			}
			level := clampLevel(s.Level)
			direct = w.spacingBefore(gap, p.Heading(level))
			w.paragraph(&b, styleHeading(level), direct, run{role: w.headingRole(s), text: s.Number + s.Heading})
			gap = 0
		case *model.Paragraph:
			var text strings.Builder
			for _, sp := range blk.Spans {
				if err := checkText(sp.Text, sp.Pos); err != nil {
					return nil, err
				}
				text.WriteString(sp.Text)
			}
			direct += w.spacingBefore(gap, p.Body)
			gap = 0
			body := run{role: p.Body.Role, text: text.String()}
			if s := blk.Lead; s != nil {
				if err := checkText(s.Heading, s.Pos); err != nil {
					return nil, err
				}
				// A run-in heading: two runs in one paragraph — the heading in its level's
				// font (character style), then the body text in the body font.
				level := clampLevel(s.Level)
				lead := run{style: styleHeadingChar(level), role: w.headingRole(s), text: s.Number + s.Heading}
				w.paragraph(&b, styleRunIn(level), direct, lead, body)
			} else {
				w.paragraph(&b, styleBody, direct, body)
			}
		case *model.Table:
			var err error
			if gap, err = w.table(&b, blk, keep, gap); err != nil {
				return nil, err
			}
		}
	}
	last := model.Block(nil)
	if len(blocks) > 0 {
		last = blocks[len(blocks)-1]
	}

	if err := w.signature(&b, gap); err != nil {
		return nil, err
	}
	// 附表: each on a new page after the 署名.
	for _, tb := range doc.Appendix {
		if _, err := w.table(&b, tb, false, 0); err != nil {
			return nil, err
		}
	}
	if _, table := last.(*model.Table); len(doc.Appendix) > 0 || table && !signed {
		endAfterTable(&b)
	}
	b.WriteString(w.sectPr())
	b.WriteString(`</w:body></w:document>`)
	return []byte(b.String()), nil
}

// sectPr is the page setup: A4, the 版心 margins, the odd/even footers and the grid.
func (w *writer) sectPr() string {
	pg := w.p.Page
	right := pg.Width - pg.Left - pg.BodyWidth
	bottom := pg.Height - pg.Top - pg.BodyHeight
	footer := itoa(w.p.Docx.FooterTw)
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	b.WriteString(`<w:footerReference w:type="default" r:id="` + ridFooterOdd + `"/>`)
	b.WriteString(`<w:footerReference w:type="even" r:id="` + ridFooterEven + `"/>`)
	b.WriteString(`<w:pgSz w:w="` + itoa(mmTwips(pg.Width)) + `" w:h="` + itoa(mmTwips(pg.Height)) + `"/>`)
	b.WriteString(`<w:pgMar w:top="` + itoa(mmTwips(pg.Top)) + `" w:right="` + itoa(mmTwips(right)) +
		`" w:bottom="` + itoa(mmTwips(bottom)) + `" w:left="` + itoa(mmTwips(pg.Left)) +
		`" w:header="` + footer + `" w:footer="` + footer + `" w:gutter="0"/>`)
	b.WriteString(`<w:docGrid w:type="` + esc(w.p.Docx.GridType) + `" w:linePitch="` + itoa(w.p.Docx.LinePitchTw) + `"`)
	if w.charGrid() {
		// The cell's difference from the body size, in 1/4096 pt, from the 版心 width in
		// twips and rounded down, as Word computes it: 156 mm, 28 a line → -849 (spec §3).
		pitch := float64(mmTwips(pg.BodyWidth)) / 20 / float64(w.p.Grid.Chars)
		cs := math.Floor((pitch - float64(w.p.Body.Size)) * 4096)
		b.WriteString(` w:charSpace="` + itoa(int(cs)) + `"`)
	}
	b.WriteString(`/></w:sectPr>`)
	return b.String()
}

// spacingBefore is the direct w:spacing of a paragraph of the element style s that
// follows a table: its own blank lines before plus gap twips, which bring it back onto
// the body grid. "" when there is no gap.
func (w *writer) spacingBefore(gap int, s layout.Style) string {
	if gap <= 0 {
		return ""
	}
	return `<w:spacing w:before="` + itoa(gap+s.LinesBefore*w.p.Docx.LinePitchTw) + `"/>`
}
