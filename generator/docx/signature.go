package docx

import (
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// gridChars is the width of text in grid characters: a full-width character fills a
// cell, a half-width one (digits, Latin) half a cell — the measure gbt9704-check uses.
func gridChars(s string) float64 {
	n := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 || r >= 0x2014 && r <= 0x201D || r == 0x2026:
			n++
		case r > ' ':
			n += 0.5
		}
	}
	return n
}

// signature writes the 署名 and 成文日期 without a seal (§7.3.5.2): the preset's blank
// lines after the text, the 署名 with RightChars free on its right, and the date on the
// next line, its first character DateShiftChars right of the 署名's — or, when the date
// is the longer, the date RightChars from the right and the 署名 pushed left. The
// indents come from layout.Preset.SignatureIndents, as in the PDF; both lines are
// right-aligned with a right indent, so the right margin the standard fixes is exact.
//
// gap is extra space before the first line, after a table that ends the text.
func (w *writer) signature(b *strings.Builder, gap int) error {
	doc, s := w.doc, w.p.Signature
	date := doc.Date.String()
	if doc.Author == "" && date == "" {
		return nil
	}
	if err := checkText(doc.Author, model.Pos{File: "author"}); err != nil {
		return err
	}
	authorRight, dateRight := w.p.SignatureIndents(gridChars(doc.Author), gridChars(date))
	cell := w.p.CharPitch()
	before := s.LinesBefore*w.p.Docx.LinePitchTw + gap
	lines := []struct {
		text  string
		right float64
	}{{doc.Author, authorRight}, {date, dateRight}}
	first := true
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		var pPr strings.Builder
		if i == 0 && date != "" {
			pPr.WriteString(`<w:keepNext/>`)
		}
		if first && before > 0 {
			pPr.WriteString(`<w:spacing w:before="` + itoa(before) + `"/>`)
		}
		first = false
		pPr.WriteString(`<w:ind w:right="` + itoa(twips(layout.Pt(l.right)*cell)) + `"/>`)
		w.paragraph(b, styleSignature, pPr.String(), run{role: s.Role, text: l.text})
	}
	return nil
}
