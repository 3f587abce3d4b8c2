package typeset

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// header sets the 版头 on page 1 (§7.2, spec §16) and returns that page and the
// grid slot where the title starts. The 发文机关标志 sits at its fixed distance from
// the top; the 发文字号 and 签发人, and the 份号, 密级, 紧急程度 above, sit on grid
// lines, so that the body text below stays on the grid; the red separator is 4 mm
// below the 发文字号.
func (t *typesetter) header(doc *model.Document) (*Page, int, error) {
	pg := &Page{Number: 1}
	h := doc.Header
	if h.IsZero() {
		return pg, 0, nil
	}
	st := t.p.Header
	pitch := t.p.LinePitch()
	top := t.p.Page.Top.Pt()
	body := t.p.Body.Size
	put := func(l *Line, slot int) {
		size := l.Runs[0].Size
		l.Slot = slot
		l.Baseline = top + Pt(slot)*pitch + (pitch-size)/2 + size*0.88
		pg.Lines = append(pg.Lines, l)
	}
	slotAt := func(y Pt) int { // the first grid slot whose box starts at or below y
		return max(0, int(math.Ceil(float64((y-top)/pitch)-1e-6)))
	}
	red := parseColor(st.MarkColor)

	// 发文机关标志
	markBottom := top
	if len(h.Issuers) > 0 {
		y := st.MarkTop.Pt()
		if !st.MarkFromPage {
			y += top
		}
		lines, err := t.mark(h.Issuers, st, y, red)
		if err != nil {
			return nil, 0, err
		}
		for _, l := range lines { // the lowest line: for a 联合行文, the last name
			markBottom = max(markBottom, l.Baseline+0.12*l.Runs[0].Size)
		}
		if st.MarkOutlines {
			shapes, err := t.outlines(lines)
			if err != nil {
				return nil, 0, err
			}
			pg.Shapes = append(pg.Shapes, shapes...)
		} else {
			pg.Lines = append(pg.Lines, lines...)
		}
	}

	// 份号、密级和保密期限、紧急程度: one per line, 顶格, from the first grid line (for
	// a 信函, from the first line below the red double line)
	metaSlot := 0
	if st.Double {
		metaSlot = slotAt(markBottom + st.RuleBelow.Pt() + st.DoubleThick.Pt() + st.DoubleGap.Pt() + st.DoubleThin.Pt())
	}
	meta := []struct {
		text string
		role layout.Role
		key  string
	}{{h.CopyNo, st.CopyNoRole, "copy_no"}, {h.Secrecy, st.MetaRole, "secrecy"}, {h.Urgency, st.MetaRole, "urgency"}}
	last := metaSlot - 1
	for _, m := range meta {
		if m.text == "" {
			continue
		}
		l, err := t.line(m.text, m.role, body, layout.Left, doc.Fields[m.key])
		if err != nil {
			return nil, 0, err
		}
		last++
		put(l, last)
	}

	// 发文字号 (and 签发人): two lines below the 标志 (信函: 顶格 at the right, on the
	// first line below the double line)
	numberSlot := -1
	if h.Number != "" || len(h.Signers) > 0 {
		numberSlot = slotAt(markBottom + Pt(st.MarkGapLines)*pitch)
		if st.Double {
			numberSlot = metaSlot
		}
		var signer []*Line
		if len(h.Signers) > 0 {
			var err error
			if signer, err = t.signers(h.Signers, doc.Fields["signers"]); err != nil {
				return nil, 0, err
			}
			numberSlot = max(numberSlot, slotAt(markBottom+Pt(st.MarkGapLines)*pitch)+len(signer)-1)
			for i, l := range signer {
				put(l, numberSlot-len(signer)+1+i)
			}
		}
		if h.Number != "" {
			align := st.NumberAlign
			l, err := t.line(h.Number, st.NumberRole, body, align, doc.Fields["number"])
			if err != nil {
				return nil, 0, err
			}
			if align == layout.Left {
				shift := Pt(st.NumberLeft) * t.cell(body)
				for i := range l.Runs {
					l.Runs[i].X += shift
				}
			}
			put(l, numberSlot)
		}
		last = max(last, numberSlot)
	}

	// the red separator, or the 信函's red double lines
	ruleY := top + Pt(last+1)*pitch
	switch {
	case st.Double:
		y := markBottom + st.RuleBelow.Pt()
		pg.Rules = append(pg.Rules, t.doubleLine(y, st, true, red)...)
		bottomY := t.p.Page.Height.Pt() - st.DoubleBottom.Pt()
		pg.Rules = append(pg.Rules, t.doubleLine(bottomY-st.DoubleThin.Pt()-st.DoubleGap.Pt()-st.DoubleThick.Pt(), st, false, red)...)
		ruleY = max(ruleY, y)
	case numberSlot >= 0:
		l := pg.Lines[len(pg.Lines)-1]
		ruleY = l.Baseline + 0.12*body + st.RuleBelow.Pt()
		w := st.RuleWidth.Pt()
		pg.Rules = append(pg.Rules, Rule{X1: t.left, Y1: ruleY + w/2, X2: t.left + t.width, Y2: ruleY + w/2, Width: w, Color: parseColor(st.RuleColor)})
		ruleY += w
	case len(h.Issuers) > 0:
		ruleY = markBottom
	}
	// the title: 红色分隔线下空二行
	return pg, slotAt(ruleY + Pt(st.TitleGapLines)*pitch), nil
}

// mark sets the 发文机关标志 from its top edge y: the organ name (and "文件") centred
// in red; for a 联合行文 the names stacked and "文件" beside them, centred on them. It
// shrinks the size until the 标志 fits the 版心: its width, and for many names its
// height (layout.Preset.MarkStackSize).
func (t *typesetter) mark(issuers []string, st layout.Header, y Pt, c Color) ([]*Line, error) {
	size := t.p.MarkStackSize(len(issuers))
	var names [][]glyph
	var suffix []glyph
	measure := func() (Pt, error) {
		names = names[:0]
		var widest Pt
		for _, n := range issuers {
			g, err := t.shape([]segment{{text: n, role: st.MarkRole, size: size, pos: model.Pos{}}})
			if err != nil {
				return 0, err
			}
			names = append(names, g)
			widest = max(widest, width(g))
		}
		var err error
		if suffix, err = t.shape([]segment{{text: st.MarkSuffix, role: st.MarkRole, size: size, pos: model.Pos{}}}); err != nil {
			return 0, err
		}
		if len(issuers) == 1 {
			return widest + width(suffix), nil
		}
		return widest + width(suffix) + size/2, nil
	}
	w, err := measure()
	if err != nil {
		return nil, err
	}
	if w > t.width {
		size = Pt(math.Floor(float64(size*t.width/w)*2) / 2)
		if w, err = measure(); err != nil {
			return nil, err
		}
	}
	x := t.left + (t.width-w)/2
	var out []*Line
	color := func(runs []Run) []Run {
		for i := range runs {
			runs[i].Color = c
		}
		return runs
	}
	if len(issuers) == 1 {
		g := append(names[0], suffix...)
		out = append(out, &Line{Kind: Title, Slot: -1, Baseline: y + 0.88*size, Runs: color(setLine(g, span{0, len(g)}, x, 0, false))})
		return out, nil
	}
	// names stacked one per line, spread to the widest; "文件" centred on them
	var widest Pt
	for _, g := range names {
		widest = max(widest, width(g))
	}
	lead := size * layout.MarkLead
	for i, g := range names {
		runs := setLine(g, span{0, len(g)}, x, widest, len(g) > 1)
		out = append(out, &Line{Kind: Title, Slot: -1, Baseline: y + 0.88*size + Pt(i)*lead, Runs: color(runs)})
	}
	if len(suffix) > 0 {
		mid := y + (Pt(len(names)-1)*lead+size)/2
		runs := setLine(suffix, span{0, len(suffix)}, x+widest+size/2, 0, false)
		out = append(out, &Line{Kind: Title, Slot: -1, Baseline: mid - size/2 + 0.88*size, Runs: color(runs)})
	}
	return out, nil
}

// signers sets "签发人：" and the names, two a line, 居右空一字; wrapped names align
// with the first name (§7.2.6).
func (t *typesetter) signers(names []string, pos model.Pos) ([]*Line, error) {
	st := t.p.Header
	size := t.p.Body.Size
	cell := t.cell(size)
	per := max(st.SignersPerLine, 1)
	var rows []string
	for i := 0; i < len(names); i += per {
		rows = append(rows, strings.Join(names[i:min(i+per, len(names))], "　"))
	}
	label, err := t.shape([]segment{{text: "签发人：", role: st.SignerLabelRole, size: size, pos: pos}})
	if err != nil {
		return nil, err
	}
	var gs [][]glyph
	var widest Pt
	for _, r := range rows {
		g, err := t.shape([]segment{{text: r, role: st.SignerNameRole, size: size, pos: pos}})
		if err != nil {
			return nil, err
		}
		gs = append(gs, g)
		widest = max(widest, width(g))
	}
	nameX := t.left + t.width - Pt(st.SignerRight)*cell - widest
	var out []*Line
	for i, g := range gs {
		runs := setLine(g, span{0, len(g)}, nameX, 0, false)
		if i == 0 {
			runs = append(setLine(label, span{0, len(label)}, nameX-width(label), 0, false), runs...)
		}
		out = append(out, &Line{Kind: Body, Runs: runs})
	}
	return out, nil
}

// doubleLine draws a 信函's red double line across 170 mm, centred on the page:
// thick above thin under the 标志, thin above thick at the foot.
func (t *typesetter) doubleLine(y Pt, st layout.Header, thickFirst bool, c Color) []Rule {
	w := st.DoubleLength.Pt()
	x := (t.p.Page.Width.Pt() - w) / 2
	a, b := st.DoubleThick.Pt(), st.DoubleThin.Pt()
	if !thickFirst {
		a, b = b, a
	}
	y2 := y + a + st.DoubleGap.Pt() + b/2
	return []Rule{
		{X1: x, Y1: y + a/2, X2: x + w, Y2: y + a/2, Width: a, Color: c},
		{X1: x, Y1: y2, X2: x + w, Y2: y2, Width: b, Color: c},
	}
}

// parseColor reads RRGGBB; anything else is black.
func parseColor(s string) Color {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(strings.TrimPrefix(s, "#")) != 6 {
		return Color{}
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

// outliner draws glyphs as shapes; *fonts.Face implements it.
type outliner interface {
	Outline(r rune) ([]fonts.Segment, error)
}

// outlines turns lines of text into filled shapes, glyph by glyph.
func (t *typesetter) outlines(lines []*Line) ([]Shape, error) {
	var out []Shape
	for _, l := range lines {
		for _, run := range l.Runs {
			o, ok := t.fonts[run.Font].(outliner)
			if !ok {
				return nil, fmt.Errorf("typeset: the %s font cannot draw outlines", run.Font)
			}
			x := run.X
			sh := Shape{Color: run.Color}
			for _, r := range run.Text {
				segs, err := o.Outline(r)
				if err != nil {
					return nil, err
				}
				for _, s := range segs {
					sh.Segs = append(sh.Segs, PathSeg{Op: s.Op,
						X: x + Pt(s.X)*run.Size, Y: l.Baseline - Pt(s.Y)*run.Size,
						CX: x + Pt(s.CX)*run.Size, CY: l.Baseline - Pt(s.CY)*run.Size})
				}
				x += Pt(t.fonts[run.Font].Advance(r))*run.Size + run.Tc
			}
			out = append(out, sh)
		}
	}
	return out, nil
}
