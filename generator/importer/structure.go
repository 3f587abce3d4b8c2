package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// The numbering a reader sees at the start of a heading, and its place among the
// levels of GB/T 9704-2012 §7.3.3 (一、（一）1.（1）); the variants share the place
// of the form they stand for.
var numberForms = []struct {
	re   *regexp.Regexp
	kind string
	rank int
}{
	{regexp.MustCompile(`^[一二三四五六七八九十百]+[、，,．.]`), "一、", 1},
	{regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`), "（一）", 2},
	{regexp.MustCompile(`^[0-9０-９]{1,3}[.．、，,]`), "1.", 3},
	{regexp.MustCompile(`^[（(][0-9０-９]{1,3}[）)]`), "（1）", 4},
	{regexp.MustCompile(`^[⑴-⒇]`), "⑴", 4},
	{regexp.MustCompile(`^[0-9０-９]{1,3}[）)]`), "1）", 4},
	{regexp.MustCompile(`^[①-⑳]`), "①", 5},
}

// typedNumber returns the number at the start of s and its form, or "", "".
// "1.5倍" and "2023年" are numbers in a sentence, not numbering.
func typedNumber(s string) (num, form string, rank int) {
	for _, f := range numberForms {
		m := f.re.FindString(s)
		if m == "" {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[len(m):])
		if f.rank == 3 && (isDigit(next) || strings.HasSuffix(m, "，") || strings.HasSuffix(m, ",")) {
			return "", "", 0 // 1.5, or 1，2 in a sentence
		}
		if f.rank == 1 && (strings.HasSuffix(m, "，") || strings.HasSuffix(m, ",")) {
			return "", "", 0 // 一，: a sentence
		}
		return m, f.kind, f.rank
	}
	return "", "", 0
}

// stripNumbers removes typed heading numbers from the start of s: 一、（一）1.（1）,
// repeated ones such as （一）1., and what content.Parse takes for numbering in a
// heading (一，).
func stripNumbers(s string) string {
	s = strings.TrimSpace(s)
	for {
		n, _, _ := typedNumber(s)
		if n == "" {
			n = content.TypedNumber(s)
		}
		if n == "" {
			return s
		}
		s = strings.TrimSpace(s[len(n):])
	}
}

// maxHeading is the longest line, in characters, read as a standalone heading when
// only the source's style says it is one; WPS marks body sentences with outline
// levels too.
const maxHeading = 60

// plan is what one block becomes.
type plan struct {
	heading bool
	depth   int    // 1–4 for a heading
	num     string // the typed number, "" for a styled heading
}

// levels gives each block its place: a heading at a depth, or text. Depths are
// relative: the first form of numbering met is the top level, a form met later
// nests under the open ones unless it ranks above them (一、 after 1. items), so a
// document whose headings start at （一） or 1. does not staircase.
func levels(bs []block) []plan {
	// In a source whose headings are set by style without typed numbers, a typed
	// number in an unstyled paragraph is a list in the text.
	styledOnly := false
	for _, b := range bs {
		if b.kind == kindHeading && b.auto == "" && styledHeading(b) {
			if n, _, _ := typedNumber(strings.TrimSpace(b.text)); n == "" {
				styledOnly = true
			}
		}
	}
	list := listItems(bs)
	type open struct {
		form string
		rank int
	}
	var stack []open
	out := make([]plan, len(bs))
	for i, b := range bs {
		if b.table != nil || list[i] {
			continue
		}
		text := strings.TrimSpace(b.text)
		if numberLine.MatchString(text) || caseNumber.MatchString(text) {
			continue // a document's number, whatever its style says
		}
		num, form, rank := typedNumber(text)
		switch {
		case num != "" && b.auto != "" && b.autoLevel > 0:
			// a list's deeper level numbered alike (1. under 1.) is deeper still
			form, rank = fmt.Sprintf("%s/%d", form, b.autoLevel), rank+10*b.autoLevel
		case num != "" && (b.kind == kindHeading || b.auto != "" || !styledOnly):
		case b.kind == kindHeading && styledHeading(b):
			num, form, rank = "", "style", b.level
			form += string(rune('0' + b.level))
		default:
			continue
		}
		if strings.Trim(stripNumbers(text), headingEnd+sentenceEnd) == "" {
			continue // only a number and marks: keep the line as text
		}
		depth := -1
		for k, o := range stack {
			if o.form == form {
				depth = k
				break
			}
		}
		if depth < 0 {
			for len(stack) > 0 && stack[len(stack)-1].rank >= rank {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, open{form, rank})
			depth = len(stack) - 1
		} else {
			stack = stack[:depth+1]
		}
		if depth >= 4 {
			continue // deeper than 一、（一）1.（1）: text with its number
		}
		out[i] = plan{heading: true, depth: depth + 1, num: num}
	}
	return out
}

// listItems marks the lines of enumerations in the text: a run of adjacent lines
// numbered alike of which one ends in ；or ，(（一）出席会议；（二）提出议案；…（七）
// 其他权利。). They stay text with their numbers, as in a law's article.
func listItems(bs []block) []bool {
	out := make([]bool, len(bs))
	for i := 0; i < len(bs); {
		_, form, _ := typedNumber(strings.TrimSpace(bs[i].text))
		if form == "" || bs[i].table != nil || bs[i].kind == kindHeading && bs[i].auto == "" {
			i++
			continue
		}
		j, clause := i, false
		for ; j < len(bs) && bs[j].table == nil; j++ {
			t := strings.TrimSpace(bs[j].text)
			if _, f, _ := typedNumber(t); f != form {
				break
			}
			last, _ := utf8.DecodeLastRuneInString(t)
			clause = clause || strings.ContainsRune("；，;,", last)
		}
		for k := i; k < j; k++ {
			out[k] = clause
		}
		i = max(j, i+1)
	}
	return out
}

// styledHeading reports whether a paragraph with a heading style reads like a
// heading: short, and not several sentences.
func styledHeading(b block) bool {
	t := strings.TrimSpace(b.text)
	if utf8.RuneCountInString(t) > maxHeading && b.lead == "" {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(t); b.lead == "" && strings.ContainsRune("。！？；，：", last) {
		return false // a sentence, or a line introducing what follows: 特此证明。 某某单位：
	}
	_, body := splitLead(stripNumbers(t))
	return body == "" || b.lead != ""
}

// body builds the sections and paragraphs.
func (a *assembler) body(bs []block) {
	plans := levels(bs)
	for i, b := range bs {
		if b.table != nil {
			a.table(b)
			continue
		}
		pl := plans[i]
		if !pl.heading {
			a.paragraph(strings.TrimSpace(b.text))
			continue
		}
		// the next heading at this depth or above, with no text between: a
		// one-sentence item is then a run-in item with nothing after its lead
		sibling := i+1 == len(bs)
		if i+1 < len(bs) && plans[i+1].heading && plans[i+1].depth <= pl.depth {
			sibling = true
		}
		textNext := i+1 < len(bs) && bs[i+1].table == nil && !plans[i+1].heading
		a.heading(b, pl, sibling, textNext)
	}
}

// heading adds a section for a heading line. sibling says the next heading at
// this depth or above follows, textNext that a paragraph follows.
func (a *assembler) heading(b block, pl plan, sibling, textNext bool) {
	text := strings.TrimSpace(b.text)
	rest := stripNumbers(text)

	// A run-in heading: the source marks it, or the heading sentence is followed
	// by more text in the same paragraph.
	lead, body := "", ""
	if b.lead != "" && strings.HasPrefix(b.text, b.lead) {
		lead, body = stripNumbers(b.lead), strings.TrimSpace(b.text[len(b.lead):])
		if l, _ := utf8.DecodeLastRuneInString(lead); !strings.ContainsRune(runInEnd, l) {
			lead, body = "", ""
		}
	}
	if lead == "" || body == "" {
		lead, body = splitLead(rest)
	}
	last, _ := utf8.DecodeLastRuneInString(rest)
	s := a.open(pl.depth, pl.num, b.where)
	switch {
	case lead != "" && body != "":
		s.Heading, s.RunIn = lead, true
		s.Body = append(s.Body, &model.Paragraph{Lead: s, Spans: []model.Span{{Text: body}}})
	case sibling && strings.ContainsRune(sentenceEnd, last):
		// （1）工业企业重点核对…指标。 followed by （2）: an item, not a heading
		s.Heading, s.RunIn = rest, true
		s.Body = append(s.Body, &model.Paragraph{Lead: s})
	case textNext && strings.ContainsRune(sentenceEnd, last):
		// a sentence on its own line, then its text: a run-in heading that keeps
		// its 。, the next paragraph its text (paragraph), so no mark is lost
		s.Heading, s.RunIn = rest, true
	default:
		heading := strings.TrimRight(rest, headingEnd)
		if heading == "" {
			heading = rest
		}
		if heading != rest {
			a.note("%s：单独成行的标题末尾不加标点，删去了「%s」", b.where, rest[len(heading):])
		}
		s.Heading = heading
	}
}

// open starts a section at a depth, nested in the open sections.
func (a *assembler) open(depth int, typed, where string) *model.Section {
	depth = min(depth, len(a.stack)+1)
	a.stack = a.stack[:depth-1]
	siblings := &a.doc.Sections
	if depth > 1 {
		siblings = &a.stack[depth-2].Sections
	}
	s := &model.Section{Level: depth, Number: model.Number(depth, len(*siblings)+1)}
	*siblings = append(*siblings, s)
	a.stack = append(a.stack, s)
	if typed != "" && numeral(typed) != numeral(s.Number) {
		a.note("%s：原文的「%s」编为「%s」", where, typed, s.Number)
	}
	return s
}

// paragraph adds a paragraph to the innermost open section, or before the first one.
func (a *assembler) paragraph(text string) {
	p := &model.Paragraph{Spans: []model.Span{{Text: a.squeezeSpaces(text, spaceRun)}}}
	if n := len(a.stack); n > 0 {
		s := a.stack[n-1]
		if s.RunIn && len(s.Body) == 0 {
			p.Lead = s
		}
		s.Body = append(s.Body, p)
		return
	}
	a.doc.Intro = append(a.doc.Intro, p)
}

// maxColumns is the widest table kept as a table; the layouts fit about 14 narrow
// columns, and a wider one is kept as lines of text.
const maxColumns = 12

// table adds a table where it stands: after the paragraphs read so far of the
// open section. Before the first section a table can only be a 附表 at the end.
func (a *assembler) table(b block) {
	rows := b.table
	if len(rows[0]) > maxColumns || len(rows) < 2 {
		for _, r := range rows {
			if line := strings.Join(nonEmpty(r), "　"); line != "" {
				a.paragraph(line)
			}
		}
		if len(rows[0]) > maxColumns {
			a.note("%s：表格有 %d 列，太宽，每行改为一段文字", b.where, len(rows[0]))
		}
		return
	}
	t := &model.Table{Title: b.caption, Header: rows[0]}
	if b.unit != "" {
		t.Unit = "单位：" + b.unit
	}
	for _, r := range rows[1:] {
		row := &model.Row{}
		for _, c := range r {
			row.Cells = append(row.Cells, &model.Cell{Text: c, Span: 1})
		}
		t.Rows = append(t.Rows, row)
	}
	if n := len(a.stack); n > 0 && !b.appendix {
		s := a.stack[n-1]
		t.After = len(s.Body) // 0, after all the section's text, when it has none yet
		if t.After == 0 {
			a.note("%s：表格在「%s」的正文之前，排在了正文之后；请核对位置", b.where, s.Heading)
		}
		s.Tables = append(s.Tables, t)
		return
	}
	if b.appendix {
		t.Appendix = true
		a.doc.Appendix = append(a.doc.Appendix, t)
		return
	}
	t.After = len(a.doc.Intro) // among the opening paragraphs, where it stands
	a.doc.Tables = append(a.doc.Tables, t)
}

var (
	unitLine     = regexp.MustCompile(`^单位[：:]\s*(\S.{0,15})$`)
	appendixLine = regexp.MustCompile(`^附\s*表\s*[0-9]*$`)
)

// captionLike reports whether a line can be a table's title: short, not a
// sentence, and naming a table.
func captionLike(s string) bool {
	return utf8.RuneCountInString(s) <= 50 && !strings.ContainsAny(s, "。；：:") && strings.Contains(s, "表")
}

// captions gives each table the title and 单位 written above it, and marks a
// table labelled 附表 as an appendix table; the lines are taken out of the text.
func (a *assembler) captions(bs []block) []block {
	var out []block
	for _, b := range bs {
		if b.table == nil {
			out = append(out, b)
			continue
		}
		line := func() string {
			if n := len(out); n > 0 && out[n-1].table == nil {
				return strings.TrimSpace(out[n-1].text)
			}
			return ""
		}
		if m := unitLine.FindStringSubmatch(line()); m != nil {
			b.unit = m[1]
			out = out[:len(out)-1]
		}
		if t := line(); t != "" && captionLike(t) && !appendixLine.MatchString(t) {
			b.caption = t
			out = out[:len(out)-1]
		}
		if appendixLine.MatchString(line()) {
			b.appendix = true
			out = out[:len(out)-1]
		}
		out = append(out, b)
	}
	return out
}
