package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDOC imports Word 97–2003 files saved from files of the corpus and requires
// what the DOCX import of the original gives: the same title, 主送机关, outline,
// 版头, 署名 and paragraphs.
func TestDOC(t *testing.T) {
	files, err := filepath.Glob("testdata/doc/*.doc")
	if err != nil || len(files) < 8 {
		t.Fatalf("doc fixtures: %v, %d files", err, len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".doc")
		t.Run(name, func(t *testing.T) {
			doc, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docx, err := os.ReadFile(filepath.Join("testdata", "corpus", name+".docx"))
			if err != nil {
				t.Fatal(err)
			}
			a, err := File(name+".doc", doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := File(name+".docx", docx, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, want := reparse(t, a), reparse(t, b)
			if g, w := outline(got), outline(want); !reflect.DeepEqual(g, w) {
				t.Errorf("outline\n got %q\nwant %q", g, w)
			}
			if !reflect.DeepEqual(got.Header, want.Header) || got.Layout != want.Layout {
				t.Errorf("版头 %s %+v, want %s %+v", got.Layout, got.Header, want.Layout, want.Header)
			}
			if g, w := printed(got), printed(want); !reflect.DeepEqual(g, w) {
				t.Errorf("text\n got %q\nwant %q", g, w)
			}
			if !reflect.DeepEqual(got.Imprint, want.Imprint) || got.Note != want.Note {
				t.Errorf("版记 %+v %q, want %+v %q", got.Imprint, got.Note, want.Imprint, want.Note)
			}
		})
	}
}
