package svg_test

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/svg"
	"github.com/gongwen/gongwen/generator/typeset"
)

// sample typesets a sample and returns its pages with the glyph set of its fonts.
func sample(t testing.TB, name string) (*typeset.Result, *svg.Glyphs) {
	t.Helper()
	doc, p, err := testdoc.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := testdoc.Typeset(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	faces, err := testdoc.Fonts(p)
	if err != nil {
		t.Fatal(err)
	}
	m := map[layout.Role]svg.Face{}
	for r, f := range faces {
		m[r] = f
	}
	return res, svg.NewGlyphs(m)
}

// element is enough of an SVG DOM to assert on.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
}

func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (e element) walk(f func(element, []element)) { e.walkIn(nil, f) }

func (e element) walkIn(up []element, f func(element, []element)) {
	f(e, up)
	for _, c := range e.Children {
		c.walkIn(append(up[:len(up):len(up)], e), f)
	}
}

// TestPagesPlaceGlyphsAsTyped: every page is an <svg data-page="N"> of the paper's
// size; every glyph of every run is a <use> of a defined outline, at the run's
// position and the advance the typesetter gave it; lines carry their source line.
func TestPagesPlaceGlyphsAsTyped(t *testing.T) {
	for _, name := range []string{"notice", "work-summary-2023", "letter"} {
		t.Run(name, func(t *testing.T) {
			res, g := sample(t, name)
			var doc bytes.Buffer
			doc.WriteString(`<html>`)
			var pages bytes.Buffer
			for _, pg := range res.Pages {
				if err := svg.Page(&pages, pg, g, svg.Options{Inks: res.CMYK}); err != nil {
					t.Fatal(err)
				}
			}
			if err := g.Defs(&doc); err != nil {
				t.Fatal(err)
			}
			doc.Write(pages.Bytes())
			doc.WriteString(`</html>`)
			var root element
			if err := xml.Unmarshal(doc.Bytes(), &root); err != nil {
				t.Fatal(err)
			}
			defined := map[string]bool{}
			var svgs []element
			root.walk(func(e element, _ []element) {
				if e.XMLName.Local == "path" && e.attr("id") != "" {
					defined[e.attr("id")] = true
				}
				if e.XMLName.Local == "svg" && e.attr("data-page") != "" {
					svgs = append(svgs, e)
				}
			})
			if len(svgs) != len(res.Pages) {
				t.Fatalf("%d page elements, %d pages", len(svgs), len(res.Pages))
			}
			for i, s := range svgs {
				pg := res.Pages[i]
				if s.attr("data-page") != strconv.Itoa(pg.Number) || s.attr("width") != "595.28" || s.attr("height") != "841.89" {
					t.Errorf("page %d: data-page %s, %s × %s", i+1, s.attr("data-page"), s.attr("width"), s.attr("height"))
				}
				// the glyphs of each line in order, against the typeset runs
				var lines []element
				for _, c := range s.Children {
					if c.XMLName.Local == "g" {
						lines = append(lines, c)
					}
				}
				want := pg.Lines
				if pg.Folio != nil {
					want = append(want[:len(want):len(want)], pg.Folio)
				}
				if len(lines) != len(want) {
					t.Fatalf("page %d: %d line groups, %d lines", pg.Number, len(lines), len(want))
				}
				for j, l := range want {
					if got := lines[j].attr("aria-label"); got != l.Text() {
						t.Errorf("line %q: aria-label %q", l.Text(), got)
					}
					if got := lines[j].attr("data-src"); l.Pos.Line > 0 && got != strconv.Itoa(l.Pos.Line) {
						t.Errorf("line %q: data-src %q, want %d", l.Text(), got, l.Pos.Line)
					}
					uses := 0
					for _, run := range lines[j].Children {
						for _, u := range run.Children {
							if !defined[strings.TrimPrefix(u.attr("href"), "#")] {
								t.Errorf("line %q uses undefined glyph %s", l.Text(), u.attr("href"))
							}
							uses++
						}
					}
					if n := len([]rune(strings.NewReplacer(" ", "", "\u3000", "").Replace(l.Text()))); uses != n {
						t.Errorf("line %q: %d glyphs drawn, %d characters", l.Text(), uses, n)
					}
				}
			}
		})
	}
}
