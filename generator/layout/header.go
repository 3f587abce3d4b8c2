package layout

import "math"

// HeaderParts is what a document puts in its 版头, as far as the places of the parts
// depend on it.
type HeaderParts struct {
	MarkSize   Pt  // the 标志's size, after shrinking it to the 版心 width; 0: no 标志
	Issuers    int // stacked organ names in the 标志 (联合行文)
	Meta       int // lines of 份号, 密级和保密期限, 紧急程度
	Number     bool
	SignerRows int // rows of 签发人 names
}

// HeaderPlan is where the 版头's parts go on page 1 (§7.2, spec §16), in points from
// the 版心 top (negative above it). Both writers place the 版头 by it, so the PDF and
// the DOCX agree.
type HeaderPlan struct {
	MarkTop    Pt // the 标志's top edge
	MarkBottom Pt // the foot of its em box (of the last stacked name)
	// Shift moves page 1's grid down from the 版心's (negative: up), so that the
	// 发文字号 stands exactly MarkGapLines below the 标志 (§7.2.5) while the 份号 above
	// and the text below stay on one grid with it.
	Shift      Pt
	MetaSlot   int // the 份号's grid slot (then 密级, 紧急程度)
	NumberSlot int // the 发文字号's slot (with the last row of 签发人); -1: none
	Rule       bool
	RuleTop    Pt // the red separator's top edge, RuleBelow under the 发文字号
	TitleTop   Pt // the title's em-box top: TitleGapLines under the 版头 (§7.3.1)
}

// SlotTop is the top of page 1's grid slot.
func (h HeaderPlan) SlotTop(p *Preset, slot int) Pt { return h.Shift + Pt(slot)*p.LinePitch() }

// PlanHeader places the 版头 of a document with the parts h. The 发文字号 and the
// title are placed exactly, the standard's 空二行 measured as two grid pitches from
// em box to em box; the grid shifts on page 1 to meet the 发文字号 (at most what keeps
// the 份号 inside the 版心 and clear of the 标志), and the text resumes on it below the
// title.
func (p *Preset) PlanHeader(h HeaderParts) HeaderPlan {
	st := p.Header
	pitch := p.LinePitch()
	body := p.Body.Size
	inset := (pitch - body) / 2 // from a slot's top to its line's em box
	slotAt := func(y Pt) int { return max(0, int(math.Ceil(float64(y/pitch)-1e-6))) }
	g := HeaderPlan{NumberSlot: -1}
	if h.MarkSize > 0 {
		g.MarkTop = st.MarkTop.Pt()
		if st.MarkFromPage {
			g.MarkTop -= p.Page.Top.Pt()
		}
		g.MarkBottom = g.MarkTop + MarkHeight(h.Issuers, h.MarkSize)
	}
	if st.Double {
		g.MetaSlot = slotAt(g.MarkBottom + st.RuleBelow.Pt() + st.DoubleThick.Pt() + st.DoubleGap.Pt() + st.DoubleThin.Pt())
	}
	last := g.MetaSlot + h.Meta - 1
	if h.Number || h.SignerRows > 0 {
		rows := max(h.SignerRows, 1)
		if st.Double {
			g.NumberSlot = g.MetaSlot + rows - 1
		} else {
			// the first row's em box exactly MarkGapLines below the 标志's
			want := g.MarkBottom + Pt(st.MarkGapLines)*pitch
			first := int(math.Floor(float64(want / pitch)))
			g.Shift = want - Pt(first)*pitch - inset
			if g.Shift > inset+0.5 && h.Meta == 0 {
				// up rather than down, so that page 1 keeps its last line
				first++
				g.Shift -= pitch
			}
			// keep the 份号's line box inside the 版心 (a word processor cannot start a
			// paragraph above it), the last meta line clear of the 标志
			lo, hi := -pitch, pitch-inset
			if h.Meta > 0 {
				lo = 0
				if h.MarkSize > 0 {
					hi = min(hi, g.MarkTop-(Pt(h.Meta)*pitch-inset))
				}
			}
			g.Shift = min(max(g.Shift, lo), hi)
			g.NumberSlot = max(first+rows-1, last+rows)
		}
		last = max(last, g.NumberSlot)
	}
	// the title: 红色分隔线下空二行 (a 信函's: two lines below the last line above it)
	above := g.SlotTop(p, last+1)
	switch {
	case st.Double:
		above = max(above, g.MarkBottom+st.RuleBelow.Pt())
		g.TitleTop = g.SlotTop(p, slotAt(above-g.Shift+Pt(st.TitleGapLines)*pitch)) + (pitch-p.Title.Size)/2
		return g
	case g.NumberSlot >= 0:
		g.Rule = true
		g.RuleTop = g.SlotTop(p, g.NumberSlot) + inset + body + st.RuleBelow.Pt()
		above = g.RuleTop + st.RuleWidth.Pt()
	case h.MarkSize > 0:
		above = g.MarkBottom
	}
	g.TitleTop = above + Pt(st.TitleGapLines)*pitch
	return g
}
