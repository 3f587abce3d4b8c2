package typeset

import (
	"strings"
	"unicode"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// The 禁则 of clreq (GB-style, spec §11) with the OOXML zh-CN kinsoku sets: characters
// that may not start a line and characters that may not end one. 破折号 and 省略号 may
// not start a line either (clreq's strict level), so they stay with what precedes them.
const (
	noStart = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠—"
	noEnd   = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"
	// units and suffixes that stay with the number before them: 9次, 2023年, 100余次
	units = "次家个篇条项人名位元角分万亿千百年月日号时秒岁件台户所期批届轮场份页章节倍米吨亩克升天周余多届"
)

var noStartSet, noEndSet, unitSet = runeSet(noStart), runeSet(noEnd), runeSet(units)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

func isASCIIWord(r rune) bool { return r > ' ' && r < 0x7f }
func isDigit(r rune) bool     { return r >= '0' && r <= '9' }

// glyph is one character ready to set: its font and its widths.
type glyph struct {
	r    rune
	font layout.Role
	bold bool
	size Pt
	adv  Pt // natural advance at size
	cell Pt // width on the grid
	// squeeze is how much of its em a punctuation mark gives up when a line is
	// compressed (at most ½): the blank half of ，。 or of （“.
	squeeze float64
}

// Full-width punctuation whose glyph fills only half its em: closing marks on the
// left half, opening marks on the right half. Only these are compressed.
const (
	closingHalf = "，。、；：？！）》」』”’〕】"
	openingHalf = "（《「『“‘〔【"
)

var closingHalfSet, openingHalfSet = runeSet(closingHalf), runeSet(openingHalf)

// advance and squeezedCell are the glyph's natural advance and grid width after squeezing.
func (g glyph) advance() Pt { return g.adv - Pt(g.squeeze)*g.size }
func (g glyph) squeezedCell() Pt {
	if g.squeeze == 0 {
		return g.cell // also for glyphs without advance
	}
	return g.cell * Pt(1-g.squeeze*float64(g.size)/float64(g.adv))
}

// segment is a piece of text in one style, as the content gives it.
type segment struct {
	text string
	role layout.Role
	size Pt
	pos  model.Pos
	bold bool
}

// shape turns segments into glyphs, taking each character the role's font lacks
// from the preset's fallback fonts.
func (t *typesetter) shape(segs []segment) ([]glyph, error) {
	var out []glyph
	for _, s := range segs {
		scale := t.cell(s.size) / s.size
		for _, r := range s.text {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			m, err := t.metric(s.role, r, s.pos)
			if err != nil {
				return nil, err
			}
			adv := Pt(m.adv) * s.size
			out = append(out, glyph{r: r, font: m.font, bold: s.bold, size: s.size, adv: adv, cell: adv * scale})
		}
	}
	return out, nil
}

type metricKey struct {
	role layout.Role
	r    rune
}

// metric is the font that draws a character for a role and its advance in em.
type metric struct {
	font layout.Role
	adv  float64
}

// metric finds, once per character and role, the font that draws it. A fallback is
// recorded at the first place it is needed.
func (t *typesetter) metric(role layout.Role, r rune, pos model.Pos) (metric, error) {
	k := metricKey{role, r}
	if m, ok := t.metrics[k]; ok {
		return m, nil
	}
	m := metric{font: role}
	if r != ' ' && !t.fonts[role].Has(r) {
		found := false
		for _, fb := range t.p.Fallback.Roles {
			if t.fonts[fb].Has(r) {
				t.fallbacks = append(t.fallbacks, Fallback{Rune: r, Want: role, Got: fb, Pos: pos})
				m.font, found = fb, true
				break
			}
		}
		if !found {
			why := "在所有字体中都没有字形"
			if unicode.Is(unicode.Co, r) {
				why = "是私用区的自造字，只有造字的那个字体才有它的字形"
			}
			return metric{}, &CharError{Rune: r, Pos: pos, Why: why}
		}
	}
	m.adv = t.fonts[m.font].Advance(r)
	if r == ' ' && m.adv == 0 {
		m.adv = 0.25
	}
	t.metrics[k] = m
	return m, nil
}

// breakable reports whether a line may break between g[i-1] and g[i].
func breakable(g []glyph, i int) bool {
	a, b := g[i-1].r, g[i].r
	switch {
	case a == ' ':
		return true
	case b == ' ':
		return false // a space stays at the end of the line it follows
	case isASCIIWord(a) && isASCIIWord(b):
		return false // a run of Latin letters or digits is one word
	case noStartSet[b] || noEndSet[a]:
		return false
	case (a == '—' || a == '…') && a == b:
		return false
	case isDigit(a) && unitSet[b]:
		return false // 9次, 2023年
	case (a == '余' || a == '多') && i >= 2 && isDigit(g[i-2].r) && unitSet[b]:
		return false // 100余次
	case a == '第' && isDigit(b):
		return false // 第5次
	}
	return true
}

// line is one broken line: glyphs [from, to) of the paragraph.
type span struct{ from, to int }

// breakLines breaks glyphs into lines: the first line is first wide, the others
// rest wide. It is greedy over the break opportunities; when the next character does
// not fit, the line ends at the last opportunity and the characters after it are
// pushed to the next line (推出), the free space spread over the line. Only when that
// would leave two or more empty cells, and the punctuation on the line can give up
// enough of its blank halves, is the line compressed (挤进) to take the next piece.
// A single unbreakable piece wider than a line is cut.
func breakLines(g []glyph, first, rest Pt) []span {
	var lines []span
	start, avail := 0, first
	for start < len(g) {
		for start < len(g) && g[start].r == ' ' {
			start++
		}
		if start >= len(g) {
			break
		}
		var w Pt
		end, last := start, -1
		for end < len(g) {
			if end > start && breakable(g, end) {
				last = end
			}
			if w+g[end].cell > avail+0.01 && g[end].r != ' ' {
				break
			}
			w += g[end].cell
			end++
		}
		if end < len(g) {
			switch {
			case last > start && (avail-width(g[start:last]) < 2*g[start].cell-0.01 || !compress(g, start, end, avail)):
				end = last
			case last > start:
				end = nextBreak(g, end)
			case end == start:
				end = start + 1 // a character wider than the line
			}
		}
		lines = append(lines, span{start, end})
		start, avail = end, rest
	}
	return lines
}

// nextBreak is the first break opportunity after i, or the end.
func nextBreak(g []glyph, i int) int {
	for i++; i < len(g); i++ {
		if breakable(g, i) {
			return i
		}
	}
	return len(g)
}

// compress tries to fit g[start:nextBreak(end)] into avail by squeezing the
// punctuation on it (never the line's last character), evenly. It reports whether it did.
func compress(g []glyph, start, end int, avail Pt) bool {
	stop := nextBreak(g, end)
	over := width(g[start:stop]) - avail
	var room Pt
	var marks []int
	for i := start; i < stop-1; i++ {
		if closingHalfSet[g[i].r] || openingHalfSet[g[i].r] {
			marks = append(marks, i)
			room += g[i].cell / 2
		}
	}
	if over <= 0 || over > room {
		return false
	}
	for _, i := range marks {
		g[i].squeeze = float64(over/room) * 0.5 * float64(g[i].adv/g[i].size)
	}
	return true
}

// trim drops trailing spaces from a line.
func trim(g []glyph, s span) span {
	for s.to > s.from && g[s.to-1].r == ' ' {
		s.to--
	}
	return s
}

// setLine places glyphs g[s] from x: justified to width when justify is set,
// otherwise each glyph advancing by its grid width. It groups the glyphs into runs
// of one font; a squeezed punctuation mark ends its run (closing) or starts one
// drawn earlier (opening), since a run advances every glyph by its full width.
func setLine(g []glyph, s span, x, width Pt, justify bool) []Run {
	s = trim(g, s)
	n := s.to - s.from
	if n == 0 {
		return nil
	}
	var natural, cells Pt
	for _, gl := range g[s.from:s.to] {
		natural += gl.advance()
		cells += gl.squeezedCell()
	}
	// One character spacing for the whole line: justification spreads the free space
	// evenly over the gaps between characters (均排); a ragged line keeps the grid.
	tc := (cells - natural) / Pt(n)
	if justify && n > 1 {
		tc = (width - natural) / Pt(n-1)
	}
	var runs []Run
	var text []rune
	flush := func() {
		if len(runs) > 0 {
			runs[len(runs)-1].Text = string(text)
			text = text[:0]
		}
	}
	split := false // the previous glyph was a squeezed closing mark
	for i := s.from; i < s.to; i++ {
		gl := g[i]
		shift := Pt(0)
		if gl.squeeze > 0 && openingHalfSet[gl.r] {
			shift = gl.adv - gl.advance()
		}
		if len(runs) == 0 || split || shift > 0 || runs[len(runs)-1].Font != gl.font || runs[len(runs)-1].Size != gl.size || runs[len(runs)-1].Bold != gl.bold {
			if len(runs) > 0 {
				flush()
				x = runs[len(runs)-1].X + runs[len(runs)-1].Width + tc
			}
			runs = append(runs, Run{Font: gl.font, Bold: gl.bold, Size: gl.size, X: x - shift, Tc: tc, Width: shift})
		} else {
			runs[len(runs)-1].Width += tc
		}
		text = append(text, gl.r)
		runs[len(runs)-1].Width += gl.advance()
		split = gl.squeeze > 0 && closingHalfSet[gl.r]
	}
	flush()
	return runs
}

// width sums the grid widths of glyphs.
func width(g []glyph) Pt {
	var w Pt
	for _, gl := range g {
		w += gl.cell
	}
	return w
}

func glyphText(g []glyph) string {
	var b strings.Builder
	for _, gl := range g {
		b.WriteRune(gl.r)
	}
	return b.String()
}
