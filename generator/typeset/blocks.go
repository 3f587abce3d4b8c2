package typeset

import (
	"fmt"
	"math"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// block is a run of lines that pagination handles as one: a paragraph, a heading,
// the title, a blank line. When it must split across pages, at least head lines stay
// at the bottom of the first page and at least tail lines go to the next (no lone
// first or last line of a paragraph: widow and orphan control).
type block struct {
	lines    []*Line
	blank    bool // an empty grid line
	keepNext bool // a heading: never the last thing on a page
	head     int
	tail     int
	table    *tableBlock // a table, placed by placeTable
	newPage  bool        // starts a new page (附表)
	pitch    Pt          // its own line pitch (a title's); 0: the grid's
}

// minFirst is how many grid lines of the block must share a page with its start.
func (b *block) minFirst(pitch Pt) int {
	if b.table != nil {
		h := Pt(len(b.table.head))*pitch + b.table.header.height
		if len(b.table.rows) > 0 {
			h += b.table.rows[0].height
		}
		return int(math.Ceil(float64(h / pitch)))
	}
	if len(b.lines) < b.head+b.tail {
		return len(b.lines)
	}
	return b.head
}

func (t *typesetter) blocks(doc *model.Document) ([]*block, error) {
	var out []*block
	blanks := func(n int) {
		for i := 0; i < n; i++ {
			out = append(out, &block{blank: true})
		}
	}
	// 标题; none for title = "" (a 纪要 named by its 标志)
	if doc.Title != "" || len(doc.TitleLines) > 0 {
		title, err := t.title(doc)
		if err != nil {
			return nil, err
		}
		if doc.Header.IsZero() {
			blanks(t.p.Title.LinesBefore)
		}
		out = append(out, &block{lines: title, head: len(title), tail: len(title), pitch: t.p.Title.LinePitch})
		blanks(t.p.Title.LinesAfter)
	}

	// 主送机关
	if doc.Recipient != "" {
		lines, err := t.paragraph(Body, t.p.Recipient, []segment{{text: doc.Recipient, role: t.p.Recipient.Role, size: t.p.Recipient.Size, pos: doc.Fields["recipient"], bold: t.p.Recipient.Bold}})
		if err != nil {
			return nil, err
		}
		out = append(out, &block{lines: lines, head: 2, tail: 2})
	}

	// 正文
	text, err := t.text(doc.Blocks())
	if err != nil {
		return nil, err
	}
	out = append(out, text...)

	// 附件说明 (§7.3.4)
	if len(doc.Attachments) > 0 {
		lines, err := t.attachmentList(doc)
		if err != nil {
			return nil, err
		}
		blanks(1)
		out = append(out, &block{lines: lines, head: len(lines), tail: len(lines)})
	}

	// 出席、请假、列席 of a 纪要 (§10.3)
	if !doc.Attendance.IsZero() {
		lines, err := t.attendance(doc)
		if err != nil {
			return nil, err
		}
		blanks(1)
		out = append(out, &block{lines: lines, head: len(lines), tail: len(lines)})
	}

	// 署名和成文日期 stay with the end of the text (§7.3.5.5: never alone on a page),
	// and the 附注 with them; without them the 附注 follows the text.
	if doc.Author != "" || !doc.Date.IsZero() || doc.Note != "" {
		var sig []*Line
		if doc.Author != "" || !doc.Date.IsZero() {
			var err error
			if sig, err = t.signature(doc); err != nil {
				return nil, err
			}
		}
		if doc.Note != "" {
			st := t.p.Body
			note, err := t.paragraph(Body, st, []segment{{text: doc.Note, role: st.Role, size: st.Size, pos: doc.Fields["note"]}})
			if err != nil {
				return nil, err
			}
			sig = append(sig, note...) // on the line after the date (§7.3.6), clear of the seal
		}
		if len(out) == 0 {
			out = append(out, &block{})
		}
		last := out[len(out)-1]
		if last.blank || last.keepNext || last.table != nil {
			last = &block{head: 0, tail: 0}
			out = append(out, last)
		}
		last.lines = append(last.lines, sig...)
		last.tail += len(sig)
		if last.head > len(last.lines) {
			last.head = len(last.lines)
		}
	}

	// 附件, each from a new page (§7.3.7)
	for _, a := range doc.Attachments {
		if a.Label == "" {
			continue // listed in the 附件说明 only
		}
		st := t.p.Attachments
		l, err := t.line(a.Label, st.LabelRole, t.p.Body.Size, layout.Left, a.Pos)
		if err != nil {
			return nil, err
		}
		out = append(out, &block{lines: []*Line{l}, head: 1, tail: 1, newPage: true})
		blanks(st.TitleSlot - 2)
		tst := layout.Style{Role: st.TitleRole, Size: st.TitleSize, Align: layout.Center}
		title, err := t.paragraph(Title, tst, []segment{{text: a.Title, role: st.TitleRole, size: st.TitleSize, pos: a.Pos}})
		if err != nil {
			return nil, err
		}
		out = append(out, &block{lines: title, head: len(title), tail: len(title)})
		blanks(1)
		text, err := t.text(a.Blocks())
		if err != nil {
			return nil, err
		}
		out = append(out, text...)
	}

	// 附表, each on a new page
	for _, a := range doc.Appendix {
		tb, err := t.table(a)
		if err != nil {
			return nil, err
		}
		out = append(out, &block{table: tb, newPage: true})
	}
	return out, nil
}

// text sets the blocks of a text: headings, paragraphs with run-in headings, tables.
func (t *typesetter) text(blocks []model.Block) ([]*block, error) {
	var out []*block
	// blank grid lines a style asks for before or after its element
	spaced := func(st layout.Style, b *block) {
		for range st.LinesBefore {
			out = append(out, &block{blank: true})
		}
		out = append(out, b)
		for range st.LinesAfter {
			out = append(out, &block{blank: true})
		}
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case *model.Heading:
			st := t.p.Heading(b.Level)
			lines, err := t.paragraph(Heading, st, []segment{{text: b.Number + b.Heading, role: st.Role, size: st.Size, pos: b.Pos, bold: st.Bold}})
			if err != nil {
				return nil, err
			}
			spaced(st, &block{lines: lines, keepNext: true, head: len(lines), tail: len(lines)})
		case *model.Paragraph:
			var segs []segment
			if b.Lead != nil {
				st := t.p.Heading(b.Lead.Level)
				segs = append(segs, segment{text: b.Lead.Number + b.Lead.Heading, role: st.Role, size: st.Size, pos: b.Lead.Pos, bold: st.Bold})
			}
			for _, sp := range b.Spans {
				segs = append(segs, segment{text: sp.Text, role: t.p.Body.Role, size: t.p.Body.Size, pos: sp.Pos, bold: t.p.Body.Bold})
			}
			lines, err := t.paragraph(Body, t.p.Body, segs)
			if err != nil {
				return nil, err
			}
			spaced(t.p.Body, &block{lines: lines, head: 2, tail: 2})
		case *model.Table:
			tb, err := t.table(b)
			if err != nil {
				return nil, err
			}
			out = append(out, &block{table: tb})
		}
	}
	return out, nil
}

// paragraph breaks and sets one paragraph in style st.
func (t *typesetter) paragraph(kind Kind, st layout.Style, segs []segment) ([]*Line, error) {
	g, err := t.shape(segs)
	if err != nil {
		return nil, err
	}
	indent := Pt(st.IndentChars) * t.cell(st.Size)
	var r rules
	if st.Align == layout.Both || st.Align == layout.Left {
		r = t.rules(g, indent == 0)
		if st.Align == layout.Both {
			r.minLast = t.p.Typography.MinLastLine
		}
	}
	spans, n := breakParagraph(g, t.width-indent, t.width, r)
	t.notes.add(n)
	lines := make([]*Line, 0, len(spans))
	for i, s := range spans {
		x, w := t.left, t.width
		if i == 0 {
			x, w = x+indent, w-indent
		}
		last := i == len(spans)-1
		var runs []Run
		switch st.Align {
		case layout.Center, layout.Right:
			runs = setLine(g, s, x, w, false)
			end := runs[len(runs)-1].X + runs[len(runs)-1].Width
			shift := x + w - end
			if st.Align == layout.Center {
				shift /= 2
			}
			for j := range runs {
				runs[j].X += shift
			}
		default:
			// a last line filled by compression is justified like the others
			runs = setLine(g, s, x, w, st.Align == layout.Both && (!last || cells(g, s) > w-0.01))
		}
		if len(runs) > 0 {
			lines = append(lines, &Line{Kind: kind, Runs: runs, Pos: g[s.from].pos})
		}
	}
	return lines, nil
}

// signature sets the 署名 and 成文日期. Without a seal (§7.3.5.2) the 署名 is 右空二字
// and the date starts two characters right of it; with a seal (§7.3.5.1) the date is
// 右空四字, the 署名 centred over it and the seal centred on the date, placed by
// layout.Preset.SealLines. A 联合行文's further 署名 follow the first, one a line.
func (t *typesetter) signature(doc *model.Document) ([]*Line, error) {
	st := t.p.Signature
	cell := t.cell(st.Size)
	shape := func(s, key string) ([]glyph, error) {
		return t.shape([]segment{{text: s, role: st.Role, size: st.Size, pos: doc.Fields[key]}})
	}
	var authors [][]glyph
	var widest Pt
	for _, a := range append([]string{doc.Author}, doc.Authors...) {
		if a == "" {
			continue
		}
		g, err := shape(a, "author")
		if err != nil {
			return nil, err
		}
		authors = append(authors, g)
		widest = max(widest, width(g))
	}
	date, err := shape(doc.Date.String(), "date")
	if err != nil {
		return nil, err
	}
	right := t.left + t.width
	var ar, dr Pt // right edges of the 署名 block and of the date
	blank := st.LinesBefore
	var sealTop Pt // from the top of the date's grid line
	if doc.Seal != "" {
		dr = right - Pt(st.SealRightChars)*cell
		ar = dr - (width(date)-widest)/2
		blank, sealTop = t.p.SealLines(len(authors))
	} else {
		a, d := t.p.SignatureIndents(float64(widest/cell), float64(width(date)/cell))
		ar, dr = right-Pt(a)*cell, right-Pt(d)*cell
	}
	var out []*Line
	for i := 0; i < blank; i++ {
		out = append(out, &Line{Kind: Signature})
	}
	for _, g := range authors {
		x := ar - widest + (widest-width(g))/2 // names centred on the widest
		out = append(out, &Line{Kind: Signature, Runs: setLine(g, span{0, len(g)}, x, 0, false), Pos: doc.Fields["author"]})
	}
	if len(date) > 0 {
		l := &Line{Kind: Signature, Runs: setLine(date, span{0, len(date)}, dr-width(date), 0, false), Pos: doc.Fields["date"]}
		if doc.Seal != "" {
			// centred on the date, its foot on the foot of the date's line
			d := st.SealSize.Pt()
			lineTop := -ascent*st.Size - (t.p.LinePitch()-st.Size)/2 // from the date's baseline
			l.Images = []Image{{Path: doc.Seal, X: dr - width(date)/2 - d/2, Y: lineTop + sealTop, W: d, H: d}}
		}
		out = append(out, l)
	}
	return out, nil
}

// paginate puts the blocks' lines on grid slots, page after page. titleTop, when not
// 0, is the exact top of the title's em box under a 版头 on page 1 (the title is the
// first block); the grid resumes on the first slot below the title.
func (t *typesetter) paginate(blocks []*block, first *Page, titleTop Pt) []*Page {
	pitch := t.p.LinePitch()
	pages := []*Page{first}
	perPage := t.slots(first)
	slot := 0
	if titleTop > 0 { // without a title, the text starts on the title's slot
		slot = int(math.Floor(float64((titleTop-t.p.Page.Top.Pt()-first.grid)/pitch) + 1e-6))
	}
	next := func() {
		pages = append(pages, &Page{Number: len(pages) + 1})
		perPage = t.slots(pages[len(pages)-1])
		slot = 0
	}
	place := func(l *Line) {
		if slot >= perPage {
			next()
		}
		if len(l.Runs) > 0 { // an empty line only takes its slot
			pg := pages[len(pages)-1]
			l.Slot = slot
			l.Baseline = t.baseline(pg, slot, l.Runs[0].Size)
			pg.Lines = append(pg.Lines, l)
			for _, im := range l.Images {
				im.Y += l.Baseline
				pg.Images = append(pg.Images, im)
			}
		}
		slot++
	}
	for i, b := range blocks {
		for _, l := range b.lines {
			l.Block = i + 1
		}
		if b.blank {
			if slot != 0 && slot < perPage {
				slot++
			}
			continue
		}
		if titleTop > 0 && len(b.lines) > 0 && b.lines[0].Kind == Title && len(pages) == 1 {
			slot = t.placeTitle(first, b, titleTop)
			titleTop = 0
			continue
		}
		if slot >= perPage || b.newPage && (slot > 0 || len(pages[len(pages)-1].Lines) > 0 || len(pages[len(pages)-1].Rules) > 0) {
			next()
		}
		if b.table != nil {
			slot = t.placeTable(b.table, &pages, slot)
			perPage = t.slots(pages[len(pages)-1])
			continue
		}
		if b.keepNext && slot > 0 {
			need := len(b.lines)
			for _, nb := range blocks[i+1:] {
				if !nb.blank {
					need += nb.minFirst(pitch)
					break
				}
			}
			if need > perPage-slot && need <= perPage {
				next()
			}
		}
		if b.pitch > 0 && len(b.lines) > 1 && slot+len(b.lines) <= perPage {
			// lines at their own pitch from the first one's grid line; the grid resumes
			// on the first grid line below them
			first := slot
			place(b.lines[0])
			for i, l := range b.lines[1:] {
				l.Slot = -1
				l.Baseline = b.lines[0].Baseline + Pt(i+1)*b.pitch
				pages[len(pages)-1].Lines = append(pages[len(pages)-1].Lines, l)
			}
			height := Pt(len(b.lines)-1)*b.pitch + pitch
			slot = first + int(math.Ceil(float64(height/pitch)-1e-6))
			continue
		}
		lines := b.lines
		head, tail := b.head, b.tail
		if tail >= perPage {
			// a 署名 of many names cannot keep with the text: half a page of it goes on
			// with the date
			tail = perPage / 2
		}
		for len(lines) > 0 {
			avail := perPage - slot
			if len(lines) <= avail {
				for _, l := range lines {
					place(l)
				}
				break
			}
			k := avail
			if len(lines)-k < tail {
				k = len(lines) - tail
			}
			if k < head {
				k = 0
			}
			if k <= 0 && slot == 0 {
				k = avail // nothing moves it further: fill the page
			}
			for _, l := range lines[:max(k, 0)] {
				place(l)
			}
			lines = lines[max(k, 0):]
			head = 1
			next()
		}
	}
	if len(pages) > 1 && len(pages[len(pages)-1].Lines) == 0 {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// placeTitle sets the title's lines on page 1 from the exact top of its em box, at the
// title's line pitch (or the grid's), and returns the first grid slot below them.
func (t *typesetter) placeTitle(pg *Page, b *block, top Pt) int {
	pitch := t.p.LinePitch()
	step := b.pitch
	if step == 0 {
		step = pitch
	}
	var bottom Pt
	for i, l := range b.lines {
		size := l.Runs[0].Size
		l.Slot = -1
		l.Baseline = top + size*ascent + Pt(i)*step
		pg.Lines = append(pg.Lines, l)
		// the line's box: its em box centred in a grid pitch
		bottom = l.Baseline + size*(1-ascent) + (pitch-size)/2
	}
	// the slot the first line overlaps, so the title's lines can be told apart
	b.lines[0].Slot = max(0, int((top-t.p.Page.Top.Pt()-pg.grid)/pitch))
	return int(math.Ceil(float64((bottom-t.p.Page.Top.Pt()-pg.grid)/pitch) - 1e-6))
}

// folios adds the page numbers: "— N —" in 4号宋体, its dash the preset's distance
// below the 版心, odd pages at the right and even pages at the left, one character in.
func (t *typesetter) folios(pages []*Page) error {
	pn := t.p.PageNumber
	bottom := (t.p.Page.Top + t.p.Page.BodyHeight).Pt()
	for _, pg := range pages {
		if pg.NoFolio || pg.Number == 1 && !pn.First {
			continue
		}
		text := fmt.Sprintf(pn.Format, pg.Number)
		g, err := t.shape([]segment{{text: text, role: pn.Role, size: pn.Size, pos: model.Pos{}}})
		if err != nil {
			return err
		}
		w := Pt(0)
		for _, gl := range g {
			w += gl.adv
		}
		align := pn.Odd
		if pg.Number%2 == 0 {
			align = pn.Even
		}
		x := t.left + pn.Indent
		if align == layout.Right {
			x = t.left + t.width - pn.Indent - w
		} else if align == layout.Center {
			x = t.left + (t.width-w)/2
		}
		runs := naturalRuns(g, x) // the page number is not on the text grid
		// The dash sits at mid-height of the ideographic em box (0.38 em above the baseline).
		pg.Folio = &Line{Kind: Folio, Slot: -1, Baseline: bottom + pn.Below.Pt() + pn.Size*0.38, Runs: runs}
	}
	return nil
}

// naturalRuns sets glyphs at their own advances from x.
func naturalRuns(g []glyph, x Pt) []Run {
	var runs []Run
	for _, gl := range g {
		if len(runs) == 0 || runs[len(runs)-1].Font != gl.font {
			if len(runs) > 0 {
				x = runs[len(runs)-1].X + runs[len(runs)-1].Width
			}
			runs = append(runs, Run{Font: gl.font, Size: gl.size, X: x})
		}
		runs[len(runs)-1].Text += string(gl.r)
		runs[len(runs)-1].Width += gl.adv
	}
	return runs
}
