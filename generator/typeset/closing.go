package typeset

import (
	"fmt"
	"math"
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// hanging sets label then body as lines that start indent from the 版心's left edge
// and end right before its right edge; wrapped lines align with the body's first
// character (回行时与冒号后的首字对齐).
func (t *typesetter) hanging(label, body []segment, indent, right Pt) ([]*Line, error) {
	lg, err := t.shape(label)
	if err != nil {
		return nil, err
	}
	bg, err := t.shape(body)
	if err != nil {
		return nil, err
	}
	g := append(lg, bg...)
	lw := width(lg)
	first := t.width - indent - right
	rest := first - lw
	r := t.rules(g, false)
	r.flushFirst = false // the label starts the first line
	spans, n := breakParagraph(g, first, rest, r)
	t.notes.add(n)
	var out []*Line
	for i, s := range spans {
		x, w := t.left+indent, first
		if i > 0 {
			x, w = x+lw, rest
		}
		if runs := setLine(g, s, x, w, i < len(spans)-1); len(runs) > 0 {
			out = append(out, &Line{Kind: Body, Runs: runs, Pos: g[s.from].pos})
		}
	}
	return out, nil
}

// attachmentList sets the 附件说明 (§7.3.4): 左空二字 "附件：" and the names, several
// numbered 1. 2. and aligned, wrapped names aligned with their first character.
func (t *typesetter) attachmentList(doc *model.Document) ([]*Line, error) {
	st := t.p.Body
	seg := func(s string) []segment {
		return []segment{{text: s, role: st.Role, size: st.Size, pos: doc.Fields["attachment"]}}
	}
	indent := Pt(st.IndentChars) * t.cell(st.Size)
	colon, err := t.shape(seg("附件："))
	if err != nil {
		return nil, err
	}
	var out []*Line
	for i, a := range doc.Attachments {
		label, in := "", indent+width(colon)
		if len(doc.Attachments) > 1 {
			label = fmt.Sprintf("%d.", i+1)
		}
		if i == 0 {
			label, in = "附件："+label, indent
		}
		lines, err := t.hanging(seg(label), seg(a.Title), in, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

// attendance sets a 纪要's 出席、请假、列席 (§10.3): 左空二字, the label in 黑体 with a
// full-width colon, the names in 仿宋, wrapped after the colon.
func (t *typesetter) attendance(doc *model.Document) ([]*Line, error) {
	st := t.p.Body
	indent := Pt(st.IndentChars) * t.cell(st.Size)
	var out []*Line
	for _, a := range []struct {
		label string
		names []string
	}{{"出席：", doc.Attendance.Present}, {"请假：", doc.Attendance.Absent}, {"列席：", doc.Attendance.Observers}} {
		if len(a.names) == 0 {
			continue
		}
		pos := doc.Fields["attendance"]
		lines, err := t.hanging([]segment{{text: a.label, role: t.p.Attendance.LabelRole, size: st.Size, pos: pos}},
			[]segment{{text: strings.Join(a.names, "、"), role: st.Role, size: st.Size, pos: pos}}, indent, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

// imprintLines sets the 版记's text (§7.4): 抄送 with its names ending in 。, and the
// 印发机关 left and 印发日期 right, each one character in; 4号仿宋.
func (t *typesetter) imprintLines(doc *model.Document) (cc []*Line, printed *Line, err error) {
	st := t.p.Imprint
	im := doc.Imprint
	in := Pt(st.Indent) * st.Size
	if len(im.CC) > 0 {
		names := strings.Join(im.CC, "，")
		if !strings.HasSuffix(names, "。") {
			names += "。"
		}
		pos := doc.Fields["cc"]
		cc, err = t.hanging([]segment{{text: "抄送：", role: st.Role, size: st.Size, pos: pos}}, []segment{{text: names, role: st.Role, size: st.Size, pos: pos}}, in, in)
		if err != nil {
			return nil, nil, err
		}
	}
	if st.Rules && (im.Printer != "" || !im.PrintDate.IsZero()) {
		pos := doc.Fields["printer"]
		g, err := t.shape([]segment{{text: im.Printer, role: st.Role, size: st.Size, pos: pos}})
		if err != nil {
			return nil, nil, err
		}
		runs := setLine(g, span{0, len(g)}, t.left+in, 0, false)
		if !im.PrintDate.IsZero() {
			d, err := t.shape([]segment{{text: im.PrintDate.String() + "印发", role: st.Role, size: st.Size, pos: doc.Fields["print_date"]}})
			if err != nil {
				return nil, nil, err
			}
			runs = append(runs, setLine(d, span{0, len(d)}, t.left+t.width-in-width(d), 0, false)...)
		}
		printed = &Line{Kind: Body, Runs: runs}
	}
	return cc, printed, nil
}

// placeImprint puts the 版记 at the foot of the last page, its last rule on the 版心
// bottom, on an even page when the preset asks: a page too full, or odd, is followed
// by new pages. A 版记 longer than a page (a long 抄送 list) runs over as many new
// pages as it needs, set from the foot of the last one upwards: the pages before are
// full, and its first lines, under the thick rule, sit at the foot of the first.
// When a blank page stands before the 版记 page, neither shows a page number (§7.5).
func (t *typesetter) placeImprint(doc *model.Document, pages []*Page) ([]*Page, error) {
	if doc.Imprint.IsZero() {
		return pages, nil
	}
	cc, printed, err := t.imprintLines(doc)
	if err != nil {
		return nil, err
	}
	st := t.p.Imprint
	pitch := t.p.LinePitch()
	top := t.p.Page.Top.Pt()
	bottom := top + t.p.Page.BodyHeight.Pt()
	per := t.p.Grid.Lines
	lines := cc
	if printed != nil {
		lines = append(lines[:len(lines):len(lines)], printed)
	}
	for _, l := range lines {
		l.Kind = Imprint
	}
	n := len(lines)
	last := pages[len(pages)-1]
	on := []*Page{last} // the pages that carry the 版记
	blank := false      // a blank page stands before the 版记's pages
	if t.usedSlots(last)+n+1 > per || st.EvenPage && last.Number%2 == 1 {
		m := (n + per - 1) / per
		if st.EvenPage && (len(pages)+m)%2 == 1 {
			pages = append(pages, &Page{Number: len(pages) + 1, NoFolio: true})
			blank = true
		}
		on = on[:0]
		for range m {
			pg := &Page{Number: len(pages) + 1}
			pages = append(pages, pg)
			on = append(on, pg)
		}
	}
	// §7.5: only a blank page before the 版记 page, and that page, go unnumbered; a
	// 版记 that shares a page with text, or follows one, is numbered like any page
	if blank && len(on) == 1 {
		on[0].NoFolio = true
	}
	rule := func(pg *Page, y Pt, w layout.MM) {
		if st.Rules {
			pg.Rules = append(pg.Rules, Rule{X1: t.left, Y1: y, X2: t.left + t.width, Y2: y, Width: w.Pt()})
		}
	}
	// from the foot of the last page up: full pages, the first lines on the first
	first := n - (len(on)-1)*per
	for i, pg := range on {
		chunk := lines[:first]
		if i > 0 {
			chunk = lines[first+(i-1)*per : first+i*per]
		}
		slot := per - len(chunk)
		if i == 0 {
			rule(pg, top+Pt(slot)*pitch, st.Thick)
		}
		for _, l := range chunk {
			if l == printed && len(cc) > 0 {
				rule(pg, top+Pt(slot)*pitch, st.Thin)
			}
			size := l.Runs[0].Size
			l.Slot = slot
			l.Baseline = top + Pt(slot)*pitch + (pitch-size)/2 + size*0.88
			pg.Lines = append(pg.Lines, l)
			slot++
		}
	}
	rule(on[len(on)-1], bottom, st.Thick)
	return pages, nil
}

// usedSlots is how many grid lines of a page its text, tables and images reach.
func (t *typesetter) usedSlots(pg *Page) int {
	pitch := t.p.LinePitch()
	top := t.p.Page.Top.Pt()
	y := top
	for _, l := range pg.Lines {
		y = max(y, l.Baseline+0.12*l.Runs[0].Size)
	}
	for _, r := range pg.Rules {
		y = max(y, r.Y2)
	}
	for _, im := range pg.Images {
		y = max(y, im.Y+im.H)
	}
	return int(math.Ceil(float64((y-top)/pitch) - 1e-6))
}
