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

// TestTemplateBlanks: a Word template imported as it is keeps its blanks; they
// build, check reports each as a placeholder, and an empty 署名 and 成文日期 are
// warned about.
func TestTemplateBlanks(t *testing.T) {
	src := []byte(`layout = "notice"
issuer = "XXXX人民政府"
number = "〔2020〕号"
title = "[此处输入文件标题]"
author = ""
date = ""
text = "［此处输入正文内容］，□□□。"

[[section]]
heading = "工作要求"
text = ""
`)
	doc, err := content.Parse("t.toml", src)
	if err != nil {
		t.Fatalf("a template's blanks do not parse: %v", err)
	}
	if doc.Author != "" || !doc.Date.IsZero() || doc.Header.Number != "〔2020〕号" {
		t.Errorf("author %q, date %v, number %q", doc.Author, doc.Date, doc.Header.Number)
	}
	got, err := Check("t.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, f := range got {
		if f.Rule == RulePlaceholder || f.Rule == RuleSignature {
			found = append(found, f.String())
		}
	}
	want := []string{
		"t.toml:2:11: 占位文字: 「XXXX」是占位文字，还没有改成实际内容",
		"t.toml:3:11: 占位文字: 「〔2020〕号」是占位文字，还没有改成实际内容",
		"t.toml:4:10: 占位文字: 「[此处输入文件标题]」是占位文字，还没有改成实际内容",
		"t.toml:5:10: 缺项（警告）: 没有发文机关署名：author 是空的，正文之后不印署名",
		"t.toml:6:8: 缺项（警告）: 没有成文日期：date 是空的，不印成文日期",
		"t.toml:7:9: 占位文字: 「［此处输入正文内容］」是占位文字，还没有改成实际内容",
		"t.toml:7:20: 占位文字: 「□□□」是占位文字，还没有改成实际内容",
		"t.toml:10:12: 缺项（警告）: 「一、工作要求」下面没有正文：text 是空的",
	}
	if !reflect.DeepEqual(found, want) {
		t.Errorf("findings\n got %q\nwant %q", found, want)
	}
}
