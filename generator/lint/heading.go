package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
)

// runInEnd are the marks a run-in heading (lead) may end with, as content.Parse
// accepts them.
const runInEnd = "。？！："

// headingEnd are the marks a standalone heading must not end with.
const headingEnd = "。，；、：,.;:"

// heading checks a heading or lead: no typed numbering (the program numbers
// sections, §7.3.3), no end mark on a standalone heading, a sentence end on a run-in
// heading.
func heading(t *text, at report) {
	if n := content.TypedNumber(t.Text); n != "" {
		at(0, Error, RuleNumbering, "标题开头手写了编号「"+n+"」",
			"删去「"+n+"」：编号由程序按章节的层次自动生成")
	}
	last, size := utf8.DecodeLastRuneInString(t.Text)
	end := len(t.Text) - size
	switch {
	case t.Key == "heading" && last == '。':
		at(end, Error, RuleHeadingEnd, "单独成行的标题末尾不加句号",
			"删去末尾的「。」；若这句标题要和正文排在同一段，请把 heading 改为 lead")
	case t.Key == "heading" && strings.ContainsRune(headingEnd, last):
		at(end, Error, RuleHeadingEnd, "标题末尾不加标点「"+string(last)+"」", "删去末尾的「"+string(last)+"」")
	case t.Key == "lead" && !strings.ContainsRune(runInEnd, last):
		hint := "在末尾加上「。」；若这句标题要单独成行，请把 lead 改为 heading"
		if _, ok := fullWidth[last]; ok || strings.ContainsRune(".；，、", last) {
			hint = "把末尾的「" + string(last) + "」改为「。」"
		}
		at(end, Error, RuleHeadingEnd, "段首标题末尾应是句号「。」", hint)
	}
}
