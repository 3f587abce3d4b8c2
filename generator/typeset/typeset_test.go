package typeset_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

const (
	noStart = "，。、；：？！）》」』”’〕】］｝〉…‰·,.;:?!)]}%"
	noEnd   = "（《「『“‘〔【［｛〈([{"
)

func preset(t testing.TB) *layout.Preset {
	t.Helper()
	p, err := layout.Load("report")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// bundledFonts resolves every role of p to the bundled fonts only, so tests do not
// depend on the machine's fonts.
func bundledFonts(t testing.TB, p *layout.Preset) typeset.Fonts {
	t.Helper()
	r := fonts.NewResolver(nil, false)
	f := typeset.Fonts{}
	for role, fr := range p.Fonts {
		c, err := r.Resolve(fonts.Request{Role: string(role), Names: fr.Names, Bundled: fr.Bundled})
		if err != nil {
			t.Fatal(err)
		}
		f[role] = c.Face
	}
	return f
}

// seedParagraphs are the seed's body paragraphs, without headings.
func seedParagraphs(t testing.TB) []string {
	t.Helper()
	src, err := os.ReadFile("../../../shared/seed/work-summary-2023.txt")
	if err != nil {
		t.Skip("seed text not available:", err)
	}
	var out []string
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); len([]rune(l)) > 40 {
			out = append(out, l)
		}
	}
	return out
}

// generated builds a document of about n pages from the seed's paragraphs, with
// level-1 and run-in level-2 sections, numbers and half-width digits.
func generated(t testing.TB, n int) *model.Document {
	paras := seedParagraphs(t)
	doc := &model.Document{Title: "XX旗统计局关于2023年统计工作情况的报告", Author: "XX旗统计局", Date: model.Date{Year: 2024, Month: 1, Day: 10}}
	chars := 0
	for i := 1; chars < n*22*27; i++ {
		s1 := &model.Section{Level: 1, Number: model.Number(1, i), Heading: "坚持党建引领，推动统计工作高质量发展"}
		doc.Sections = append(doc.Sections, s1)
		for j := 1; j <= 4 && chars < n*22*27; j++ {
			s2 := &model.Section{Level: 2, Number: model.Number(2, j), Heading: "扎实开展主题教育。", RunIn: true}
			p := paras[(i*4+j)%len(paras)]
			s2.Body = []*model.Paragraph{{Lead: s2, Spans: []model.Span{{Text: p}, {Text: fmt.Sprintf("全年开展学习%d次，覆盖%d.5%%的党员。", i*j, j)}}}}
			s1.Sections = append(s1.Sections, s2)
			chars += len([]rune(p)) + 40
		}
	}
	return doc
}

func TestProperties(t *testing.T) {
	p := preset(t)
	f := bundledFonts(t, p)
	left := p.Page.Left.Pt()
	right := left + p.Page.BodyWidth.Pt()
	top := p.Page.Top.Pt()
	pitch := p.LinePitch()
	for _, pages := range []int{1, 8, 30} {
		t.Run(fmt.Sprint(pages, "pages"), func(t *testing.T) {
			res, err := typeset.Typeset(generated(t, pages), p, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) < pages {
				t.Errorf("got %d pages, want at least %d", len(res.Pages), pages)
			}
			full := 0
			for _, pg := range res.Pages {
				if len(pg.Lines) > p.Grid.Lines {
					t.Errorf("page %d has %d lines", pg.Number, len(pg.Lines))
				}
				for _, l := range pg.Lines {
					text := l.Text()
					if l.Left() < left-0.01 || l.Right() > right+0.01 {
						t.Errorf("page %d: line outside the 版心 (%.2f–%.2f): %s", pg.Number, l.Left(), l.Right(), text)
					}
					first, last := []rune(text)[0], []rune(text)[len([]rune(text))-1]
					if l.Kind == typeset.Body && strings.ContainsRune(noStart, first) {
						t.Errorf("page %d: line starts with %c: %s", pg.Number, first, text)
					}
					if strings.ContainsRune(noEnd, last) {
						t.Errorf("page %d: line ends with %c: %s", pg.Number, last, text)
					}
					size := l.Runs[0].Size
					want := top + typeset.Pt(l.Slot)*pitch + (pitch-size)/2 + size*0.88
					if math.Abs(float64(l.Baseline-want)) > 0.01 || l.Slot < 0 || l.Slot >= p.Grid.Lines {
						t.Errorf("page %d: line off the grid (slot %d, baseline %.2f, want %.2f)", pg.Number, l.Slot, l.Baseline, want)
					}
					if l.Kind == typeset.Body && math.Abs(float64(l.Right()-right)) < 0.01 && math.Abs(float64(l.Left()-left)) < 0.01 {
						full++
						// a full line holds 28 em of glyphs, less what a pushed character left
						if n := ems(f, l); n < 26 || n > 28.01 {
							t.Errorf("page %d: full line holds %.2f em: %s", pg.Number, n, text)
						}
					}
				}
				if pg.Folio == nil || pg.Folio.Text() != fmt.Sprintf("— %d —", pg.Number) {
					t.Errorf("page %d: page number %v", pg.Number, pg.Folio)
				}
			}
			if full < len(res.Pages)*10 {
				t.Errorf("only %d full lines on %d pages", full, len(res.Pages))
			}
		})
	}
}

// ems sums the advances of a line's glyphs, in em.
func ems(f typeset.Fonts, l *typeset.Line) float64 {
	n := 0.0
	for _, r := range l.Runs {
		for _, c := range r.Text {
			n += f[r.Font].Advance(c)
		}
	}
	return n
}

func TestFolioPlacement(t *testing.T) {
	p := preset(t)
	res, err := typeset.Typeset(generated(t, 2), p, bundledFonts(t, p))
	if err != nil {
		t.Fatal(err)
	}
	left := p.Page.Left.Pt()
	right := left + p.Page.BodyWidth.Pt()
	for _, pg := range res.Pages[:2] {
		f := pg.Folio
		if pg.Number%2 == 1 && math.Abs(float64(f.Right()-(right-p.PageNumber.Indent))) > 0.01 {
			t.Errorf("odd page number ends at %.2f, want %.2f", f.Right(), right-p.PageNumber.Indent)
		}
		if pg.Number%2 == 0 && math.Abs(float64(f.Left()-(left+p.PageNumber.Indent))) > 0.01 {
			t.Errorf("even page number starts at %.2f, want %.2f", f.Left(), left+p.PageNumber.Indent)
		}
		if f.Runs[0].Size != 14 {
			t.Errorf("page number size %v, want 14", f.Runs[0].Size)
		}
	}
}

func TestMissingCharacters(t *testing.T) {
	p := preset(t)
	f := bundledFonts(t, p)
	tests := []struct {
		text     string
		fallback rune   // a character another font supplies
		err      string // part of the error, if any
	}{
		{"张珺同志参加培训。", '珺', ""},
		{"引入𬌗字。", 0, "U+2C317"},
		{"表情😀。", 0, "U+1F600"},
	}
	for _, tt := range tests {
		doc := &model.Document{Title: "测试", Author: "某局", Date: model.Date{Year: 2024, Month: 1, Day: 5},
			Intro: []*model.Paragraph{{Spans: []model.Span{{Text: tt.text, Pos: model.Pos{File: "a.toml", Line: 7, Col: 3}}}}}}
		res, err := typeset.Typeset(doc, p, f)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "a.toml:7:3") {
				t.Errorf("%q: error %v, want one naming %s at a.toml:7:3", tt.text, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		if len(res.Fallbacks) != 1 || res.Fallbacks[0].Rune != tt.fallback || res.Fallbacks[0].Want != layout.FangSong {
			t.Errorf("%q: fallbacks %+v, want %c from the 仿宋 role", tt.text, res.Fallbacks, tt.fallback)
		}
	}
}

func BenchmarkTypeset(b *testing.B) {
	p := preset(b)
	f := bundledFonts(b, p)
	for _, pages := range []int{30, 100, 300} {
		doc := generated(b, pages)
		b.Run(fmt.Sprint(pages, "pages"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := typeset.Typeset(doc, p, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
