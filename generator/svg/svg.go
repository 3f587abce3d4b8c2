// Package svg draws typeset pages as SVG: the workbench's preview of the exact pages
// the PDF prints. Like the PDF writer it decides nothing about layout; it places the
// same glyphs at the same positions, drawn from the outlines of the same fonts.
//
// Each glyph's outline is defined once, in a Glyphs set shared by the pages of a
// document (and by successive previews of it), and every occurrence is a <use> of it,
// as typst-svg does. Lines carry data-src="LINE", their text's line in the content
// file, so a click on the preview can find the field it came from, and aria-label, their
// text.
package svg

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"strconv"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Face is what the exporter needs of a font: the advance of each glyph and its
// outline. *fonts.Face implements it.
type Face interface {
	typeset.Face
	Outline(r rune) ([]fonts.Segment, error)
}

// unit is the number of outline units in an em: outlines are written as integers
// of it, which is exact enough at any zoom and keeps them short.
const unit = 1000

type glyphKey struct {
	role layout.Role
	r    rune
}

// Glyphs is the set of glyph outlines defined so far. Defs writes those not yet
// written; a page refers to them by id. The zero value is not usable: use NewGlyphs.
type Glyphs struct {
	faces   map[layout.Role]Face
	ids     map[glyphKey]string
	pending []glyphKey // used, not yet written by Defs
}

// NewGlyphs returns an empty set of glyphs drawn from faces.
func NewGlyphs(faces map[layout.Role]Face) *Glyphs {
	return &Glyphs{faces: faces, ids: map[glyphKey]string{}}
}

// id returns the id of the glyph of r in role's font, defining it when new.
func (g *Glyphs) id(role layout.Role, r rune) string {
	k := glyphKey{role, r}
	if id, ok := g.ids[k]; ok {
		return id
	}
	id := "g" + strconv.Itoa(len(g.ids))
	g.ids[k] = id
	g.pending = append(g.pending, k)
	return id
}

// Defs writes a <svg> holding the <defs> of the glyphs used since the last call, and
// forgets them: a client that keeps every Defs it was sent can draw every page.
func (g *Glyphs) Defs(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" style="position:absolute"><defs>`)
	for _, k := range g.pending {
		segs, err := g.faces[k.role].Outline(k.r)
		if err != nil {
			segs = nil // a glyph without an outline (a space) draws nothing
		}
		fmt.Fprintf(&b, `<path id="%s" d="`, g.ids[k])
		pathData(&b, segs)
		b.WriteString(`"/>`)
	}
	b.WriteString(`</defs></svg>`)
	g.pending = g.pending[:0]
	_, err := w.Write(b.Bytes())
	return err
}

// pathData writes an outline in units of 1/unit em, y downwards.
func pathData(b *bytes.Buffer, segs []fonts.Segment) {
	n := func(v float64) string { return strconv.Itoa(int(math.Round(v * unit))) }
	for _, s := range segs {
		switch s.Op {
		case 'M', 'L':
			fmt.Fprintf(b, "%c%s %s", s.Op, n(s.X), n(-s.Y))
		case 'Q':
			fmt.Fprintf(b, "Q%s %s %s %s", n(s.CX), n(-s.CY), n(s.X), n(-s.Y))
		case 'Z':
			b.WriteByte('Z')
		}
	}
}

// Options are what a page needs besides itself.
type Options struct {
	Inks   func(typeset.Ink) layout.CMYK // the mix of each ink
	Images map[string]image.Image        // pictures by the path the page names (the seal)
}

// Page writes pg as one <svg> element, data-page="N", sized in points (1 pt = 1 CSS
// px: a viewer scales it with CSS). Glyphs it uses are added to g.
func Page(w io.Writer, pg *typeset.Page, g *Glyphs, o Options) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="page" data-page="%d" viewBox="0 0 %s %s" width="%s" height="%s">`,
		pg.Number, num(pg.Width), num(pg.Height), num(pg.Width), num(pg.Height))
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>`)
	for _, r := range pg.Rules {
		drawRule(&b, r, o)
	}
	for _, sh := range pg.Shapes {
		drawShape(&b, sh, o)
	}
	for _, l := range pg.Lines {
		drawLine(&b, l, g, o)
	}
	if pg.Folio != nil {
		drawLine(&b, pg.Folio, g, o)
	}
	for _, im := range pg.Images {
		if err := drawImage(&b, im, o); err != nil {
			return err
		}
	}
	b.WriteString(`</svg>`)
	_, err := w.Write(b.Bytes())
	return err
}

// drawLine writes a line as a group of runs, each a group scaled to its size with
// the glyphs placed along it in units of the em.
func drawLine(b *bytes.Buffer, l *typeset.Line, g *Glyphs, o Options) {
	b.WriteString(`<g`)
	if l.Pos.Line > 0 {
		fmt.Fprintf(b, ` data-src="%d"`, l.Pos.Line)
	}
	// the line's text, for screen readers, search and tests: the glyphs are outlines
	b.WriteString(` aria-label="`)
	xml.EscapeText(b, []byte(l.Text()))
	b.WriteString(`">`)
	for _, r := range l.Runs {
		if r.Text == "" {
			continue
		}
		face := g.faces[r.Font]
		fmt.Fprintf(b, `<g fill="%s" transform="translate(%s %s) scale(%s)"`, color(o, r.Color), num(r.X), num(l.Baseline), strconv.FormatFloat(float64(r.Size)/unit, 'f', -1, 64))
		if r.Bold {
			// as the PDF: the outline stroked 3 % of the size wide besides filled
			fmt.Fprintf(b, ` stroke="%s" stroke-width="%d"`, color(o, r.Color), unit*3/100)
		}
		b.WriteString(`>`)
		for _, gl := range r.Glyphs(face) {
			if gl.Rune != ' ' && gl.Rune != '\u3000' {
				fmt.Fprintf(b, `<use href="#%s" x="%s"/>`, g.id(r.Font, gl.Rune), num((gl.X+gl.Ink)/r.Size*unit))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g>`)
}

func drawRule(b *bytes.Buffer, r typeset.Rule, o Options) {
	fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>`,
		num(r.X1), num(r.Y1), num(r.X2), num(r.Y2), color(o, r.Color), num(r.Width))
}

func drawShape(b *bytes.Buffer, sh typeset.Shape, o Options) {
	fmt.Fprintf(b, `<path fill="%s" d="`, color(o, sh.Color))
	for _, s := range sh.Segs {
		switch s.Op {
		case 'M', 'L':
			fmt.Fprintf(b, "%c%s %s", s.Op, num(s.X), num(s.Y))
		case 'Q':
			fmt.Fprintf(b, "Q%s %s %s %s", num(s.CX), num(s.CY), num(s.X), num(s.Y))
		case 'Z':
			b.WriteByte('Z')
		}
	}
	b.WriteString(`"/>`)
}

func drawImage(b *bytes.Buffer, im typeset.Image, o Options) error {
	img := o.Images[im.Path]
	if img == nil {
		return nil
	}
	var data bytes.Buffer
	if err := png.Encode(&data, img); err != nil {
		return err
	}
	fmt.Fprintf(b, `<image x="%s" y="%s" width="%s" height="%s" href="data:image/png;base64,%s"/>`,
		num(im.X), num(im.Y), num(im.W), num(im.H), base64.StdEncoding.EncodeToString(data.Bytes()))
	return nil
}

// color is an ink as a screen colour.
func color(o Options, k typeset.Ink) string {
	c := layout.CMYK{0, 0, 0, 100}
	if o.Inks != nil {
		c = o.Inks(k)
	}
	r, g, b := c.RGB()
	return fmt.Sprintf("#%02x%02x%02x", r, g, b)
}

// num writes a length with at most two decimals.
func num(v typeset.Pt) string {
	return strconv.FormatFloat(math.Round(float64(v)*100)/100, 'f', -1, 64)
}
