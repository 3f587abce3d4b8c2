package generator_test

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
)

const sample = "../samples/work-summary-2023.toml"

var both = []generator.Format{generator.PDF, generator.DOCX}

// seedLines are the seed text's paragraphs.
func seedLines(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../testdata/work-summary-2023.txt")
	if err != nil {
		t.Skip("seed text not available:", err)
	}
	var out []string
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestBuildSample(t *testing.T) {
	dir := t.TempDir()
	out, files, err := generator.NewBuilder(nil, false).Build(sample, dir, both)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "work-summary-2023.pdf"), filepath.Join(dir, "work-summary-2023.docx")}
	if strings.Join(files, "|") != strings.Join(want, "|") {
		t.Fatalf("wrote %q, want %q", files, want)
	}
	if out.Pages < 6 || out.Pages > 10 {
		t.Errorf("the seed took %d pages; about 8 expected", out.Pages)
	}
	pdf, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:8])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: cannot read the PDF's text back")
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// page numbers sit between the pages' text; the paragraphs run across them
	folio := regexp.MustCompile(`(?m)^\s*—\s*\d+\s*—\s*$`)
	text := regexp.MustCompile(`\s+`).ReplaceAllString(folio.ReplaceAllString(string(txt), ""), "")
	pos := 0
	for _, para := range seedLines(t) {
		i := strings.Index(text[pos:], para)
		if i < 0 {
			t.Errorf("seed paragraph missing or out of order in the PDF's text: %.60s…", para)
			continue
		}
		pos += i + len(para)
	}
	if n := len(folio.FindAllString(string(txt), -1)); n != out.Pages {
		t.Errorf("found %d page numbers on %d pages", n, out.Pages)
	}
	for _, s := range []string{"XX旗统计局2023年工作总结及2024年工作计划", "XX旗统计局2024年1月10日"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF text lacks %q", s)
		}
	}
}

func TestDeterministic(t *testing.T) {
	src, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	a, err := generator.NewBuilder(nil, false).Render(sample, src, both)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generator.NewBuilder(nil, false).Render(sample, src, both)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range both {
		if !bytes.Equal(a.Files[f], b.Files[f]) {
			t.Errorf("two builds of the same input give different %s bytes", f)
		}
	}
}

// TestFailedBuildKeepsFiles: a broken content file creates no output and leaves
// the last good files untouched.
func TestFailedBuildKeepsFiles(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(dir, "doc.toml")
	if err := os.WriteFile(input, src, 0o644); err != nil {
		t.Fatal(err)
	}
	b := generator.NewBuilder(nil, false)
	_, files, err := b.Build(input, "", both)
	if err != nil {
		t.Fatal(err)
	}
	good := map[string][]byte{}
	for _, f := range files {
		good[f], _ = os.ReadFile(f)
	}
	broken := strings.Replace(string(src), "共开展学习{学习}", "共开展学习{未定义的计数}", 1)
	if err := os.WriteFile(input, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Build(input, "", both); err == nil || !strings.Contains(err.Error(), "未定义的计数") {
		t.Fatalf("broken build: error %v", err)
	}
	for f, data := range good {
		now, err := os.ReadFile(f)
		if err != nil || !bytes.Equal(now, data) {
			t.Errorf("%s changed after a failed build", f)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q; want only doc.toml and the two outputs", names)
	}

	// A new name that fails creates nothing.
	fresh := filepath.Join(dir, "new.toml")
	os.WriteFile(fresh, []byte(broken), 0o644)
	if _, _, err := b.Build(fresh, "", both); err == nil {
		t.Fatal("broken build succeeded")
	}
	for _, ext := range []string{".pdf", ".docx"} {
		if _, err := os.Stat(filepath.Join(dir, "new"+ext)); !os.IsNotExist(err) {
			t.Errorf("new%s exists after a failed build", ext)
		}
	}
}

// TestSamplesMeetTheStandard builds every sample, and every test document made for a
// case of the standard (testdata/print), and runs the standard's checks on it when the
// tools are here: gbt9704-check on the PDF (0 violations), validate-docx on the DOCX
// (0 errors).
func TestSamplesMeetTheStandard(t *testing.T) {
	check := "../../shared/tools/gbt9704-check"
	validate := "../../shared/ooxml/validate-docx"
	samples, err := filepath.Glob("../samples/*.toml")
	if err != nil || len(samples) < 6 {
		t.Fatalf("samples: %v %v", samples, err)
	}
	cases, _ := filepath.Glob("testdata/print/*.toml")
	samples = append(samples, cases...)
	b := generator.NewBuilder(nil, false)
	for _, s := range samples {
		name := strings.TrimSuffix(filepath.Base(s), ".toml")
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			out, files, err := b.Build(s, dir, both)
			if err != nil {
				t.Fatal(err)
			}
			t.Run("gbt9704-check", func(t *testing.T) {
				if _, err := os.Stat(check); err != nil {
					t.Skip("check tool not available")
				}
				for _, tool := range []string{"mutool", "pdffonts"} {
					if _, err := exec.LookPath(tool); err != nil {
						t.Skip(tool, "not installed")
					}
				}
				args := []string{files[0]}
				if name == "work-summary-2023" {
					args = append(args, "--source", "../testdata/work-summary-2023.txt")
				}
				if !out.Preset.PageNumber.First {
					args = append(args, "--first-page-unnumbered")
				}
				res, err := exec.Command(check, args...).CombinedOutput()
				if err != nil || !strings.Contains(string(res), "violations: 0") {
					t.Errorf("gbt9704-check %s: %v\n%s", name, err, res)
				}
				if name == "work-summary-2023" {
					for _, want := range []string{"source_paragraphs_missing: 0", "chars_per_full_line: 28.0"} {
						if !strings.Contains(string(res), want) {
							t.Errorf("gbt9704-check output lacks %q:\n%s", want, res)
						}
					}
				}
			})
			t.Run("LibreOffice", func(t *testing.T) {
				// the DOCX as a word processor lays it out: the same pages, numbered
				// by §7.5, 附件 labelled and the 版头 spaced as in the PDF (the
				// figures LibreOffice cannot match — 27 characters a digit-heavy line,
				// RGB inks — are docs/docx.md's)
				render := "../../shared/tools/docx-render"
				if _, err := os.Stat(render); err != nil {
					t.Skip("docx-render not available")
				}
				if _, err := exec.LookPath("soffice"); err != nil {
					t.Skip("LibreOffice not installed")
				}
				lo := filepath.Join(dir, name+"-lo.pdf")
				if out, err := exec.Command(render, files[1], "-o", lo).CombinedOutput(); err != nil {
					t.Fatalf("docx-render: %v\n%s", err, out)
				}
				args := []string{lo, "--skip-ink"}
				if !out.Preset.PageNumber.First {
					args = append(args, "--first-page-unnumbered")
				}
				res, _ := exec.Command(check, args...).CombinedOutput()
				for _, l := range strings.Split(string(res), "\n") {
					if strings.HasPrefix(l, "pages: ") && l != fmt.Sprintf("pages: %d", out.Pages) {
						t.Errorf("LibreOffice: %s, the PDF has %d", l, out.Pages)
					}
					if strings.HasPrefix(l, "VIOLATION") && (strings.Contains(l, "page number") || strings.Contains(l, "附件") ||
						strings.Contains(l, "§7.2.5") || strings.Contains(l, "§7.3.1")) {
						t.Errorf("LibreOffice: %s", l)
					}
				}
			})
			t.Run("validate-docx", func(t *testing.T) {
				if _, err := os.Stat(validate); err != nil {
					t.Skip("validate-docx not available")
				}
				if _, err := exec.LookPath("xmllint"); err != nil {
					t.Skip("xmllint not installed")
				}
				res, err := exec.Command(validate, files[1]).CombinedOutput()
				if err != nil || !strings.Contains(string(res), "0 errors") {
					t.Errorf("validate-docx %s: %v\n%s", name, err, res)
				}
			})
		})
	}
}

func BenchmarkBuildSample(b *testing.B) {
	src, err := os.ReadFile(sample)
	if err != nil {
		b.Fatal(err)
	}
	builder := generator.NewBuilder(nil, false)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := builder.Render(sample, src, both); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCharacterErrors: a character no font can draw is reported at its own place in the
// file, with the file name and the line, wherever it stands (text, title, 发文机关标志);
// a character taken from a fallback font is placed too.
func TestCharacterErrors(t *testing.T) {
	head := "title = \"测试\"\nauthor = \"某局\"\ndate = 2024-01-05\ntext = \"\"\"\n"
	tests := []struct {
		name, src, pos, msg string
	}{
		{"private use", head + "这是一个自造字\uE000。\n\"\"\"\n", "a.toml:5:8", "U+E000）是私用区的自造字"},
		{"emoji", head + "第一行\n然后是表情😀。\n\"\"\"\n", "a.toml:6:6", "U+1F600）在所有字体中都没有字形"},
		{"unassigned plane", head + "第一行\n无主之字\U00040000。\n\"\"\"\n", "a.toml:6:5", "U+40000）在所有字体中都没有字形"},
		{"title", "author = \"某局\"\ntitle = \"关于\uE000的通知\"\ndate = 2024-01-05\ntext = \"正文。\"\n", "a.toml:2:12", "U+E000"},
		{"issuer", "layout = \"notice\"\nissuer = \"某\uE000局\"\nnumber = \"某发〔2024〕1号\"\ntitle = \"通知\"\nauthor = \"某局\"\ndate = 2024-01-05\ntext = \"正文。\"\n",
			"a.toml:2:12", "U+E000"},
	}
	for _, tt := range tests {
		_, err := generator.NewBuilder(nil, false).Render("a.toml", []byte(tt.src), both)
		if err == nil || !strings.HasPrefix(err.Error(), tt.pos+": ") || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "^") {
			t.Errorf("%s: error %v, want %s at %s with a caret", tt.name, err, tt.msg, tt.pos)
		}
	}
	out, err := generator.NewBuilder(nil, false).Render("a.toml", []byte(head+"张三、李四、张珺同志。\n\"\"\"\n"), both)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Fallbacks) != 1 || out.Fallbacks[0].Pos.String() != "a.toml:5:8" {
		t.Errorf("fallbacks %+v, want 珺 at a.toml:5:8", out.Fallbacks)
	}
}

const rare = "testdata/print/rare-characters.toml"

// TestRareCharacters builds a document with 王𬌗 (U+2C317, beyond the BMP) in the
// 发文机关标志, the title, the text and the 署名, and 儽 and „, which only the last-resort
// font has. Every one is drawn, with its glyph, and the PDF's text reads back exactly.
func TestRareCharacters(t *testing.T) {
	dir := t.TempDir()
	out, files, err := generator.NewBuilder(nil, false).Build(rare, dir, both)
	if err != nil {
		t.Fatal(err)
	}
	var fallbacks []string
	for _, fb := range out.Fallbacks {
		fallbacks = append(fallbacks, fmt.Sprintf("%s %c %s→%s", fb.Pos, fb.Rune, fb.Want, fb.Got))
	}
	want := []string{rare + ":16:8 𬌗 fangsong→songti", rare + ":22:28 „ fangsong→lastresort", rare + ":22:47 儽 fangsong→lastresort"}
	if !slices.Equal(fallbacks, want) {
		t.Errorf("fallbacks %q, want %q", fallbacks, want)
	}

	for _, tool := range []string{"pdftotext", "pdftoppm", "mutool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: cannot read the PDF back", tool)
		}
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`\s+`).ReplaceAllString(string(txt), "")
	for _, s := range []string{"XX旗王𬌗嘎查村民委员会文件", "关于表彰王𬌗同志的通报", "王𬌗同志扎根基层", "对王𬌗同志予以通报表彰",
		"„日子是干出来的“", "“儽儽兮若无所归”", "XX旗王𬌗嘎查村民委员会2024年3月8日"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF text lacks %q:\n%s", s, txt)
		}
	}

	// ToUnicode maps 𬌗's glyph to its surrogate pair (the streams are compressed: let
	// mutool inflate them)
	clean := filepath.Join(dir, "clean.pdf")
	if res, err := exec.Command("mutool", "clean", "-d", files[0], clean).CombinedOutput(); err != nil {
		t.Fatalf("mutool clean: %v\n%s", err, res)
	}
	raw, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`(?m)^<[0-9A-F]{4}> <D870DF17>$`).FindAll(raw, -1)); n != 2 {
		t.Errorf("%d ToUnicode entries map a glyph to 𬌗 (<D870DF17>); want 2: 小标宋 (标志, title) and 宋体 (text, 署名)", n)
	}

	// every rare character stands in the font expected, and ink is drawn in its box
	chars := stextChars(t, files[0])
	wantFont := map[string][]string{
		"𬌗": {"NotoSerifSC-Bold", "NotoSerifSC-Regular"}, // 标志 and title; text and 署名 (宋体)
		"儽": {"NotoSerifSC-Regular"},
		"„": {"NotoSerifSC-Regular"},
	}
	for c, fonts := range wantFont {
		seen := map[string]bool{}
		for _, ch := range chars {
			if ch.c != c {
				continue
			}
			seen[ch.font] = true
			if ink := inkIn(t, files[0], ch); ink < 0.02 {
				t.Errorf("%s on page %d at (%.0f, %.0f) in %s: %.1f%% of its box inked, nothing drawn", c, ch.page, ch.x0, ch.y0, ch.font, 100*ink)
			}
		}
		for _, f := range fonts {
			if !seen[f] {
				t.Errorf("%s not drawn in %s (drawn in %v)", c, f, seen)
			}
		}
	}
}

// stextChar is a character as mutool reads it from a PDF: its page, font and box.
type stextChar struct {
	page           int
	font, c        string
	x0, y0, x1, y1 float64
}

// stextChars lists every character of a PDF with its font, from mutool's structured text.
func stextChars(t *testing.T, file string) []stextChar {
	t.Helper()
	res, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", file).Output()
	if err != nil {
		t.Fatalf("mutool draw: %v", err)
	}
	var out []stextChar
	page, font := 0, ""
	tag := regexp.MustCompile(`<(page|font|char) ([^>]*)>`)
	attr := func(s, name string) string {
		m := regexp.MustCompile(` ?` + name + `="([^"]*)"`).FindStringSubmatch(" " + s)
		if m == nil {
			return ""
		}
		return html.UnescapeString(m[1])
	}
	for _, m := range tag.FindAllStringSubmatch(string(res), -1) {
		switch m[1] {
		case "page":
			page++
		case "font":
			font = attr(m[2], "name")
		case "char":
			var q [8]float64
			for i, f := range strings.Fields(attr(m[2], "quad")) {
				q[i], _ = strconv.ParseFloat(f, 64)
			}
			out = append(out, stextChar{page: page, font: font, c: attr(m[2], "c"), x0: q[0], y0: q[1], x1: q[6], y1: q[7]})
		}
	}
	return out
}

// inkIn renders the box of a character at 144 dpi and returns the share of its pixels
// that are dark.
func inkIn(t *testing.T, file string, c stextChar) float64 {
	t.Helper()
	const scale = 2.0 // 144 dpi
	p := strconv.Itoa(c.page)
	args := []string{"-gray", "-r", "144", "-f", p, "-l", p,
		"-x", strconv.Itoa(int(c.x0 * scale)), "-y", strconv.Itoa(int(c.y0 * scale)),
		"-W", strconv.Itoa(int((c.x1 - c.x0) * scale)), "-H", strconv.Itoa(int((c.y1 - c.y0) * scale)), file}
	res, err := exec.Command("pdftoppm", args...).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	// binary PGM: "P5\nW H\n255\n" then one byte a pixel
	var magic string
	var w, h, maxval int
	if _, err := fmt.Sscan(string(res), &magic, &w, &h, &maxval); err != nil || magic != "P5" || len(res) < w*h {
		t.Fatalf("pdftoppm output is not a PGM: %v", err)
	}
	pix := res[len(res)-w*h:]
	dark := 0
	for _, v := range pix {
		if v < 128 {
			dark++
		}
	}
	return float64(dark) / float64(len(pix))
}
