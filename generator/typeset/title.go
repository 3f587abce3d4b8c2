package typeset

import (
	"strings"

	"github.com/gongwen/gongwen/generator/model"
)

// Title lines are broken where the words allow (§7.3.1: 回行时词意完整、排列对称), into
// a trapezoid or diamond, never a rectangle. Without a dictionary, these are the
// boundaries that rarely cut a word in a 公文 title: after the organ's name, around
// 关于, after 的, around the conjunctions.
const (
	organEnds  = "局委府厅部院办会室处所站队校司署行社组"
	beforeGood = "关及和与暨"
	afterGood  = "于的及和与暨"
)

var organEndSet, beforeGoodSet, afterGoodSet = runeSet(organEnds), runeSet(beforeGood), runeSet(afterGood)

// title sets the title: the author's own lines if given, else one line when it fits
// comfortably, else the best-shaped break.
func (t *typesetter) title(doc *model.Document) ([]*Line, error) {
	st := t.p.Title
	lines := doc.TitleLines
	if len(lines) == 0 {
		g, err := t.shape([]segment{{text: doc.Title, role: st.Role, size: st.Size, pos: doc.Fields["title"], bold: st.Bold}})
		if err != nil {
			return nil, err
		}
		lines = breakTitle(g, t.width)
	}
	var out []*Line
	for _, l := range lines {
		ls, err := t.paragraph(Title, st, []segment{{text: l, role: st.Role, size: st.Size, pos: doc.Fields["title"], bold: st.Bold}})
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

// breakTitle chooses title lines. A title up to 85 % of the 版心 stays on one line;
// longer ones are split into 2 or 3 lines, scoring each candidate by how likely the
// breaks cut a word and by shape (trapezoid or diamond; equal lengths look like a
// block and are avoided).
func breakTitle(g []glyph, w Pt) []string {
	total := width(g)
	if total <= 0.85*w || len(g) < 4 {
		return []string{glyphText(g)}
	}
	var cands []int
	for i := 1; i < len(g); i++ {
		if breakable(g, i) {
			cands = append(cands, i)
		}
	}
	if total > 3*w || len(cands) > 200 {
		// not a title a person would want shaped: break it like a paragraph
		var out []string
		for _, s := range breakLines(g, w, w) {
			out = append(out, glyphText(g[s.from:s.to]))
		}
		return out
	}
	prefix := make([]Pt, len(g)+1) // widths of g[:i]
	for i, gl := range g {
		prefix[i+1] = prefix[i] + gl.cell
	}
	best, bestCost := []int(nil), 1e18
	try := func(cuts []int) {
		bounds := append(append([]int{0}, cuts...), len(g))
		var ws []Pt
		cost := 0.0
		for j := 0; j+1 < len(bounds); j++ {
			lw := prefix[bounds[j+1]] - prefix[bounds[j]]
			if lw > w+0.01 {
				return
			}
			ws = append(ws, lw)
		}
		for _, c := range cuts {
			cost += breakCost(g, c)
		}
		cost += shapeCost(ws, g[0].cell)
		if cost < bestCost {
			best, bestCost = append([]int(nil), cuts...), cost
		}
	}
	for _, a := range cands {
		try([]int{a})
	}
	if best == nil || bestCost >= 10 {
		for i, a := range cands {
			for _, b := range cands[i+1:] {
				try([]int{a, b})
			}
		}
	}
	if best == nil {
		return []string{glyphText(g)}
	}
	var out []string
	prev := 0
	for _, c := range append(best, len(g)) {
		out = append(out, strings.TrimSpace(glyphText(g[prev:c])))
		prev = c
	}
	return out
}

// breakCost is low at boundaries that end or start a word.
func breakCost(g []glyph, i int) float64 {
	a, b := g[i-1].r, g[i].r
	switch {
	case organEndSet[a] && (isDigit(b) || b == '关'):
		return 0 // XX旗统计局 | 2023年…, …局 | 关于…
	case !isASCIIWord(a) && isDigit(b):
		return 2 // before a year or a number: a word boundary more often than not
	case a == '》' || a == '”' || b == '《' || b == '“':
		return 1
	case beforeGoodSet[b] || afterGoodSet[a]:
		return 1
	case a == ' ' || b == ' ':
		return 0
	}
	return 10 // probably inside a word
}

// shapeCost prefers trapezoids (each line clearly shorter or longer than the next)
// and diamonds, and lines that are not too unequal.
func shapeCost(ws []Pt, cell Pt) float64 {
	cost := 0.0
	for i := 0; i+1 < len(ws); i++ {
		d := float64((ws[i] - ws[i+1]) / cell)
		if d < 0 {
			d = -d
		}
		if d < 1 {
			cost += 5 // a rectangle
		}
	}
	if len(ws) == 3 && !(ws[1] >= ws[0] && ws[1] >= ws[2]) && !(ws[0] <= ws[1] && ws[1] <= ws[2]) && !(ws[0] >= ws[1] && ws[1] >= ws[2]) {
		cost += 5 // an hourglass
	}
	short, long := ws[0], ws[0]
	for _, x := range ws {
		short, long = min(short, x), max(long, x)
	}
	cost += float64((long - short) / long) // mild preference for balance
	return cost + float64(len(ws)-2)*2     // fewer lines
}
