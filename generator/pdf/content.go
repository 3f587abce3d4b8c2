package pdf

import (
	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// content appends the content stream of a page to b: its rules, its shapes (filled
// outlines), then every run of its lines and page number, each as one text object:
// BT [/Fn size Tf] [Tc] x y Td <glyph IDs> Tj ET. PDF puts the origin at the bottom-left,
// so every y is taken from the page height. Text state and colours persist across text
// objects within the page, so Tf, Tc and the ink are written only when they change.
// Every ink is set before its first use, in DeviceGray for black alone and DeviceCMYK
// otherwise (§6.2: a print shop prints black as BL100%, red as Y80% M80%).
func (d *doc) content(b []byte, pg *typeset.Page) []byte {
	if len(pg.Rules) > 0 {
		b = append(b, "0 J\n"...) // butt caps: a rule ends where it is measured to end
		width, stroke := typeset.Pt(-1), noInk
		for _, r := range pg.Rules {
			if r.Width != width {
				width = r.Width
				b = appendNum(b, float64(width), 3)
				b = append(b, " w\n"...)
			}
			if r.Color != stroke {
				stroke = r.Color
				b = d.appendInk(b, stroke, true)
				b = append(b, '\n')
			}
			b = d.appendPoint(b, r.X1, r.Y1)
			b = append(b, " m "...)
			b = d.appendPoint(b, r.X2, r.Y2)
			b = append(b, " l S\n"...)
		}
	}

	fill := noInk
	for _, sh := range pg.Shapes {
		if sh.Color != fill {
			fill = sh.Color
			b = d.appendInk(b, fill, false)
			b = append(b, '\n')
		}
		b = d.appendPath(b, sh.Segs)
		b = append(b, "f\n"...) // nonzero winding, as TrueType outlines are drawn
	}

	var cur *font // the current font and variant
	curV := 0
	size, tc := typeset.Pt(-1), typeset.Pt(0)
	mode := 0 // text rendering mode: 0 fill, 2 fill and stroke (bold)
	setFont := func(f *font, v int, sz typeset.Pt) {
		if f != cur || v != curV || sz != size {
			cur, curV, size = f, v, sz
			b = append(b, f.res[v]...)
			b = append(b, ' ')
			b = appendNum(b, float64(size), 3)
			b = append(b, " Tf "...)
		}
	}
	draw := func(l *typeset.Line) {
		for i := range l.Runs {
			r := &l.Runs[i]
			if r.Text == "" {
				continue
			}
			f := d.byRole[r.Font]
			want := 0
			if r.Bold {
				want = 2 // no bold face: fill and stroke the outlines
			}
			if r.Color != fill || want == 2 && mode != 2 {
				fill = r.Color
				b = d.appendInk(b, fill, false)
				b = append(b, ' ')
				b = d.appendInk(b, fill, true)
				b = append(b, '\n')
			}
			if want != mode {
				mode = want
				if mode == 2 {
					b = appendNum(b, float64(r.Size)*0.03, 3) // the stroke 3 % of the size
					b = append(b, " w "...)
				}
				b = append(b, byte('0'+mode))
				b = append(b, " Tr\n"...)
			}
			b = append(b, "BT "...)
			v := 0
			if f.variant != nil && r.Half == typeset.Full {
				v = f.variant[firstRune(r.Text)]
			}
			setFont(f, v, r.Size)
			if r.Tc != tc {
				tc = r.Tc
				b = appendNum(b, float64(tc), 4)
				b = append(b, " Tc "...)
			}
			b = d.appendPoint(b, r.X, l.Baseline)
			b = append(b, " Td <"...)
			for _, c := range r.Text {
				if r.Half != typeset.Full {
					// a compressed mark: its half-width glyph (font.half)
					b = appendHex16(b, f.half[fonts.Half{Rune: c, Left: r.Half == typeset.HalfLeft}])
					continue
				}
				if f.variant != nil && f.variant[c] != v {
					// A character of a shared glyph: continue in the variant font that
					// names it (the text position runs on from the last glyph).
					v = f.variant[c]
					b = append(b, "> Tj "...)
					setFont(f, v, r.Size)
					b = append(b, '<')
				}
				b = appendHex16(b, f.glyphID(c))
			}
			b = append(b, "> Tj ET\n"...)
		}
	}
	for _, l := range pg.Lines {
		draw(l)
	}
	if pg.Folio != nil {
		draw(pg.Folio)
	}
	// the seal over the 署名 and date, as ink over ink
	return d.appendImages(b, pg)
}

// appendPath appends the operators of an outline. PDF has no quadratic curves: each is
// drawn as the cubic with the same shape (control points 2/3 of the way to the
// quadratic's). Segments of unknown kinds are left out (collect refuses them).
func (d *doc) appendPath(b []byte, segs []typeset.PathSeg) []byte {
	var x, y, x0, y0 typeset.Pt // the current point and the start of the subpath
	for _, s := range segs {
		switch s.Op {
		case 'M':
			b = d.appendPoint(b, s.X, s.Y)
			b = append(b, " m\n"...)
			x, y, x0, y0 = s.X, s.Y, s.X, s.Y
		case 'L':
			b = d.appendPoint(b, s.X, s.Y)
			b = append(b, " l\n"...)
			x, y = s.X, s.Y
		case 'Q':
			b = d.appendPoint(b, x+(s.CX-x)*2/3, y+(s.CY-y)*2/3)
			b = append(b, ' ')
			b = d.appendPoint(b, s.X+(s.CX-s.X)*2/3, s.Y+(s.CY-s.Y)*2/3)
			b = append(b, ' ')
			b = d.appendPoint(b, s.X, s.Y)
			b = append(b, " c\n"...)
			x, y = s.X, s.Y
		case 'Z':
			b = append(b, "h\n"...)
			x, y = x0, y0
		}
	}
	return b
}

// appendPoint appends x and y, given from the page's top-left corner, in PDF coordinates.
func (d *doc) appendPoint(b []byte, x, y typeset.Pt) []byte {
	b = appendNum(b, float64(x), 3)
	b = append(b, ' ')
	return appendNum(b, d.height-float64(y), 3)
}

// noInk is no ink of typeset's: the state of a page before any ink is set.
const noInk = typeset.Ink(255)

// appendInk appends the operator that sets the ink k for filling or stroking.
func (d *doc) appendInk(b []byte, k typeset.Ink, stroke bool) []byte {
	ops := d.inks[k]
	if stroke {
		// the stroking operators are the filling ones in upper case: G, K
		b = append(b, ops[:len(ops)-1]...)
		return append(b, ops[len(ops)-1]-'a'+'A')
	}
	return append(b, ops...)
}

// appendInk appends the filling operator of an ink: "0 g" for black alone,
// "c m y k k" otherwise, the components from 0 to 1.
func appendInk(b []byte, c layout.CMYK) []byte {
	if c.Gray() {
		b = appendNum(b, 1-c[3]/100, 4)
		return append(b, " g"...)
	}
	for _, v := range c {
		b = appendNum(b, v/100, 4)
		b = append(b, ' ')
	}
	return append(b, 'k')
}

func firstRune(s string) rune {
	for _, c := range s {
		return c
	}
	return 0
}
