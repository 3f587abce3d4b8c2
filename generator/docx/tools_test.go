package docx

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

// These tests run the project's check tools (../shared next to the repository) and
// LibreOffice when they are installed, and skip otherwise. .ci/run installs them.

func writeFile(t *testing.T, doc *model.Document, name string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := writeDocx(&buf, doc, report(t)); err != nil {
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
	docs := map[string]*model.Document{"seed.docx": seedDocument(t), "levels.docx": levelsDocument(),
		"in-place-table.docx": inPlaceDocument(t), "long-table.docx": sampleDocument(t, "long-table.toml")}
	for name, doc := range docs {
		out, err := exec.Command(validate, writeFile(t, doc, name)).CombinedOutput()
		if err != nil {
			t.Errorf("validate-docx %s: %v\n%s", name, err, out)
		}
	}
}

// checkResult is what gbt9704-check measures.
type checkResult struct {
	Figures struct {
		Pages          int     `json:"pages"`
		CharsPerLine   float64 `json:"chars_per_full_line"`
		LinesPerPage   []int   `json:"body_lines_per_page"`
		MissingSources int     `json:"source_paragraphs_missing"`
		TitleSize      float64 `json:"title_size_pt"`
		TableRows      int     `json:"table_rows"`
	} `json:"figures"`
	Violations []string `json:"violations"`
}

// renderLO writes doc, renders it through LibreOffice with the standard's fonts mapped to
// the free ones and returns the PDF's path. It skips when LibreOffice or the tools are missing.
func renderLO(t *testing.T, doc *model.Document, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("LibreOffice rendering takes seconds")
	}
	need(t, "soffice", "mutool", "pdffonts")
	render, fonts := shared(t, "tools/docx-render"), shared(t, "fonts")
	docx := writeFile(t, doc, name)
	pdf := strings.TrimSuffix(docx, ".docx") + ".pdf"
	if out, err := exec.Command(render, docx, "-o", pdf, "--fonts", fonts).CombinedOutput(); err != nil {
		t.Fatalf("docx-render: %v\n%s", err, out)
	}
	return pdf
}

// check measures LibreOffice's PDF of a DOCX with gbt9704-check against the seed text,
// without the ink colours, which a word processor's export chooses.
func check(t *testing.T, pdf string) checkResult {
	t.Helper()
	out, err := exec.Command(shared(t, "tools/gbt9704-check"), pdf, "--source", seedSource, "--json", "--skip-ink").Output()
	if len(out) == 0 {
		t.Fatalf("gbt9704-check: %v", err)
	}
	var res checkResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("gbt9704-check output: %v\n%s", err, out)
	}
	for _, v := range res.Violations {
		t.Errorf("gbt9704-check: %s", v)
	}
	return res
}

// TestLibreOfficeRender renders the seed through LibreOffice with the standard's fonts
// mapped to the free ones and measures the pages with gbt9704-check: 28 characters a
// full line, 22 body lines a page, page numbers in place, no violation, and as many
// pages as our PDF (the text, then one page for each 附表).
func TestLibreOfficeRender(t *testing.T) {
	doc := seedDocument(t)
	res := check(t, renderLO(t, doc, "seed.docx"))
	p := report(t)
	fig := res.Figures
	t.Logf("LibreOffice: %d pages, %.1f characters a full line, body lines a page %v", fig.Pages, fig.CharsPerLine, fig.LinesPerPage)
	if fig.CharsPerLine != float64(p.Grid.Chars) {
		t.Errorf("%.1f characters a full line, want %d", fig.CharsPerLine, p.Grid.Chars)
	}
	pdf := typesetPDF(t, doc, p)
	if fig.Pages != len(pdf.Pages) {
		t.Errorf("%d pages, our PDF has %d", fig.Pages, len(pdf.Pages))
	}
	text := textPages(pdf)
	if len(fig.LinesPerPage) < text {
		t.Fatalf("body lines a page %v: fewer than the PDF's %d text pages", fig.LinesPerPage, text)
	}
	full, at22 := fig.LinesPerPage[:text-1], 0 // the text's pages but the last
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
	if fig.TableRows == 0 {
		t.Error("gbt9704-check finds no table rows")
	}
}

// TestLibreOfficeTables: a table in the text keeps the body on the grid before and
// after it, and a table longer than a page repeats its header row on the continuation
// page.
func TestLibreOfficeTables(t *testing.T) {
	t.Run("in place", func(t *testing.T) {
		res := check(t, renderLO(t, inPlaceDocument(t), "in-place.docx"))
		t.Logf("LibreOffice: %d pages, body lines a page %v, %d table rows", res.Figures.Pages, res.Figures.LinesPerPage, res.Figures.TableRows)
		if res.Figures.TableRows == 0 {
			t.Error("gbt9704-check finds no table rows")
		}
	})
	t.Run("long table", func(t *testing.T) {
		doc := sampleDocument(t, "long-table.toml")
		pdf := renderLO(t, doc, "long-table.docx")
		need(t, "pdftotext")
		res := typesetPDF(t, doc, report(t))
		tb := doc.Appendix[0]
		header := strings.Join(tb.Header, " ")
		var headed []int // pages whose text has the header row
		pages := 0
		for pg := 1; ; pg++ {
			out, err := exec.Command("pdftotext", "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg), "-layout", pdf, "-").Output()
			if err != nil {
				break // past the last page
			}
			pages = pg
			for _, l := range strings.Split(string(out), "\n") {
				if strings.Join(strings.Fields(l), " ") == header {
					headed = append(headed, pg)
					break
				}
			}
		}
		t.Logf("LibreOffice: %d pages (our PDF %d), header row %q on pages %v", pages, len(res.Pages), header, headed)
		if pages != len(res.Pages) {
			t.Errorf("%d pages, our PDF has %d", pages, len(res.Pages))
		}
		first := textPages(res) + 1
		var want []int
		for pg := first; pg <= len(res.Pages); pg++ {
			want = append(want, pg)
		}
		if len(want) < 2 {
			t.Fatalf("the table takes %d page(s) in our PDF; the sample should cross a page", len(want))
		}
		if fmt.Sprint(headed) != fmt.Sprint(want) {
			t.Errorf("header row on pages %v, want %v (every page of the table)", headed, want)
		}
	})
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

// stextChar is one character of `mutool draw -F stext`: its font, size and box.
type stextChar struct {
	font string
	size float64
	c    string
	x0   float64 // left and right of its quad
	x1   float64
}

// stextChars lists the characters of a PDF with the font MuPDF reports for each.
func stextChars(t *testing.T, pdf string) []stextChar {
	t.Helper()
	out, err := exec.Command("mutool", "draw", "-F", "stext", "-o", "-", pdf).Output()
	if err != nil {
		t.Fatalf("mutool draw: %v", err)
	}
	var chars []stextChar
	var font string
	var size float64
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) string {
			for _, a := range el.Attr {
				if a.Name.Local == name {
					return a.Value
				}
			}
			return ""
		}
		switch el.Name.Local {
		case "font":
			font = attr("name")
			size, _ = strconv.ParseFloat(attr("size"), 64)
		case "char":
			q := strings.Fields(attr("quad"))
			if len(q) < 4 {
				continue
			}
			x0, _ := strconv.ParseFloat(q[0], 64)
			x1, _ := strconv.ParseFloat(q[2], 64)
			chars = append(chars, stextChar{font, size, attr("c"), x0, x1})
		}
	}
	return chars
}

// TestLibreOfficeFonts: in LibreOffice's render every character is in the font of its
// role: the title's digits and "XX" in the title font (they were in Liberation Serif, the
// stand-in for a Times New Roman fallback, light beside the bold title), the body's in
// the body font, and the curly quotes full width.
func TestLibreOfficeFonts(t *testing.T) {
	doc := seedDocument(t)
	chars := stextChars(t, renderLO(t, doc, "seed.docx"))
	title, quotes := 0, 0
	for _, c := range chars {
		if strings.HasPrefix(c.font, "Liberation") {
			t.Errorf("%q (%.0f pt) in %s, a Latin fallback", c.c, c.size, c.font)
		}
		if c.size == 22 && c.c != " " {
			title++
			if c.font != "NotoSerifSC-Bold" {
				t.Errorf("title character %q in %s, want the title font NotoSerifSC-Bold", c.c, c.font)
			}
		}
		if c.c == "“" || c.c == "”" {
			quotes++
			if w := c.x1 - c.x0; w < 0.9*c.size {
				t.Errorf("%s %.1f pt wide at %.0f pt: not full width", c.c, w, c.size)
			}
		}
	}
	if title == 0 || quotes == 0 {
		t.Errorf("found %d title characters and %d quotes in the render", title, quotes)
	}
}
