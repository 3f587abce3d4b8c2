package pdf_test

import (
	"bytes"
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/pdf"
	"github.com/gongwen/gongwen/generator/typeset"
)

// renderSample typesets samples/NAME.toml with its own preset and the bundled fonts, and
// writes it.
func renderSample(t *testing.T, name string) (*typeset.Result, *layout.Preset, map[layout.Role]pdf.Subsetter, []byte) {
	t.Helper()
	doc, p, err := testdoc.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	faces, err := testdoc.Fonts(p)
	if err != nil {
		t.Fatal(err)
	}
	f, subs := typeset.Fonts{}, map[layout.Role]pdf.Subsetter{}
	for r, face := range faces {
		f[r], subs[r] = face, face
	}
	res, err := typeset.Typeset(doc, p, f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	return res, p, subs, buf.Bytes()
}

// traced is a glyph as MuPDF's trace device draws it: its character, glyph ID, origin
// (y from the top of the page) and advance in points.
type traced struct {
	c       string
	gid     int
	x, y    float64
	advance float64
}

// trace lists the glyphs that MuPDF draws on page n, in drawing order.
func trace(t *testing.T, path string, n int, height float64) []traced {
	t.Helper()
	out, err := exec.Command("mutool", "draw", "-q", "-F", "trace", "-o", "-", path, strconv.Itoa(n)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Texts []struct {
			Spans []struct {
				Trm    string `xml:"trm,attr"`
				Glyphs []struct {
					C     string  `xml:"unicode,attr"`
					Glyph int     `xml:"glyph,attr"`
					X     float64 `xml:"x,attr"`
					Y     float64 `xml:"y,attr"`
					Adv   float64 `xml:"adv,attr"`
				} `xml:"g"`
			} `xml:"span"`
		} `xml:"page>fill_text"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var gs []traced
	for _, ft := range doc.Texts {
		for _, s := range ft.Spans {
			size, _ := strconv.ParseFloat(strings.Fields(s.Trm)[0], 64)
			for _, g := range s.Glyphs {
				gs = append(gs, traced{g.C, g.Glyph, g.X, height - g.Y, g.Adv * size})
			}
		}
	}
	return gs
}

// inkLeft renders a strip of page n from x0 to x1 on a line with poppler, 4 pixels to
// the point, and returns where its leftmost ink is, in points (+Inf for none).
func inkLeft(t *testing.T, path string, n int, x0, x1, baseline, size float64) float64 {
	t.Helper()
	const scale = 4.0
	out := filepath.Join(t.TempDir(), "strip")
	top := baseline - 0.88*size
	cmd := exec.Command("pdftoppm", "-r", "288", "-gray", "-singlefile", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n),
		"-x", strconv.Itoa(int(x0*scale)), "-y", strconv.Itoa(int(top*scale)),
		"-W", strconv.Itoa(int((x1-x0)*scale)), "-H", strconv.Itoa(int(size*scale)), path, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, msg)
	}
	pgm, err := os.ReadFile(out + ".pgm")
	if err != nil {
		t.Fatal(err)
	}
	// P5 width height 255, one byte a pixel
	f := strings.Fields(string(pgm[:min(len(pgm), 40)]))
	w, _ := strconv.Atoi(f[1])
	h, _ := strconv.Atoi(f[2])
	pix := pgm[len(pgm)-w*h:]
	for col := range w {
		for row := range h {
			if pix[row*w+col] < 128 {
				return float64(int(x0*scale)+col) / scale
			}
		}
	}
	return math.Inf(1) // no ink
}

// TestHalfWidthMarks reads the seed back, set with the preset's typography: every mark
// that gives up half its em is drawn with a glyph of its own (an ID past the font's
// glyphs) whose advance box is half an em (8 pt at 16 pt) where the typesetter put it;
// the boxes of its neighbours abut it, a character spacing apart as between any two
// characters of the line, never overlapping it; and an opening mark that starts a line
// has its box and, rendered by poppler, its ink on the 版心 edge (28 mm = 79.37 pt).
func TestHalfWidthMarks(t *testing.T) {
	if !have(t, "mutool") || !have(t, "pdftoppm") {
		t.Skip()
	}
	res, p, subs, data := renderSample(t, "work-summary-2023")
	path := tempPDF(t, "seed", data)
	left := float64(p.Page.Left.Pt())
	height := math.Round(float64(p.Page.Height.Pt())*100) / 100
	faces, err := testdoc.Fonts(p)
	if err != nil {
		t.Fatal(err)
	}
	var halves, flush int
	for _, pg := range res.Pages {
		var drawn []traced
		for _, l := range pg.Lines {
			if !slices.ContainsFunc(l.Runs, func(r typeset.Run) bool { return r.Half != typeset.Full }) {
				continue
			}
			if drawn == nil {
				drawn = trace(t, path, pg.Number, height)
			}
			var line []traced // the line's glyphs, spaces aside
			for _, g := range drawn {
				if math.Abs(g.y-float64(l.Baseline)) < 0.01 && g.c != " " {
					line = append(line, g)
				}
			}
			var text strings.Builder
			for _, g := range line {
				text.WriteString(g.c)
			}
			if want := strings.ReplaceAll(l.Text(), " ", ""); text.String() != want {
				t.Errorf("page %d: MuPDF draws %q on the line, want %q", pg.Number, text.String(), want)
				continue
			}
			k := 0 // line[k] is the run's first glyph
			for i, r := range l.Runs {
				n := len([]rune(strings.ReplaceAll(r.Text, " ", "")))
				if r.Half == typeset.Full {
					k += n
					continue
				}
				halves++
				g, size := line[k], float64(r.Size)
				if n != 1 || math.Abs(g.advance-size/2) > 0.001 || math.Abs(g.x-float64(r.X)) > 0.01 || g.gid < subs[r.Font].NumGlyphs() {
					t.Errorf("page %d: %q (half %d) drawn as glyph %d at %.3f, %.3f pt wide; want one half-width glyph (ID ≥ %d) at %.3f, %.1f wide",
						pg.Number, r.Text, r.Half, g.gid, g.x, g.advance, subs[r.Font].NumGlyphs(), r.X, size/2)
				}
				if k > 0 {
					prev := line[k-1]
					if gap := g.x - (prev.x + prev.advance); gap < -0.5 || math.Abs(gap-float64(l.Runs[i-1].Tc)) > 0.01 {
						t.Errorf("page %d: %s%s: boxes %.3f pt apart, want the spacing %.3f: %s", pg.Number, prev.c, g.c, gap, l.Runs[i-1].Tc, l.Text())
					}
				}
				if k+1 < len(line) {
					next := line[k+1]
					if gap := next.x - (g.x + g.advance); gap < -0.5 || math.Abs(gap-float64(r.Tc)) > 0.01 {
						t.Errorf("page %d: %s%s: boxes %.3f pt apart, want the spacing %.3f: %s", pg.Number, g.c, next.c, gap, r.Tc, l.Text())
					}
				}
				if k == 0 && r.Half == typeset.HalfLeft && l.Kind == typeset.Body {
					flush++
					if math.Abs(g.x-left) > 0.01 {
						t.Errorf("page %d: %s starts a line at %.3f, want the 版心 edge %.3f", pg.Number, g.c, g.x, left)
					}
					// the ink of the mark: its outline's left edge less the half it gave up
					segs, err := faces[r.Font].Outline([]rune(r.Text)[0])
					if err != nil {
						t.Fatal(err)
					}
					xMin := math.Inf(1)
					for _, s := range segs {
						if s.Op != 'Z' {
							xMin = min(xMin, s.X)
						}
					}
					want := left + (xMin-0.5)*size
					got := inkLeft(t, path, pg.Number, left-size, left+size/2, float64(l.Baseline), size)
					if want < left || want > left+0.15*size || math.Abs(got-want) > 0.5 {
						t.Errorf("page %d: the ink of %s starts at %.2f, want %.2f (on the 版心 edge %.2f)", pg.Number, g.c, got, want, left)
					}
				}
				k += n
			}
		}
	}
	if halves < 15 || flush < 3 {
		t.Errorf("checked %d half-width marks, %d at a line start; the seed has more", halves, flush)
	}
}

// TestSampleText: the seed and the notice, with their compressed marks, read back as
// the typeset text: through the ToUnicode maps with our reader; line by line with
// pdftotext, every line of the seed and every line of the notice that holds a
// half-width mark (the notice's 版头 and 印发 line come out in poppler's own order);
// and the usual tools accept the files.
func TestSampleText(t *testing.T) {
	for _, name := range []string{"work-summary-2023", "notice"} {
		t.Run(name, func(t *testing.T) {
			res, _, _, data := renderSample(t, name)
			f := parse(t, data)
			if !slices.Equal(slices.Concat(f.texts(t)...), slices.Concat(runTexts(res)...)) {
				t.Error("the text decoded through ToUnicode is not the typeset text")
			}
			path := tempPDF(t, name, data)
			checkTools(t, name, data)
			if !have(t, "pdftotext") {
				return
			}
			if name == "work-summary-2023" {
				checkPDFToText(t, res, path)
			}
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, l := range strings.Split(string(out), "\n") {
				got[strings.Join(strings.Fields(strings.Trim(l, "\f")), "")] = true
			}
			n := 0
			for _, pg := range res.Pages {
				for _, l := range pg.Lines {
					if slices.ContainsFunc(l.Runs, func(r typeset.Run) bool { return r.Half != typeset.Full }) {
						n++
						if text := strings.Join(strings.Fields(l.Text()), ""); !got[text] {
							t.Errorf("page %d: pdftotext does not give the line %s whole", pg.Number, text)
						}
					}
				}
			}
			if n == 0 {
				t.Error("no line with a half-width mark: the test proves nothing")
			}
		})
	}
}
