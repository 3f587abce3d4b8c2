package lint

import (
	"reflect"
	"testing"

	"github.com/gongwen/gongwen/generator/content"
)

// TestPlaceholders finds import's and init's placeholders as errors, and lists
// them for build; the samples' made-up XX旗 is a name, not a placeholder.
func TestPlaceholders(t *testing.T) {
	src := []byte(`title = "XX局2024年工作总结"
author = "（请填写发文机关署名）"
date = 2024-01-10
text = """
XX旗统计局全年开展学习9次，……
"""
`)
	got, err := Check("p.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, f := range got {
		if f.Rule == RulePlaceholder && f.Severity == Error {
			found = append(found, f.String())
		}
	}
	want := []string{
		"p.toml:1:10: 占位文字: 「XX」是占位文字，还没有改成实际内容",
		"p.toml:2:11: 占位文字: 「（请填写发文机关署名）」是占位文字，还没有改成实际内容",
		"p.toml:5:16: 占位文字: 「……」是占位文字，还没有改成实际内容",
	}
	if !reflect.DeepEqual(found, want) {
		t.Errorf("findings\n got %q\nwant %q", found, want)
	}
	doc, err := content.Parse("p.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Placeholders(doc), []string{"XX", "……", "（请填写发文机关署名）"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Placeholders = %q, want %q", got, want)
	}
}
