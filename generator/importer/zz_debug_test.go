package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"testing"
)

func TestZZDebugBlocks(t *testing.T) {
	f := os.Getenv("DEBUG_DOCX")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	docXML, _ := readPart(zr, "word/document.xml")
	items, err := parseDocument(docXML, map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	styles := map[string]styleInfo{}
	if s, err := readPart(zr, "word/styles.xml"); err == nil {
		styles, _ = parseStyles(s)
	}
	num := &numbering{}
	if s, err := readPart(zr, "word/numbering.xml"); err == nil {
		num, _ = parseNumbering(s)
	}
	for _, b := range docxBlocks(items, styles, num) {
		fmt.Printf("%s box=%v c=%v r=%v k=%d l=%d tbl=%v %q %q\n", b.where, b.box, b.center, b.right, b.kind, b.level, b.table != nil, b.text, b.table)
	}
}
