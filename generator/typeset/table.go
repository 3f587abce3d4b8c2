package typeset

import (
	"fmt"
	"math"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// tableBlock is a table laid out in columns, waiting to be placed on pages. Its
// title and unit line sit on the grid; its rows have their own heights and line
// spacing, and the body grid resumes on the first grid line after the table.
type tableBlock struct {
	head   []*Line // the 附表 label, a blank and the title (appendix); title; unit line
	xs     []Pt    // column edges, len(columns)+1
	header *tableRow
	rows   []*tableRow
	border Pt
}

type tableRow struct {
	height Pt
	cells  []*tableCell // one per column
}

type tableCell struct {
	lines  [][]Run // each line's runs, X final, baseline relative to the cell's text top
	height Pt      // of the text
	merged bool    // covered by the category cell above
	span   int
}

// table lays out a table: columns fitted to their content within the 版心 (numbers
// keep their width, text columns share the rest), cell text broken into lines.
func (t *typesetter) table(tb *model.Table) (*tableBlock, error) {
	st := t.p.Table
	out := &tableBlock{border: st.Border}
	pos := tb.Pos
	if tb.Appendix {
		label, err := t.line(tb.Label, st.LabelRole, t.p.Body.Size, layout.Left, pos)
		if err != nil {
			return nil, err
		}
		out.head = append(out.head, label, &Line{Kind: Body})
	}
	title, err := t.paragraph(Heading, layout.Style{Role: st.TitleRole, Size: st.TitleSize, Align: layout.Center},
		[]segment{{text: tb.Title, role: st.TitleRole, size: st.TitleSize, pos: pos}})
	if err != nil {
		return nil, err
	}
	out.head = append(out.head, title...)
	if tb.Unit != "" {
		unit, err := t.line(tb.Unit, st.Role, st.UnitSize, layout.Right, pos)
		if err != nil {
			return nil, err
		}
		out.head = append(out.head, unit)
	}

	n := len(tb.Header)
	padH, padV := st.PadH.Pt(), st.PadV.Pt()
	// natural widths, at the table's size; a table too wide is set smaller
	var header [][]glyph
	var cells [][][]glyph
	var natural []Pt
	shapeAll := func(size Pt) error {
		shaped := func(text string, role layout.Role) ([]glyph, error) {
			return t.shape([]segment{{text: text, role: role, size: size, pos: pos}})
		}
		header, cells, natural = make([][]glyph, n), make([][][]glyph, len(tb.Rows)), make([]Pt, n)
		for j, h := range tb.Header {
			g, err := shaped(h, st.HeaderRole)
			if err != nil {
				return err
			}
			header[j] = g
			natural[j] = max(natural[j], width(g))
		}
		for i, r := range tb.Rows {
			cells[i] = make([][]glyph, n)
			for j, c := range r.Cells {
				if c.Merged {
					continue
				}
				g, err := shaped(c.Text, st.Role)
				if err != nil {
					return err
				}
				cells[i][j] = g
				natural[j] = max(natural[j], width(g))
			}
		}
		return nil
	}
	if err := shapeAll(st.Size); err != nil {
		return nil, err
	}
	size, ws, ok := st.FitTable(natural, tb.Numeric, t.width)
	if !ok {
		return nil, &TableError{Pos: pos, Title: tb.Title, Columns: n, Max: st.MaxColumns(t.width)}
	}
	if size != st.Size {
		if err := shapeAll(size); err != nil {
			return nil, err
		}
	}
	out.xs = make([]Pt, n+1)
	out.xs[0] = t.left
	for j, w := range ws {
		out.xs[j+1] = out.xs[j] + w
	}

	lay := func(g []glyph, j int, align layout.Align) *tableCell {
		inner := ws[j] - 2*padH
		c := &tableCell{span: 1}
		spans := breakLines(g, inner, inner)
		for _, s := range spans {
			runs := setLine(g, s, 0, inner, false)
			if len(runs) == 0 {
				continue
			}
			w := runs[len(runs)-1].X + runs[len(runs)-1].Width
			x := out.xs[j] + padH
			switch align {
			case layout.Center:
				x += (inner - w) / 2
			case layout.Right:
				x += inner - w
			}
			for k := range runs {
				runs[k].X += x
			}
			c.lines = append(c.lines, runs)
		}
		c.height = Pt(len(c.lines)) * st.LinePitch
		return c
	}
	row := func(cs []*tableCell) *tableRow {
		r := &tableRow{cells: cs}
		for _, c := range cs {
			if c != nil && !c.merged && c.span == 1 {
				r.height = max(r.height, c.height+2*padV)
			}
		}
		r.height = max(r.height, st.LinePitch+2*padV)
		return r
	}
	hc := make([]*tableCell, n)
	for j := range tb.Header {
		hc[j] = lay(header[j], j, layout.Center)
	}
	out.header = row(hc)
	for i, r := range tb.Rows {
		rc := make([]*tableCell, n)
		for j, c := range r.Cells {
			if c.Merged {
				rc[j] = &tableCell{merged: true}
				continue
			}
			align := layout.Left
			switch {
			case r.Total && j == 0, c.Span > 1:
				align = layout.Center
			case tb.Numeric[j]:
				align = layout.Right
			}
			rc[j] = lay(cells[i][j], j, align)
			rc[j].span = max(c.Span, 1)
		}
		out.rows = append(out.rows, row(rc))
	}
	return out, nil
}

// line sets one line of text in a role and size, aligned in the 版心.
func (t *typesetter) line(text string, role layout.Role, size Pt, align layout.Align, pos model.Pos) (*Line, error) {
	ls, err := t.paragraph(Body, layout.Style{Role: role, Size: size, Align: align}, []segment{{text: text, role: role, size: size, pos: pos}})
	if err != nil || len(ls) == 0 {
		return &Line{Kind: Body}, err
	}
	return ls[0], nil
}

// placeTable puts a table on pages from grid slot *slot of the last page: the head
// lines on grid slots, then rows while they fit, repeating the header row on every
// continuation page. It returns the slot after the table.
func (t *typesetter) placeTable(tb *tableBlock, pages *[]*Page, slot int) int {
	pitch := t.p.LinePitch()
	bottom := t.p.Page.Top.Pt() + t.p.Page.BodyHeight.Pt()
	gridTop := func() Pt { return t.p.Page.Top.Pt() + (*pages)[len(*pages)-1].grid }
	newPage := func() {
		*pages = append(*pages, &Page{Number: len(*pages) + 1})
		slot = 0
	}
	// the head, the header row and the first row stay together
	need := Pt(len(tb.head))*pitch + tb.header.height
	if len(tb.rows) > 0 {
		need += tb.rows[0].height
	}
	if slot > 0 && gridTop()+Pt(slot)*pitch+need > bottom+0.01 {
		newPage()
	}
	for _, l := range tb.head {
		if len(l.Runs) > 0 {
			pg := (*pages)[len(*pages)-1]
			l.Slot = slot
			l.Baseline = t.baseline(pg, slot, l.Runs[0].Size)
			pg.Lines = append(pg.Lines, l)
		}
		slot++
	}

	var all []placedRow
	y := gridTop() + Pt(slot)*pitch
	var segment []placedRow // rows of the current page, header first
	put := func(r *tableRow, index int) {
		p := placedRow{r, index, y}
		segment = append(segment, p)
		all = append(all, p)
		y += r.height
	}
	// A header row taller than a third of the page is not repeated: it is read
	// once, like a form's first row.
	rows, index := tb.rows, make([]int, len(tb.rows))
	for i := range index {
		index[i] = i
	}
	repeat := tb.header.height <= t.p.Page.BodyHeight.Pt()/3
	if repeat {
		put(tb.header, -1)
	} else {
		rows, index = append([]*tableRow{tb.header}, rows...), append([]int{-1}, index...)
	}
	nextPage := func() {
		t.drawTableRows(tb, segment, (*pages)[len(*pages)-1])
		segment = nil
		newPage()
		y = gridTop()
		if repeat {
			put(tb.header, -1)
		}
	}
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if y+r.height <= bottom+0.01 {
			put(r, index[i])
			continue
		}
		fresh := bottom - gridTop() // a new page's room, less its header
		if repeat {
			fresh -= tb.header.height
		}
		top := y == gridTop() || repeat && len(segment) == 1 // nothing but the header on this page
		if !top && (r.height <= fresh+0.01 || bottom-y < 3*t.p.Table.LinePitch) {
			nextPage() // it fits on the next page, or too little is left here
			i--
			continue
		}
		// taller than a page: the lines that fit here, the rest on the next page
		first, rest := t.splitRow(r, bottom-y)
		switch {
		case first != nil:
			put(first, index[i])
			rows[i] = rest
			nextPage()
			i--
		case !top:
			nextPage()
			i--
		default:
			put(r, index[i]) // a row that cannot be cut stands as tall as it is
		}
	}
	t.drawTableRows(tb, segment, (*pages)[len(*pages)-1])
	used := (y - gridTop()) / pitch
	return int(math.Ceil(float64(used) - 1e-6))
}

// splitRow cuts a row taller than a page into the lines of each cell that fit a
// height, and the rest; nil when not a line fits or a cell spans rows.
func (t *typesetter) splitRow(r *tableRow, room Pt) (first, rest *tableRow) {
	st := t.p.Table
	padV := st.PadV.Pt()
	k := int(math.Floor(float64((room-2*padV)/st.LinePitch) + 1e-6))
	if k < 1 {
		return nil, nil
	}
	first, rest = &tableRow{}, &tableRow{}
	for _, c := range r.cells {
		if c == nil || c.merged {
			return nil, nil
		}
		n := min(k, len(c.lines))
		// the lines' baselines count from the cell's text top: the rest moves up
		a := &tableCell{lines: c.lines[:n], span: c.span}
		b := &tableCell{lines: c.lines[n:], span: c.span}
		a.height, b.height = Pt(len(a.lines))*st.LinePitch, Pt(len(b.lines))*st.LinePitch
		first.cells, rest.cells = append(first.cells, a), append(rest.cells, b)
		first.height = max(first.height, a.height+2*padV)
		rest.height = max(rest.height, b.height+2*padV)
	}
	rest.height = max(rest.height, st.LinePitch+2*padV)
	return first, rest
}

// placedRow is a table row at its place on a page; index -1 is the header row.
type placedRow struct {
	row   *tableRow
	index int
	y     Pt
}

// drawTableRows draws one page's part of a table: cell text, a category cell's text
// centred on the rows of its span that are on this page (repeated on a continuation
// page), and the full grid of rules, with no rule across a category cell's span.
func (t *typesetter) drawTableRows(tb *tableBlock, seg []placedRow, pg *Page) {
	st := t.p.Table
	end := seg[len(seg)-1].y + seg[len(seg)-1].row.height
	merged := func(k, j int) bool { return k < len(seg) && seg[k].row.cells[j].merged }
	for k, pr := range seg {
		for j, c := range pr.row.cells {
			if c.merged && !(k > 0 && seg[k-1].index == -1) {
				continue // drawn with the cell that covers it
			}
			if c.merged { // a span continued from the last page: draw its text again
				for i := pr.index; i >= 0; i-- {
					if !tb.rows[i].cells[j].merged {
						c = tb.rows[i].cells[j]
						break
					}
				}
			}
			last := k
			for merged(last+1, j) {
				last++
			}
			y0, y1 := pr.y, seg[last].y+seg[last].row.height
			textTop := y0 + (y1-y0-c.height)/2
			for i, runs := range c.lines {
				size := runs[0].Size
				base := textTop + Pt(i)*st.LinePitch + (st.LinePitch-size)/2 + size*0.88
				pg.Lines = append(pg.Lines, &Line{Kind: Cell, Slot: -1, Baseline: base, Runs: runs})
			}
		}
	}
	rule := func(x1, y1, x2, y2 Pt) {
		pg.Rules = append(pg.Rules, Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: tb.border})
	}
	left, right := tb.xs[0], tb.xs[len(tb.xs)-1]
	rule(left, seg[0].y, right, seg[0].y)
	for k, pr := range seg {
		yb := pr.y + pr.row.height
		for j := range pr.row.cells {
			if !merged(k+1, j) {
				rule(tb.xs[j], yb, tb.xs[j+1], yb)
			}
		}
	}
	for _, x := range tb.xs {
		rule(x, seg[0].y, x, end)
	}
}

// TableError reports a table too wide for the 版心 even in the smallest table type.
type TableError struct {
	Pos     model.Pos
	Title   string
	Columns int // the table's
	Max     int // about how many fit
}

func (e *TableError) Error() string {
	return fmt.Sprintf("%s: 表格「%s」有 %d 列，太宽：用最小的表格字号也排不下（最多约 %d 列）", e.Pos, e.Title, e.Columns, e.Max)
}
