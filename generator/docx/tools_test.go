package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

// These tests run the project's check tools (../shared next to the repository) and
// LibreOffice when they are installed, and skip otherwise. .ci/run installs them.

func writeFile(t *testing.T, doc *model.Document, name string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc, report(t)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func need(t *testing.T, cmds ...string) {
	t.Helper()
	for _, c := range cmds {
		if _, err := exec.LookPath(c); err != nil {
			t.Skipf("%s is not installed", c)
		}
	}
}

// TestValidateDOCX checks the package against the ECMA-376 Transitional schemas.
func TestValidateDOCX(t *testing.T) {
	need(t, "xmllint")
	validate := shared(t, "ooxml/validate-docx")
	for name, doc := range map[string]*model.Document{"seed.docx": seedDocument(t), "levels.docx": levelsDocument()} {
		out, err := exec.Command(validate, writeFile(t, doc, name)).CombinedOutput()
		if err != nil {
			t.Errorf("validate-docx %s: %v\n%s", name, err, out)
		}
	}
}

// wordSemantics rewrites w:overflowPunct w:val="0" to "1" for LibreOffice, which reads
// the element inverted (writerfilter DomainMapper: ParaIsHangingPunctuation =
// overflowPunct == 0): with the value Word reads as "no hanging punctuation",
// LibreOffice hangs line-end commas into the margin and drops some from the page. The
// rewritten file shows in LibreOffice what Word and WPS show for ours (docs/docx.md).
func wordSemantics(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	flipped := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		if _, err := data.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		b := data.Bytes()
		if f.Name == "word/styles.xml" {
			flipped = bytes.Count(b, []byte(`<w:overflowPunct w:val="0"/>`))
			b = bytes.ReplaceAll(b, []byte(`<w:overflowPunct w:val="0"/>`), []byte(`<w:overflowPunct w:val="1"/>`))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if flipped == 0 {
		t.Fatal("styles.xml has no w:overflowPunct to adapt")
	}
	out := strings.TrimSuffix(path, ".docx") + "-lo.docx"
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLibreOfficeRender renders the seed through LibreOffice with the standard's fonts
// mapped to the free ones and measures the pages with gbt9704-check: 28 characters a
// full line, 22 body lines a page, page numbers in place, no violation.
func TestLibreOfficeRender(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice rendering takes seconds")
	}
	need(t, "soffice", "mutool", "pdffonts")
	render, check := shared(t, "tools/docx-render"), shared(t, "tools/gbt9704-check")
	fonts := shared(t, "fonts")
	docx := wordSemantics(t, writeFile(t, seedDocument(t), "seed.docx"))
	pdf := strings.TrimSuffix(docx, ".docx") + ".pdf"
	if out, err := exec.Command(render, docx, "-o", pdf, "--fonts", fonts).CombinedOutput(); err != nil {
		t.Fatalf("docx-render: %v\n%s", err, out)
	}
	out, err := exec.Command(check, pdf, "--source", seedSource, "--json").Output()
	if len(out) == 0 {
		t.Fatalf("gbt9704-check: %v", err)
	}
	var res struct {
		Figures struct {
			Pages          int     `json:"pages"`
			CharsPerLine   float64 `json:"chars_per_full_line"`
			LinesPerPage   []int   `json:"body_lines_per_page"`
			MissingSources int     `json:"source_paragraphs_missing"`
			TitleSize      float64 `json:"title_size_pt"`
		} `json:"figures"`
		Violations []string `json:"violations"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("gbt9704-check output: %v\n%s", err, out)
	}
	p := report(t)
	fig := res.Figures
	t.Logf("LibreOffice: %d pages, %.1f characters a full line, body lines a page %v", fig.Pages, fig.CharsPerLine, fig.LinesPerPage)
	for _, v := range res.Violations {
		t.Errorf("gbt9704-check: %s", v)
	}
	if fig.CharsPerLine != float64(p.Grid.Chars) {
		t.Errorf("%.1f characters a full line, want %d", fig.CharsPerLine, p.Grid.Chars)
	}
	full, at22 := fig.LinesPerPage[:len(fig.LinesPerPage)-1], 0
	for i, n := range full {
		// widow control and headings kept with their text may leave one line free
		if n < p.Grid.Lines-1 && !(i == 0 && n == p.Grid.Lines-3) { // page 1: 2 title lines + 1 blank
			t.Errorf("page %d has %d body lines", i+1, n)
		}
		if n == p.Grid.Lines {
			at22++
		}
	}
	if at22 == 0 {
		t.Errorf("no page with %d body lines: %v", p.Grid.Lines, fig.LinesPerPage)
	}
	if fig.TitleSize != float64(p.Title.Size) {
		t.Errorf("title %.1f pt, want %.1f", fig.TitleSize, float64(p.Title.Size))
	}
	if fig.Pages < 7 || fig.Pages > 9 {
		t.Errorf("%d pages; the seed takes 8", fig.Pages)
	}
}

// TestEnterGivesBody presses Enter at the end of a paragraph of each style in
// LibreOffice (which follows w:next as Word does) and checks the new paragraph's style:
// after body text, a heading, a run-in paragraph or the title comes body text.
func TestEnterGivesBody(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	need(t, "soffice")
	const python = "/usr/bin/python3" // Debian's, where python3-uno installs
	if exec.Command(python, "-c", "import uno").Run() != nil {
		t.Skip("python3-uno is not installed")
	}
	out, err := exec.Command(python, "testdata/enter.py", writeFile(t, levelsDocument(), "levels.docx")).Output()
	if err != nil {
		t.Fatalf("enter.py: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if a, b, ok := strings.Cut(l, "\t"); ok {
			got[a] = b
		}
	}
	const body = "Standard" // LibreOffice's name for Word's Normal (正文)
	for _, tt := range []struct{ style, next string }{
		{body, body},
		{"Title", body},
		{"主送机关", body},
		{"一级标题", body},
		{"三级标题", body},
		{"正文（段首二级标题）", body},
		{"正文（段首四级标题）", body},
		{"署名日期", "署名日期"},
	} {
		if got[tt.style] != tt.next {
			t.Errorf("Enter after a %s paragraph gives %q, want %q", tt.style, got[tt.style], tt.next)
		}
	}
}
