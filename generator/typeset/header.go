package typeset

import (
	"fmt"
	"math"
	"strings"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// header sets the 版头 on page 1 (§7.2, spec §16) as layout.PlanHeader places it and
// returns that page and the top of the title's em box. The 发文机关标志 sits at its
// fixed distance from the top; the 份号, 密级, 紧急程度, 发文字号 and 签发人 on lines of
// page 1's grid, which shifts so that the 发文字号 stands exactly two lines below the
// 标志; the red separator 4 mm below the 发文字号, the title two lines below it.
func (t *typesetter) header(doc *model.Document) (*Page, Pt, error) {
	pg := &Page{Number: 1}
	h := doc.Header
	if h.IsZero() {
		return pg, 0, nil
	}
	st := t.p.Header
	top := t.p.Page.Top.Pt()
	body := t.p.Body.Size
	put := func(l *Line, slot int) {
		l.Slot = slot
		l.Baseline = t.baseline(pg, slot, l.Runs[0].Size)
		pg.Lines = append(pg.Lines, l)
	}

	// 发文机关标志
	var markLines []*Line
	parts := HeaderParts(h, st)
	if len(h.Issuers) > 0 {
		y := st.MarkTop.Pt()
		if !st.MarkFromPage {
			y += top
		}
		var err error
		if markLines, err = t.mark(h.Issuers, st, y, Red, doc.Fields["issuer"]); err != nil {
			return nil, 0, err
		}
		parts.MarkSize = markLines[0].Runs[0].Size
	}
	var signer []*Line
	if len(h.Signers) > 0 {
		var err error
		if signer, err = t.signers(h.Signers, doc.Fields["signers"]); err != nil {
			return nil, 0, err
		}
	}
	plan := t.p.PlanHeader(parts)
	pg.grid = plan.Shift
	if st.MarkOutlines {
		shapes, err := t.outlines(markLines)
		if err != nil {
			return nil, 0, err
		}
		pg.Shapes = append(pg.Shapes, shapes...)
	} else {
		pg.Lines = append(pg.Lines, markLines...)
	}

	// 份号、密级和保密期限、紧急程度: one per line, 顶格, from the first grid line (for
	// a 信函, from the first line below the red double line)
	slot := plan.MetaSlot
	for _, m := range []struct {
		text string
		role layout.Role
		key  string
	}{{h.CopyNo, st.CopyNoRole, "copy_no"}, {h.Secrecy, st.MetaRole, "secrecy"}, {h.Urgency, st.MetaRole, "urgency"}} {
		if m.text == "" {
			continue
		}
		l, err := t.line(m.text, m.role, body, layout.Left, doc.Fields[m.key])
		if err != nil {
			return nil, 0, err
		}
		put(l, slot)
		slot++
	}

	// 发文字号 (and 签发人): two lines below the 标志 (信函: 顶格 at the right, on the
	// first line below the double line)
	if plan.NumberSlot >= 0 {
		for i, l := range signer {
			put(l, plan.NumberSlot-len(signer)+1+i)
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
			put(l, plan.NumberSlot)
		}
	}

	// the red separator, or the 信函's red double lines
	switch {
	case st.Double:
		y := top + plan.MarkBottom + st.RuleBelow.Pt()
		pg.Rules = append(pg.Rules, t.doubleLine(y, st, true, Red)...)
		bottomY := t.p.Page.Height.Pt() - st.DoubleBottom.Pt()
		pg.Rules = append(pg.Rules, t.doubleLine(bottomY-st.DoubleThin.Pt()-st.DoubleGap.Pt()-st.DoubleThick.Pt(), st, false, Red)...)
	case plan.Rule:
		w := st.RuleWidth.Pt()
		y := top + plan.RuleTop + w/2
		pg.Rules = append(pg.Rules, Rule{X1: t.left, Y1: y, X2: t.left + t.width, Y2: y, Width: w, Color: Red})
	}
	return pg, top + plan.TitleTop, nil
}

// HeaderParts is what the 版头 of h holds, as layout.PlanHeader needs it; the caller
// sets MarkSize once it has fitted the 标志 to the 版心.
func HeaderParts(h model.Header, st layout.Header) layout.HeaderParts {
	parts := layout.HeaderParts{Issuers: len(h.Issuers), Number: h.Number != ""}
	for _, s := range []string{h.CopyNo, h.Secrecy, h.Urgency} {
		if s != "" {
			parts.Meta++
		}
	}
	if n := len(h.Signers); n > 0 {
		per := max(st.SignersPerLine, 1)
		parts.SignerRows = (n + per - 1) / per
	}
	return parts
}

// mark sets the 发文机关标志 from its top edge y: the organ name (and "文件") centred
// in red; for a 联合行文 the names stacked and "文件" beside them, centred on them. It
// shrinks the size until the 标志 fits the 版心: its width, and for many names its
// height (layout.Preset.MarkStackSize).
func (t *typesetter) mark(issuers []string, st layout.Header, y Pt, c Ink, pos model.Pos) ([]*Line, error) {
	size := t.p.MarkStackSize(len(issuers))
	var names [][]glyph
	var suffix []glyph
	suffixText := st.Suffix(issuers)
	measure := func() (Pt, error) {
		names = names[:0]
		var widest Pt
		for _, n := range issuers {
			g, err := t.shape([]segment{{text: n, role: st.MarkRole, size: size, pos: pos}})
			if err != nil {
				return 0, err
			}
			names = append(names, g)
			widest = max(widest, width(g))
		}
		var err error
		if suffix, err = t.shape([]segment{{text: suffixText, role: st.MarkRole, size: size, pos: pos}}); err != nil {
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
		out = append(out, &Line{Kind: Title, Slot: -1, Baseline: y + 0.88*size, Runs: color(setLine(g, span{0, len(g)}, x, 0, false)), Pos: pos})
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
		out = append(out, &Line{Kind: Title, Slot: -1, Baseline: y + 0.88*size + Pt(i)*lead, Runs: color(runs), Pos: pos})
	}
	if len(suffix) > 0 {
		mid := y + (Pt(len(names)-1)*lead+size)/2
		runs := setLine(suffix, span{0, len(suffix)}, x+widest+size/2, 0, false)
		out = append(out, &Line{Kind: Title, Slot: -1, Baseline: mid - size/2 + 0.88*size, Runs: color(runs), Pos: pos})
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
func (t *typesetter) doubleLine(y Pt, st layout.Header, thickFirst bool, c Ink) []Rule {
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

// outliner draws glyphs as shapes; *fonts.Face implements it.
type outliner interface {
	Outline(r rune) ([]fonts.Segment, error)
}

// outlines turns lines of text into filled shapes, glyph by glyph; a half-width mark's
// ink where its half-width glyph would put it (Run.Half).
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
				adv, ink := Pt(t.fonts[run.Font].Advance(r))*run.Size, x
				if run.Half != Full {
					adv /= 2
				}
				if run.Half == HalfLeft {
					ink -= adv // the blank half given up
				}
				for _, s := range segs {
					sh.Segs = append(sh.Segs, PathSeg{Op: s.Op,
						X: ink + Pt(s.X)*run.Size, Y: l.Baseline - Pt(s.Y)*run.Size,
						CX: ink + Pt(s.CX)*run.Size, CY: l.Baseline - Pt(s.CY)*run.Size})
				}
				x += adv + run.Tc
			}
			out = append(out, sh)
		}
	}
	return out, nil
}
