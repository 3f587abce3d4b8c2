package docx

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/internal/safefile"
)

// longSignature reports whether the 署名, date and 附注 with the blank lines before
// them fill a page: the PDF then keeps only their last half page together
// (typeset's paginate), and the DOCX does as well.
func (w *writer) longSignature() bool {
	doc := w.doc
	n := w.p.Signature.LinesBefore + 1 + len(doc.Authors) // the date and the further 署名
	if doc.Author != "" {
		n++
	}
	if doc.Note != "" {
		n++
	}
	return n >= w.p.Grid.Lines
}

// gridChars is the width of text in grid characters: a full-width character fills a
// cell, a half-width one (digits, Latin) half a cell, a space nothing — the measure
// gbt9704-check uses.
func gridChars(s string) float64 { return textEms(s, 0) }

// signature writes the 署名 and 成文日期, then the 附注.
//
// Without a seal (§7.3.5.2): the preset's blank lines after the text, the 署名 with
// RightChars free on its right, and the date on the next line, its first character
// DateShiftChars right of the 署名's — or, when the date is the longer, the date
// RightChars from the right and the 署名 pushed left (layout.Preset.SignatureIndents,
// as in the PDF). With a seal (§7.3.5.1): the date SealRightChars from the right, the
// 署名 centred over it, and the seal image behind the text, centred on the date, its
// foot on the foot of the date's line, with the blank lines above the 署名 that
// layout.Preset.SealLines gives, as the PDF places it.
// A 联合行文's further 署名 follow the first, one a line, centred on the widest. Every
// line is right-aligned with a right indent, so the right margin the standard fixes is
// exact.
//
// The 附注 follows the date, 左空二字 in round brackets (§7.3.6), as a body paragraph.
// gap is extra space before the first line, after a table that ends the text.
func (w *writer) signature(b *strings.Builder, gap int) error {
	doc, s := w.doc, w.p.Signature
	date := doc.Date.String()
	var authors []string
	for _, a := range append([]string{doc.Author}, doc.Authors...) {
		if a == "" {
			continue
		}
		if err := checkText(a, doc.Fields["author"]); err != nil {
			return err
		}
		authors = append(authors, a)
	}
	if len(authors) == 0 && date == "" {
		if doc.Note != "" { // no 署名 or date: the 附注 follows the text
			if err := checkText(doc.Note, doc.Fields["note"]); err != nil {
				return err
			}
			w.paragraph(b, styleBody, "", run{role: w.p.Body.Role, text: doc.Note})
		}
		return nil
	}
	var widest float64
	for _, a := range authors {
		widest = max(widest, gridChars(a))
	}
	dateW := gridChars(date)
	blank := s.LinesBefore
	var authorRight, dateRight float64
	var sealTop layout.Pt
	if doc.Seal != "" {
		dateRight = s.SealRightChars
		authorRight = dateRight + (dateW-widest)/2
		blank, sealTop = w.p.SealLines(len(authors))
	} else {
		authorRight, dateRight = w.p.SignatureIndents(widest, dateW)
	}
	cell := w.p.CharPitch()
	before := blank*w.p.Docx.LinePitchTw + gap
	first := true
	line := func(text string, right float64, keep bool, extra string) {
		var pPr strings.Builder
		if keep {
			pPr.WriteString(`<w:keepNext/>`)
		}
		if first && before > 0 {
			pPr.WriteString(`<w:spacing w:before="` + itoa(before) + `"/>`)
		}
		first = false
		pPr.WriteString(`<w:ind w:right="` + itoa(twips(layout.Pt(right)*cell)) + `"/>`)
		w.paragraph(b, styleSignature, pPr.String(), run{role: s.Role, text: text, extra: extra})
	}
	// lines after each 署名 line: the other names, the date, the 附注
	after := func(i int) int {
		n := len(authors) - 1 - i
		if date != "" {
			n++
		}
		if doc.Note != "" {
			n++
		}
		return n
	}
	for i, a := range authors {
		keep := after(i) > 0 && (!w.longSignature() || after(i) < w.p.Grid.Lines/2)
		line(a, authorRight+(widest-gridChars(a))/2, keep, "")
	}
	if date != "" {
		seal := ""
		if doc.Seal != "" {
			var err error
			if seal, err = w.sealDrawing(dateRight, dateW, sealTop); err != nil {
				return err
			}
		}
		line(date, dateRight, doc.Note != "", seal)
	}
	if doc.Note != "" {
		if err := checkText(doc.Note, doc.Fields["note"]); err != nil {
			return err
		}
		w.paragraph(b, styleBody, "", run{role: w.p.Body.Role, text: doc.Note})
	}
	return nil
}

// sealDrawing embeds the seal image and returns the run content that places it: a
// DrawingML picture anchored behind the text (wp:anchor behindDoc), SealSize square,
// centred horizontally on the date, its top edge top below the top of the date's line.
func (w *writer) sealDrawing(dateRight, dateW float64, top layout.Pt) (string, error) {
	doc := w.doc
	pos := doc.Fields["seal"]
	path := doc.Seal
	if !filepath.IsAbs(path) && pos.File != "" {
		path = filepath.Join(filepath.Dir(pos.File), path)
	}
	// Only a regular file under a cap: a FIFO would block, /dev/zero never end. The
	// generator has checked the picture's size in pixels already (loadImages).
	data, err := safefile.ReadPath(path, 16<<20)
	if err != nil {
		return "", fmt.Errorf("%s: 无法读取印章图片 %s", pos, err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return "", fmt.Errorf("%s: 印章图片 %s 不是 PNG 文件", pos, doc.Seal)
	}
	rid := w.addPart("word/media/seal.png", relBase+"image", "", data)
	cell := w.p.CharPitch()
	d := w.p.Signature.SealSize.Pt()
	cx := w.p.Page.BodyWidth.Pt() - layout.Pt(dateRight)*cell - layout.Pt(dateW)*cell/2
	emu := func(v layout.Pt) string { return itoa(int(float64(v) * 12700)) }
	size := emu(d)
	return `<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/>` +
		`<wp:positionH relativeFrom="margin"><wp:posOffset>` + emu(cx-d/2) + `</wp:posOffset></wp:positionH>` +
		`<wp:positionV relativeFrom="paragraph"><wp:posOffset>` + emu(top) + `</wp:posOffset></wp:positionV>` +
		`<wp:extent cx="` + size + `" cy="` + size + `"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
		`<wp:docPr id="1" name="印章"/><wp:cNvGraphicFramePr/>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
		`<pic:nvPicPr><pic:cNvPr id="1" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + rid + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + size + `" cy="` + size + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing>`, nil
}
