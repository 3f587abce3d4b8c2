package generator_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
)

// printedPages builds a content file to PDF and reads each page's text back with
// pdftotext, spaces removed.
func printedPages(t *testing.T, file string) (pdf string, pages []string) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "mutool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	_, files, err := generator.NewBuilder(nil, false).Build(file, dir, []generator.Format{generator.PDF})
	if err != nil {
		t.Fatal(err)
	}
	pdf = files[0]
	for n := 1; ; n++ {
		out, err := exec.Command("pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			break
		}
		pages = append(pages, strings.Join(strings.Fields(string(out)), ""))
	}
	return pdf, pages
}

// folio is a page number "— N —" (spaces removed), not a 破折号 "——".
var folio = regexp.MustCompile(`(?:^|[^—])—(\d+)—(?:[^—]|$)`)

// TestPrintedElements reads back what the standard fixes about pages: which carry a
// page number (§7.5: only a blank page before the 版记 page and that page go without),
// the 附件 labels (§7.3.7), and the inks (§6.2), on documents made for each case.
func TestPrintedElements(t *testing.T) {
	for _, tc := range []struct {
		file       string
		unnumbered []int          // pages without "— N —"
		blank      []int          // pages with nothing printed
		imprint    int            // the page with the 印发 line
		labels     map[int]string // 附件 label at the top of a page
	}{
		// the 版记 shares the text's last page
		{file: "../samples/request.toml", imprint: 2},
		// the 版记 on the page after the text's last, odd page
		{file: "../samples/notice.toml", imprint: 4, labels: map[int]string{3: "附件1"}},
		// the text fills page 2: page 3 is blank and the 版记 stands on page 4
		{file: "testdata/print/imprint-after-blank.toml", unnumbered: []int{3, 4}, blank: []int{3}, imprint: 4},
		// two attachments listed, only the second printed: it keeps its number
		{file: "testdata/print/attachment-2-only.toml", imprint: 4, labels: map[int]string{3: "附件2"}},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			pdf, pages := printedPages(t, tc.file)
			for i, text := range pages {
				n := i + 1
				m := folio.FindStringSubmatch(text)
				switch {
				case slices.Contains(tc.unnumbered, n) && m != nil:
					t.Errorf("page %d shows a number: — %s —", n, m[1])
				case !slices.Contains(tc.unnumbered, n) && (m == nil || m[1] != fmt.Sprint(n)):
					t.Errorf("page %d shows no number — %d —: …%s", n, n, text[max(0, len(text)-60):])
				}
				if slices.Contains(tc.blank, n) != (text == "") {
					t.Errorf("page %d: blank %v, text %q", n, text == "", text)
				}
				if regexp.MustCompile(`\d日印发`).MatchString(text) != (n == tc.imprint) {
					t.Errorf("the 印发 line on page %d, want page %d", n, tc.imprint)
				}
				label, ok := tc.labels[n]
				if got := regexp.MustCompile(`^附件\d*`).FindString(text); ok && got != label {
					t.Errorf("page %d labelled %q, want %q", n, got, label)
				} else if !ok && got != "" && n > 1 {
					t.Errorf("page %d labelled %q", n, got)
				}
			}
			inks(t, pdf)
		})
	}
}

// inks checks that text and rules are drawn in black ink alone (DeviceGray) or in the
// standard's red (DeviceCMYK 0 .8 .8 0), never in RGB (§6.2).
func inks(t *testing.T, pdf string) {
	t.Helper()
	out, err := exec.Command("mutool", "trace", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, m := range regexp.MustCompile(`<(?:fill|stroke)_(?:text|path)\b[^>]*colorspace="([^"]+)" color="([^"]+)"`).FindAllStringSubmatch(string(out), -1) {
		seen[m[1]+" "+m[2]]++
	}
	for ink, n := range seen {
		if ink != "DeviceGray 0" && ink != "DeviceCMYK 0 .8 .8 0" {
			t.Errorf("%d objects drawn in %s", n, ink)
		}
	}
	if seen["DeviceGray 0"] == 0 {
		t.Errorf("nothing drawn in black ink: %v", seen)
	}
}

// TestNoLoneLastCharacter: a paragraph whose last line would hold one character and
// its 句号 (孤字) is set so that its last line holds two, read back from the PDF.
func TestNoLoneLastCharacter(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	// 2 cells of indent and 26 characters fill the first line; 优。 would stand alone
	para := strings.Repeat("统计", 13) + "优。"
	src := "title = \"测试\"\nauthor = \"XX局\"\ndate = 2024-01-10\ntext = \"\"\"\n" + para + "\n\"\"\"\n"
	dir := t.TempDir()
	file := filepath.Join(dir, "lone.toml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, files, err := generator.NewBuilder(nil, false).Build(file, dir, []generator.Format{generator.PDF})
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", files[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var last string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); strings.HasSuffix(l, "优。") {
			last = l
		}
	}
	if n := len([]rune(strings.TrimSuffix(last, "。"))); n < 2 {
		t.Errorf("the paragraph's last line is %q: a 孤字", last)
	} else {
		t.Logf("last line %q", last)
	}
}
