package ofd

import (
	"math"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/generator/typeset"
)

// content returns a page's Content.xml (§7.7): its size, then one layer holding, in
// the PDF's drawing order, its rules, its shapes (filled outlines), its text and page
// number, and its images (the seal over the 署名 and date, as ink over ink).
//
// Every object's coordinates are relative to its Boundary's top-left corner, as OFD
// places them.
func (d *doc) content(pg *typeset.Page) []byte {
	x := newXML()
	x.open("Page", "xmlns:ofd", namespace)
	x.open("Area")
	x.leaf("PhysicalBox", box(0, 0, um(pg.Width), um(pg.Height)))
	x.close("Area")
	x.open("Content")
	x.open("Layer", "ID", strconv.Itoa(d.id()))
	for _, r := range pg.Rules {
		d.drawRule(x, r)
	}
	for _, sh := range pg.Shapes {
		d.drawShape(x, sh)
	}
	for _, l := range lines(pg) {
		d.drawLine(x, l)
	}
	for _, im := range pg.Images {
		d.drawImage(x, im)
	}
	x.close("Layer")
	x.close("Content")
	x.close("Page")
	return x.bytes()
}

// drawLine writes a line as text objects: one for each stretch of runs in one font,
// size, ink and weight, so that a reader extracts the line's text whole. Its runs
// differ only in where they start and how far their glyphs advance (Tc, a compressed
// mark's half em), which DeltaX gives glyph by glyph.
func (d *doc) drawLine(x *xmlWriter, l *typeset.Line) {
	var group []*typeset.Run
	for i := range l.Runs {
		r := &l.Runs[i]
		if r.Text == "" {
			continue
		}
		if len(group) > 0 {
			g := group[0]
			if r.Font != g.Font || r.Size != g.Size || r.Color != g.Color || r.Bold != g.Bold {
				d.drawText(x, l.Baseline, group)
				group = group[:0]
			}
		}
		group = append(group, r)
	}
	if len(group) > 0 {
		d.drawText(x, l.Baseline, group)
	}
}

// drawText writes runs of one font, size, ink and weight as one TextObject with one
// TextCode: X and Y place the first glyph's origin on the baseline, DeltaX the distance
// from each glyph's origin to the next.
//
// Each glyph is the font's own, found through the embedded subset's cmap from the
// character in TextCode, so no CGTransform is needed: a compressed mark (typeset.Run.Half)
// is its full glyph placed at its ink origin (typeset.Glyph.Ink), half an em left of its
// box for an opening mark, and the next glyph follows half an em after the box starts.
// The PDF draws the same ink with a half-width glyph (its widths come from the font);
// OFD gives every position explicitly.
func (d *doc) drawText(x *xmlWriter, baseline typeset.Pt, runs []*typeset.Run) {
	r0 := runs[0]
	f := d.byRole[r0.Font]
	size := r0.Size
	var text strings.Builder
	var origins []int64
	left, right := typeset.Pt(math.Inf(1)), typeset.Pt(math.Inf(-1))
	for _, r := range runs {
		for _, g := range r.Glyphs(f.face) {
			text.WriteRune(g.Rune)
			o := r.X + g.X + g.Ink
			origins = append(origins, um(o))
			left = min(left, r.X+g.X, o+typeset.Pt(f.bbox[0])*size)
			right = max(right, r.X+g.X+g.Advance, o+typeset.Pt(f.bbox[2])*size)
		}
	}
	top, bottom := baseline-typeset.Pt(f.bbox[3])*size, baseline-typeset.Pt(f.bbox[1])*size
	stroke := typeset.Pt(0)
	if r0.Bold {
		stroke = size * 0.03 // as the PDF: the outline also stroked, 3 % of the size wide
	}
	bx, by := floorUM(left-stroke/2), floorUM(top-stroke/2)
	bw, bh := ceilUM(right+stroke/2)-bx, ceilUM(bottom+stroke/2)-by

	attrs := []string{"ID", strconv.Itoa(d.id()), "Boundary", box(bx, by, bw, bh),
		"Font", strconv.Itoa(f.id), "Size", num(float64(size)*25.4/72, 4)}
	if r0.Bold {
		attrs = append(attrs, "Stroke", "true", "LineWidth", num(float64(stroke)*25.4/72, 4))
	}
	x.open("TextObject", attrs...)
	d.color(x, "FillColor", r0.Color)
	if r0.Bold {
		d.color(x, "StrokeColor", r0.Color)
	}
	var delta strings.Builder
	for i := 1; i < len(origins); i++ {
		if i > 1 {
			delta.WriteByte(' ')
		}
		delta.WriteString(mm(origins[i] - origins[i-1]))
	}
	codeAttrs := []string{"X", mm(origins[0] - bx), "Y", mm(um(baseline) - by)}
	if delta.Len() > 0 {
		codeAttrs = append(codeAttrs, "DeltaX", delta.String())
	}
	x.leaf("TextCode", text.String(), codeAttrs...)
	x.close("TextObject")
}

// drawRule writes a rule as a stroked path. OFD's default caps are butt caps, as the
// PDF draws rules: a rule ends where it is measured to end.
func (d *doc) drawRule(x *xmlWriter, r typeset.Rule) {
	hw := r.Width / 2
	bx, by := floorUM(min(r.X1, r.X2)-hw), floorUM(min(r.Y1, r.Y2)-hw)
	bw, bh := ceilUM(max(r.X1, r.X2)+hw)-bx, ceilUM(max(r.Y1, r.Y2)+hw)-by
	x.open("PathObject", "ID", strconv.Itoa(d.id()), "Boundary", box(bx, by, bw, bh), "LineWidth", num(float64(r.Width)*25.4/72, 4))
	d.color(x, "StrokeColor", r.Color)
	x.leaf("AbbreviatedData", "M "+point(r.X1, r.Y1, bx, by)+" L "+point(r.X2, r.Y2, bx, by))
	x.close("PathObject")
}

// drawShape writes a filled outline (nonzero winding, OFD's default rule, as TrueType
// outlines are drawn). OFD has quadratic curves, so they stay as they are.
func (d *doc) drawShape(x *xmlWriter, sh typeset.Shape) {
	if len(sh.Segs) == 0 {
		return
	}
	// The boundary is the box of the rounded points (control points included), so the
	// outline's coordinates within it start at 0.
	x0, y0 := int64(math.MaxInt64), int64(math.MaxInt64)
	x1, y1 := -x0, -y0
	add := func(x, y typeset.Pt) {
		x0, y0, x1, y1 = min(x0, um(x)), min(y0, um(y)), max(x1, um(x)), max(y1, um(y))
	}
	for _, s := range sh.Segs {
		if s.Op == 'Q' {
			add(s.CX, s.CY)
		}
		if s.Op != 'Z' {
			add(s.X, s.Y)
		}
	}
	if x0 > x1 {
		return // only closes: nothing to draw
	}
	bx, by := x0, y0
	var p strings.Builder
	for _, s := range sh.Segs {
		if p.Len() > 0 {
			p.WriteByte(' ')
		}
		switch s.Op {
		case 'M', 'L':
			p.WriteString(string(s.Op) + " " + point(s.X, s.Y, bx, by))
		case 'Q':
			p.WriteString("Q " + point(s.CX, s.CY, bx, by) + " " + point(s.X, s.Y, bx, by))
		case 'Z':
			p.WriteString("C")
		}
	}
	x.open("PathObject", "ID", strconv.Itoa(d.id()), "Boundary", box(bx, by, x1-bx, y1-by), "Stroke", "false", "Fill", "true")
	d.color(x, "FillColor", sh.Color)
	x.leaf("AbbreviatedData", p.String())
	x.close("PathObject")
}

// drawImage writes an image scaled into its box: OFD draws an image into the unit
// square, which the CTM stretches to the boundary's size.
func (d *doc) drawImage(x *xmlWriter, im typeset.Image) {
	m := d.byPath[im.Path]
	bx, by := um(im.X), um(im.Y)
	bw, bh := um(im.X+im.W)-bx, um(im.Y+im.H)-by
	x.empty("ImageObject", "ID", strconv.Itoa(d.id()), "Boundary", box(bx, by, bw, bh),
		"CTM", mm(bw)+" 0 0 "+mm(bh)+" 0 0", "ResourceID", strconv.Itoa(m.id))
}

// color writes a FillColor or StrokeColor element for the ink k.
func (d *doc) color(x *xmlWriter, name string, k typeset.Ink) {
	c := d.inks[k]
	x.empty(name, "ColorSpace", strconv.Itoa(c.space.id), "Value", c.value)
}

// point writes a point relative to a boundary's corner (bx, by), in millimetres.
func point(px, py typeset.Pt, bx, by int64) string {
	return mm(um(px)-bx) + " " + mm(um(py)-by)
}

func floorUM(p typeset.Pt) int64 { return int64(math.Floor(float64(p) * 25400 / 72)) }
func ceilUM(p typeset.Pt) int64  { return int64(math.Ceil(float64(p) * 25400 / 72)) }

// num writes v with at most prec decimals.
func num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
