package docx

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/model"
)

// seedSource is the in-repo copy of the seed text (../shared/seed).
var seedSource = filepath.Join(testdoc.Root(), "testdata", "work-summary-2023.txt")

// seedDocument is the seed work summary as the content parser reads it from
// samples/work-summary-2023.toml: intro, three level-1 sections, run-in （一）
// paragraphs, 署名 XX旗统计局 and 2024年1月10日.
func seedDocument(t testing.TB) *model.Document {
	t.Helper()
	return sampleDocument(t, "work-summary-2023.toml")
}

// sampleDocument reads samples/name through the content parser.
func sampleDocument(t testing.TB, name string) *model.Document {
	t.Helper()
	path := filepath.Join(testdoc.Root(), "samples", name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := content.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
