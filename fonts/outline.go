package fonts

import (
	"errors"
	"fmt"
)

// Segment is one step of a glyph outline, in em with y upwards from the baseline:
// 'M' moves to (X, Y), 'L' draws a line to it, 'Q' a quadratic curve through the
// control point (CX, CY) to it, 'Z' closes the contour.
type Segment struct {
	Op     byte
	X, Y   float64
	CX, CY float64
}

// Outline returns the outline of the glyph that draws r: for drawing text as shapes
// where it must not be text (a 信函's 发文机关标志 above the 版心).
func (f *Face) Outline(r rune) ([]Segment, error) {
	g := f.glyph(r)
	if g == 0 {
		return nil, fmt.Errorf("字体 %s 中没有字符「%c」（U+%04X）", f.source, r, r)
	}
	var out []Segment
	if err := f.outline(g, 1, 0, 0, 1, 0, 0, 0, &out); err != nil {
		return nil, fmt.Errorf("字体 %s 的字形 %d：%w", f.source, g, err)
	}
	em := float64(f.unitsPerEm)
	for i := range out {
		out[i].X, out[i].Y, out[i].CX, out[i].CY = out[i].X/em, out[i].Y/em, out[i].CX/em, out[i].CY/em
	}
	return out, nil
}

var errGlyph = errors.New("字形数据损坏")

// outline appends glyph g's contours, transformed by the matrix [a b; c d] and the
// offset (dx, dy), in font units. Composite glyphs recurse into their components.
func (f *Face) outline(g int, a, b, c, d, dx, dy float64, depth int, out *[]Segment) error {
	if g < 0 || g >= f.numGlyphs || depth > 8 {
		return errGlyph
	}
	data, err := f.glyphData(g)
	if err != nil || len(data) == 0 {
		return err
	}
	if len(data) < compositeHeader {
		return errGlyph
	}
	tr := func(x, y float64) (float64, float64) { return a*x + c*y + dx, b*x + d*y + dy }
	n := int(i16(data, 0))
	if n < 0 {
		return f.compositeOutline(data, a, b, c, d, dx, dy, depth, out)
	}
	p := compositeHeader
	if p+2*n+2 > len(data) {
		return errGlyph
	}
	ends := make([]int, n)
	for i := range ends {
		ends[i] = int(u16(data, p+2*i))
	}
	p += 2 * n
	if n == 0 {
		return nil
	}
	points := ends[n-1] + 1
	p += 2 + int(u16(data, p)) // instructions
	flags := make([]byte, 0, points)
	for len(flags) < points {
		if p >= len(data) {
			return errGlyph
		}
		fl := data[p]
		p++
		flags = append(flags, fl)
		if fl&0x08 != 0 {
			if p >= len(data) {
				return errGlyph
			}
			for k := 0; k < int(data[p]) && len(flags) < points; k++ {
				flags = append(flags, fl)
			}
			p++
		}
	}
	coords := func(short, same byte) ([]float64, error) {
		vs := make([]float64, points)
		v := 0
		for i, fl := range flags {
			switch {
			case fl&short != 0:
				if p >= len(data) {
					return nil, errGlyph
				}
				if fl&same != 0 {
					v += int(data[p])
				} else {
					v -= int(data[p])
				}
				p++
			case fl&same == 0:
				if p+2 > len(data) {
					return nil, errGlyph
				}
				v += int(i16(data, p))
				p += 2
			}
			vs[i] = float64(v)
		}
		return vs, nil
	}
	xs, err := coords(0x02, 0x10)
	if err != nil {
		return err
	}
	ys, err := coords(0x04, 0x20)
	if err != nil {
		return err
	}
	start := 0
	for _, end := range ends {
		if end < start || end >= points {
			return errGlyph
		}
		contour(flags[start:end+1], xs[start:end+1], ys[start:end+1], tr, out)
		start = end + 1
	}
	return nil
}

// contour turns one TrueType contour (on- and off-curve points) into segments; two
// off-curve points in a row imply an on-curve point midway.
func contour(flags []byte, xs, ys []float64, tr func(x, y float64) (float64, float64), out *[]Segment) {
	type point struct {
		x, y float64
		on   bool
	}
	n := len(flags)
	pts := make([]point, n)
	start := -1
	for i := range pts {
		pts[i] = point{xs[i], ys[i], flags[i]&0x01 != 0}
		if pts[i].on && start < 0 {
			start = i
		}
	}
	// begin on an on-curve point (implied midway if there is none) and end there again
	seq := make([]point, 0, n+2)
	if start < 0 {
		seq = append(seq, point{(pts[0].x + pts[n-1].x) / 2, (pts[0].y + pts[n-1].y) / 2, true})
		seq = append(seq, pts...)
	} else {
		seq = append(append(seq, pts[start:]...), pts[:start]...)
	}
	seq = append(seq, seq[0])
	emit := func(op byte, p point, c point) {
		x, y := tr(p.x, p.y)
		cx, cy := tr(c.x, c.y)
		*out = append(*out, Segment{Op: op, X: x, Y: y, CX: cx, CY: cy})
	}
	emit('M', seq[0], seq[0])
	var ctrl point
	pending := false
	for _, p := range seq[1:] {
		switch {
		case p.on && pending:
			emit('Q', p, ctrl)
			pending = false
		case p.on:
			emit('L', p, p)
		case pending:
			emit('Q', point{(ctrl.x + p.x) / 2, (ctrl.y + p.y) / 2, true}, ctrl)
			ctrl = p
		default:
			ctrl, pending = p, true
		}
	}
	*out = append(*out, Segment{Op: 'Z'})
}

// compositeOutline draws each component with its offset and scale.
func (f *Face) compositeOutline(data []byte, a, b, c, d, dx, dy float64, depth int, out *[]Segment) error {
	p := compositeHeader
	for {
		if p+4 > len(data) {
			return errGlyph
		}
		flags := u16(data, p)
		g := int(u16(data, p+2))
		p += 4
		var ox, oy float64
		if flags&argsAreWords != 0 {
			if p+4 > len(data) {
				return errGlyph
			}
			ox, oy = float64(i16(data, p)), float64(i16(data, p+2))
			p += 4
		} else {
			if p+2 > len(data) {
				return errGlyph
			}
			ox, oy = float64(int8(data[p])), float64(int8(data[p+1]))
			p += 2
		}
		f2 := func(off int) float64 { return float64(i16(data, off)) / 16384 }
		sa, sb, sc, sd := 1.0, 0.0, 0.0, 1.0
		switch {
		case flags&haveScale != 0 && p+2 <= len(data):
			sa = f2(p)
			sd = sa
			p += 2
		case flags&haveXYScale != 0 && p+4 <= len(data):
			sa, sd = f2(p), f2(p+2)
			p += 4
		case flags&haveTwoByTwo != 0 && p+8 <= len(data):
			sa, sb, sc, sd = f2(p), f2(p+2), f2(p+4), f2(p+6)
			p += 8
		}
		// component matrix, then the offset, then the parent's transform
		na, nb := a*sa+c*sb, b*sa+d*sb
		nc, nd := a*sc+c*sd, b*sc+d*sd
		ndx, ndy := a*ox+c*oy+dx, b*ox+d*oy+dy
		if err := f.outline(g, na, nb, nc, nd, ndx, ndy, depth+1, out); err != nil {
			return err
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}
