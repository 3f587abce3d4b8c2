// Package typeset lays a Document out on pages: it breaks lines by the Chinese
// line-breaking rules (禁则), justifies them to the 版心, puts every line on the
// preset's grid and paginates. The result is pages of positioned text runs in
// points; the PDF writer only draws them and tests assert positions on them directly.
package typeset

import (
	"fmt"
	"image"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// Pt is a length in points.
type Pt = layout.Pt

// Face measures the characters of one font. *fonts.Face implements it.
type Face interface {
	Has(r rune) bool
	Advance(r rune) float64 // advance width in em
}

// Fonts gives the face that serves each role of the preset.
type Fonts map[layout.Role]Face

// Kind says what a line is.
type Kind int

// Line kinds.
const (
	Body Kind = iota
	Title
	Heading
	Signature
	Cell    // text in a table cell
	Folio   // the page number
	Imprint // a line of the 版记: 抄送, 印发机关 and 印发日期
)

// Ink names the ink a thing is printed in (§6.2); Result.Inks gives each its mix.
// The zero value is black.
type Ink uint8

// The inks of a 公文.
const (
	Black Ink = iota
	Red       // 发文机关标志, the 版头's separator, a 信函's double lines
)

// Rule is a straight line on the page: a table border, a 版记 separator, the red
// line of a 版头.
type Rule struct {
	X1, Y1, X2, Y2 Pt // from the top-left corner of the page
	Width          Pt
	Color          Ink
}

// Run is a piece of a line in one font: glyphs drawn from X along the baseline, each
// advancing by its own width plus Tc (the PDF character spacing).
type Run struct {
	Font  layout.Role
	Size  Pt
	X     Pt
	Tc    Pt
	Text  string
	Width Pt // from X to the end of the last glyph's advance
	Color Ink
	Bold  bool // drawn heavier (a preset's bold = true: 楷体加粗 and the like)
	// Half, when set, draws the run's one glyph, a full-width mark that gives up a blank
	// half of its em (layout.Typography), as a glyph half its width: its advance is half
	// the character's, and Width counts that half.
	Half Half
}

// Half says which blank half of its em a compressed punctuation mark gives up. The PDF
// writer draws such a mark with a half-width glyph of its font, so that its advance box
// is exactly the half em its ink stands in and never overlaps a neighbour's.
type Half uint8

// The halves.
const (
	Full      Half = iota
	HalfRight      // a closing or pause mark (，。”）) gives up its right half: its ink is in the left
	HalfLeft       // an opening mark (“（《) gives up its left half: its ink is in the right
)

// Glyph is one glyph of a run as every writer draws it: its character, where its
// advance box starts (from the run's X), the box's width (the glyph's advance at the
// run's size plus the run's Tc), and where its outline's origin stands from the box's
// start (a HalfLeft mark's outline stands half its em left of its box).
type Glyph struct {
	Rune       rune
	X, Advance Pt
	Ink        Pt
}

// Glyphs lists the glyphs of r, measured with the face f of its font, so the PDF, SVG
// and OFD writers place them alike.
func (r *Run) Glyphs(f Face) []Glyph {
	var out []Glyph
	x := Pt(0)
	for _, c := range r.Text {
		adv := Pt(f.Advance(c)) * r.Size
		g := Glyph{Rune: c, X: x}
		switch r.Half {
		case HalfRight:
			adv /= 2
		case HalfLeft:
			adv /= 2
			g.Ink = -adv
		}
		g.Advance = adv + r.Tc
		out = append(out, g)
		x += g.Advance
	}
	return out
}

// Line is one line of text on a page.
type Line struct {
	Kind     Kind
	Slot     int // grid line on the page, 0-based; -1 for the page number
	Baseline Pt  // from the top of the page
	Runs     []Run
	Block    int       // which paragraph, heading or title the line belongs to, counted from 1
	Pos      model.Pos // where its text starts in the content file (its paragraph's or field's start); zero when unknown
	Images   []Image   // pictures that go with the line (a seal); Y from its baseline until placed
}

// Text returns the characters of the line.
func (l *Line) Text() string {
	var b strings.Builder
	for _, r := range l.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// Left and Right return the horizontal extent of the line's advance boxes.
func (l *Line) Left() Pt { return l.Runs[0].X }

// Right is the end of the last glyph's advance.
func (l *Line) Right() Pt {
	r := l.Runs[len(l.Runs)-1]
	return r.X + r.Width
}

// Shape is a filled outline: text drawn as shapes where it must not be text.
type Shape struct {
	Segs  []PathSeg
	Color Ink
}

// PathSeg is one step of a Shape's outline in page coordinates (points from the
// top-left corner): 'M' move, 'L' line, 'Q' quadratic curve through (CX, CY), 'Z' close.
type PathSeg struct {
	Op     byte
	X, Y   Pt
	CX, CY Pt
}

// Image is a picture placed on a page: the seal.
type Image struct {
	Path       string // file the content named
	X, Y, W, H Pt     // from the top-left corner of the page
}

// Page is one page.
type Page struct {
	Number        int // 1-based
	Width, Height Pt  // the paper's size
	Lines         []*Line
	Rules         []Rule
	Images        []Image
	Shapes        []Shape
	Folio         *Line // the page number; nil when the page shows none
	NoFolio       bool  // the page shows no number: a blank page, the 版记 page after it, page 1 of a 信函

	grid Pt // how far the page's grid lies below the 版心's: page 1 under a 版头 (layout.HeaderPlan)
}

// Fallback records a character that the role's font lacks and another font supplied.
type Fallback struct {
	Rune rune
	Want layout.Role // the role whose font lacks it
	Got  layout.Role // the role whose font drew it
	Pos  model.Pos
}

// Result is a typeset document.
type Result struct {
	Pages      []*Page
	Fallbacks  []Fallback
	Inks       layout.Inks // the mix of each Ink
	Typography Typography  // what the preset's typography rules changed
}

// CMYK is the mix of the ink k: the preset's, else the standard's (§6.2) for a
// Result that names none.
func (r *Result) CMYK(k Ink) layout.CMYK {
	if k == Red {
		if r.Inks.Red == (layout.CMYK{}) {
			return layout.CMYK{0, 80, 80, 0}
		}
		return r.Inks.Red
	}
	if r.Inks.Black == (layout.CMYK{}) {
		return layout.CMYK{0, 0, 0, 100}
	}
	return r.Inks.Black
}

// Typography counts the lines the typography rules of the preset changed
// (layout.Typography), over all paragraphs set, before pagination.
type Typography struct {
	Pairs   int // lines where adjacent marks share a half em
	Flush   int // lines that start flush with an opening mark
	Orphans int // paragraphs whose 孤字 last line was mended
	Names   int // lines that kept a name whole
}

func (n *Typography) add(o Typography) {
	n.Pairs += o.Pairs
	n.Flush += o.Flush
	n.Orphans += o.Orphans
	n.Names += o.Names
}

// Runes lists, per font role, the characters drawn with it, so a writer can embed
// only those glyphs.
func (r *Result) Runes() map[layout.Role][]rune {
	seen := map[layout.Role]map[rune]bool{}
	out := map[layout.Role][]rune{}
	add := func(l *Line) {
		for _, run := range l.Runs {
			if seen[run.Font] == nil {
				seen[run.Font] = map[rune]bool{}
			}
			for _, c := range run.Text {
				if !seen[run.Font][c] {
					seen[run.Font][c] = true
					out[run.Font] = append(out[run.Font], c)
				}
			}
		}
	}
	for _, p := range r.Pages {
		for _, l := range p.Lines {
			add(l)
		}
		if p.Folio != nil {
			add(p.Folio)
		}
	}
	return out
}

// CharError reports a character that no font can draw.
type CharError struct {
	Rune rune
	Pos  model.Pos
	Why  string
}

func (e *CharError) Error() string {
	return fmt.Sprintf("%s: 字符「%c」（U+%04X）%s", e.Pos, e.Rune, e.Rune, e.Why)
}

// Typeset lays doc out with the preset p and the fonts f.
func Typeset(doc *model.Document, p *layout.Preset, f Fonts) (*Result, error) {
	for _, role := range append([]layout.Role{p.Title.Role, p.Body.Role, p.Heading1.Role, p.Heading2.Role,
		p.Heading3.Role, p.Heading4.Role, p.Signature.Role, p.PageNumber.Role, p.Recipient.Role}, p.Fallback.Roles...) {
		if f[role] == nil {
			return nil, fmt.Errorf("typeset: no font for role %q", role)
		}
	}
	t := &typesetter{p: p, fonts: f, width: p.Page.BodyWidth.Pt(), left: p.Page.Left.Pt(), metrics: map[metricKey]metric{}}
	if p.Typography.KeepNames {
		t.names = names(doc)
	}
	blocks, err := t.blocks(doc)
	if err != nil {
		return nil, err
	}
	first, titleTop, err := t.header(doc)
	if err != nil {
		return nil, err
	}
	pages := t.paginate(blocks, first, titleTop)
	if pages, err = t.placeImprint(doc, pages); err != nil {
		return nil, err
	}
	if err := t.folios(pages); err != nil {
		return nil, err
	}
	if p.Page.Mirror {
		t.mirror(pages)
	}
	for _, pg := range pages {
		pg.Width, pg.Height = p.Page.Width.Pt(), p.Page.Height.Pt()
	}
	return &Result{Pages: pages, Fallbacks: t.fallbacks, Inks: p.Ink, Typography: t.notes}, nil
}

type typesetter struct {
	p         *layout.Preset
	fonts     Fonts
	width     Pt // 版心 width
	left      Pt // 版心 left edge
	fallbacks []Fallback
	metrics   map[metricKey]metric
	names     []string   // names kept whole on a line (layout.Typography.KeepNames)
	notes     Typography // what the typography rules changed
}

// names lists the organ and person names of the document's own fields, longest first,
// so a name inside a longer one is glued with it.
func names(doc *model.Document) []string {
	var out []string
	for _, list := range [][]string{doc.Header.Issuers, doc.Header.Signers, {doc.Author}, doc.Authors,
		doc.Imprint.CC, {doc.Imprint.Printer}, doc.Attendance.Present, doc.Attendance.Absent, doc.Attendance.Observers} {
		for _, n := range list {
			if n = strings.TrimSpace(n); utf8.RuneCountInString(n) >= 2 && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	return out
}

// rules are the typography rules of the preset for a paragraph of glyphs g; flushFirst
// says whether its first line starts at the 版心 edge (no indent).
func (t *typesetter) rules(g []glyph, flushFirst bool) rules {
	ty := t.p.Typography
	r := rules{adjacent: ty.AdjacentPunct, flushRest: ty.LineStartFlush, flushFirst: ty.LineStartFlush}
	if !flushFirst {
		r.flushFirst = ty.IndentFlush
	}
	if len(t.names) == 0 {
		return r
	}
	text := []rune(glyphText(g))
	for _, name := range t.names {
		n := []rune(name)
		for i := 0; i+len(n) <= len(text); i++ {
			if slices.Equal(text[i:i+len(n)], n) {
				if r.glue == nil {
					r.glue = make([]bool, len(g))
				}
				for j := i + 1; j < i+len(n); j++ {
					r.glue[j] = true
				}
			}
		}
	}
	return r
}

// ascent is how far the ideographic em box reaches above the baseline, in ems; the
// rest (0.12) lies below it.
const ascent = 0.88

// baseline is the baseline of a line of text of the given size on a grid slot of pg:
// its em box centred in the slot.
func (t *typesetter) baseline(pg *Page, slot int, size Pt) Pt {
	pitch := t.p.LinePitch()
	return t.p.Page.Top.Pt() + pg.grid + Pt(slot)*pitch + (pitch-size)/2 + size*ascent
}

// slots is how many grid lines pg holds: one fewer when its grid is shifted so far
// down that the last line's em box would leave the 版心.
func (t *typesetter) slots(pg *Page) int {
	n := t.p.Grid.Lines
	if pg.grid > (t.p.LinePitch()-t.p.Body.Size)/2+0.5 {
		n--
	}
	return n
}

// cell is the width a full-width character occupies. Text at the body size is set on
// the grid: 16 pt glyphs on 15.79 pt cells, so 28 fill the 版心 (撑满版心).
func (t *typesetter) cell(size Pt) Pt {
	pitch := t.p.CharPitch()
	if size > pitch && size <= pitch*1.05 {
		return pitch
	}
	return size
}

// mirror moves everything on the even pages so that their 订口 is on the right, as
// duplex printing binds them (对称页边距): the 版心 then starts 切口 (26 mm) from the
// left edge instead of 订口 (28 mm).
func (t *typesetter) mirror(pages []*Page) {
	dx := t.p.Page.Width.Pt() - 2*t.left - t.width
	for _, pg := range pages {
		if pg.Number%2 != 0 {
			continue
		}
		lines := pg.Lines
		if pg.Folio != nil {
			lines = append(lines[:len(lines):len(lines)], pg.Folio)
		}
		for _, l := range lines {
			for i := range l.Runs {
				l.Runs[i].X += dx
			}
		}
		for i := range pg.Rules {
			pg.Rules[i].X1 += dx
			pg.Rules[i].X2 += dx
		}
		for i := range pg.Images {
			pg.Images[i].X += dx
		}
		for i := range pg.Shapes {
			for j := range pg.Shapes[i].Segs {
				pg.Shapes[i].Segs[j].X += dx
				pg.Shapes[i].Segs[j].CX += dx
			}
		}
	}
}

// Picture is an image the pages place, and its decoded pixels.
type Picture struct {
	Path  string
	Image image.Image
}

// Pictures lists the images the pages place, each once, in the order they are
// first placed, with their pixels from decoded; every one must be there.
func (r *Result) Pictures(decoded map[string]image.Image) ([]Picture, error) {
	var out []Picture
	seen := map[string]bool{}
	for _, pg := range r.Pages {
		for _, im := range pg.Images {
			if seen[im.Path] {
				continue
			}
			img := decoded[im.Path]
			if img == nil {
				return nil, fmt.Errorf("第 %d 页的图片 %s 没有读入", pg.Number, im.Path)
			}
			seen[im.Path] = true
			out = append(out, Picture{im.Path, img})
		}
	}
	return out, nil
}
