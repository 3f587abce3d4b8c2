package generator_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// TestSamplesMeetTheStandard builds every sample and runs the standard's checks on
// it when the tools are here: gbt9704-check on the PDF (0 violations), validate-docx on
// the DOCX (0 errors).
func TestSamplesMeetTheStandard(t *testing.T) {
	check := "../../shared/tools/gbt9704-check"
	validate := "../../shared/ooxml/validate-docx"
	samples, err := filepath.Glob("../samples/*.toml")
	if err != nil || len(samples) < 6 {
		t.Fatalf("samples: %v %v", samples, err)
	}
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
// file, with the line; a character taken from a fallback font is placed too.
func TestCharacterErrors(t *testing.T) {
	head := "title = \"测试\"\nauthor = \"某局\"\ndate = 2024-01-05\ntext = \"\"\"\n"
	tests := []struct {
		text, pos, msg string
	}{
		{"这是一个生僻字𬌗。", "a.toml:5:8", "U+2C317"},
		{"第一行\n然后是表情😀。", "a.toml:6:6", "U+1F600"},
	}
	for _, tt := range tests {
		_, err := generator.NewBuilder(nil, false).Render("a.toml", []byte(head+tt.text+"\n\"\"\"\n"), both)
		if err == nil || !strings.HasPrefix(err.Error(), tt.pos+": ") || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "^") {
			t.Errorf("%q: error %v, want %s at %s with a caret", tt.text, err, tt.msg, tt.pos)
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
