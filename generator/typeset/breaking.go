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
	pos  model.Pos // where its text stands in the content file
	adv  Pt        // natural advance at size
	cell Pt        // width on the grid
	// squeeze is how much of its em a punctuation mark gives up when a line is
	// compressed (at most ½): the blank half of ，。 or of （“.
	squeeze float64
	// kern is the blank half (½ em) a mark gives up next to another mark or at the
	// start of a line (rules); a mark gives up one or the other, never both.
	kern float64
}

// Full-width punctuation whose glyph fills only half its em: closing marks on the
// left half, opening marks on the right half. Only these are compressed.
const (
	closingHalf = "，。、；：？！）》」』”’〕】"
	openingHalf = "（《「『“‘〔【"
)

var closingHalfSet, openingHalfSet = runeSet(closingHalf), runeSet(openingHalf)

// advance and squeezedCell are the glyph's natural advance and grid width after squeezing.
func (g glyph) advance() Pt { return g.adv - Pt(g.cut())*g.size }
func (g glyph) squeezedCell() Pt {
	if g.cut() == 0 {
		return g.cell // also for glyphs without advance
	}
	return g.cell * Pt(1-g.cut()*float64(g.size)/float64(g.adv))
}

// cut is how much of its em the glyph gives up, kern and squeeze together.
func (g glyph) cut() float64 { return g.squeeze + g.kern }

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
			out = append(out, glyph{r: r, font: m.font, bold: s.bold, size: s.size, pos: s.pos, adv: adv, cell: adv * scale})
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

// span is one broken line: glyphs [from, to) of the paragraph.
type span struct{ from, to int }

// rules are the refinements of line breaking beyond the 禁则 that a paragraph gets
// (layout.Typography); the zero value breaks by the 禁则 alone.
type rules struct {
	adjacent   bool   // two adjacent full-width marks take 1.5 em
	flushFirst bool   // an opening mark starting the first line gives up its blank half
	flushRest  bool   // … starting any other line
	minLast    int    // characters besides punctuation the last line holds at least (孤字)
	glue       []bool // glue[i]: g[i-1] and g[i] are in one name; keep them on one line
}

// Marks that give up a blank half next to another mark: the pause and stop marks and
// the closing brackets (ink on the left), the opening brackets (ink on the right). ？ and
// ！ keep their em, as JIS X 4051 keeps them: some fonts centre them.
var pairClosingSet = runeSet("，。、；：）》」』”’〕】")

// breaker breaks one paragraph's glyphs under rules.
type breaker struct {
	g  []glyph
	r  rules
	em Pt // the widest grid cell: the unit of "two empty cells"
}

// squeezeAt is a squeeze the line compression gives glyph i.
type squeezeAt struct {
	i int
	s float64
}

// breakLines breaks glyphs into lines by the 禁则 alone: the first line is first wide,
// the others rest wide.
func breakLines(g []glyph, first, rest Pt) []span {
	spans, _ := breakParagraph(g, first, rest, rules{})
	return spans
}

// breakParagraph breaks glyphs into lines: the first line is first wide, the others
// rest wide. It is greedy over the break opportunities; when the next character does
// not fit, the line ends at the last opportunity and the characters after it are
// pushed to the next line (推出), the free space spread over the line. Only when that
// would leave two or more empty cells, and the punctuation on the line can give up
// enough of its blank halves, is the line compressed (挤进) to take the next piece.
// A single unbreakable piece wider than a line is cut. The rules then give adjacent
// marks and line-start opening marks their compressed widths, keep names whole and
// mend a 孤字 last line; the glyphs' kern and squeeze are set for setLine.
func breakParagraph(g []glyph, first, rest Pt, r rules) ([]span, Typography) {
	b := &breaker{g: g, r: r}
	for i := range g {
		g[i].kern, g[i].squeeze = 0, 0
		b.em = max(b.em, g[i].cell)
	}
	var spans []span
	var plans [][]squeezeAt
	var n Typography
	start, avail := 0, first
	for start < len(g) {
		for start < len(g) && g[start].r == ' ' {
			start++
		}
		if start >= len(g) {
			break
		}
		isFirst := len(spans) == 0
		end, sq := b.end(start, avail, isFirst, true)
		if r.glue != nil {
			// a name is kept whole unless that leaves a gap of two cells
			loose, lsq := b.end(start, avail, isFirst, false)
			if loose != end {
				if sq == nil && end < len(g) && avail-b.width(start, end, isFirst) >= 2*b.em-0.01 {
					end, sq = loose, lsq
				} else {
					n.Names++
				}
			}
		}
		spans = append(spans, span{start, end})
		plans = append(plans, sq)
		start, avail = end, rest
	}
	if b.mendOrphan(spans, plans, first, rest) {
		n.Orphans++
		if k := len(spans) - 1; spans[k].from == spans[k].to {
			spans, plans = spans[:k], plans[:k]
		}
	}
	for k, s := range spans {
		s = trim(g, s)
		cuts := b.cuts(s.from, s.to, k == 0)
		for _, i := range cuts {
			g[i].kern = 0.5 * float64(g[i].adv/g[i].size)
		}
		if len(cuts) > 0 && cuts[0] == s.from && openingHalfSet[g[s.from].r] {
			n.Flush++
			cuts = cuts[1:]
		}
		if len(cuts) > 0 {
			n.Pairs++
		}
		for _, q := range plans[k] {
			g[q.i].squeeze = q.s
		}
	}
	return spans, n
}

// end is where the line from start ends, avail wide, and the squeezes that compress it;
// glue keeps names whole.
func (b *breaker) end(start int, avail Pt, first, glue bool) (int, []squeezeAt) {
	g := b.g
	w := -b.startSave(start, first)
	end, last := start, -1
	for end < len(g) {
		if end > start && b.opportunity(end, glue) {
			last = end
		}
		add := g[end].cell
		if end > start {
			add -= b.pairSave(end)
		}
		if w+add > avail+0.01 && g[end].r != ' ' {
			break
		}
		w += add
		end++
	}
	if end == len(g) {
		return end, nil
	}
	switch {
	case last > start && avail-b.width(start, last, first) < 2*b.em-0.01:
		return last, nil
	case last > start:
		stop := b.nextBreak(end, glue)
		if sq := b.compress(start, stop, avail, first); sq != nil {
			return stop, sq
		}
		return last, nil
	case end == start:
		return start + 1, nil // a character wider than the line
	}
	// a piece wider than the line is cut, where the 禁则 allow: not before a
	// closing mark, not after an opening one (${name} in a narrow cell)
	for cut := end; cut-1 > start; cut-- {
		if !noStartSet[g[cut].r] && !noEndSet[g[cut-1].r] {
			return cut, nil
		}
	}
	return end, nil
}

// opportunity reports whether a line may break before g[i]; glue keeps names whole.
func (b *breaker) opportunity(i int, glue bool) bool {
	return breakable(b.g, i) && !(glue && b.r.glue != nil && b.r.glue[i])
}

// nextBreak is the first break opportunity after i, or the end.
func (b *breaker) nextBreak(i int, glue bool) int {
	for i++; i < len(b.g); i++ {
		if b.opportunity(i, glue) {
			return i
		}
	}
	return len(b.g)
}

// pairCut is the glyph of the adjacent marks g[i-1], g[i] that gives up its blank half:
// a closing or pause mark before another mark, or an opening mark after an opening one;
// -1 for none.
func pairCut(g []glyph, i int) int {
	a, c := g[i-1], g[i]
	if !fullWidth(a) || !fullWidth(c) {
		return -1
	}
	switch {
	case pairClosingSet[a.r] && (pairClosingSet[c.r] || openingHalfSet[c.r]):
		return i - 1
	case openingHalfSet[a.r] && openingHalfSet[c.r]:
		return i
	}
	return -1
}

func fullWidth(g glyph) bool { return g.adv >= 0.9*g.size && g.size > 0 }

// pairSave is the width saved when g[i] joins g[i-1] on a line.
func (b *breaker) pairSave(i int) Pt {
	if k := pairCut(b.g, i); b.r.adjacent && k >= 0 {
		return b.g[k].cell / 2
	}
	return 0
}

// startSave is the width an opening mark saves at the start of a line.
func (b *breaker) startSave(i int, first bool) Pt {
	gl := b.g[i]
	if openingHalfSet[gl.r] && fullWidth(gl) && (first && b.r.flushFirst || !first && b.r.flushRest) {
		return gl.cell / 2
	}
	return 0
}

// cuts lists the glyphs of the line g[from:to] that give up their blank half, the
// line-start mark first.
func (b *breaker) cuts(from, to int, first bool) []int {
	var out []int
	if from < to && b.startSave(from, first) > 0 {
		out = append(out, from)
	}
	for i := from + 1; i < to; i++ {
		if k := pairCut(b.g, i); b.r.adjacent && k >= 0 && (len(out) == 0 || out[len(out)-1] != k) {
			out = append(out, k)
		}
	}
	return out
}

// width is the grid width of g[from:to] set as one line.
func (b *breaker) width(from, to int, first bool) Pt {
	if from >= to {
		return 0
	}
	w := -b.startSave(from, first)
	for i := from; i < to; i++ {
		w += b.g[i].cell
		if i > from {
			w -= b.pairSave(i)
		}
	}
	return w
}

// compress fits g[start:stop] into avail by squeezing the punctuation on it that has
// not given up its blank half already (never the line's last character), evenly. It
// returns the squeezes, or nil when they cannot make room.
func (b *breaker) compress(start, stop int, avail Pt, first bool) []squeezeAt {
	g := b.g
	over := b.width(start, stop, first) - avail
	cut := map[int]bool{}
	for _, i := range b.cuts(start, stop, first) {
		cut[i] = true
	}
	var room Pt
	var marks []int
	for i := start; i < stop-1; i++ {
		if (closingHalfSet[g[i].r] || openingHalfSet[g[i].r]) && !cut[i] {
			marks = append(marks, i)
			room += g[i].cell / 2
		}
	}
	if over <= 0 || over > room {
		return nil
	}
	out := make([]squeezeAt, len(marks))
	for k, i := range marks {
		out[k] = squeezeAt{i, float64(over/room) * 0.5 * float64(g[i].adv/g[i].size)}
	}
	return out
}

// chars counts the glyphs of g[from:to] other than spaces and marks that may not start
// a line: the characters a 孤字 rule counts.
func (b *breaker) chars(from, to int) int {
	n := 0
	for _, gl := range b.g[from:to] {
		if gl.r != ' ' && !noStartSet[gl.r] {
			n++
		}
	}
	return n
}

// mendOrphan gives a last line that holds fewer than minLast characters company: it
// pushes the previous line's last piece down when the previous line stays within a
// cell of full, or else pulls the last line up into the previous one by compressing
// that line's punctuation. A last line emptied by the pull is left with from == to.
// It reports whether it changed the lines.
func (b *breaker) mendOrphan(spans []span, plans [][]squeezeAt, first, rest Pt) bool {
	k := len(spans) - 1
	if b.r.minLast < 2 || k < 1 || b.chars(spans[k].from, len(b.g)) >= b.r.minLast {
		return false
	}
	prev, pfirst, pavail := spans[k-1], k == 1, rest
	if pfirst {
		pavail = first
	}
	for i := spans[k].from - 1; i > prev.from; i-- {
		if !b.opportunity(i, true) {
			continue
		}
		if pavail-b.width(prev.from, trim(b.g, span{prev.from, i}).to, pfirst) >= 2*b.em-0.01 || b.width(i, len(b.g), false) > rest+0.01 {
			break // the previous line would gape, or the last one overflow
		}
		if b.chars(i, len(b.g)) >= b.r.minLast {
			spans[k-1].to, spans[k].from, plans[k-1] = i, i, nil
			return true
		}
	}
	if sq := b.compress(prev.from, len(b.g), pavail, pfirst); sq != nil {
		spans[k-1].to, spans[k].from, plans[k-1], plans[k] = len(b.g), len(b.g), sq, nil
		return true
	}
	return false
}

// trim drops trailing spaces from a line.
func trim(g []glyph, s span) span {
	for s.to > s.from && g[s.to-1].r == ' ' {
		s.to--
	}
	return s
}

// setLine places glyphs g[s] from x: justified to width when justify is set,
// otherwise each glyph advancing by its grid width. It groups the glyphs into runs of
// one font. A mark that gives up a blank half to a neighbouring mark or at the line's
// start is a run of its own, drawn with a glyph half its width (Run.Half), so every
// advance box stays exact. A mark squeezed by line compression shortens the step of the
// glyph before the blank, itself for a closing mark and the glyph before it for an
// opening mark; that glyph is a run of its own with its own Tc, so the pen never steps
// back and text extraction sees the glyphs in order.
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
	short := make([]Pt, n) // how much shorter than its advance plus tc each glyph steps
	for i := s.from; i < s.to; i++ {
		squeeze := Pt(g[i].squeeze) * g[i].size
		if openingHalfSet[g[i].r] && i > s.from {
			short[i-s.from-1] += squeeze
		} else {
			short[i-s.from] += squeeze
		}
	}
	var runs []Run
	var text []rune
	flush := func() {
		if len(runs) > 0 {
			runs[len(runs)-1].Text = string(text)
			text = text[:0]
		}
	}
	alone := false // the last run holds a glyph with a step or a width of its own
	for i := s.from; i < s.to; i++ {
		gl, d := g[i], short[i-s.from]
		half := gl.half()
		if len(runs) == 0 || alone || d > 1e-9 || half != Full || runs[len(runs)-1].Font != gl.font || runs[len(runs)-1].Size != gl.size || runs[len(runs)-1].Bold != gl.bold {
			if len(runs) > 0 {
				flush()
				last := runs[len(runs)-1]
				x = last.X + last.Width + last.Tc
			}
			runs = append(runs, Run{Font: gl.font, Bold: gl.bold, Size: gl.size, X: x, Tc: tc - d, Half: half})
			alone = d > 1e-9 || half != Full
		} else {
			runs[len(runs)-1].Width += tc
		}
		text = append(text, gl.r)
		if half != Full {
			runs[len(runs)-1].Width += gl.adv / 2
		} else {
			runs[len(runs)-1].Width += gl.adv
		}
	}
	flush()
	return runs
}

// half is the blank half the glyph gives up by the typography rules: the right one of a
// closing or pause mark, the left one of an opening mark.
func (g glyph) half() Half {
	switch {
	case g.kern == 0:
		return Full
	case openingHalfSet[g.r]:
		return HalfLeft
	}
	return HalfRight
}

// cells is the grid width of the line g[s] as set: compressed marks less.
func cells(g []glyph, s span) Pt {
	var w Pt
	for _, gl := range g[s.from:trim(g, s).to] {
		w += gl.squeezedCell()
	}
	return w
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
