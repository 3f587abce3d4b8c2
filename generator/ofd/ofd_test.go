package ofd_test

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/typeset"
)

// sampleFiles are every sample and every printed-element case: each must build to OFD.
func sampleFiles(t *testing.T) []string {
	t.Helper()
	root := testdoc.Root()
	var files []string
	for _, pattern := range []string{"samples/*.toml", "generator/testdata/print/*.toml"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d sample files found", len(files))
	}
	return files
}

// build renders a content file as PDF and OFD with the bundled fonts.
func build(t *testing.T, file string) *generator.Output {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, err := generator.NewBuilder(nil, false).Render(file, src, []generator.Format{generator.PDF, generator.OFD})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func ptToMM(p typeset.Pt) float64 { return float64(p) * 25.4 / 72 }

// The tables an OFD reader needs of a TrueType font (issue 17).
var wantTables = []string{"cmap", "glyf", "loca", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post"}

// TestSamples builds every sample to OFD and reads it back: a valid package whose every
// reference resolves, the typeset pages' text in reading order, every glyph where the
// typesetter put it, the PDF's text and glyph positions, and the same bytes twice.
func TestSamples(t *testing.T) {
	for _, file := range sampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			out := build(t, file)
			data := out.Files[generator.OFD]
			p, err := read(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range p.problems {
				t.Error(pr)
			}
			checkDocument(t, p, out)
			if len(p.pages) != len(out.Result.Pages) {
				t.Fatalf("%d pages, want %d", len(p.pages), len(out.Result.Pages))
			}
			for i, pg := range out.Result.Pages {
				checkPage(t, p.pages[i], pg, out.Faces)
			}
			checkAgainstPDF(t, p, out)
			if again := build(t, file); !bytes.Equal(again.Files[generator.OFD], data) {
				t.Error("two builds give different OFD bytes")
			}
		})
	}
}

// checkDocument checks the document information, the fonts and the resources.
func checkDocument(t *testing.T, p *pkg, out *generator.Output) {
	t.Helper()
	wantNames := []string{"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml"}
	if len(out.Images()) > 0 {
		wantNames = append(wantNames, "Doc_0/DocumentRes.xml")
	}
	for i := range out.Result.Pages {
		wantNames = append(wantNames, fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i))
	}
	if got := p.names[:min(len(wantNames), len(p.names))]; !slices.Equal(got, wantNames) {
		t.Errorf("parts %q, want first %q", got, wantNames)
	}
	d := out.Doc.Date
	if want := fmt.Sprintf("%04d-%02d-%02d", max(d.Year, 2000), max(d.Month, 1), max(d.Day, 1)); p.creationDate != want {
		t.Errorf("CreationDate %q, want %q (the 成文日期)", p.creationDate, want)
	}
	if p.title != out.Doc.Title || p.author != out.Doc.Author {
		t.Errorf("Title, Author %q %q, want %q %q", p.title, p.author, out.Doc.Title, out.Doc.Author)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(p.docID) {
		t.Errorf("DocID %q", p.docID)
	}
	if len(p.fonts) == 0 {
		t.Fatal("no fonts")
	}
	for id, f := range p.fonts {
		for _, tag := range wantTables {
			if !slices.Contains(f.tables, tag) {
				t.Errorf("font %d (%s): no %s table", id, f.name, tag)
			}
		}
		if f.name == "" || f.family == "" {
			t.Errorf("font %d: FontName %q FamilyName %q", id, f.name, f.family)
		}
	}
	if len(p.media) != len(out.Images()) {
		t.Errorf("%d multimedia resources, want %d images", len(p.media), len(out.Images()))
	}
	for id, png := range p.media {
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("multimedia %d is not a PNG", id)
		}
	}
}

// near reports whether two lengths in mm agree to 0.01 mm.
func near(a, b float64) bool { return math.Abs(a-b) <= 0.01 }

// checkPage compares a page read back with the typeset page: size, text, each glyph's
// origin, rules, shapes and images, and the inks.
func checkPage(t *testing.T, rp *readPage, pg *typeset.Page, faces typeset.Fonts) {
	t.Helper()
	if !near(rp.width, ptToMM(pg.Width)) || !near(rp.height, ptToMM(pg.Height)) {
		t.Errorf("page %d: %g × %g mm, want %g × %g", pg.Number, rp.width, rp.height, ptToMM(pg.Width), ptToMM(pg.Height))
	}
	lines := slices.Clone(pg.Lines)
	if pg.Folio != nil {
		lines = append(lines, pg.Folio)
	}
	var want strings.Builder
	type glyph struct {
		r    rune
		x, y float64
	}
	var glyphs []glyph
	for _, l := range lines {
		want.WriteString(l.Text())
		for _, r := range l.Runs {
			for _, g := range r.Glyphs(faces[r.Font]) {
				glyphs = append(glyphs, glyph{g.Rune, ptToMM(r.X + g.X + g.Ink), ptToMM(l.Baseline)})
			}
		}
	}
	if got := rp.text(); got != want.String() {
		t.Errorf("page %d: text\n%s\nwant\n%s", pg.Number, got, want.String())
	}
	i, bad := 0, 0
	for _, tx := range rp.texts {
		if tx.cgTransforms > 0 {
			t.Errorf("page %d: a CGTransform in %q: every glyph is the font's own", pg.Number, tx.text)
		}
		for j, r := range []rune(tx.text) {
			if i >= len(glyphs) {
				break
			}
			g := glyphs[i]
			if r != g.r || !near(tx.xs[j], g.x) || !near(tx.y, g.y) {
				if bad++; bad <= 5 {
					t.Errorf("page %d: glyph %d 「%c」 at (%.4f, %.4f) mm, typeset 「%c」 at (%.4f, %.4f)", pg.Number, i, r, tx.xs[j], tx.y, g.r, g.x, g.y)
				}
			}
			// the glyph lies within its object's boundary
			if b := tx.boundary; tx.xs[j] < b[0] || tx.xs[j] > b[0]+b[2] || tx.y < b[1] || tx.y > b[1]+b[3] {
				t.Errorf("page %d: 「%c」 at (%.3f, %.3f) outside the boundary %v", pg.Number, r, tx.xs[j], tx.y, b)
			}
			i++
		}
	}
	if bad > 0 {
		t.Errorf("page %d: %d glyphs misplaced", pg.Number, bad)
	}

	var rules, shapes []*readPath
	for _, pa := range rp.paths {
		if pa.fill != "" {
			shapes = append(shapes, pa)
		} else {
			rules = append(rules, pa)
		}
	}
	if len(rules) != len(pg.Rules) || len(shapes) != len(pg.Shapes) || len(rp.images) != len(pg.Images) {
		t.Fatalf("page %d: %d rules, %d shapes, %d images; want %d, %d, %d", pg.Number,
			len(rules), len(shapes), len(rp.images), len(pg.Rules), len(pg.Shapes), len(pg.Images))
	}
	for k, r := range pg.Rules {
		got := rules[k]
		f := strings.Fields(got.data) // M x1 y1 L x2 y2, from the boundary's corner
		if len(f) != 6 || f[0] != "M" || f[3] != "L" {
			t.Errorf("page %d: rule %d: AbbreviatedData %q", pg.Number, k, got.data)
			continue
		}
		v := func(i int, origin float64) float64 { x, _ := strconv.ParseFloat(f[i], 64); return x + origin }
		b := got.boundary
		if !near(v(1, b[0]), ptToMM(r.X1)) || !near(v(2, b[1]), ptToMM(r.Y1)) || !near(v(4, b[0]), ptToMM(r.X2)) || !near(v(5, b[1]), ptToMM(r.Y2)) ||
			!near(got.lineWidth, ptToMM(r.Width)) {
			t.Errorf("page %d: rule %d: %q in %v, width %g; want (%g %g)–(%g %g) mm, width %g", pg.Number, k, got.data, b, got.lineWidth,
				ptToMM(r.X1), ptToMM(r.Y1), ptToMM(r.X2), ptToMM(r.Y2), ptToMM(r.Width))
		}
	}
	for k, im := range pg.Images {
		b := rp.images[k].boundary
		if !near(b[0], ptToMM(im.X)) || !near(b[1], ptToMM(im.Y)) || !near(b[2], ptToMM(im.W)) || !near(b[3], ptToMM(im.H)) {
			t.Errorf("page %d: image at %v, want %g %g %g %g", pg.Number, b, ptToMM(im.X), ptToMM(im.Y), ptToMM(im.W), ptToMM(im.H))
		}
		if ctm := fmt.Sprintf("%g 0 0 %g 0 0", b[2], b[3]); rp.images[k].ctm != ctm {
			t.Errorf("page %d: image CTM %q, want %q", pg.Number, rp.images[k].ctm, ctm)
		}
	}
}

// checkAgainstPDF compares the OFD with the PDF built beside it, as MuPDF reads the
// PDF: each page's text, and every glyph's origin (the PDF draws a compressed opening
// mark as a half-width glyph at its box, the OFD as the full glyph half an em left of
// it: the same ink).
func checkAgainstPDF(t *testing.T, p *pkg, out *generator.Output) {
	t.Helper()
	if _, err := exec.LookPath("mutool"); err != nil {
		t.Log("mutool not installed: the OFD is compared with the typeset pages only")
		return
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, out.Files[generator.PDF], 0o644); err != nil {
		t.Fatal(err)
	}
	chars := stext(t, path)
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	for i, pg := range out.Result.Pages {
		var pdf strings.Builder
		for _, c := range chars[i+1] {
			pdf.WriteString(c.c)
		}
		if got, want := strip(p.pages[i].text()), strip(pdf.String()); got != want {
			t.Errorf("page %d: OFD text\n%s\nPDF text (MuPDF)\n%s", pg.Number, got, want)
		}
		// The ink offset of each of the OFD's glyphs, in order (typeset.Glyph.Ink).
		var inks []float64
		lines := slices.Clone(pg.Lines)
		if pg.Folio != nil {
			lines = append(lines, pg.Folio)
		}
		for _, l := range lines {
			for _, r := range l.Runs {
				for _, g := range r.Glyphs(out.Faces[r.Font]) {
					inks = append(inks, ptToMM(g.Ink))
				}
			}
		}
		k, bad := 0, 0
		for _, tx := range p.pages[i].texts {
			for j, r := range []rune(tx.text) {
				ink := inks[min(k, len(inks)-1)]
				k++
				if unicode.IsSpace(r) {
					continue // MuPDF makes no character of a space
				}
				x := tx.xs[j] - ink // the PDF's origin: the glyph's box
				found := slices.ContainsFunc(chars[i+1], func(c stextChar) bool {
					return c.c == string(r) && near(c.x*25.4/72, x) && near(c.y*25.4/72, tx.y)
				})
				if !found {
					if bad++; bad <= 5 {
						t.Errorf("page %d: 「%c」 at (%.3f, %.3f) mm: no such glyph in the PDF", pg.Number, r, x, tx.y)
					}
				}
			}
		}
		if bad > 0 {
			t.Errorf("page %d: %d glyphs not where the PDF has them", pg.Number, bad)
		}
	}
}

type stextChar struct {
	c    string
	x, y float64 // origin, points from the top-left
}

// stext lists the characters of each page (from 1) of a PDF as MuPDF reads them.
func stext(t *testing.T, path string) map[int][]stextChar {
	t.Helper()
	res, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path).Output()
	if err != nil {
		t.Fatalf("mutool draw: %v", err)
	}
	out := map[int][]stextChar{}
	page := 0
	tag := regexp.MustCompile(`<(page|char) ([^>]*)>`)
	attr := regexp.MustCompile(`(\w+)="([^"]*)"`)
	for _, m := range tag.FindAllStringSubmatch(string(res), -1) {
		if m[1] == "page" {
			page++
			continue
		}
		var c stextChar
		for _, a := range attr.FindAllStringSubmatch(m[2], -1) {
			switch a[1] {
			case "c":
				c.c = html.UnescapeString(a[2])
			case "x":
				c.x, _ = strconv.ParseFloat(a[2], 64)
			case "y":
				c.y, _ = strconv.ParseFloat(a[2], 64)
			}
		}
		out[page] = append(out[page], c)
	}
	return out
}
