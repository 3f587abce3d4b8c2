package typeset_test

import (
	"errors"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

const (
	noStart = "，。、；：？！）》」』”’〕】］｝〉…‰·,.;:?!)]}%"
	noEnd   = "（《「『“‘〔【［｛〈([{"
)

func setup(t testing.TB) (*layout.Preset, typeset.Fonts) {
	t.Helper()
	p := testdoc.Preset()
	f, err := testdoc.TypesetFonts(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, f
}

func generated(t testing.TB, pages int) *model.Document { return testdoc.Generated(pages) }

func TestProperties(t *testing.T) {
	p, f := setup(t)
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
						// a full line holds 28 em of glyphs, less what a pushed character
						// left, or a little more when its punctuation was compressed
						if n := ems(f, l); n < 26 || n > 29.5 {
							t.Errorf("page %d: full line holds %.2f em: %s", pg.Number, n, text)
						}
					}
				}
				if pg.Folio == nil || pg.Folio.Text() != fmt.Sprintf("— %d —", pg.Number) {
					t.Errorf("page %d: page number %v", pg.Number, pg.Folio)
				}
			}
			if full < len(res.Pages)*7 {
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
	p, f := setup(t)
	res, err := typeset.Typeset(generated(t, 2), p, f)
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
	p, f := setup(t)
	tests := []struct {
		text     string
		fallback rune        // a character another font supplies
		got      layout.Role // the role whose font supplies it
		err      string      // part of the error, if any
	}{
		{"张珺同志参加培训。", '珺', layout.SongTi, ""},
		{"王𬌗同志参加培训。", 0x2C317, layout.SongTi, ""}, // beyond the BMP, in 通用规范汉字表
		{"王儽同志参加培训。", '儽', layout.LastResort, ""}, // CJK Unified, outside 通用规范汉字表
		{"他说：„好“。", '„', layout.LastResort, ""},
		{"表情😀。", 0, "", "U+1F600"},
		{"自造字\uE000。", 0, "", "U+E000）是私用区的自造字"},
		{"未分配\U00040000。", 0, "", "U+40000）在所有字体中都没有字形"},
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
		if len(res.Fallbacks) != 1 || res.Fallbacks[0].Rune != tt.fallback || res.Fallbacks[0].Want != layout.FangSong || res.Fallbacks[0].Got != tt.got {
			t.Errorf("%q: fallbacks %+v, want %c from the 仿宋 role to %s", tt.text, res.Fallbacks, tt.fallback, tt.got)
		}
		var drawn []string
		for _, l := range res.Pages[0].Lines {
			for _, r := range l.Runs {
				if r.Font == tt.got {
					drawn = append(drawn, r.Text)
				}
			}
		}
		if !slices.Equal(drawn, []string{string(tt.fallback)}) {
			t.Errorf("%q: runs in %s %q, want %q alone", tt.text, tt.got, drawn, string(tt.fallback))
		}
	}
}

// TestMissingCharacterPlaces: a character no font has in the title or the 发文机关标志 is
// reported at that field of the content file.
func TestMissingCharacterPlaces(t *testing.T) {
	p, f := setup(t)
	n, err := layout.Load("notice")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]model.Pos{"title": {File: "a.toml", Line: 3, Col: 1}, "issuer": {File: "a.toml", Line: 2, Col: 1}}
	date := model.Date{Year: 2024, Month: 1, Day: 5}
	tests := []struct {
		name   string
		preset *layout.Preset
		doc    *model.Document
		want   string
	}{
		{"title", p, &model.Document{Title: "关于\uE000的通知", Author: "某局", Date: date, Fields: fields}, "a.toml:3:1: "},
		{"title lines", p, &model.Document{Title: "关于\uE000的通知", TitleLines: []string{"关于\uE000的通知"}, Author: "某局", Date: date, Fields: fields}, "a.toml:3:1: "},
		{"issuer", n, &model.Document{Title: "通知", Author: "某局", Date: date, Fields: fields,
			Header: model.Header{Issuers: []string{"某\uE000局"}, Number: "某发〔2024〕1号"}}, "a.toml:2:1: "},
	}
	for _, tt := range tests {
		_, err := typeset.Typeset(tt.doc, tt.preset, f)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !strings.Contains(err.Error(), "U+E000") {
			t.Errorf("%s: error %v, want one at %s naming U+E000", tt.name, err, tt.want)
		}
	}
}

func BenchmarkTypeset(b *testing.B) {
	p, f := setup(b)
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

// TestPagination: a heading never ends a page, and a paragraph that runs over a page
// leaves at least two lines on each side (no widow, no orphan).
func TestPagination(t *testing.T) {
	p, f := setup(t)
	res, err := typeset.Typeset(generated(t, 30), p, f)
	if err != nil {
		t.Fatal(err)
	}
	splits := 0
	for i, pg := range res.Pages[:len(res.Pages)-1] {
		last := pg.Lines[len(pg.Lines)-1]
		next := res.Pages[i+1].Lines
		if last.Kind == typeset.Heading {
			t.Errorf("page %d ends with the heading %s", pg.Number, last.Text())
		}
		if next[0].Block != last.Block {
			if len(pg.Lines)+2 < p.Grid.Lines && next[0].Kind != typeset.Heading {
				t.Errorf("page %d ends after %d lines though the next paragraph could have begun", pg.Number, len(pg.Lines))
			}
			continue
		}
		splits++
		before, after := 0, 0
		for _, l := range pg.Lines {
			if l.Block == last.Block {
				before++
			}
		}
		for _, l := range next {
			if l.Block == last.Block {
				after++
			}
		}
		if before < 2 || after < 2 {
			t.Errorf("page %d: paragraph split %d | %d lines: %s", pg.Number, before, after, last.Text())
		}
	}
	if splits == 0 {
		t.Error("no paragraph crosses a page: the test proves nothing")
	}
}

// TestTitle: titles break at word boundaries into a trapezoid, or keep the author's lines.
func TestTitle(t *testing.T) {
	p, f := setup(t)
	tests := []struct {
		title string
		lines []string // author's lines
		want  []string
	}{
		{"XX旗统计局2023年工作总结", nil, []string{"XX旗统计局2023年工作总结"}},
		{"XX旗统计局2023年工作总结及2024年工作计划", nil, []string{"XX旗统计局", "2023年工作总结及2024年工作计划"}},
		{"XX旗人民政府办公室关于印发《XX旗统计工作高质量发展实施方案》的通知", nil,
			[]string{"XX旗人民政府办公室关于印发", "《XX旗统计工作高质量发展实施方案》", "的通知"}},
		{"", []string{"关于做好2024年", "统计工作的通知"}, []string{"关于做好2024年", "统计工作的通知"}},
		{"XX旗统计工作领导小组2024年第一次会议纪要", nil, []string{"XX旗统计工作领导小组", "2024年第一次会议纪要"}},
	}
	for _, tt := range tests {
		doc := &model.Document{Title: tt.title, TitleLines: tt.lines, Author: "某局", Date: model.Date{Year: 2024, Month: 1, Day: 5}}
		res, err := typeset.Typeset(doc, p, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range res.Pages[0].Lines {
			if l.Kind == typeset.Title {
				got = append(got, l.Text())
				mid := (l.Left() + l.Right()) / 2
				if want := p.Page.Left.Pt() + p.Page.BodyWidth.Pt()/2; math.Abs(float64(mid-want)) > 0.01 {
					t.Errorf("title line %q centred at %.2f, want %.2f", l.Text(), mid, want)
				}
				if l.Runs[0].Size != p.Title.Size {
					t.Errorf("title size %v", l.Runs[0].Size)
				}
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("title %q: lines %q, want %q", tt.title+strings.Join(tt.lines, ""), got, tt.want)
		}
	}
}

// TestLongTable: a table longer than a page splits between rows, repeats its header
// row on the continuation page, stays inside the 版心, and the body grid resumes.
func TestLongTable(t *testing.T) {
	p, f := setup(t)
	doc := testdoc.Generated(1)
	tb := &model.Table{Title: "长表", Unit: "单位：份", Header: []string{"项目", "数量"}, Numeric: []bool{false, true}}
	for i := 1; i <= 60; i++ {
		tb.Rows = append(tb.Rows, &model.Row{Cells: []*model.Cell{{Text: fmt.Sprintf("第%d项调查", i), Span: 1}, {Text: fmt.Sprint(i), Span: 1}}})
	}
	doc.Sections[0].Tables = []*model.Table{tb}
	res, err := typeset.Typeset(doc, p, f)
	if err != nil {
		t.Fatal(err)
	}
	left, right := p.Page.Left.Pt(), p.Page.Left.Pt()+p.Page.BodyWidth.Pt()
	top, bottom := p.Page.Top.Pt(), p.Page.Top.Pt()+p.Page.BodyHeight.Pt()
	headers, rows := 0, 0
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if l.Kind != typeset.Cell {
				continue
			}
			switch l.Text() {
			case "项目":
				headers++
			case "第1项调查", "第30项调查", "第60项调查":
				rows++
			}
			if l.Left() < left-0.01 || l.Right() > right+0.01 || l.Baseline < top || l.Baseline > bottom {
				t.Errorf("page %d: cell %q outside the 版心", pg.Number, l.Text())
			}
		}
		for _, r := range pg.Rules {
			if r.Y1 < top-0.01 || r.Y2 > bottom+0.01 || r.X1 < left-0.01 || r.X2 > right+0.01 {
				t.Errorf("page %d: rule %+v outside the 版心", pg.Number, r)
			}
		}
	}
	if headers < 2 {
		t.Errorf("header row appears %d times; the table crosses a page and must repeat it", headers)
	}
	if rows != 3 {
		t.Errorf("found %d of the 3 probe rows", rows)
	}
}

// TestTallRows: a form's row taller than a page is cut between its lines and
// goes on over the next page, every line kept and inside the 版心; a header row
// taller than a third of the page is set once, not repeated.
func TestTallRows(t *testing.T) {
	p, f := setup(t)
	long := func(tag string, n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "%s第%d行。", tag, i)
		}
		return b.String()
	}
	tests := []struct {
		name    string
		header  string
		row     string
		mark    string // the start of the header row's first line
		headers int    // times it is set
	}{
		{"a tall row", "项目", long("简历", 160), "项目", 2},
		{"a tall header row", long("表头", 120), long("正文", 20), "表头第1行", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := testdoc.Generated(1)
			tb := &model.Table{Header: []string{tt.header, "说明"}, Numeric: []bool{false, false}}
			tb.Rows = []*model.Row{{Cells: []*model.Cell{{Text: tt.row, Span: 1}, {Text: "见左", Span: 1}}}}
			doc.Sections[0].Tables = []*model.Table{tb}
			res, err := typeset.Typeset(doc, p, f)
			if err != nil {
				t.Fatal(err)
			}
			top, bottom := p.Page.Top.Pt(), p.Page.Top.Pt()+p.Page.BodyHeight.Pt()
			var text strings.Builder
			headers, pages := 0, map[int]bool{}
			for _, pg := range res.Pages {
				for _, l := range pg.Lines {
					if l.Kind != typeset.Cell {
						continue
					}
					if strings.HasPrefix(l.Text(), tt.mark) {
						headers++
					}
					if l.Baseline < top || l.Baseline > bottom {
						t.Errorf("page %d: cell line %q at %.1f, outside the 版心 (%.1f–%.1f)", pg.Number, l.Text(), l.Baseline, top, bottom)
					}
					if t := l.Text(); t != "见左" && t != "说明" && t != "项目" { // the row's first cell
						text.WriteString(l.Text())
					}
					pages[pg.Number] = true
				}
			}
			if got := strings.ReplaceAll(text.String(), " ", ""); !strings.Contains(got, tt.row) {
				t.Errorf("the tall cell's text is not all there, in order")
			}
			if len(pages) < 2 || headers != tt.headers {
				t.Errorf("the table is on %d pages with %d header rows; want 2 or more pages and %d", len(pages), headers, tt.headers)
			}
		})
	}
}

// FuzzTypeset: any text typesets without a panic, into finite positions inside the
// page, or fails with a CharError naming a character.
func FuzzTypeset(f *testing.F) {
	p, fonts := setup(f)
	for _, s := range []string{"一二三，四五。", "2023年9次100余次", "——……“”《》", "abc def", "", "珺😀", "\u0301\u200b\t\n"} {
		f.Add(s, "标题")
	}
	f.Fuzz(func(t *testing.T, text, title string) {
		doc := &model.Document{Title: title, Author: "某局", Date: model.Date{Year: 2024, Month: 1, Day: 5},
			Intro: []*model.Paragraph{{Spans: []model.Span{{Text: text}}}}}
		res, err := typeset.Typeset(doc, p, fonts)
		if err != nil {
			var ce *typeset.CharError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a CharError", err)
			}
			return
		}
		for _, pg := range res.Pages {
			for _, l := range pg.Lines {
				for _, r := range l.Runs {
					if math.IsNaN(float64(r.X+r.Width+r.Tc)) || math.IsInf(float64(r.X+r.Width+r.Tc), 0) || r.X < -1 || r.X > 600 {
						t.Fatalf("run %q at x %v width %v tc %v", r.Text, r.X, r.Width, r.Tc)
					}
				}
			}
		}
	})
}

// TestNoTitle: title = "" (a 纪要 named by its 标志) prints no title, and under a
// 版头 the text starts on the grid line the title would have taken.
func TestNoTitle(t *testing.T) {
	p, err := layout.Load("minutes")
	if err != nil {
		t.Fatal(err)
	}
	f, err := testdoc.TypesetFonts(p)
	if err != nil {
		t.Fatal(err)
	}
	const text = "会议认为，全年统计工作扎实有效。"
	lines := func(title string) (titles, body []*typeset.Line) {
		doc := &model.Document{Title: title, Date: model.Date{Year: 2024, Month: 1, Day: 5},
			Header: model.Header{Issuers: []string{"兴安市统计工作会议纪要"}, Number: "第1期"},
			Intro:  []*model.Paragraph{{Spans: []model.Span{{Text: text}}}}}
		res, err := typeset.Typeset(doc, p, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range res.Pages[0].Lines {
			switch {
			case l.Kind == typeset.Title && l.Text() == title:
				titles = append(titles, l)
			case l.Text() == text:
				body = append(body, l)
			}
		}
		return titles, body
	}
	title, _ := lines("关于统计工作的会议")
	none, body := lines("")
	if len(title) != 1 || len(none) != 0 || len(body) != 1 {
		t.Fatalf("title lines %d and %d, text lines %d; want 1, 0, 1", len(title), len(none), len(body))
	}
	if d := body[0].Baseline - title[0].Baseline; math.Abs(float64(d)) > float64(p.LinePitch())/2 {
		t.Errorf("without a title the text's baseline is %.1f pt from the title's; want it on the title's line", d)
	}
}

// TestNoteWithoutSignature: author = "" and date = "" leave the 附注 after the text.
func TestNoteWithoutSignature(t *testing.T) {
	p, f := setup(t)
	doc := &model.Document{Title: "关于统计执法检查的通知", Note: "（联系人：张三）",
		Intro: []*model.Paragraph{{Spans: []model.Span{{Text: "请按时报送。"}}}}}
	res, err := typeset.Typeset(doc, p, f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range res.Pages[0].Lines {
		got = append(got, l.Text())
	}
	if want := []string{"关于统计执法检查的通知", "请按时报送。", "（联系人：张三）"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// TestPictures lists each image once, in the order first placed, and names the
// page of one not decoded.
func TestPictures(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	res := &typeset.Result{Pages: []*typeset.Page{
		{Number: 1, Images: []typeset.Image{{Path: "seal.png"}, {Path: "logo.png"}}},
		{Number: 2, Images: []typeset.Image{{Path: "seal.png"}, {Path: "sign.png"}}},
	}}
	ps, err := res.Pictures(map[string]image.Image{"seal.png": img, "logo.png": img, "sign.png": img})
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	if err != nil || strings.Join(got, " ") != "seal.png logo.png sign.png" {
		t.Errorf("pictures %q, %v", got, err)
	}
	if _, err := res.Pictures(map[string]image.Image{"seal.png": img, "logo.png": img}); err == nil || err.Error() != "第 2 页的图片 sign.png 没有读入" {
		t.Errorf("error %v", err)
	}
}
