package typeset

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// testGlyphs sets text with a full-width cell of 1 and half-width ASCII.
func testGlyphs(text string) []glyph {
	var g []glyph
	for _, r := range text {
		w := Pt(1)
		if r < 0x7f {
			w = 0.5
		}
		g = append(g, glyph{r: r, font: "fangsong", size: 1, adv: w, cell: w})
	}
	return g
}

func lineTexts(g []glyph, spans []span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, glyphText(g[trim(g, s).from:trim(g, s).to]))
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width Pt
		want  []string
	}{
		{"fits", "一二三", 5, []string{"一二三"}},
		{"full lines", "一二三四五六七八九十", 5, []string{"一二三四五", "六七八九十"}},
		{"comma never starts a line", "一二三四五，六七", 5, []string{"一二三四", "五，六七"}},
		{"full stop never starts a line", "一二三四五。六", 5, []string{"一二三四", "五。六"}},
		{"closing quote and comma", "一二三四“五”，六", 5, []string{"一二三四", "“五”，六"}},
		{"opening quote never ends a line", "一二三四“五六”", 5, []string{"一二三四", "“五六”"}},
		{"opening book title mark", "一二三四《五六》", 5, []string{"一二三四", "《五六》"}},
		{"number stays with its unit", "一二三四9次五", 5, []string{"一二三四", "9次五"}},
		{"year", "一二三四2023年", 5, []string{"一二三四", "2023年"}},
		{"余次", "一二三100余次五六七", 5, []string{"一二三", "100余次五", "六七"}},
		{"第5次", "一二三四第5次", 5, []string{"一二三四", "第5次"}},
		{"percent", "一二三四3.1%", 5, []string{"一二三四", "3.1%"}},
		{"dash never splits", "一二三四——五", 5, []string{"一二三", "四——五"}},
		{"ellipsis never splits", "一二三四……五", 5, []string{"一二三", "四……五"}},
		{"latin word kept whole", "一二abcdefgh", 4, []string{"一二", "abcdefgh"}},
		{"word wider than the line is cut", "abcdefghijkl", 4, []string{"abcdefgh", "ijkl"}},
		{"a cut word keeps its closing brace", "${abcdef}", 4, []string{"${abcde", "f}"}},
		{"space breaks and is dropped", "ab cd ef gh", 2.5, []string{"ab cd", "ef gh"}},
		{"several closing marks", "一二三四五）。”六", 5, []string{"一二三四", "五）。”六"}},
		{"pushing leaves one cell", "一二三四，五六七八", 5, []string{"一二三四，", "五六七八"}},
		{"compress rather than leave two cells", "一，二，三四5678年", 8, []string{"一，二，三四5678年"}},
		{"compression cannot make room", "一二三四5678年", 5, []string{"一二三四", "5678年"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testGlyphs(tt.text)
			got := lineTexts(g, breakLines(g, tt.width, tt.width))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("breakLines(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

func TestBreakLinesIndent(t *testing.T) {
	g := testGlyphs("一二三四五六七八")
	got := lineTexts(g, breakLines(g, 3, 5))
	want := []string{"一二三", "四五六七八"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSetLineJustifies(t *testing.T) {
	// 28 full-width characters of 16 pt justified on 442.2 pt: the last glyph's
	// advance ends exactly at the right edge.
	var g []glyph
	for i := 0; i < 27; i++ {
		g = append(g, glyph{r: '字', font: "fangsong", size: 16, adv: 16, cell: 15.79})
	}
	g = append(g, glyph{r: '9', font: "fangsong", size: 16, adv: 8, cell: 7.9})
	runs := setLine(g, span{0, len(g)}, 79.37, 442.2, true)
	if len(runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(runs))
	}
	if end := runs[0].X + runs[0].Width; math.Abs(float64(end-(79.37+442.2))) > 0.001 {
		t.Errorf("line ends at %.3f, want %.3f", end, 79.37+442.2)
	}
	// ragged: every glyph on the grid pitch
	runs = setLine(g[:3], span{0, 3}, 0, 442.2, false)
	if math.Abs(float64(runs[0].Width-(3*15.79-(15.79-16)))) > 0.001 {
		t.Errorf("ragged width %.3f", runs[0].Width)
	}
}

func TestCompressedLine(t *testing.T) {
	// "一，二，三“四”5678年" on 10 cells: 11 cells of glyphs; pushing 5678年 would
	// leave 2 empty cells, and the four marks give up ¼ cell each.
	g := testGlyphs("一，二，三“四”5678年")
	spans := breakLines(g, 10, 10)
	if len(spans) != 1 {
		t.Fatalf("got %d lines, want 1 compressed line", len(spans))
	}
	runs := setLine(g, spans[0], 0, 10, true)
	end := runs[len(runs)-1].X + runs[len(runs)-1].Width
	if math.Abs(float64(end-10)) > 0.001 {
		t.Errorf("compressed line ends at %.3f, want 10", end)
	}
	if runs[0].Tc < -0.001 || runs[0].Tc > 0.001 {
		t.Errorf("spacing %.3f; the squeeze alone should fit the line", runs[0].Tc)
	}
	for i := 1; i < len(runs); i++ {
		if runs[i].X < runs[i-1].X {
			t.Errorf("run %d starts before run %d", i, i-1)
		}
	}
}

// origins lists where each glyph of runs starts (its advance box; a half-width glyph's
// box is where its ink is).
func origins(runs []Run) []Pt {
	var out []Pt
	for _, r := range runs {
		x := r.X
		for _, c := range r.Text {
			out = append(out, x)
			w := Pt(1)
			if c < 0x7f || r.Half != Full {
				w = 0.5
			}
			x += w + r.Tc
		}
	}
	return out
}

// TestTypographyRules: each rule on constructed lines (cells of 1, ASCII ½): the lines,
// the origin of every glyph, and justified lines ending exactly at the width.
func TestTypographyRules(t *testing.T) {
	pairs := rules{adjacent: true}
	flush := rules{flushRest: true}
	tests := []struct {
		name  string
		text  string
		width Pt
		r     rules
		want  []string
		xs    [][]Pt // origins per line; nil: not checked
		notes Typography
	}{
		{"closing quote and comma share a half em", "一二”，三四", 5, pairs, []string{"一二”，三", "四"},
			[][]Pt{{0, 1.125, 2.25, 2.875, 4}, {0}}, Typography{Pairs: 1}},
		{"without the rule: a full em each", "一二”，三四", 5, rules{}, []string{"一二”，三", "四"},
			[][]Pt{{0, 1, 2, 3, 4}, {0}}, Typography{}},
		{"pause mark before an opening quote", "甲、“乙”", 10, pairs, []string{"甲、“乙”"},
			[][]Pt{{0, 1, 1.5, 2.5, 3.5}}, Typography{Pairs: 1}},
		{"full stop before a closing quote", "好。”", 10, pairs, []string{"好。”"},
			[][]Pt{{0, 1, 1.5}}, Typography{Pairs: 1}},
		{"opening after opening: the second gives up its leading half", "“《书》”", 10, pairs, []string{"“《书》”"},
			[][]Pt{{0, 1, 1.5, 2.5, 3}}, Typography{Pairs: 1}},
		{"question mark keeps its em", "好？”", 10, pairs, []string{"好？”"},
			[][]Pt{{0, 1, 2}}, Typography{}},
		{"two pairs let a character in", "甲”，乙”，丙丁", 5, pairs, []string{"甲”，乙”，", "丙丁"},
			[][]Pt{{0, 1, 1.5, 2.5, 3.5, 4}, {0, 1}}, Typography{Pairs: 1}},
		{"opening quote starts a line flush", "一二三四五“六七”八", 5, flush, []string{"一二三四五", "“六七”八"},
			[][]Pt{{0, 1, 2, 3, 4}, {0, 0.5, 1.5, 2.5, 3.5}}, Typography{Flush: 1}},
		{"the first line keeps its mark whole", "“六七”八", 5, flush, []string{"“六七”八"},
			[][]Pt{{0, 1, 2, 3, 4}}, Typography{}},
		{"孤字 gets company from the line above", "一二三四五六七八九十甲。", 5, rules{minLast: 2},
			[]string{"一二三四五", "六七八九", "十甲。"}, nil, Typography{Orphans: 1}},
		{"without the rule the 孤字 stays", "一二三四五六七八九十甲。", 5, rules{},
			[]string{"一二三四五", "六七八九十", "甲。"}, nil, Typography{}},
		{"孤字 pulled up by compressing the line above", "一，二，三，四，五，六1234年甲。", 14, rules{minLast: 2},
			[]string{"一，二，三，四，五，六1234年甲。"}, nil, Typography{Orphans: 1}},
		{"without the rule: 甲。 alone", "一，二，三，四，五，六1234年甲。", 14, rules{},
			[]string{"一，二，三，四，五，六1234年", "甲。"}, nil, Typography{}},
		{"a name is kept whole", "请甲乙丙丁单位办理", 5, rules{glue: glueAt(9, 4, 5)}, []string{"请甲乙丙", "丁单位办理"}, nil, Typography{Names: 1}},
		{"a name that would leave a gap is split", "请甲乙丙丁戊己庚单位", 5, rules{glue: glueAt(10, 1, 8)}, []string{"请甲乙丙丁", "戊己庚单位"}, nil, Typography{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testGlyphs(tt.text)
			spans, n := breakParagraph(g, tt.width, tt.width, tt.r)
			got := lineTexts(g, spans)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("lines %q, want %q", got, tt.want)
			}
			if n != tt.notes {
				t.Errorf("notes %+v, want %+v", n, tt.notes)
			}
			for i, s := range spans {
				last := i == len(spans)-1
				runs := setLine(g, s, 0, tt.width, !last)
				end := runs[len(runs)-1].X + runs[len(runs)-1].Width
				if !last && math.Abs(float64(end-tt.width)) > 1e-9 {
					t.Errorf("line %d ends at %.4f, want %v", i+1, end, tt.width)
				}
				if tt.xs == nil {
					continue
				}
				xs := origins(runs)
				if len(xs) != len(tt.xs[i]) {
					t.Fatalf("line %d: origins %v, want %v", i+1, xs, tt.xs[i])
				}
				for j := range xs {
					if math.Abs(float64(xs[j]-tt.xs[i][j])) > 1e-9 {
						t.Errorf("line %d: origins %v, want %v", i+1, xs, tt.xs[i])
						break
					}
				}
			}
		})
	}
}

// glueAt glues glyphs (from, to] of n: a name at from…to.
func glueAt(n, from, to int) []bool {
	g := make([]bool, n)
	for i := from + 1; i <= to; i++ {
		g[i] = true
	}
	return g
}

// TestHalfRuns: every mark that gives up a blank half is a run of its own drawn half
// wide, on the side it gives up; its neighbours follow its half box with no overlap.
func TestHalfRuns(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		r     rules
		line  int
		want  []string // each run: its text, H for a right half, L for a left half
		xs    []Pt     // each run's X
		width []Pt     // each run's Width
	}{
		{"line-start opening quote", "一二三四五“六七”八", rules{flushRest: true}, 1,
			[]string{"“L", "六七”八"}, []Pt{10, 10.5}, []Pt{0.5, 4}},
		{"closing quote before a comma", "一”，二", rules{adjacent: true}, 0,
			[]string{"一", "”H", "，二"}, []Pt{10, 11, 11.5}, []Pt{1, 0.5, 2}},
		{"book title mark after an opening quote", "“《书》”", rules{adjacent: true}, 0,
			[]string{"“", "《L", "书", "》H", "”"}, []Pt{10, 11, 11.5, 12.5, 13}, []Pt{1, 0.5, 1, 0.5, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testGlyphs(tt.text)
			spans, _ := breakParagraph(g, 5, 5, tt.r)
			runs := setLine(g, spans[tt.line], 10, 5, false)
			var got []string
			var xs, ws []Pt
			for _, r := range runs {
				got = append(got, r.Text+map[Half]string{HalfRight: "H", HalfLeft: "L"}[r.Half])
				xs, ws = append(xs, r.X), append(ws, r.Width)
				if r.Tc != 0 {
					t.Errorf("run %q: Tc %v on a ragged line of full cells", r.Text, r.Tc)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || fmt.Sprint(xs) != fmt.Sprint(tt.xs) || fmt.Sprint(ws) != fmt.Sprint(tt.width) {
				t.Errorf("runs %q at %v wide %v; want %q at %v wide %v", got, xs, ws, tt.want, tt.xs, tt.width)
			}
		})
	}
}
