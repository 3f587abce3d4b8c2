package pdf_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/pdf"
	"github.com/gongwen/gongwen/generator/typeset"
)

// setup loads the report preset and the bundled fonts.
func setup(t testing.TB) (*layout.Preset, typeset.Fonts, map[layout.Role]pdf.Subsetter) {
	t.Helper()
	p := testdoc.Preset()
	faces, err := testdoc.Fonts(p)
	if err != nil {
		t.Fatal(err)
	}
	f := typeset.Fonts{}
	subs := map[layout.Role]pdf.Subsetter{}
	for r, face := range faces {
		f[r], subs[r] = face, face
	}
	return p, f, subs
}

var testMeta = pdf.Meta{Title: "标题", Author: "XX旗统计局", Date: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}

// render typesets a generated document of about pages pages and writes it.
func render(t testing.TB, pages int) (*typeset.Result, []byte) {
	t.Helper()
	p, f, subs := setup(t)
	res, err := typeset.Typeset(testdoc.Generated(pages), p, f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	return res, buf.Bytes()
}

// stext is the part of MuPDF's structured text we read back.
type stext struct {
	Pages []struct {
		Blocks []struct {
			Lines []struct {
				Fonts []stextFont `xml:"font"`
			} `xml:"line"`
		} `xml:"block"`
	} `xml:"page"`
}

type stextFont struct {
	Name  string      `xml:"name,attr"`
	Size  string      `xml:"size,attr"`
	Chars []stextChar `xml:"char"`
}

type stextChar struct {
	C string `xml:"c,attr"`
	X string `xml:"x,attr"`
	Y string `xml:"y,attr"`
}

// fontChars lists the characters of each font span of a line.
func fontChars(fonts []stextFont) [][]stextChar {
	var out [][]stextChar
	for _, f := range fonts {
		out = append(out, f.Chars)
	}
	return out
}

type char struct {
	x, y float64
	size float64
	font string
}

// TestPositions reads the PDF back with MuPDF and finds every typeset glyph run's
// first character where the typesetter put it, in the font it chose (MuPDF names a font
// by its PostScript name, without the subset tag).
func TestPositions(t *testing.T) {
	if _, err := exec.LookPath("mutool"); err != nil {
		t.Skip("mutool (mupdf-tools) not installed")
	}
	res, data := render(t, 5)
	_, _, subs := setup(t)
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var st stext
	if err := xml.Unmarshal(out, &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Pages) != len(res.Pages) {
		t.Fatalf("PDF has %d pages, typeset %d", len(st.Pages), len(res.Pages))
	}
	num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	checked := 0
	for i, pg := range res.Pages {
		// every character of the page, by its text
		found := map[string][]char{}
		for _, b := range st.Pages[i].Blocks {
			for _, l := range b.Lines {
				for _, f := range l.Fonts {
					for _, c := range f.Chars {
						found[c.C] = append(found[c.C], char{num(c.X), num(c.Y), num(f.Size), f.Name})
					}
				}
			}
		}
		lines := append([]*typeset.Line{}, pg.Lines...)
		lines = append(lines, pg.Folio)
		for _, l := range lines {
			for _, r := range l.Runs {
				first := string([]rune(r.Text)[0])
				var c char
				ok := false
				for _, cand := range found[first] {
					if math.Abs(cand.x-float64(r.X)) <= 0.02 && math.Abs(cand.y-float64(l.Baseline)) <= 0.02 {
						c, ok = cand, true
					}
				}
				if !ok {
					t.Errorf("page %d: %q not found within 0.02 pt of (%.2f, %.2f)", pg.Number, r.Text, r.X, l.Baseline)
					continue
				}
				if want := subs[r.Font].Metrics().PostScriptName; math.Abs(c.size-float64(r.Size)) > 0.01 || c.font != want {
					t.Errorf("page %d: %q in %s %.1f pt, want %s (%s) %.1f pt", pg.Number, r.Text, c.font, c.size, want, r.Font, r.Size)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d runs checked", checked)
	}
}

func TestDeterministic(t *testing.T) {
	_, a := render(t, 2)
	_, b := render(t, 2)
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same pages differ")
	}
	if !bytes.Contains(a, []byte("D:20240110000000")) {
		t.Error("the PDF's dates are not the document's date")
	}
}

// BenchmarkWrite measures typesetting plus PDF output for generated documents.
func BenchmarkWrite(b *testing.B) {
	p := testdoc.Preset()
	faces, err := testdoc.Fonts(p)
	if err != nil {
		b.Fatal(err)
	}
	f := typeset.Fonts{}
	subs := map[layout.Role]pdf.Subsetter{}
	for r, face := range faces {
		f[r], subs[r] = face, face
	}
	for _, pages := range []int{30, 100, 300} {
		doc := testdoc.Generated(pages)
		b.Run(fmt.Sprint(pages, "pages"), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				res, err := typeset.Typeset(doc, p, f)
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if err := pdf.Write(&buf, res, p, subs, pdf.Meta{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteOnly measures the PDF output alone, of documents typeset once.
func BenchmarkWriteOnly(b *testing.B) {
	p, f, subs := setup(b)
	for _, pages := range []int{8, 30, 300} {
		res, err := typeset.Typeset(testdoc.Generated(pages), p, f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(pages, "pages"), func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for i := 0; i < b.N; i++ {
				buf.Reset()
				if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}
