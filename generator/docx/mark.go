package docx

import (
	"bytes"
	"encoding/hex"
	"image"
	"image/png"
	"math"

	"golang.org/x/image/vector"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// markDPI is the resolution of a 标志 drawn as a picture: print quality.
const markDPI = 600

// markPicture draws the 标志 shapes of the PDF (a 信函's, which stands above the 版心
// and so is not text there either) into a PNG, and returns it with its box on the
// page, in points.
func markPicture(shapes []typeset.Shape, rgb string) (data []byte, box [4]layout.Pt, err error) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	c, _ := hex.DecodeString(color(rgb)) // a 标志 is red: the DOCX's red
	for _, sh := range shapes {
		for _, s := range sh.Segs {
			if s.Op == 'Z' {
				continue
			}
			pts := [][2]float64{{float64(s.X), float64(s.Y)}}
			if s.Op == 'Q' {
				pts = append(pts, [2]float64{float64(s.CX), float64(s.CY)})
			}
			for _, p := range pts {
				minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
				minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
			}
		}
	}
	if math.IsInf(minX, 0) {
		return nil, box, nil
	}
	k := markDPI / 72.0
	w, h := int(math.Ceil((maxX-minX)*k))+2, int(math.Ceil((maxY-minY)*k))+2
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for _, sh := range shapes {
		r := vector.NewRasterizer(w, h)
		at := func(x, y typeset.Pt) (float32, float32) {
			return float32((float64(x)-minX)*k + 1), float32((float64(y)-minY)*k + 1)
		}
		open := false
		for _, s := range sh.Segs {
			x, y := at(s.X, s.Y)
			switch s.Op {
			case 'M':
				if open {
					r.ClosePath()
				}
				r.MoveTo(x, y)
				open = true
			case 'L':
				r.LineTo(x, y)
			case 'Q':
				cx, cy := at(s.CX, s.CY)
				r.QuadTo(cx, cy, x, y)
			case 'Z':
				r.ClosePath()
				open = false
			}
		}
		mask := image.NewAlpha(image.Rect(0, 0, w, h))
		r.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
		for i, a := range mask.Pix {
			if a == 0 {
				continue
			}
			// shapes do not overlap in a 标志: the larger coverage wins at a shared edge
			if o := img.Pix[4*i+3]; a > o {
				copy(img.Pix[4*i:], []byte{c[0], c[1], c[2], a})
			}
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, box, err
	}
	off := layout.Pt(1 / k)
	box = [4]layout.Pt{layout.Pt(minX) - off, layout.Pt(minY) - off, layout.Pt(float64(w) / k), layout.Pt(float64(h) / k)}
	return buf.Bytes(), box, nil
}
