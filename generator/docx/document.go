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
	extra string    // run content after the text in a run of its own (a drawing), or ""
	tight int       // w:spacing: twips taken off each character's advance, or 0
	size  layout.Pt // a size other than the style's, or 0
}

// paragraph writes one w:p: the paragraph style, direct paragraph properties (already
// in schema order, without the w:pPr wrapper) and the runs. Every run names its fonts
// explicitly, with the east-Asian hint; characters the role's font lacks go in runs of
// their own that name the fallback font the PDF draws them with (see fallbackRuns).
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
		for _, piece := range w.fallbackRuns(r) {
			b.WriteString(`<w:r><w:rPr>`)
			if piece.style != "" {
				b.WriteString(`<w:rStyle w:val="` + piece.style + `"/>`)
			}
			b.WriteString(rFonts(w.p.Fonts[piece.role], true))
			if piece.tight > 0 {
				b.WriteString(`<w:spacing w:val="-` + itoa(piece.tight) + `"/>`)
			}
			if piece.size > 0 {
				hp := itoa(halfPoints(piece.size))
				b.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/>`)
			}
			b.WriteString(`</w:rPr>`)
			runText(b, piece.text)
			b.WriteString(`</w:r>`)
		}
		if r.extra != "" {
			b.WriteString(`<w:r><w:rPr>` + rFonts(w.p.Fonts[r.role], true) + `</w:rPr>` + r.extra + `</w:r>`)
		}
	}
	b.WriteString(`</w:p>`)
}

// fallbackRuns splits the text of r where the font that draws it changes: a character
// the role's bundled font lacks is set in the first fallback role whose font has it, as
// the typesetter does for the PDF (王𬌗 in 仿宋: 𬌗 in 宋体; 儽 in 补字宋体). ASCII stays
// with the role: Word sets it in the Latin font, which has it.
func (w *writer) fallbackRuns(r run) []run {
	if r.text == "" {
		return nil
	}
	own := w.faces[r.role]
	if own == nil {
		return []run{r}
	}
	fontOf := func(c rune) layout.Role {
		if c < 0x80 || own.Has(c) {
			return r.role
		}
		for _, fb := range w.p.Fallback.Roles {
			if f := w.faces[fb]; f != nil && f.Has(c) {
				return fb
			}
		}
		return r.role
	}
	piece := func(role layout.Role, text string) run {
		p := r
		p.role, p.text, p.extra = role, text, ""
		return p
	}
	var out []run
	start, cur := 0, layout.Role("")
	for i, c := range r.text {
		role := fontOf(c)
		if i > 0 && role != cur {
			out = append(out, piece(cur, r.text[start:i]))
			start = i
		}
		cur = role
	}
	return append(out, piece(cur, r.text[start:]))
}

// endSection ends the current section with sectPr: in the last paragraph's properties,
// or, after a table, in a paragraph 1 pt high of its own.
func (w *writer) endSection(b *strings.Builder, sectPr string) {
	s := b.String()
	if strings.HasSuffix(s, `</w:tbl>`) || !strings.Contains(s, `<w:p>`) {
		b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>` +
			`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>` + sectPr + `</w:pPr></w:p>`)
		return
	}
	i := strings.LastIndex(s, `<w:p>`)
	head, para := s[:i], s[i:]
	if strings.HasPrefix(para, `<w:p><w:pPr>`) {
		j := strings.Index(para, `</w:pPr>`)
		para = para[:j] + sectPr + para[j:]
	} else {
		para = `<w:p><w:pPr>` + sectPr + `</w:pPr>` + para[len(`<w:p>`):]
	}
	b.Reset()
	b.WriteString(head)
	b.WriteString(para)
}

// tinyParagraph is an empty paragraph 1 pt high: the anchor after the 版记's frame and
// the content of a blank page.
func tinyParagraph(b *strings.Builder) {
	b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>` +
		`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
}

// documentXML writes word/document.xml.
func (w *writer) documentXML() ([]byte, error) {
	body, err := w.body()
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"`)
	if len(w.parts) > 0 {
		b.WriteString(` xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"`)
	}
	b.WriteString(`><w:body>`)
	b.WriteString(body)
	b.WriteString(`</w:body></w:document>`)
	return []byte(b.String()), nil
}

// body writes the body: the 版头, 标题, 主送机关, the text in reading order, 附件说明,
// 出席/请假/列席, 署名 and 成文日期, 附注, the 附件 and the 附表 on new pages, and the 版记
// at the foot of the last page, with the section properties that number the pages.
func (w *writer) body() (string, error) {
	doc, p := w.doc, w.p
	var b strings.Builder
	w.inBody = true
	defer func() { w.inBody = false }()

	pos := 0
	hasHeader := !doc.Header.IsZero()
	if hasHeader {
		var err error
		if pos, err = w.header(&b); err != nil {
			return "", err
		}
	}

	// 标题: the author's lines, or the PDF's, as forced line breaks in one paragraph, so
	// the title stays one paragraph in one style.
	title := doc.Title
	if len(doc.TitleLines) > 0 {
		title = strings.Join(doc.TitleLines, "\n")
	} else if len(w.pages.title) > 1 && strings.Join(w.pages.title, "") == strings.Join(strings.Fields(doc.Title), "") {
		title = strings.Join(w.pages.title, "\n")
	}
	if err := checkText(title, model.Pos{File: "title"}); err != nil {
		return "", err
	}
	if strings.TrimSpace(title) != "" {
		direct := ""
		if hasHeader {
			direct = w.titleSpacing(pos, strings.Count(title, "\n")+1)
		}
		w.paragraph(&b, styleTitle, direct, run{role: p.Title.Role, text: title})
	} else if hasHeader {
		// title = "": the text starts on the grid slot the title would have
		// taken, as in the PDF (typeset's paginate)
		g, pitch := w.hdr.plan, p.LinePitch()
		slot := int(math.Floor(float64((g.TitleTop-g.Shift)/pitch) + 1e-6))
		spacer(&b, twips(g.SlotTop(p, slot))-pos)
	}

	if doc.Recipient != "" {
		if err := checkText(doc.Recipient, model.Pos{File: "recipient"}); err != nil {
			return "", err
		}
		w.paragraph(&b, styleRecipient, "", run{role: p.Recipient.Role, text: doc.Recipient})
	}

	signed := doc.Author != "" || len(doc.Authors) > 0 || !doc.Date.IsZero()
	list := len(doc.Attachments) > 0
	meeting := !doc.Attendance.IsZero()
	blocks := doc.Blocks()
	// The 署名 must not stand alone on a page (§7.3.5.5): what comes right before it
	// (the text's last paragraph, the 附件说明 or the attendance) keeps its last lines
	// with it, as the PDF keeps them in one block.
	// A 署名 of more names than half a page splits as the PDF splits it: only its last
	// half page keeps with the date (typeset's paginate), not with the text.
	signed = signed && !w.longSignature()
	lastTable, err := w.text(&b, blocks, signed && !list && !meeting)
	if err != nil {
		return "", err
	}
	if list {
		if err := w.attachmentList(&b, signed && !meeting); err != nil {
			return "", err
		}
		lastTable = false
	}
	if meeting {
		if err := w.attendance(&b, signed); err != nil {
			return "", err
		}
		lastTable = false
	}
	if err := w.signature(&b, w.gap); err != nil {
		return "", err
	}
	if signed {
		lastTable = false
	}
	w.gap = 0
	if at, err := w.attachments(&b); err != nil {
		return "", err
	} else if at {
		lastTable = true
	}
	// 附表: each on a new page
	for _, tb := range doc.Appendix {
		if _, err := w.table(&b, tb, false, 0); err != nil {
			return "", err
		}
		lastTable = true
	}

	// the 版记, and the sections that number the pages
	if doc.Imprint.IsZero() {
		if lastTable {
			endAfterTable(&b)
		}
		b.WriteString(w.sectPr(sectMain))
		return b.String(), nil
	}
	// §7.5: only a blank page before the 版记 page, and that page, show no number
	pp := w.pages
	last := sectMain
	switch {
	case !pp.ok: // no pagination: the 版记 on a page of its own
		w.endSection(&b, w.sectPr(sectMain))
	case pp.textPage == pp.imprintPage: // on the text's last page
	default: // on a new page, after a blank page when the text ends on an even one
		w.endSection(&b, w.sectPr(sectMain))
		if pp.blank {
			tinyParagraph(&b)
			w.endSection(&b, w.sectPr(sectNoNumber))
			if len(pp.ccPages) == 0 {
				// the 版记 page after the blank one; a 版记 over several pages is
				// numbered, as the PDF numbers it
				last = sectNoNumber
			}
		}
	}
	w.inBody = false // the 版记's frame is not a page start
	if err := w.imprint(&b, w.ccLines()); err != nil {
		return "", err
	}
	tinyParagraph(&b)
	b.WriteString(w.sectPr(last))
	return b.String(), nil
}

// Kinds of section.
const (
	sectMain     = iota // the text: numbered pages (a 信函: page 1 without its number)
	sectNoNumber        // the 版记 page and a blank page before it (§7.5)
)

// sectPr is the page setup: A4, the 版心 margins, the footers and the grid.
func (w *writer) sectPr(kind int) string {
	pg := w.p.Page
	right := pg.Width - pg.Left - pg.BodyWidth
	bottom := pg.Height - pg.Top - pg.BodyHeight
	footer := itoa(w.p.Docx.FooterTw)
	header := footer
	top := mmTwips(pg.Top)
	letter := w.letter()
	if letter {
		// the header (标志 and double line) reaches into the 版心: a negative top margin
		// keeps the text where it is (ECMA-376 §17.6.11)
		header = itoa(mmTwips(w.p.Header.MarkTop))
		top = -top
	}
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	switch kind {
	case sectMain:
		if letter {
			b.WriteString(`<w:headerReference w:type="first" r:id="` + ridHeaderFirst + `"/>`)
		}
		b.WriteString(`<w:footerReference w:type="default" r:id="` + ridFooterOdd + `"/>`)
		b.WriteString(`<w:footerReference w:type="even" r:id="` + ridFooterEven + `"/>`)
		if w.firstFooter() {
			b.WriteString(`<w:footerReference w:type="first" r:id="` + ridFooterFirst + `"/>`)
		}
	case sectNoNumber:
		w.usedNoNumber = true
		b.WriteString(`<w:footerReference w:type="default" r:id="` + ridFooterBlank + `"/>`)
		b.WriteString(`<w:footerReference w:type="even" r:id="` + ridFooterBlankEven + `"/>`)
	}
	b.WriteString(`<w:pgSz w:w="` + itoa(mmTwips(pg.Width)) + `" w:h="` + itoa(mmTwips(pg.Height)) + `"/>`)
	b.WriteString(`<w:pgMar w:top="` + itoa(top) + `" w:right="` + itoa(mmTwips(right)) +
		`" w:bottom="` + itoa(mmTwips(bottom)) + `" w:left="` + itoa(mmTwips(pg.Left)) +
		`" w:header="` + header + `" w:footer="` + footer + `" w:gutter="0"/>`)
	if kind == sectMain && w.firstFooter() {
		b.WriteString(`<w:titlePg/>`)
	}
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

// letter reports whether the first page carries a 信函's 标志 above the 版心.
func (w *writer) letter() bool {
	return w.p.Header.MarkFromPage && (len(w.doc.Header.Issuers) > 0 || w.p.Header.Double) && !w.doc.Header.IsZero()
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

// ccLines is how many lines the 版记's 抄送 takes: the PDF's, else an estimate (full
// width characters one em, the text between the indents after "抄送：").
func (w *writer) ccLines() int {
	if w.pages.ok && w.pages.ccLines > 0 {
		return w.pages.ccLines
	}
	st := w.p.Imprint
	in := layout.Pt(st.Indent) * st.Size
	names := strings.Join(w.doc.Imprint.CC, "，") + "。"
	inner := twips(w.p.Page.BodyWidth.Pt() - 2*in - 3*st.Size)
	return cellLines(names, st.Size, inner)
}
