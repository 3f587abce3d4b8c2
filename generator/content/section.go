package content

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// maxLevel is the deepest 结构层次 of GB/T 9704-2012 §7.3.3: 一、（一）1.（1）.
const maxLevel = 4

// typedNumber matches numbering a person typed at the start of a heading:
// 一、 （一） (一) 1. 1、 1．（1） (1) ①; the second group is the character after it.
var typedNumber = regexp.MustCompile(`^([一二三四五六七八九十百]+[、，,．.]|[（(][一二三四五六七八九十百]+[）)]|[0-9０-９]+[.．、，,]|[（(][0-9０-９]+[）)]|[①-⑳])(.?)`)

// numbering returns the numbering typed at the start of s, or "". "1.5倍" is a
// number, not numbering.
func numbering(s string) string {
	m := typedNumber.FindStringSubmatch(s)
	if m == nil || m[2] != "" && strings.ContainsAny(m[2], "0123456789０１２３４５６７８９") && strings.ContainsAny(m[1], ".．,，") {
		return ""
	}
	return m[1]
}

// runInEnd are the characters a run-in heading (段首标题) may end with.
const runInEnd = "。？！："

// sections reads the array of tables `section` under the table at parent.
func (b *builder) sections(parent string, v any, level int) []*model.Section {
	path := joinPath(parent, "section")
	list := b.tableArray(path, v, "章节", "section", "每个章节以单独一行 [[section]] 开始，下面写 heading 或 lead、text；下级章节写 [[section.section]]")
	var out []*model.Section
	for i, m := range list {
		out = append(out, b.section(indexPath(path, i), m, level, i+1))
	}
	return out
}

// tableArray reads an array of tables ([[key]]) at path; what names one element for
// the person ("章节", "表格") and hint says how to write it.
func (b *builder) tableArray(path string, v any, what, key, hint string) []map[string]any {
	switch v := v.(type) {
	case []map[string]any:
		return v
	case []any:
		var list []map[string]any
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				p := indexPath(path, i)
				b.errAt(b.l.valOff(p), p, what+"应为表，这里写的是"+typeName(e), hint)
				return nil
			}
			list = append(list, m)
		}
		return list
	}
	b.errAt(b.l.valOff(path), path, key+" 应写成表头 [["+key+"]]（两层方括号），这里写的是"+typeName(v), hint)
	return nil
}

// section reads one [[section]] table.
func (b *builder) section(path string, m map[string]any, level, n int) *model.Section {
	s := &model.Section{Level: level, Number: model.Number(level, n)}
	header := b.l.keyOff(path)
	s.Pos = b.l.pos(header)
	errs := len(b.errs)
	meant := b.checkKeys(path, m, sectionFields, "章节")

	hv, hasH := m["heading"]
	lv, hasL := m["lead"]
	headKey, headVal := "heading", hv
	switch {
	case hasH && hasL:
		later := "lead"
		if b.l.keyOff(joinPath(path, "heading")) > b.l.keyOff(joinPath(path, "lead")) {
			later = "heading"
		}
		p := joinPath(path, later)
		b.errAt(b.l.keyOff(p), p, "heading 和 lead 只能写一个",
			"heading 是单独成行的标题；lead 是以“。”结尾、与正文排在同一段的段首标题。请删除其中一个")
		headKey = ""
	case hasL:
		headKey, headVal = "lead", lv
		s.RunIn = true
	case !hasH:
		headKey = ""
		if meant["heading"] || meant["lead"] {
			break // the unknown key is the misspelt heading
		}
		b.errAt(header, path, "章节缺少标题",
			`加上 heading = "……"（单独成行的标题），或 lead = "……。"（与正文同段的段首标题）`)
	}
	if headKey != "" {
		b.heading(s, joinPath(path, headKey), headVal)
	}

	if v, ok := m["text"]; ok {
		if t, ok := b.str(joinPath(path, "text"), v, textExample); ok {
			s.Body = b.paragraphs(joinPath(path, "text"), b.l.text(joinPath(path, "text"), t))
		}
	}
	if s.RunIn && len(s.Body) > 0 {
		s.Body[0].Lead = s
	}
	if v, ok := m["table"]; ok {
		s.Tables = b.tables(path, v, false)
	}
	deep := false
	if v, ok := m["section"]; ok {
		if level == maxLevel {
			p := indexPath(joinPath(path, "section"), 0)
			b.errAt(b.l.keyOff(p), p, "章节层次太深：公文最多四级（一、（一）1.（1））",
				"把这一级并入上一级，或改写成正文段落（例如用“一是……二是……”）")
			deep = true
		} else {
			s.Sections = b.sections(path, v, level+1)
		}
	}

	if len(b.errs) > errs {
		return s // the mistakes above explain what is missing
	}
	switch {
	case s.RunIn && len(s.Body) == 0 && len(s.Sections) == 0:
		// an item that is one sentence: the lead is its whole paragraph
		s.Body = []*model.Paragraph{{Lead: s, Pos: s.Pos}}
	case s.RunIn && len(s.Body) == 0:
		p := joinPath(path, "lead")
		b.errAt(b.l.keyOff(p), p, "段首标题 lead 后面必须有正文 text",
			"加上 text；若这一节只有标题（和下级章节），请把 lead 改为 heading，并去掉末尾的“。”")
	// text = "" says the heading has no text (a template's bare heading)
	case len(s.Body) == 0 && len(s.Sections) == 0 && len(s.Tables) == 0 && !deep && !emptyText(m["text"]):
		b.errAt(header, path, "空章节：既没有正文 text，也没有下级章节",
			`加上 text = """……"""，或加上下级章节 [[`+strings.Repeat("section.", level)+`section]]，或删除这个章节`)
	}
	return s
}

// heading reads a heading or lead: no typed numbering, the right end punctuation,
// counts resolved.
func (b *builder) heading(s *model.Section, path string, v any) {
	example := `写成 heading = "强化党建引领"`
	if s.RunIn {
		example = `写成 lead = "扎实开展主题教育。"`
	}
	raw, ok := b.str(path, v, example)
	if !ok {
		return
	}
	ts := b.l.text(path, raw)
	text, p, ok := b.inline(path, ts)
	if !ok {
		b.errAt(b.l.valOff(path), path, "标题是空的", "写上标题文字，或删除这个章节")
		return
	}
	s.Pos = b.l.pos(ts.off(p.dec(0)))
	s.Heading = text
	if m := numbering(p.s); m != "" {
		b.errAt(ts.off(p.dec(0)), path, "标题开头不要手写编号「"+m+"」",
			"删除「"+m+"」：编号由程序自动生成，这一节将编为「"+s.Number+"」")
	}
	last, size := utf8.DecodeLastRuneInString(p.s)
	lastOff := ts.off(p.dec(len(p.s) - size))
	switch {
	case s.RunIn && !strings.ContainsRune(runInEnd, last):
		hint := "在末尾加上「。」；若这句标题要单独成行，请把 lead 改为 heading"
		if i := strings.IndexRune(".?!:;；，,", last); i >= 0 {
			hint = "把末尾的「" + string(last) + "」改成中文句号「。」"
		}
		b.errAt(lastOff, path, "段首标题 lead 要以“。”结尾（也可以是“？”“！”“：”）", hint)
	case !s.RunIn && last == '。':
		b.errAt(lastOff, path, "单独成行的标题末尾不加句号",
			"删除末尾的「。」；若这句标题要和正文排在同一段，请把 heading 改为 lead")
	}
}

// emptyText reports whether a text value is written and empty: text = "".
func emptyText(v any) bool {
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) == ""
}
