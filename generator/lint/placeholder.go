package lint

import (
	"regexp"
	"strings"

	"github.com/gongwen/gongwen/generator/model"
)

// RulePlaceholder is text a program put where the person has to write: import's
// （请填写…）, and init's XX局 and …….
const RulePlaceholder = "占位文字"

// placeholder matches placeholder text, and the blanks of Word templates an
// import keeps: □□□, ×××, [此处输入正文内容], a 发文字号 without its 序号 (〔2020〕号,
// 第  号).
// XX旗 is not one: the samples name their made-up banner (旗) so.
var placeholder = regexp.MustCompile(`（请填写[^（）]*）|X{2,}|×{2,}|…{2,}|□+|[\[［【]此处[^\]］】]*[\]］】]|〔(?:[0-9X×]{4}|\s*)〕\s*(第\s*)?号|^第\s+号$`)

// findPlaceholders returns the byte ranges of the placeholders in s.
func findPlaceholders(s string) [][]int {
	var out [][]int
	for _, m := range placeholder.FindAllStringIndex(s, -1) {
		if s[m[0]] == 'X' && strings.HasPrefix(s[m[1]:], "旗") {
			continue
		}
		out = append(out, m)
	}
	return out
}

// placeholders reports the placeholders of one text as errors: they must not be
// printed unnoticed.
func placeholders(s string, at report) {
	for _, m := range findPlaceholders(s) {
		at(m[0], Error, RulePlaceholder, "「"+s[m[0]:m[1]]+"」是占位文字，还没有改成实际内容",
			"改为实际内容；不需要的部分删去")
	}
}

// Placeholders lists the placeholders a document would print, each once, in
// reading order, for the warning of gongwen build.
func Placeholders(doc *model.Document) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		for _, m := range findPlaceholders(s) {
			if p := s[m[0]:m[1]]; !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	h := doc.Header
	for _, s := range append(append([]string{h.CopyNo, h.Secrecy, h.Urgency, h.Number}, h.Issuers...), h.Signers...) {
		add(s)
	}
	add(doc.Title)
	add(doc.Recipient)
	paras := func(ps []*model.Paragraph) {
		for _, p := range ps {
			add(p.Text())
		}
	}
	tables := func(ts []*model.Table) {
		for _, t := range ts {
			add(t.Title)
			for _, c := range t.Header {
				add(c)
			}
			for _, r := range t.Rows {
				for _, c := range r.Cells {
					add(c.Text)
				}
			}
		}
	}
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			add(s.Heading)
			paras(s.Body)
			tables(s.Tables)
			walk(s.Sections)
		}
	}
	paras(doc.Intro)
	walk(doc.Sections)
	for _, a := range doc.Attachments {
		add(a.Title)
		paras(a.Intro)
		walk(a.Sections)
	}
	add(doc.Author)
	for _, s := range doc.Authors {
		add(s)
	}
	add(doc.Date.Blank)
	add(doc.Note)
	tables(doc.Tables)
	tables(doc.Appendix)
	for _, s := range append(append([]string{doc.Imprint.Printer}, doc.Imprint.CC...), doc.Attendance.Present...) {
		add(s)
	}
	return out
}
