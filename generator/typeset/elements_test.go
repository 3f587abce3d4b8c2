package typeset_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

const mm = 72 / 25.4

func typesetSample(t *testing.T, name string) (*typeset.Result, *layout.Preset) {
	t.Helper()
	doc, p, err := testdoc.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := testdoc.Typeset(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	return res, p
}

func near(a typeset.Pt, b float64, tol float64) bool { return math.Abs(float64(a)-b) <= tol }

// TestNoticeHeader measures the 版头 of the notice sample against spec §16: the 标志
// top 35 mm below the 版心 top, red; the 发文字号 centred on a grid line; the red line
// 4 mm below it across the 版心; the title two lines below the red line.
func TestNoticeHeader(t *testing.T) {
	res, p := typesetSample(t, "notice")
	pg := res.Pages[0]
	var mark, number, title *typeset.Line
	for _, l := range pg.Lines {
		switch {
		case strings.HasSuffix(l.Text(), "文件") && mark == nil:
			mark = l
		case strings.Contains(l.Text(), "〔2024〕"):
			number = l
		case l.Kind == typeset.Title && title == nil && l != mark:
			title = l
		}
	}
	if mark == nil || number == nil || title == nil {
		t.Fatalf("page 1 lacks the 标志, 发文字号 or title")
	}
	size := mark.Runs[0].Size
	if top := mark.Baseline - 0.88*size; !near(top, (37+35)*mm, 0.01) {
		t.Errorf("标志 top at %.2f mm, want 72 mm", float64(top)/mm)
	}
	if c := mark.Runs[0].Color; c != typeset.Red {
		t.Errorf("标志 colour %v, want red", c)
	}
	mid := (mark.Left() + mark.Right()) / 2
	if want := (28 + 78) * mm; !near(mid, want, 0.01) {
		t.Errorf("标志 centred at %.2f, want %.2f", mid, want)
	}
	if number.Slot < 0 {
		t.Error("发文字号 is not on a grid line")
	}
	if nm := (number.Left() + number.Right()) / 2; !near(nm, (28+78)*mm, 0.01) {
		t.Error("发文字号 is not centred")
	}
	if gap := number.Baseline - 0.88*16 - (mark.Baseline + 0.12*size); !near(gap, float64(2*p.LinePitch()), 0.01) {
		t.Errorf("发文字号 %.2f pt below the 标志; 下空二行 wants %.2f (§7.2.5)", gap, 2*p.LinePitch())
	}
	var red *typeset.Rule
	for i, r := range pg.Rules {
		if r.Color == typeset.Red {
			red = &pg.Rules[i]
		}
	}
	if red == nil {
		t.Fatal("no red separator")
	}
	if y := red.Y1 - red.Width/2 - (number.Baseline + 0.12*16); !near(y, 4*mm, 0.01) {
		t.Errorf("red line %.2f mm below the 发文字号, want 4 mm", float64(y)/mm)
	}
	if !near(red.X1, 28*mm, 0.01) || !near(red.X2, (28+156)*mm, 0.01) {
		t.Errorf("red line from %.1f to %.1f pt; want the 版心 width", red.X1, red.X2)
	}
	if gap := title.Baseline - 0.88*22 - (red.Y2 + red.Width/2); !near(gap, float64(2*p.LinePitch()), 0.01) {
		t.Errorf("title %.2f pt below the red line; 下空二行 wants %.2f (§7.3.1)", gap, 2*p.LinePitch())
	}
	// the text below the title on page 1's grid, which the 发文字号 set
	for _, l := range pg.Lines {
		if l.Kind == typeset.Body && l.Runs[0].Size == 16 {
			if k := float64((l.Baseline - number.Baseline) / p.LinePitch()); math.Abs(k-math.Round(k)) > 1e-6 {
				t.Errorf("line %q off the grid of the 发文字号 by %.3f lines", l.Text(), k-math.Round(k))
			}
		}
	}
}

// TestSealAndNote: with a seal (§7.3.5.1) the 署名 and date lie below the seal's
// centre, the seal's top within one line of the text above and clear of it; the 附注
// sits on the line right after the date (§7.3.6), clear of the seal.
func TestSealAndNote(t *testing.T) {
	res, p := typesetSample(t, "request")
	var seal *typeset.Image
	var pg *typeset.Page
	for _, q := range res.Pages {
		if len(q.Images) > 0 {
			seal, pg = &q.Images[0], q
		}
	}
	if seal == nil {
		t.Fatal("no seal")
	}
	var text, author, date, note *typeset.Line
	for _, l := range pg.Lines {
		switch {
		case l.Kind == typeset.Signature && strings.HasSuffix(l.Text(), "日"):
			date = l
		case l.Kind == typeset.Signature && len(l.Runs) > 0:
			author = l
		case date != nil && note == nil && strings.HasPrefix(l.Text(), "（"):
			note = l
		case author == nil && date == nil && l.Kind == typeset.Body:
			text = l
		}
	}
	if text == nil || author == nil || date == nil || note == nil {
		t.Fatalf("text %v, 署名 %v, date %v, 附注 %v", text, author, date, note)
	}
	if note.Slot != date.Slot+1 {
		t.Errorf("附注 on slot %d, the date on %d: want the next line", note.Slot, date.Slot)
	}
	em := func(l *typeset.Line) (top, bottom typeset.Pt) {
		size := l.Runs[0].Size
		return l.Baseline - 0.88*size, l.Baseline + 0.12*size
	}
	_, textBottom := em(text)
	noteTop, _ := em(note)
	centre := seal.Y + seal.H/2
	if seal.Y+seal.H > noteTop {
		t.Errorf("the seal reaches %.1f pt into the 附注", seal.Y+seal.H-noteTop)
	}
	if seal.Y < textBottom || seal.Y-textBottom > p.LinePitch() {
		t.Errorf("the seal's top %.1f pt below the text; want within one line, clear of it", seal.Y-textBottom)
	}
	for _, l := range []*typeset.Line{author, date} {
		if top, bottom := em(l); (top+bottom)/2 <= centre {
			t.Errorf("%q is not below the seal's centre", l.Text())
		}
	}
	if cx := seal.X + seal.W/2; !near(cx, float64((date.Left()+date.Right())/2), 0.5) {
		t.Errorf("seal centred at %.1f, the date at %.1f", cx, (date.Left()+date.Right())/2)
	}
}

// TestNoticeImprint: the 版记 sits on an even page, numbered because it follows a page
// of text (§7.5), its last thick rule on the 版心 bottom, thick 0.35 mm and thin
// 0.25 mm rules, 抄送 ending in 。.
func TestNoticeImprint(t *testing.T) {
	res, p := typesetSample(t, "notice")
	last := res.Pages[len(res.Pages)-1]
	if last.Number%2 != 0 || last.Folio == nil || last.Folio.Text() != fmt.Sprintf("— %d —", last.Number) {
		t.Errorf("版记 on page %d with folio %v; want an even page numbered as it follows text", last.Number, last.Folio)
	}
	bottom := (37 + 225) * mm
	var widths []float64
	for _, r := range last.Rules {
		widths = append(widths, float64(r.Width)/mm)
		if !near(r.X1, 28*mm, 0.01) || !near(r.X2, 184*mm, 0.01) {
			t.Errorf("版记 rule %+v not the 版心 width", r)
		}
	}
	if len(widths) != 3 || math.Abs(widths[0]-0.35) > 0.001 || math.Abs(widths[1]-0.25) > 0.001 || math.Abs(widths[2]-0.35) > 0.001 {
		t.Errorf("rule widths %v mm, want 0.35, 0.25, 0.35", widths)
	}
	if r := last.Rules[len(last.Rules)-1]; !near(r.Y1, bottom, 0.01) {
		t.Errorf("last rule at %.2f mm, want the 版心 bottom 262 mm", float64(r.Y1)/mm)
	}
	var cc, printed string
	for _, l := range last.Lines {
		if strings.HasPrefix(l.Text(), "抄送：") {
			cc = l.Text()
		}
		if strings.HasSuffix(l.Text(), "印发") {
			printed = l.Text()
			if l.Runs[0].Size != p.Imprint.Size || !near(l.Left(), 28*mm+14, 0.01) || !near(l.Right(), 184*mm-14, 0.01) {
				t.Errorf("印发 line %q at %.1f–%.1f, size %v", printed, l.Left(), l.Right(), l.Runs[0].Size)
			}
		}
	}
	if cc == "" || printed != "XX旗人民政府办公室2024年1月5日印发" {
		t.Errorf("抄送 %q, 印发 %q", cc, printed)
	}
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if strings.Contains(l.Text(), "监委") && !strings.HasSuffix(l.Text(), "。") {
				t.Errorf("抄送 does not end with 。: %s", l.Text())
			}
		}
	}
}

// TestRequestSigner: the 签发人 line is 居右空一字 and the 发文字号 居左空一字 on the same line.
func TestRequestSigner(t *testing.T) {
	res, _ := typesetSample(t, "request")
	var number, signer *typeset.Line
	for _, l := range res.Pages[0].Lines {
		if strings.Contains(l.Text(), "〔2024〕") {
			number = l
		}
		if strings.HasPrefix(l.Text(), "签发人：") {
			signer = l
		}
	}
	if number == nil || signer == nil {
		t.Fatal("no 发文字号 or 签发人")
	}
	if number.Slot != signer.Slot {
		t.Errorf("发文字号 on line %d, 签发人 on line %d", number.Slot, signer.Slot)
	}
	cell := 156 * mm / 28
	if !near(number.Left(), 28*mm+cell, 0.01) || !near(signer.Right(), 184*mm-cell, 0.3) {
		t.Errorf("发文字号 starts %.2f, 签发人 ends %.2f", number.Left(), signer.Right())
	}
	if signer.Runs[len(signer.Runs)-1].Font != layout.KaiTi {
		t.Error("签发人 names not in the 楷体 role")
	}
}

// TestLetter: 信函 has red double lines 170 mm long and page 1 unnumbered.
func TestLetter(t *testing.T) {
	res, _ := typesetSample(t, "letter")
	if res.Pages[0].Folio != nil {
		t.Error("信函 page 1 shows a page number")
	}
	n := 0
	for _, r := range res.Pages[0].Rules {
		if r.Color == typeset.Red {
			n++
			if !near(r.X2-r.X1, 170*mm, 0.01) {
				t.Errorf("double line %.1f mm long", float64(r.X2-r.X1)/mm)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d red lines, want two double lines", n)
	}
	// the 标志 stands above the 版心, drawn as red shapes, not as text
	if len(res.Pages[0].Shapes) == 0 || res.Pages[0].Shapes[0].Color != typeset.Red {
		t.Error("信函 标志 not drawn as red shapes")
	}
	for _, sh := range res.Pages[0].Shapes {
		for _, s := range sh.Segs {
			if s.Op != 'Z' && (s.Y < 30*mm-1 || s.Y > 37*mm+26) {
				t.Errorf("标志 point at %.1f mm from the top; its top edge is 30 mm", float64(s.Y)/mm)
				return
			}
		}
	}
	for _, l := range res.Pages[0].Lines {
		if top := l.Baseline - 0.88*l.Runs[0].Size; top < 37*mm-0.5 {
			t.Errorf("text above the 版心: %s", l.Text())
		}
	}
}

// TestTitlePitch: a preset's own title line pitch spaces the title lines, and the
// body grid resumes below them.
func TestTitlePitch(t *testing.T) {
	p := testdoc.Preset()
	p.Title.LinePitch = 35
	doc := testdoc.Generated(1)
	doc.Title, doc.TitleLines = "XX旗统计局关于2023年统计工作情况的报告", []string{"XX旗统计局", "关于2023年统计工作情况的报告"}
	res, err := testdoc.Typeset(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	var title, body []*typeset.Line
	for _, l := range res.Pages[0].Lines {
		if l.Kind == typeset.Title {
			title = append(title, l)
		} else {
			body = append(body, l)
		}
	}
	if len(title) != 2 || !near(title[1].Baseline-title[0].Baseline, 35, 0.001) {
		t.Fatalf("title lines %v apart, want 35 pt", title[1].Baseline-title[0].Baseline)
	}
	top, pitch := p.Page.Top.Pt(), p.LinePitch()
	for _, l := range body {
		if want := top + typeset.Pt(l.Slot)*pitch + (pitch-16)/2 + 16*0.88; l.Slot < 0 || !near(l.Baseline, float64(want), 0.01) {
			t.Fatalf("body line %q off the grid", l.Text())
		}
	}
	if gap := body[0].Baseline - title[1].Baseline; gap < pitch {
		t.Errorf("body only %.1f pt below the title", gap)
	}
}

// TestMirror: with mirror = true the even pages' 版心 starts at 26 mm (订口 on the right).
func TestMirror(t *testing.T) {
	p := testdoc.Preset()
	p.Page.Mirror = true
	res, err := testdoc.Typeset(testdoc.Generated(3), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, pg := range res.Pages[:3] {
		left := 28 * mm
		if pg.Number%2 == 0 {
			left = 26 * mm
		}
		minX := 1e9
		for _, l := range pg.Lines {
			minX = math.Min(minX, float64(l.Left()))
		}
		if math.Abs(minX-left) > 0.01 {
			t.Errorf("page %d: text starts at %.2f mm, want %.0f mm", pg.Number, minX/mm, left/mm)
		}
		if pg.Number%2 == 0 && !near(pg.Folio.Left(), 26*mm+14, 0.01) {
			t.Errorf("even page number at %.2f", pg.Folio.Left())
		}
	}
}

// TestHeadingSpace: a style's lines_before leaves blank grid lines before its element.
func TestHeadingSpace(t *testing.T) {
	p := testdoc.Preset()
	p.Heading1.LinesBefore = 1
	res, err := testdoc.Typeset(testdoc.Generated(3), p)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, pg := range res.Pages {
		for i, l := range pg.Lines {
			if l.Kind == typeset.Heading && i > 0 && pg.Lines[i-1].Kind == typeset.Body {
				checked++
				if l.Slot != pg.Lines[i-1].Slot+2 {
					t.Errorf("heading %q on line %d, the text above ends on %d", l.Text(), l.Slot, pg.Lines[i-1].Slot)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no heading follows text: the test proves nothing")
	}
}

// TestLinePositions: each line of text knows where its text starts in the content
// file, so a click on a line of the preview can find its field.
func TestLinePositions(t *testing.T) {
	res, _ := typesetSample(t, "notice")
	src, err := os.ReadFile(testdoc.Root() + "/samples/notice.toml")
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(s string) int {
		for i, l := range strings.Split(string(src), "\n") {
			if strings.Contains(l, s) {
				return i + 1
			}
		}
		return 0
	}
	for _, tc := range []struct{ printed, source string }{
		{"各苏木镇人民政府", "recipient = "},
		{"X政办发", "number = "},
		{"经济普查是一项重大的国情国力调查", "经济普查是一项重大的国情国力调查"},
		{"2024年1月5日", "date = "},
	} {
		found := false
		for _, pg := range res.Pages {
			for _, l := range pg.Lines {
				if !strings.HasPrefix(l.Text(), tc.printed) {
					continue
				}
				found = true
				if want := lineOf(tc.source); l.Pos.Line != want || l.Pos.File != "notice.toml" {
					t.Errorf("line %q from %s, want notice.toml:%d", l.Text(), l.Pos, want)
				}
			}
		}
		if !found {
			t.Errorf("no line starts with %q", tc.printed)
		}
	}
}

// TestRunGlyphs: the glyphs of every run of the seed abut, and the last one's advance
// box ends where the run's width says, so writers that place glyph by glyph (SVG, OFD)
// and one that places a run at once (PDF, with Tc) agree.
func TestRunGlyphs(t *testing.T) {
	res, p := typesetSample(t, "work-summary-2023")
	faces, err := testdoc.TypesetFonts(p)
	if err != nil {
		t.Fatal(err)
	}
	halves := 0
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			for _, r := range l.Runs {
				gs := r.Glyphs(faces[r.Font])
				if len(gs) == 0 {
					continue
				}
				for i := 1; i < len(gs); i++ {
					if !near(gs[i].X, float64(gs[i-1].X+gs[i-1].Advance), 1e-9) {
						t.Fatalf("%q: glyph %d at %.3f, the one before ends at %.3f", r.Text, i, gs[i].X, gs[i-1].X+gs[i-1].Advance)
					}
				}
				last := gs[len(gs)-1]
				if end := last.X + last.Advance - r.Tc; !near(end, float64(r.Width), 0.01) {
					t.Errorf("%q: glyphs end at %.3f, the run is %.3f wide", r.Text, end, r.Width)
				}
				if r.Half != typeset.Full {
					halves++
					if want := float64(r.Size) / 2; !near(last.Advance-r.Tc, want, 0.01) {
						t.Errorf("compressed %q advances %.2f, want %.2f", r.Text, last.Advance-r.Tc, want)
					}
				}
			}
		}
	}
	if halves == 0 {
		t.Error("no compressed mark in the seed")
	}
}
