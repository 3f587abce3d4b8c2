// Package importer turns an existing 公文 — plain text or a DOCX — into a content
// file (docs/content-format.md): the title, the 主送机关, headings of all four levels
// (一、（一）1.（1）) as nested sections with the typed numbers removed, run-in headings,
// paragraphs, the 署名 and the 成文日期, and on request the activity counts (9次,
// 100余次) as named counts referenced from the text.
//
// Both readers turn the source into blocks (paragraphs with what the source says
// about them), and one assembler makes the model.Document; Result.TOML writes it as
// a file that content.Parse accepts.
package importer

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// Options says how to import.
type Options struct {
	Counts bool       // turn activity counts (9次, 100余次) into named counts
	Date   model.Date // the 成文日期 when the source has none; the zero Date means today
	Source string     // the source file's name, for the header comment
}

// Result is an imported document and what the person should look at in it.
type Result struct {
	Doc    *model.Document
	Notes  []string // placeholders to fill in and changes made, in Chinese
	source string
}

// Placeholders for what the source lacks.
const (
	PlaceholderTitle  = "（请填写标题）"
	PlaceholderAuthor = "（请填写发文机关署名）"
	PlaceholderText   = "（请填写正文）"
)

// kind is what the source says a paragraph is.
type kind int

const (
	kindUnknown kind = iota // plain text, or a paragraph style that says nothing
	kindTitle
	kindRecipient
	kindHeading
	kindSignature // 署名 or 成文日期
)

// block is one paragraph of the source.
type block struct {
	text  string // the paragraph; a title keeps its forced line breaks as \n
	where string // 第 3 行, 第 3 段: for notes
	kind  kind
	level int    // outline level 1–4 of a heading, from the source's style; 0 if none
	lead  string // the run-in heading at the start of text, when the source marks it
}

// assembler builds the document from blocks.
type assembler struct {
	doc   *model.Document
	notes []string
	stack []*model.Section // the open sections, one per level

	// For counts: the count of each label and value, the names taken, and the last
	// number suffix used for each name.
	countOf map[string]*model.Count
	names   map[string]bool
	suffix  map[string]int
}

func (a *assembler) note(format string, args ...any) {
	a.notes = append(a.notes, fmt.Sprintf(format, args...))
}

// assemble makes the document: title and 主送机关 from the start, 署名 and 成文日期 from
// the end, sections and paragraphs from the rest.
func assemble(bs []block, opt Options) *Result {
	a := &assembler{doc: &model.Document{Layout: content.DefaultLayout}}
	bs = a.elements(bs)
	bs = a.head(bs)
	bs = a.tail(bs, opt.Date)
	structured := false
	for _, b := range bs {
		structured = structured || b.kind == kindHeading
	}
	for _, b := range bs {
		a.block(b, structured)
	}
	a.fill()
	if opt.Counts {
		a.counts()
	}
	return &Result{Doc: a.doc, Notes: a.notes, source: opt.Source}
}

// clean drops control characters other than tab and line break: invisible, and not
// allowed in a TOML string, not even escaped.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// head takes the title and the 主送机关 from the start of bs and returns the rest.
func (a *assembler) head(bs []block) []block {
	d := a.doc
	var lines []string
	marked := false
	for _, b := range bs {
		marked = marked || b.kind == kindTitle
	}
	for len(bs) > 1 && len(lines) < 3 {
		b := bs[0]
		if marked && b.kind != kindTitle || !marked && (b.kind != kindUnknown || !titleLike(b.text)) {
			break
		}
		for _, l := range strings.Split(b.text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		bs = bs[1:]
	}
	switch len(lines) {
	case 0:
		d.Title = PlaceholderTitle
		a.note("原文开头没有标题：title 是占位文字，请改为公文标题")
	case 1:
		d.Title = lines[0]
	default:
		d.Title, d.TitleLines = strings.Join(lines, ""), lines
	}
	if len(bs) > 1 && (bs[0].kind == kindRecipient || bs[0].kind == kindUnknown && recipientLike(bs[0].text)) {
		d.Recipient = strings.TrimRight(strings.TrimSpace(bs[0].text), ":：") + "："
		bs = bs[1:]
	}
	return bs
}

// tail takes the 署名 and 成文日期 from the end of bs and returns the rest.
func (a *assembler) tail(bs []block, fallback model.Date) []block {
	d := a.doc
	sig := -1
	for i, b := range bs {
		if b.kind == kindSignature {
			sig = i
			break
		}
	}
	if sig >= 0 {
		// The source marks them: every marked paragraph is the 署名 or the date, and
		// what follows them (attachments, tables) is left out.
		end := sig
		for ; end < len(bs) && bs[end].kind == kindSignature; end++ {
			if date, ok := parseDate(bs[end].text); ok && d.Date.IsZero() {
				d.Date = date
			} else if d.Author == "" {
				d.Author = strings.TrimSpace(bs[end].text)
			}
		}
		if end < len(bs) {
			a.note("%s起的 %d 段在署名和日期之后，没有导入", bs[end].where, len(bs)-end)
		}
		bs = bs[:sig]
	} else if n := len(bs); n > 0 {
		if date, ok := parseDate(bs[n-1].text); ok {
			d.Date = date
			bs = bs[:n-1]
			if n := len(bs); n > 0 && bs[n-1].kind == kindUnknown && authorLike(bs[n-1].text) {
				d.Author = strings.TrimSpace(bs[n-1].text)
				bs = bs[:n-1]
			}
		}
	}
	if d.Author == "" {
		d.Author = PlaceholderAuthor
		a.note("原文末尾没有署名：author 是占位文字，请改为发文机关名称")
	}
	if d.Date.IsZero() {
		d.Date = fallback
		if d.Date.IsZero() {
			t := time.Now()
			d.Date = model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
		}
		a.note("原文末尾没有成文日期：date 暂填 %s，请改为成文日期", d.Date)
	}
	return bs
}

// block adds one paragraph of the text: a heading when it starts with typed
// numbering (in a source without heading styles) or has a heading style, otherwise a
// paragraph of the innermost open section.
func (a *assembler) block(b block, structured bool) {
	text := strings.TrimSpace(b.text)
	num := content.TypedNumber(text)
	isHeading := b.kind == kindHeading || !structured && num != ""
	if !isHeading {
		a.paragraph(text)
		return
	}
	level := b.level
	if num != "" {
		level = numberLevel(num)
	}
	rest := stripNumbers(text)
	if rest == "" {
		a.paragraph(text)
		return
	}

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
	runIn := lead != "" && body != ""
	heading := strings.TrimRight(rest, headingEnd)
	if !runIn && heading == "" {
		a.paragraph(text) // only a number and end marks: keep the line as it is
		return
	}
	s := a.open(level, num, b.where)
	if runIn {
		s.Heading, s.RunIn = lead, true
		s.Body = append(s.Body, &model.Paragraph{Lead: s, Spans: []model.Span{{Text: body}}})
		return
	}
	if heading != rest {
		a.note("%s：单独成行的标题末尾不加标点，删去了「%s」", b.where, rest[len(heading):])
	}
	s.Heading = heading
}

// open starts a section at a level, nested in the open sections: a level that
// skips one (1. right under 一、) becomes the next level down, since sections nest
// one level at a time.
func (a *assembler) open(level int, typed, where string) *model.Section {
	depth := min(level, len(a.stack)+1)
	a.stack = a.stack[:depth-1]
	siblings := &a.doc.Sections
	if depth > 1 {
		siblings = &a.stack[depth-2].Sections
	}
	s := &model.Section{Level: depth, Number: model.Number(depth, len(*siblings)+1)}
	*siblings = append(*siblings, s)
	a.stack = append(a.stack, s)
	if typed != "" && numeral(typed) != numeral(s.Number) || typed != "" && depth != level {
		a.note("%s：原文的「%s」编为「%s」", where, typed, s.Number)
	}
	return s
}

// paragraph adds a paragraph to the innermost open section, or before the first one.
func (a *assembler) paragraph(text string) {
	p := &model.Paragraph{Spans: []model.Span{{Text: text}}}
	if n := len(a.stack); n > 0 {
		s := a.stack[n-1]
		s.Body = append(s.Body, p)
		return
	}
	a.doc.Intro = append(a.doc.Intro, p)
}

// fill puts placeholders where content.Parse needs text: a section with neither
// text nor subsections, and a document without any text.
func (a *assembler) fill() {
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			if len(s.Body) == 0 && len(s.Sections) == 0 {
				s.Body = append(s.Body, &model.Paragraph{Spans: []model.Span{{Text: PlaceholderText}}})
				a.note("「%s%s」下面没有正文：加了占位文字，请补写正文或删去这一节", s.Number, s.Heading)
			}
			walk(s.Sections)
		}
	}
	walk(a.doc.Sections)
	if len(a.doc.Intro) == 0 && len(a.doc.Sections) == 0 {
		a.doc.Intro = []*model.Paragraph{{Spans: []model.Span{{Text: PlaceholderText}}}}
		a.note("原文没有正文：text 是占位文字")
	}
}
