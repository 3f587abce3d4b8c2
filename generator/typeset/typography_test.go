package typeset_test

import (
	"math"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// typesetWith typesets a sample with its preset's typography changed by set.
func typesetWith(t *testing.T, name string, set func(*layout.Typography)) (*typeset.Result, *layout.Preset) {
	t.Helper()
	doc, p, err := testdoc.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	set(&p.Typography)
	res, err := testdoc.Typeset(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	return res, p
}

func allRules(ty *layout.Typography) {
	*ty = layout.Typography{AdjacentPunct: true, LineStartFlush: true, MinLastLine: 2, KeepNames: true}
}

func noRules(ty *layout.Typography) { *ty = layout.Typography{} }

// glyphXs lists every glyph of a line with the origin of its advance box.
func glyphXs(f typeset.Fonts, l *typeset.Line) ([]rune, []typeset.Pt) {
	var rs []rune
	var xs []typeset.Pt
	for _, r := range l.Runs {
		x := r.X
		for _, c := range r.Text {
			rs = append(rs, c)
			xs = append(xs, x)
			adv := typeset.Pt(f[r.Font].Advance(c)) * r.Size
			if r.Half != typeset.Full {
				adv /= 2
			}
			x += adv + r.Tc
		}
	}
	return rs, xs
}

// TestTypographySeed sets the seed with every typography rule on and checks them on its
// real lines: full lines from edge to edge of the 版心 (28 cells), the 禁则, lines that
// start with an opening mark flush with their ink, adjacent marks ½ cell apart, no 孤字.
func TestTypographySeed(t *testing.T) {
	f, err := testdoc.TypesetFonts(testdoc.Preset())
	if err != nil {
		t.Fatal(err)
	}
	off, _ := typesetWith(t, "work-summary-2023", noRules)
	res, p := typesetWith(t, "work-summary-2023", allRules)
	left := p.Page.Left.Pt()
	right := left + p.Page.BodyWidth.Pt()
	t.Logf("rules changed %+v", res.Typography)
	if got := res.Typography; got.Pairs == 0 || got.Flush == 0 {
		t.Errorf("the seed has adjacent marks and lines starting with “; counts %+v", got)
	}
	if off.Typography != (typeset.Typography{}) {
		t.Errorf("rules off changed %+v", off.Typography)
	}
	// the preset turns every rule on but indent_flush
	if def, _ := typesetWith(t, "work-summary-2023", func(*layout.Typography) {}); def.Typography != res.Typography {
		t.Errorf("the preset's defaults changed %+v, want %+v", def.Typography, res.Typography)
	}
	// with the pairs compressed the seed's one 孤字 does not arise; without them it is mended
	unpaired := func(ty *layout.Typography) { ty.AdjacentPunct, ty.LineStartFlush = false, false }
	if def, _ := typesetWith(t, "work-summary-2023", unpaired); def.Typography.Orphans != 1 {
		t.Errorf("without the pairs the preset mended %d 孤字, want 1", def.Typography.Orphans)
	}

	lines := map[string]*typeset.Line{}
	var body []*typeset.Line
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if l.Kind == typeset.Body || l.Kind == typeset.Heading {
				body = append(body, l)
				lines[l.Text()] = l
			}
		}
	}
	for i, l := range body {
		text := []rune(l.Text())
		if strings.ContainsRune(noStart, text[0]) || strings.ContainsRune(noEnd, text[len(text)-1]) {
			t.Errorf("禁则: %s", string(text))
		}
		if l.Left() < left-0.01 || l.Right() > right+0.01 {
			t.Errorf("line outside the 版心 (%.2f–%.2f): %s", l.Left(), l.Right(), string(text))
		}
		lastOfBlock := i == len(body)-1 || body[i+1].Block != l.Block
		if !lastOfBlock && l.Kind == typeset.Body && l.Block > 0 && math.Abs(float64(l.Right()-right)) > 0.01 {
			t.Errorf("a line within a paragraph ends at %.2f, not the 版心 edge %.2f: %s", l.Right(), right, string(text))
		}
		if lastOfBlock && l.Kind == typeset.Body && i > 0 && body[i-1].Block == l.Block {
			chars := 0
			for _, c := range text {
				if !strings.ContainsRune(noStart, c) {
					chars++
				}
			}
			if chars < 2 {
				t.Errorf("孤字: %s", string(text))
			}
		}
		if strings.ContainsRune("“《（", text[0]) && math.Abs(float64(l.Left()-left)) < 0.01 {
			r := l.Runs[0]
			// the mark's half box (8 pt) at the edge, the next glyph after it and the spacing
			if r.Half != typeset.HalfLeft || r.Text != string(text[0]) || math.Abs(float64(r.Width-8)) > 0.01 || math.Abs(float64(l.Runs[1].X-(left+8+r.Tc))) > 0.01 {
				t.Errorf("line starting with %c: run %q half %d width %.2f, next glyph at %.2f; want a left half 8 pt wide, the next glyph at %.2f: %s",
					text[0], r.Text, r.Half, r.Width, l.Runs[1].X, left+8+r.Tc, string(text))
			}
		}
	}

	// real lines of the seed: a pair of marks at ½ em plus the line's spacing
	tests := []struct {
		start string // the line's beginning
		pair  string // two adjacent marks on it
	}{
		{"“一岗双责”，党组书记", "”，"},
		{"“立足岗位作贡献”实践", ""},
		{"《统计法》而受到处罚", ""},
	}
	for _, tt := range tests {
		var l *typeset.Line
		for text, cand := range lines {
			if strings.HasPrefix(text, tt.start) {
				l = cand
			}
		}
		if l == nil {
			t.Errorf("no line starts with %s", tt.start)
			continue
		}
		if math.Abs(float64(l.Left()-left)) > 0.01 || l.Runs[0].Half != typeset.HalfLeft {
			t.Errorf("%s: starts at %.2f half %d; want the 版心 edge with a left half", tt.start, l.Left(), l.Runs[0].Half)
		}
		if tt.pair == "" {
			continue
		}
		rs, xs := glyphXs(f, l)
		pair := []rune(tt.pair)
		for i := 1; i < len(rs); i++ {
			if rs[i-1] == pair[0] && rs[i] == pair[1] {
				step := xs[i] - xs[i-1]
				if want := 8 + l.Runs[len(l.Runs)-1].Tc; math.Abs(float64(step-want)) > 0.01 {
					t.Errorf("%s: %s %.2f apart, want ½ em + spacing = %.2f", tt.start, tt.pair, step, want)
				}
			}
		}
	}
	if n := countPairs(off); n == 0 {
		t.Error("the seed without the rules has no full-em pair of marks: the test proves nothing")
	}
}

// countPairs counts the lines with two adjacent full-width marks.
func countPairs(res *typeset.Result) int {
	n := 0
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			text := l.Text()
			for _, p := range []string{"”，", "”。", "、“", "”、", "。”", "，“", "》，", "》、", "）、", "：“"} {
				if strings.Contains(text, p) {
					n++
					break
				}
			}
		}
	}
	return n
}

// TestTypographySamples: every sample with every rule on keeps its lines inside the
// 版心 and the 禁则, and reports what changed.
func TestTypographySamples(t *testing.T) {
	for _, name := range []string{"work-summary-2023", "notice", "request", "letter", "minutes", "long-table"} {
		t.Run(name, func(t *testing.T) {
			on, p := typesetWith(t, name, allRules)
			def, _ := typesetWith(t, name, func(*layout.Typography) {})
			left, right := p.Page.Left.Pt(), p.Page.Left.Pt()+p.Page.BodyWidth.Pt()
			for _, pg := range on.Pages {
				for _, l := range pg.Lines {
					if l.Kind == typeset.Body && (l.Left() < left-0.01 || l.Right() > right+0.01) {
						t.Errorf("page %d: line outside the 版心: %s", pg.Number, l.Text())
					}
				}
			}
			t.Logf("%s: all rules %+v, preset defaults %+v, pages %d → %d", name, on.Typography, def.Typography, len(def.Pages), len(on.Pages))
		})
	}
}
