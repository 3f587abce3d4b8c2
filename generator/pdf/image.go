package pdf

import (
	"fmt"
	"image"
	"strconv"

	"github.com/gongwen/gongwen/generator/typeset"
)

// picture is an image XObject: 8-bit RGB samples and, when the image is not opaque,
// its alpha channel as a soft mask (a seal is red ink on transparent ground, so the
// text under it shows through).
type picture struct {
	path     string
	res      string // resource name, /Im1
	obj      int
	w, h     int
	rgb      stream
	alpha    stream
	hasAlpha bool
}

// objects is how many PDF objects the picture takes.
func (p *picture) objects() int {
	if p.hasAlpha {
		return 2
	}
	return 1
}

// newPicture samples an image into RGB and alpha planes.
func newPicture(path string, img image.Image) *picture {
	b := img.Bounds()
	p := &picture{path: path, w: b.Dx(), h: b.Dy()}
	p.rgb.data = make([]byte, 0, 3*p.w*p.h)
	p.alpha.data = make([]byte, 0, p.w*p.h)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a != 0xFFFF {
				p.hasAlpha = true
			}
			// un-premultiply: PDF blends the samples with the soft mask itself
			if a != 0 {
				r, g, bl = r*0xFFFF/a, g*0xFFFF/a, bl*0xFFFF/a
			}
			p.rgb.data = append(p.rgb.data, byte(r>>8), byte(g>>8), byte(bl>>8))
			p.alpha.data = append(p.alpha.data, byte(a>>8))
		}
	}
	return p
}

// write writes the image XObject and its soft mask.
func (p *picture) write(w *writer) {
	extra := fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8", p.w, p.h)
	if p.hasAlpha {
		extra += " /SMask " + strconv.Itoa(p.obj+1) + " 0 R"
	}
	w.stream(p.obj, &p.rgb, extra)
	if p.hasAlpha {
		w.stream(p.obj+1, &p.alpha, fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8", p.w, p.h))
	}
}

// collectPictures finds the images the pages place; every one must have been decoded.
func (d *doc) collectPictures(res *typeset.Result, images map[string]image.Image) error {
	d.byPath = map[string]*picture{}
	pictures, err := res.Pictures(images)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	for _, pc := range pictures {
		p := newPicture(pc.Path, pc.Image)
		p.res = "/Im" + strconv.Itoa(len(d.pictures)+1)
		d.byPath[pc.Path] = p
		d.pictures = append(d.pictures, p)
	}
	return nil
}

// appendImages draws a page's images: each scaled into its box (PDF draws an image
// into the unit square, so the matrix gives its size and place).
func (d *doc) appendImages(b []byte, pg *typeset.Page) []byte {
	for _, im := range pg.Images {
		p := d.byPath[im.Path]
		b = append(b, "q "...)
		b = appendNum(b, float64(im.W), 3)
		b = append(b, " 0 0 "...)
		b = appendNum(b, float64(im.H), 3)
		b = append(b, ' ')
		b = d.appendPoint(b, im.X, im.Y+im.H)
		b = append(b, " cm "...)
		b = append(b, p.res...)
		b = append(b, " Do Q\n"...)
	}
	return b
}
