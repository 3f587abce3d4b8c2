// Package pdf draws typeset pages into a PDF 1.7 file. It decides nothing about layout:
// every run arrives with its font, size and position, every rule with its ends.
//
// The writer is our own (see docs/pdf.md): each font role is embedded once as a Type0
// font over a subset of its TrueType file, text is written as glyph IDs, and the file
// is built in memory, so an error leaves w untouched. The same input gives the same
// bytes.
package pdf

import (
	"fmt"
	"image"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Subsetter is a font the PDF embeds a subset of. *fonts.Face implements it.
type Subsetter interface {
	// SubsetHalves returns a TrueType file with the glyphs of runes, under their own glyph
	// IDs, and a half-width glyph for each of halves, with IDs from NumGlyphs() on.
	SubsetHalves(runes []rune, halves []fonts.Half) ([]byte, error)
	// NumGlyphs returns the number of glyphs of the font.
	NumGlyphs() int
	// GlyphID returns the glyph of r, 0 if the font lacks it.
	GlyphID(r rune) uint16
	// Advance returns the advance width of r in em.
	Advance(r rune) float64
	// Metrics returns the figures of the font descriptor and the PostScript name.
	Metrics() fonts.Metrics
}

// Meta is the document information written into the PDF.
type Meta struct {
	Title  string
	Author string
	Date   time.Time // creation and modification date; fixed, so the bytes repeat
	// Images holds the decoded pictures the pages place (the seal), by path.
	Images map[string]image.Image
}

// doc is a document being written.
type doc struct {
	fonts   []*font // by role name
	byRole  map[layout.Role]*font
	width   float64 // page size in points, as the MediaBox states it
	height  float64
	inks    [2][]byte // the colour operands of each typeset.Ink, for fill (rg, k, g) and stroke
	objects int       // the next free object number once all are numbered

	pictures []*picture
	byPath   map[string]*picture
}

// The objects: these four, then each page and its content stream, then each font's
// objects (see font.objects).
const (
	objCatalog = 1 + iota
	objPages
	objInfo
	objResources
	objFirstPage
)

// Write draws the pages of res on pages of the preset's size. fonts supplies each
// role's font; only the glyphs drawn are embedded. Nothing is written to w unless the
// whole document could be built.
func Write(w io.Writer, res *typeset.Result, p *layout.Preset, fonts map[layout.Role]Subsetter, meta Meta) error {
	d, err := collect(res, fonts)
	if err != nil {
		return err
	}
	if err := d.collectPictures(res, meta.Images); err != nil {
		return err
	}
	// Two decimals, as A4 is usually written (595.28 × 841.89); y is flipped with the same
	// height, so every position measured from the top-left stays exact.
	d.width = math.Round(float64(p.Page.Width.Pt())*100) / 100
	d.height = math.Round(float64(p.Page.Height.Pt())*100) / 100
	for k := range d.inks {
		d.inks[k] = appendInk(nil, res.CMYK(typeset.Ink(k)))
	}
	n := len(res.Pages)
	d.objects = objFirstPage + 2*n
	for i, f := range d.fonts {
		f.obj = d.objects
		d.objects += f.objects()
		f.res = [][]byte{append([]byte("/F"), strconv.Itoa(i+1)...)}
		for v := 1; v < len(f.glyphs); v++ {
			f.res = append(f.res, fmt.Appendf(nil, "/F%dv%d", i+1, v))
		}
	}
	for _, p := range d.pictures {
		p.obj = d.objects
		d.objects += p.objects()
	}

	// Subsetting and compression take most of the time, so they run on every core: first
	// the fonts are cut and the pages drawn, then every stream is compressed in parts.
	contents := make([]stream, n)
	errs := make([]error, len(d.fonts))
	parallel(len(d.fonts)+n, func(_ *compressors, j int) {
		if j < len(d.fonts) {
			errs[j] = d.fonts[j].prepare()
			return
		}
		i := j - len(d.fonts)
		contents[i].data = d.content(make([]byte, 0, contentSize(res.Pages[i])), res.Pages[i])
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	// The big font files go first, so that the cores finish together. Their outlines
	// (glyf) are coded with Huffman codes only: see docs/pdf.md for the measurements.
	var streams []*stream
	for _, f := range d.fonts {
		f.file.split(glyfRange(f.file.data))
		streams = append(streams, &f.file)
	}
	for _, f := range d.fonts {
		f.cmap.split(0, 0)
		streams = append(streams, &f.cmap)
		for v := range f.cmaps {
			f.cmaps[v].split(0, 0)
			streams = append(streams, &f.cmaps[v])
		}
	}
	for i := range contents {
		contents[i].split(0, 0)
		streams = append(streams, &contents[i])
	}
	for _, p := range d.pictures {
		p.rgb.split(0, 0)
		streams = append(streams, &p.rgb)
		if p.hasAlpha {
			p.alpha.split(0, 0)
			streams = append(streams, &p.alpha)
		}
	}
	type job struct {
		s *stream
		i int
	}
	var jobs []job
	for _, s := range streams {
		for i := range s.parts {
			jobs = append(jobs, job{s, i})
		}
	}
	parallel(len(jobs), func(c *compressors, j int) { jobs[j].s.compressPart(c, jobs[j].i) })
	size := 8192 + 256*n
	for _, s := range streams {
		size += s.zlibLen()
	}
	for _, f := range d.fonts {
		size += 512 + 16*len(f.runes)
	}

	out := &writer{b: make([]byte, 0, size)}
	d.write(out, res, contents, meta)
	if out.err != nil {
		return out.err
	}
	if _, err := w.Write(out.b); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// parallel calls fn(c, 0) … fn(c, jobs-1) on as many goroutines as there are cores;
// c holds the calling goroutine's compressors.
func parallel(jobs int, fn func(c *compressors, j int)) {
	workers := min(runtime.GOMAXPROCS(0), jobs)
	var next atomic.Int64
	loop := func() {
		var c compressors
		for j := int(next.Add(1)) - 1; j < jobs; j = int(next.Add(1)) - 1 {
			fn(&c, j)
		}
		c.release()
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(loop)
	}
	loop()
	wg.Wait()
}

// contentSize estimates the size of a page's content stream: four hex digits a
// character (three bytes of UTF-8 for most), the operators of each run and rule.
func contentSize(pg *typeset.Page) int {
	n := 64 + 48*len(pg.Rules)
	lines := pg.Lines
	if pg.Folio != nil {
		lines = append(lines[:len(lines):len(lines)], pg.Folio)
	}
	for _, l := range lines {
		for _, r := range l.Runs {
			n += 64 + len(r.Text)*4/3
		}
	}
	return n
}

// collect finds the fonts the runs use and the glyph of every character drawn. A
// character the run's font lacks is an error naming it (the typesetter never hands one
// over).
func collect(res *typeset.Result, faces map[layout.Role]Subsetter) (*doc, error) {
	d := &doc{byRole: map[layout.Role]*font{}}
	var f *font
	use := func(pg int, l *typeset.Line) error {
		for i := range l.Runs {
			r := &l.Runs[i]
			if f == nil || f.role != r.Font {
				if f = d.byRole[r.Font]; f == nil {
					face := faces[r.Font]
					if face == nil {
						return fmt.Errorf("pdf: no font for role %q", r.Font)
					}
					f = &font{role: r.Font, face: face, gid: make([]uint16, 0x10000)}
					d.byRole[r.Font] = f
					d.fonts = append(d.fonts, f)
				}
			}
			for _, c := range r.Text {
				if r.Half != typeset.Full {
					h := fonts.Half{Rune: c, Left: r.Half == typeset.HalfLeft}
					if _, ok := f.half[h]; ok {
						continue
					}
					if f.face.GlyphID(c) == 0 {
						return fmt.Errorf("pdf: 第 %d 页：%s 的字体中没有「%c」（U+%04X）", pg, r.Font, c, c)
					}
					if f.half == nil {
						f.half = map[fonts.Half]uint16{}
					}
					f.half[h] = 0 // numbered by sortGlyphs
					continue
				}
				if f.glyphID(c) != 0 {
					continue
				}
				g := f.face.GlyphID(c)
				if g == 0 {
					return fmt.Errorf("pdf: 第 %d 页：%s 的字体中没有「%c」（U+%04X）", pg, r.Font, c, c)
				}
				f.use(c, g)
			}
		}
		return nil
	}
	for _, pg := range res.Pages {
		for _, sh := range pg.Shapes {
			for _, s := range sh.Segs {
				if !strings.ContainsRune("MLQZ", rune(s.Op)) {
					return nil, fmt.Errorf("pdf: 第 %d 页：未知的路径操作 %q", pg.Number, s.Op)
				}
			}
		}
		for _, l := range pg.Lines {
			if err := use(pg.Number, l); err != nil {
				return nil, err
			}
		}
		if pg.Folio != nil {
			if err := use(pg.Number, pg.Folio); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(d.fonts, func(a, b *font) int { return strings.Compare(string(a.role), string(b.role)) })
	for _, f := range d.fonts {
		f.sortGlyphs()
	}
	return d, nil
}
