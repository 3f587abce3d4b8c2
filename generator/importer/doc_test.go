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

// TestSprms reads the paragraph properties it knows from a grpprl, and stops at
// a sprm whose operand runs past the end, or whose length says nothing is left.
func TestSprms(t *testing.T) {
	tests := []struct {
		name string
		g    []byte
		want papRun
	}{
		{"in a table, centred, outline level 2", []byte{0x16, 0x24, 1, 0x61, 0x24, 1, 0x40, 0x26, 1}, papRun{inTable: true, center: true, outline: 2}},
		{"a row's end with two cells", append([]byte{0x17, 0x24, 1, 0x08, 0xD6, 48, 0, 2, 0, 0, 0xD0, 0x07, 0xA0, 0x0F}, make([]byte, 40)...),
			papRun{rowEnd: true, bounds: []int{0, 2000, 4000}, below: []bool{false, false}}},
		{"a list paragraph", []byte{0x0B, 0x46, 3, 0, 0x0A, 0x26, 1}, papRun{ilfo: 3, ilvl: 1}},
		{"sprmTDefTable of length 0", []byte{0x16, 0x24, 1, 0x08, 0xD6, 0, 0}, papRun{inTable: true}},
		{"an operand past the end", []byte{0x16, 0x24, 1, 0x0B, 0x46, 3}, papRun{inTable: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r papRun
			r.props(tt.g)
			if !reflect.DeepEqual(r, tt.want) {
				t.Errorf("got %+v, want %+v", r, tt.want)
			}
		})
	}
}
