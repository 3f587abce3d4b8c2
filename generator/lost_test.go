package generator_test

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Nothing silently lost: a long 抄送 list, many joint issuers and a wide table lay
// out with every character inside the 版心; what cannot is a located error.

// typesetFile parses a test document and typesets it with the bundled fonts.
func typesetFile(t *testing.T, file string) (*typeset.Result, *layout.Preset, []byte) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := content.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := layout.Load(doc.Layout)
	if err != nil {
		t.Fatal(err)
	}
	res, err := testdoc.Typeset(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	return res, p, src
}

// insideBody reports every line, rule and image that reaches out of the 版心 (the
// page number aside, which stands below it).
func insideBody(t *testing.T, res *typeset.Result, p *layout.Preset) {
	t.Helper()
	const eps = 0.5
	top, bottom := p.Page.Top.Pt(), p.Page.Top.Pt()+p.Page.BodyHeight.Pt()
	for _, pg := range res.Pages {
		left := p.Page.Left.Pt()
		if p.Page.Mirror && pg.Number%2 == 0 {
			left = p.Page.Width.Pt() - left - p.Page.BodyWidth.Pt()
		}
		right := left + p.Page.BodyWidth.Pt()
		for _, l := range pg.Lines {
			if len(l.Runs) == 0 {
				continue
			}
			size := l.Runs[0].Size
			if l.Baseline-0.88*size < top-eps || l.Baseline+0.12*size > bottom+eps || l.Left() < left-eps || l.Right() > right+eps {
				t.Errorf("page %d: line outside the 版心 (x %.1f–%.1f, baseline %.1f): %.30s", pg.Number, l.Left(), l.Right(), l.Baseline, l.Text())
			}
		}
		for _, r := range pg.Rules {
			if min(r.Y1, r.Y2) < top-eps || max(r.Y1, r.Y2) > bottom+eps || min(r.X1, r.X2) < left-eps || max(r.X1, r.X2) > right+eps {
				t.Errorf("page %d: rule outside the 版心: %+v", pg.Number, r)
			}
		}
	}
}

// pdfText is the PDF's text without white space, or "" when poppler is missing.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	f := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return withoutPageNumbers(string(txt))
}

// withoutPageNumbers is pdftotext's text without spaces and without the page numbers,
// which it may put between two lines of a page.
func withoutPageNumbers(txt string) string {
	var text []string
	for _, l := range strings.Split(txt, "\n") {
		if !pageNumber.MatchString(l) {
			text = append(text, l)
		}
	}
	return strings.Join(strings.Fields(strings.Join(text, "\n")), "")
}

// pageNumber is a line that holds only a page number, "— 4 —".
var pageNumber = regexp.MustCompile(`^\s*—\s*\d+\s*—\s*$`)

// docxText is the text of the DOCX's document.xml, runs joined.
func docxText(t *testing.T, docx []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "out.docx")
	if err := os.WriteFile(f, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, e := range z.File {
		if e.Name != "word/document.xml" {
			continue
		}
		r, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(string(xml), -1) {
			b.WriteString(m[1])
		}
		return b.String()
	}
	t.Fatal("no word/document.xml")
	return ""
}

// render builds a test document in memory, in both formats.
func render(t *testing.T, file string) *generator.Output {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, err := generator.NewBuilder(nil, false).Render(file, src, both)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// libreOfficeText renders the DOCX with LibreOffice: its pages and its text without
// white space; ok is false when the tools are missing.
func libreOfficeText(t *testing.T, docx []byte) (pages int, text string, ok bool) {
	t.Helper()
	render := "../../shared/tools/docx-render"
	if _, err := os.Stat(render); err != nil || testing.Short() {
		return 0, "", false
	}
	for _, c := range []string{"soffice", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(c); err != nil {
			return 0, "", false
		}
	}
	dir := t.TempDir()
	in, pdf := filepath.Join(dir, "doc.docx"), filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(render, in, "-o", pdf).CombinedOutput(); err != nil {
		t.Fatalf("docx-render: %v\n%s", err, out)
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Sscanf(regexp.MustCompile(`Pages:\s+\d+`).FindString(string(info))[len("Pages:"):], "%d", &pages)
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return pages, withoutPageNumbers(string(txt)), true
}

// TestLongCC: 150 抄送 entries run over pages; the 版记 ends at the foot of the last,
// even page; every entry is in the PDF, the DOCX and LibreOffice's render of it.
func TestLongCC(t *testing.T) {
	const file = "testdata/print/long-cc.toml"
	res, p, _ := typesetFile(t, file)
	insideBody(t, res, p)
	if n := len(res.Pages); n != 6 {
		t.Errorf("%d pages, want 6: the text, a blank page, four pages of 版记", n)
	}
	// §7.5: the blank page before the 版记 shows no number; the 版记's pages do, as
	// the 版记 page after the blank one is not the last
	last := res.Pages[len(res.Pages)-1]
	if last.Number%2 != 0 || last.Folio == nil {
		t.Errorf("版记 ends on page %d with folio %v; want an even page with its number", last.Number, last.Folio)
	}
	if blank := res.Pages[1]; len(blank.Lines) > 0 || blank.Folio != nil {
		t.Errorf("page 2 has %d lines and folio %v; want a blank page without a number", len(blank.Lines), blank.Folio)
	}
	bottom := p.Page.Top.Pt() + p.Page.BodyHeight.Pt()
	if r := last.Rules[len(last.Rules)-1]; r.Y1 != bottom {
		t.Errorf("the 版记's last rule at %.2f pt, want the 版心 bottom %.2f", r.Y1, bottom)
	}
	var imprint strings.Builder
	perPage := map[int]int{}
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if l.Kind == typeset.Imprint {
				imprint.WriteString(l.Text())
				perPage[pg.Number]++
			}
		}
	}
	// the 版记 from the foot of page 3; pages 4–6 full
	for n, want := range map[int]int{4: p.Grid.Lines, 5: p.Grid.Lines, 6: p.Grid.Lines} {
		if perPage[n] != want {
			t.Errorf("page %d carries %d 版记 lines, want %d", n, perPage[n], want)
		}
	}
	if perPage[1] != 0 || perPage[2] != 0 || perPage[3] == 0 {
		t.Errorf("版记 lines per page %v; want them from page 3", perPage)
	}
	out := render(t, file)
	pdf := pdfText(t, out.Files[generator.PDF])
	docx := docxText(t, out.Files[generator.DOCX])
	lo, loText, rendered := libreOfficeText(t, out.Files[generator.DOCX])
	for i := 1; i <= 150; i++ {
		name := fmt.Sprintf("旗直第%d有关单位办公室", i)
		for _, where := range []struct{ what, text string }{{"typeset 版记", imprint.String()}, {"PDF", pdf}, {"DOCX", docx}, {"LibreOffice", loText}} {
			if where.text != "" && !strings.Contains(where.text, name) {
				t.Errorf("%s lacks 抄送 %s", where.what, name)
			}
		}
	}
	if !strings.HasSuffix(imprint.String(), "旗直第150有关单位办公室。XX旗人民政府办公室2024年1月5日印发") {
		t.Errorf("the 版记 ends %q", imprint.String()[max(0, len(imprint.String())-120):])
	}
	if rendered && lo != len(res.Pages) {
		t.Errorf("LibreOffice renders %d pages, the PDF has %d", lo, len(res.Pages))
	}
}

// TestJointIssuers: 20 joint issuers stack in a smaller 标志 that leaves the 发文字号
// and the title on page 1; the 20 署名 run over pages, the date with the last of them.
func TestJointIssuers(t *testing.T) {
	const file = "testdata/print/joint-20.toml"
	res, p, _ := typesetFile(t, file)
	insideBody(t, res, p)
	first := res.Pages[0]
	var names, number, title int
	for _, l := range first.Lines {
		switch {
		case l.Slot == -1 && l.Kind == typeset.Title && strings.HasPrefix(l.Text(), "XX旗第"):
			names++
			if s := l.Runs[0].Size; s < p.Header.MarkMinSize || s >= p.Header.MarkSize {
				t.Errorf("标志 at %.1f pt; want it shrunk, not below %.1f", s, p.Header.MarkMinSize)
			}
		case l.Text() == "X政发〔2024〕3号":
			number++
		case l.Kind == typeset.Title && l.Slot >= 0:
			title++
		}
	}
	if names != 20 || number != 1 || title == 0 {
		t.Errorf("page 1 holds %d names of the 标志, %d 发文字号, %d title lines; want 20, 1, ≥1", names, number, title)
	}
	if size := p.MarkStackSize(20); size != 11.5 {
		t.Errorf("MarkStackSize(20) = %.1f, want 11.5", size)
	}
	var signed []string
	var datePage, lastNamePage int
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if l.Kind != typeset.Signature {
				continue
			}
			switch txt := l.Text(); {
			case strings.HasPrefix(txt, "XX旗第"):
				signed = append(signed, txt)
				lastNamePage = pg.Number
			case txt == "2024年1月5日":
				datePage = pg.Number
			}
		}
	}
	if len(signed) != 20 || signed[19] != "XX旗第20局" {
		t.Errorf("署名 %q; want the 20 names", signed)
	}
	if datePage == 0 || datePage != lastNamePage {
		t.Errorf("the date on page %d, the last name on page %d; want them together", datePage, lastNamePage)
	}
	out := render(t, file)
	if pdf := pdfText(t, out.Files[generator.PDF]); pdf != "" && strings.Count(pdf, "XX旗第20局") != 2 {
		t.Errorf("the PDF's text has XX旗第20局 %d times; want 2 (标志, 署名)", strings.Count(pdf, "XX旗第20局"))
	}
	if _, lo, ok := libreOfficeText(t, out.Files[generator.DOCX]); ok {
		lo = strings.ReplaceAll(lo, "XX旗第", "")
		for i := 1; i <= 20; i++ {
			if n := strings.Count(lo, fmt.Sprintf("%d局", i)); n < 2 {
				t.Errorf("LibreOffice's render has 第%d局 %d times; want it in the 标志 and the 署名", i, n)
			}
		}
	}
}

// TestTooManyIssuers: past what the 标志 can stack, a located error.
func TestTooManyIssuers(t *testing.T) {
	p, err := layout.Load("notice")
	if err != nil {
		t.Fatal(err)
	}
	most := p.MarkMaxIssuers()
	if most != 33 {
		t.Errorf("MarkMaxIssuers = %d, want 33", most)
	}
	var names []string
	for i := 1; i <= most+1; i++ {
		names = append(names, fmt.Sprintf("%q", fmt.Sprintf("XX旗第%d局", i)))
	}
	src := "layout = \"notice\"\ntitle = \"测试\"\nauthor = \"XX局\"\ndate = 2024-01-05\ntext = \"正文。\"\nissuer = [" + strings.Join(names, ", ") + "]\n"
	_, err = generator.NewBuilder(nil, false).Render("many.toml", []byte(src), both)
	var ce *content.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v, want a content error", err)
	}
	want := "联合行文的发文机关标志有 34 个机关，排不下：版式「notice」的标志最多排 33 个机关名称（字号已缩到最小 10.5 磅）"
	if ce.Pos.String() != "many.toml:6:1" || ce.Field != "issuer" || ce.Msg != want || !strings.HasPrefix(ce.Source, "issuer = [") {
		t.Errorf("got %s %s: %s (source %.20q); want many.toml:6:1 issuer: %s", ce.Pos, ce.Field, ce.Msg, ce.Source, want)
	}
	// with a preset that allows it, more names stack: the text starts on page 2
	names = names[:most]
	src = strings.Replace(src, strings.Join(append(names, fmt.Sprintf("%q", fmt.Sprintf("XX旗第%d局", most+1))), ", "), strings.Join(names, ", "), 1)
	out, err := generator.NewBuilder(nil, false).Render("most.toml", []byte(src), []generator.Format{generator.PDF})
	if err != nil {
		t.Fatal(err)
	}
	if out.Pages != 2 {
		t.Errorf("%d issuers: %d pages, want 2 (the 版头 on page 1, the text on page 2)", most, out.Pages)
	}
}

// TestWideTable: a table too wide in 4号 is set smaller, inside the 版心; one far too
// wide is a located error that names the table and what fits.
func TestWideTable(t *testing.T) {
	res, p, _ := typesetFile(t, "testdata/print/wide-table.toml")
	insideBody(t, res, p)
	cells := 0
	for _, pg := range res.Pages {
		for _, l := range pg.Lines {
			if l.Kind == typeset.Cell {
				cells++
				if s := l.Runs[0].Size; s != 12 {
					t.Errorf("cell %q at %.1f pt, want 12 (小四)", l.Text(), s)
				}
			}
		}
	}
	if cells != 13*4 {
		t.Errorf("%d cell lines, want %d (13 columns, 4 rows, none wrapped)", cells, 13*4)
	}
	out := render(t, "testdata/print/wide-table.toml")
	if pdf := pdfText(t, out.Files[generator.PDF]); pdf != "" && !strings.Contains(pdf, "合计30743148322232963370344435183592366637403814") {
		t.Errorf("the PDF's text lacks the 合计 row: %s", pdf)
	}
	if docx := docxText(t, out.Files[generator.DOCX]); !strings.Contains(docx, "3888") {
		t.Error("the DOCX lacks the last 合计")
	}

	const file = "testdata/table-1000-columns.toml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range both { // each writer on its own finds it
		_, err := generator.NewBuilder(nil, false).Render(file, src, []generator.Format{f})
		var ce *content.Error
		if !errors.As(err, &ce) {
			t.Fatalf("%s: error %v, want a content error", f, err)
		}
		want := "表格「一千列的表」有 1000 列，太宽：表格字号缩到最小也排不下版心（最多约 14 列）"
		if ce.Pos.String() != file+":7:1" || ce.Msg != want || ce.Source != "[[table]]" || !strings.Contains(ce.Hint, "不超过 14 列") {
			t.Errorf("%s: got %s: %s (source %q, hint %q); want %s:7:1: %s", f, ce.Pos, ce.Msg, ce.Source, ce.Hint, file, want)
		}
	}
}
