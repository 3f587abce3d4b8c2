package docx

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

// ems is the estimated width of text in ems of its size: full-width characters
// (CJK, full-width punctuation, “ ” — …) one em, a space a quarter, other characters
// (digits, Latin) half an em. The DOCX has no fonts to measure; these are the widths
// of 仿宋_GB2312 and 黑体 for CJK and (half-width) digits, and of the bundled
// fonts the PDF measures, so tables of counts get the PDF's column widths exactly.
func ems(s string) float64 { return textEms(s, 0.25) }

// textEms counts full-width characters as 1, spaces as space and other characters as ½.
func textEms(s string, space float64) float64 {
	n := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 || r >= 0x2014 && r <= 0x201D || r == 0x2026:
			n++
		case r == ' ':
			n += space
		case r > ' ':
			n += 0.5
		}
	}
	return n
}

// numeric reports whether column j of tb holds numbers.
func numeric(tb *model.Table, j int) bool { return j < len(tb.Numeric) && tb.Numeric[j] }

// columns returns the widths of tb's columns in twips, summing exactly to the 版心
// width, and the size of its text: the PDF's rule (layout.Table.FitTable) on the
// estimated natural widths of the header and of every cell that is not covered by a
// category cell above. A table too wide even at the smallest size is an error.
func (w *writer) columns(tb *model.Table) ([]int, layout.Pt, error) {
	st := w.p.Table
	n := len(tb.Header)
	natural := make([]layout.Pt, n)
	numbers := make([]bool, n)
	for j, h := range tb.Header {
		natural[j] = layout.Pt(ems(h)) * st.Size
		numbers[j] = numeric(tb, j)
	}
	for _, r := range tb.Rows {
		for j, c := range r.Cells {
			if j < n && !c.Merged {
				natural[j] = max(natural[j], layout.Pt(ems(c.Text))*st.Size)
			}
		}
	}
	size, ws, ok := st.FitTable(natural, numbers, w.p.Page.BodyWidth.Pt())
	if !ok {
		return nil, 0, &typeset.TableError{Pos: tb.Pos, Title: tb.Title, Columns: n, Max: st.MaxColumns(w.p.Page.BodyWidth.Pt())}
	}
	// Round the column edges, not the widths, so the grid sums to the table width.
	out := make([]int, n)
	var x layout.Pt
	prev := 0
	for j, wd := range ws {
		x += wd
		edge := twips(x)
		out[j] = edge - prev
		prev = edge
	}
	if n > 0 {
		out[n-1] += mmTwips(w.p.Page.BodyWidth) - prev
	}
	return out, size, nil
}

// table writes a table block (spec §9): for a 附表 its label on a new page and a blank
// line, the title (centred, 黑体) and the unit line (right-aligned), each kept with
// what follows, then the w:tbl. keepLast keeps the last row with the next paragraph
// (the 署名 after a table that ends the text); gap is space to add before the first
// paragraph (after a table). It returns the gap the next paragraph needs to come back
// onto the body grid.
func (w *writer) table(b *strings.Builder, tb *model.Table, keepLast bool, gap int) (int, error) {
	st := w.p.Table
	for _, s := range append([]string{tb.Label, tb.Title, tb.Unit}, tb.Header...) {
		if err := checkText(s, tb.Pos); err != nil {
			return 0, err
		}
	}
	before := func() string {
		s := w.spacingBefore(gap, layout.Style{})
		gap = 0
		return s
	}
	if tb.Appendix {
		w.paragraph(b, styleTableLabel, `<w:pageBreakBefore/>`, run{role: st.LabelRole, text: tb.Label})
	}
	if tb.Title != "" {
		w.paragraph(b, styleTableTitle, before(), run{role: st.TitleRole, text: tb.Title})
	}
	if tb.Unit != "" {
		w.paragraph(b, styleTableUnit, before(), run{role: st.Role, text: tb.Unit})
	}

	ws, size, err := w.columns(tb)
	if err != nil {
		return 0, err
	}
	small := layout.Pt(0) // a table set smaller than the table style's size
	if size != st.Size {
		small = size
	}
	n := len(ws)
	if n == 0 { // no columns: nothing to draw (the content parser gives every table a header)
		return gap, nil
	}
	b.WriteString(`<w:tbl><w:tblPr>`)
	b.WriteString(`<w:tblW w:w="` + itoa(mmTwips(w.p.Page.BodyWidth)) + `" w:type="dxa"/>`)
	b.WriteString(`<w:jc w:val="center"/>`)
	border := itoa(int(math.Round(float64(st.Border) * 8))) // eighths of a point
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="` + border + `" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders>`)
	b.WriteString(`<w:tblLayout w:type="fixed"/>`)
	// Word and LibreOffice add a horizontal rule's width to the row's height; the PDF
	// draws rules centred on the row edges. Half a rule less padding above and below
	// gives the PDF's row pitch (text + 2 × padding_v).
	padH, padV := itoa(mmTwips(st.PadH)), itoa(max(0, mmTwips(st.PadV)-twips(st.Border/2)))
	b.WriteString(`<w:tblCellMar><w:top w:w="` + padV + `" w:type="dxa"/><w:left w:w="` + padH +
		`" w:type="dxa"/><w:bottom w:w="` + padV + `" w:type="dxa"/><w:right w:w="` + padH + `" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, wd := range ws {
		b.WriteString(`<w:gridCol w:w="` + itoa(wd) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)

	pad := mmTwips(st.PadH)
	// cellOf is a cell of column j: its text in a role, aligned, in a paragraph style.
	cellOf := func(j int, text string, role layout.Role, pStyle, align, keep, merge string) tableCell {
		c := tableCell{width: ws[j], merge: merge, pStyle: pStyle, align: align, keep: keep}
		if text != "" {
			c.runs = []run{{role: role, text: text, size: small}}
		}
		// A cell the PDF sets on one line gives up the padding on the side its text does
		// not touch (both sides when centred): the text stays where it is, but a word
		// processor that sets it a little wider than the PDF (LibreOffice's space between
		// digits and Chinese, rounding to twips) does not wrap it.
		if twips(layout.Pt(ems(text))*size) <= ws[j]-2*pad {
			c.marLeft, c.marRight = pad, pad
			switch align {
			case "right":
				c.marLeft = 0
			case "center":
				c.marLeft, c.marRight = 0, 0
			default:
				c.marRight = 0
			}
			c.mar = true
		}
		return c
	}

	// The header row repeats on every page and stays with the first row; a
	// form's long first row is set once and may break, as in the PDF
	// (typeset's placeTable).
	if longCell(tb.Header, 100) {
		b.WriteString(`<w:tr>`)
	} else {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	}
	for j := range n {
		cellOf(j, tb.Header[j], st.HeaderRole, styleTableHeader, "center", `<w:keepNext/>`, "").write(w, b)
	}
	b.WriteString(`</w:tr>`)

	for i, r := range tb.Rows {
		texts := make([]string, len(r.Cells))
		for j, c := range r.Cells {
			texts[j] = c.Text
		}
		if longCell(texts, 300) {
			b.WriteString(`<w:tr>`) // it may be taller than a page: Word cuts it, as the PDF does
		} else {
			b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		}
		keep := ""
		if keepLast && i == len(tb.Rows)-1 {
			keep = `<w:keepNext/>`
		}
		for j := range n {
			if j >= len(r.Cells) {
				cellOf(j, "", st.Role, styleTable, "", keep, "").write(w, b)
				continue
			}
			c := r.Cells[j]
			if err := checkText(c.Text, tb.Pos); err != nil {
				return 0, err
			}
			if c.Merged {
				cellOf(j, "", st.Role, styleTable, "", keep, `<w:vMerge/>`).write(w, b)
				continue
			}
			merge, align := "", ""
			switch {
			case c.Span > 1:
				merge, align = `<w:vMerge w:val="restart"/>`, "center"
			case r.Total && j == 0:
				align = "center"
			case numeric(tb, j):
				align = "right"
			}
			cellOf(j, c.Text, st.Role, styleTable, align, keep, merge).write(w, b)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return w.gapAfter(tb, ws, size), nil
}

// gapAfter is the space from the end of tb to the next line of the body grid. The
// table starts on a grid line; its height is predicted from the PDF's row rule (the
// tallest cell's lines × the table pitch + the padding, each row), with the cell
// text broken at the column widths as estimated by ems, plus one rule.
func (w *writer) gapAfter(tb *model.Table, ws []int, size layout.Pt) int {
	st := w.p.Table
	pitch := w.p.Docx.LinePitchTw
	if pitch <= 0 {
		return 0
	}
	pad, padV := mmTwips(st.PadH), mmTwips(st.PadV)
	rowPad := 2*max(0, padV-twips(st.Border/2)) + twips(st.Border)
	height := twips(st.Border)
	row := func(texts []string, skip func(int) bool) {
		lines := 1
		for j, t := range texts {
			if j < len(ws) && !skip(j) {
				lines = max(lines, cellLines(t, size, ws[j]-2*pad))
			}
		}
		height += lines*twips(st.LinePitch) + rowPad
	}
	row(tb.Header, func(int) bool { return false })
	for _, r := range tb.Rows {
		texts := make([]string, len(r.Cells))
		for j, c := range r.Cells {
			texts[j] = c.Text
		}
		row(texts, func(j int) bool { return r.Cells[j].Merged || r.Cells[j].Span > 1 })
	}
	return (pitch - height%pitch) % pitch
}

// cellLines estimates how many lines text takes in a cell inner twips wide: broken
// between characters, never inside a run of digits or Latin letters, never before a
// closing mark or after an opening one (禁则).
func cellLines(text string, size layout.Pt, inner int) int {
	var units []float64 // widths in ems of the pieces a line may not break inside
	glue := false       // the next character joins the last piece
	prevASCII := false
	for _, r := range text {
		e := ems(string(r))
		ascii := r > ' ' && r < 0x7f
		switch {
		case len(units) > 0 && (glue || ascii && prevASCII || strings.ContainsRune(closingMarks, r)):
			units[len(units)-1] += e
		default:
			units = append(units, e)
		}
		glue = strings.ContainsRune(openingMarks, r)
		prevASCII = ascii
	}
	lines, x := 1, 0.0
	width := float64(inner) / 20 / float64(size) // in ems
	for _, u := range units {
		if x+u > width+1e-9 && x > 0 {
			lines++
			x = 0
		}
		x += u
	}
	return lines
}

// Marks that may not start (closing) or end (opening) a line.
const (
	closingMarks = "，。、；：？！）》」』”’〕】…—,.;:?!)]}%"
	openingMarks = "（《「『“‘〔【([{"
)

// tableCell is one w:tc.
type tableCell struct {
	width             int    // twips
	merge             string // its w:vMerge, if any
	mar               bool   // write its own left and right margins
	marLeft, marRight int    // twips
	pStyle            string
	align             string // w:jc of its paragraph; "" keeps the style's
	keep              string // w:keepNext or ""
	runs              []run
}

// write writes the cell: its width, merge and margins, centred vertically as in the
// PDF, and its text as one paragraph.
func (c tableCell) write(w *writer, b *strings.Builder) {
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(c.width) + `" w:type="dxa"/>` + c.merge)
	if c.mar {
		b.WriteString(`<w:tcMar><w:left w:w="` + itoa(c.marLeft) + `" w:type="dxa"/><w:right w:w="` +
			itoa(c.marRight) + `" w:type="dxa"/></w:tcMar>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	direct := c.keep
	if c.align != "" && !(c.pStyle == styleTableHeader && c.align == "center") {
		direct += `<w:jc w:val="` + c.align + `"/>`
	}
	w.inCell++
	w.paragraph(b, c.pStyle, direct, c.runs...)
	w.inCell--
	b.WriteString(`</w:tc>`)
}

// endAfterTable writes the paragraph Word needs after a table that ends the document:
// 1 pt high, so a table that fills its page does not push an empty paragraph onto a
// page of its own.
func endAfterTable(b *strings.Builder) {
	b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>` +
		`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
}

// longCell reports whether a cell holds more than limit characters: a row that
// may not fit a page whole.
func longCell(cells []string, limit int) bool {
	for _, c := range cells {
		if utf8.RuneCountInString(c) > limit {
			return true
		}
	}
	return false
}
