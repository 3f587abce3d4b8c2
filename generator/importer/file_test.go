package importer

import (
	"os"
	"strings"
	"testing"
)

// TestFile imports by what a file holds: WPS saves Office Open XML under .wps and
// .doc names (the specimen of the corpus is a 公文样章.wps); a Word 97–2003 file
// is read as one; a damaged binary file and RTF are refused with the way out.
func TestFile(t *testing.T) {
	docx, err := os.ReadFile("testdata/corpus/wps-risesoft-specimen.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("testdata/doc/wps-risesoft-specimen.doc")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		data  []byte
		title string // of the import; "" when refused
		err   string
	}{
		{"公文样章.wps", docx, "×××关于××××××××××的通告", ""},
		{"样章.doc", docx, "×××关于××××××××××的通告", ""},
		{"binary.doc", doc, "×××关于××××××××××的通告", ""},
		{"binary.wps", doc, "×××关于××××××××××的通告", ""},
		{"damaged.doc", doc[:1024], "", "复合文档结构损坏）；请先在 Word 或 WPS 中“另存为” .docx"},
		{"damaged.wps", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), "", "另存为” .docx"},
		{"tiny.doc", []byte("\xd0\xcf"), "", "不是 Word 97–2003、WPS 或 DOCX 格式"},
		{"web-page.doc", []byte("<html><body>通知</body></html>"), "", "另存为” .docx"},
		{"saved-as-rtf.doc", []byte(`{\rtf1\ansi 通知}`), "", "RTF"},
		{"broken.docx", []byte("not a zip"), "", "不是 DOCX 文件"},
		{"通知.txt", []byte("关于开展统计执法检查的通知\n各单位：\n现将有关事项通知如下。\n"), "关于开展统计执法检查的通知", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := File(tt.name, tt.data, Options{})
			switch {
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one saying %q", err, tt.err)
				}
			case err != nil:
				t.Fatal(err)
			case r.Doc.Title != tt.title:
				t.Errorf("title %q, want %q", r.Doc.Title, tt.title)
			}
		})
	}
}
