// Package typeset lays a Document out on pages: it breaks lines by the Chinese
// line-breaking rules (禁则), justifies them to the 版心, puts every line on the
// preset's grid and paginates. The result is pages of positioned text runs in
// points; the PDF writer only draws them and tests assert positions on them directly.
package typeset

import (
	"fmt"
	"strings"

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

// Color is an RGB colour; the zero value is black.
type Color struct{ R, G, B uint8 }

// Rule is a straight line on the page: a table border, a 版记 separator, the red
// line of a 版头.
type Rule struct {
	X1, Y1, X2, Y2 Pt // from the top-left corner of the page
	Width          Pt
	Color          Color
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
	Color Color
	Bold  bool // drawn heavier (a preset's bold = true: 楷体加粗 and the like)
}

// Line is one line of text on a page.
type Line struct {
	Kind     Kind
	Slot     int // grid line on the page, 0-based; -1 for the page number
	Baseline Pt  // from the top of the page
	Runs     []Run
	Block    int     // which paragraph, heading or title the line belongs to, counted from 1
	Images   []Image // pictures that go with the line (a seal); Y from its baseline until placed
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
	Color Color
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
	Number  int // 1-based
	Lines   []*Line
	Rules   []Rule
	Images  []Image
	Shapes  []Shape
	Folio   *Line // the page number; nil when the page shows none
	NoFolio bool  // the page shows no number: the 版记 page, a blank page, page 1 of a 信函
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
	Pages     []*Page
	Fallbacks []Fallback
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
	blocks, err := t.blocks(doc)
	if err != nil {
		return nil, err
	}
	first, slot, err := t.header(doc)
	if err != nil {
		return nil, err
	}
	pages := t.paginate(blocks, first, slot)
	if pages, err = t.placeImprint(doc, pages); err != nil {
		return nil, err
	}
	if err := t.folios(pages); err != nil {
		return nil, err
	}
	if p.Page.Mirror {
		t.mirror(pages)
	}
	return &Result{Pages: pages, Fallbacks: t.fallbacks}, nil
}

type typesetter struct {
	p         *layout.Preset
	fonts     Fonts
	width     Pt // 版心 width
	left      Pt // 版心 left edge
	fallbacks []Fallback
	metrics   map[metricKey]metric
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
