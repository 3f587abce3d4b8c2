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
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// Options says how to import.
type Options struct {
	Counts bool   // turn activity counts (9次, 100余次) into named counts
	Source string // the source file's name, for the header comment
	// Printable reports whether some font prints a character; nil skips the check.
	Printable func(rune) bool
}

// Result is an imported document and what the person should look at in it.
type Result struct {
	Doc    *model.Document
	Notes  []string // placeholders to fill in and changes made, in Chinese
	source string
}

// PlaceholderText is the text of a source without any, which a content file
// needs; a source without a title, a 署名 or a 成文日期 gets title = "",
// author = "" and date = "" instead.
const PlaceholderText = "（请填写正文）"

// kind is what the source says a paragraph is.
type kind int

const (
	kindUnknown kind = iota // plain text, or a paragraph style that says nothing
	kindTitle
	kindRecipient
	kindHeading
	kindSignature // 署名 or 成文日期
)

// block is one paragraph or table of the source.
type block struct {
	text      string // the paragraph; a title keeps its forced line breaks as \n
	where     string // 第 3 行, 第 3 段: for notes
	kind      kind
	level     int    // outline level 1–4 of a heading, from the source's style; 0 if none
	lead      string // the run-in heading at the start of text, when the source marks it
	auto      string // the automatic number (一、) the source's list gives it, written into text
	autoLevel int    // the level (0–8) of that number in its list
	center    bool   // centred, or indented with spaces in a plain text: a title line
	right     bool   // aligned right, or indented with spaces: a 署名 line
	box       bool   // in a text box or frame
	toc       bool   // an entry of a table of contents

	table      [][]string   // a table's rows of cells; nil for a paragraph
	rowLines   [][]cellLine // each row's paragraphs, cell after cell (a DOCX's table)
	headerRows int          // a table's header rows
	caption    string       // a table's title, from the line above it
	unit       string       // a table's 单位, from the line above it
	appendix   bool         // a 附表: labelled 附表 after the text
}

// assembler builds the document from blocks.
type assembler struct {
	doc       *model.Document
	notes     []string
	stack     []*model.Section // the open sections, one per level
	hadHeader bool             // a 版头 was read before the title
	spaced    int              // paragraphs whose runs of spaces became one

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
	bs = a.tidy(bs, opt.Printable)
	bs = a.skipContents(bs)
	bs = a.layoutTables(bs)
	bs = a.captions(bs)
	bs = a.elements(bs)
	bs = a.head(bs)
	bs = a.tail(bs)
	a.body(bs)
	a.fill()
	if a.spaced > 0 {
		a.note("%d 段里用来对齐的连续空格改为一个空格", a.spaced)
	}
	if opt.Counts {
		a.counts()
	}
	return &Result{Doc: a.doc, Notes: a.notes, source: opt.Source}
}

// squeezeSpaces makes a run of spaces, which a source types to line things up,
// one space: the program sets the lines.
func (a *assembler) squeezeSpaces(s string, run *regexp.Regexp) string {
	t := run.ReplaceAllString(s, " ")
	if t != s {
		a.spaced++
	}
	return t
}

var (
	spaceRun = regexp.MustCompile(`[ \t　]{2,}`)
	// a title may space its few characters out (证  明): only long runs go
	titleSpaceRun = regexp.MustCompile(`[ \t　]{4,}`)
)

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

// skipContents leaves out a 目录 heading and the table of contents after it: the
// program numbers the headings itself, and a printed table of contents is not
// part of a 公文.
func (a *assembler) skipContents(bs []block) []block {
	var out []block
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.table == nil && isContentsHeading(b.text) {
			j := i + 1
			for j < len(bs) && bs[j].table == nil && (bs[j].toc || tocEntry.MatchString(strings.TrimSpace(bs[j].text))) {
				j++
			}
			a.note("%s：目录及其 %d 个条目没有导入（程序不排目录）", b.where, j-i-1)
			i = j - 1
			continue
		}
		if b.toc {
			a.note("%s：目录条目「%s」没有导入", b.where, strings.TrimSpace(b.text))
			continue
		}
		out = append(out, b)
	}
	return out
}

// isContentsHeading reports whether a line is a 目录 heading: 目录, 目　录.
func isContentsHeading(s string) bool {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "　", " ")), "") == "目录"
}

// tocEntry is a line of a typed table of contents: the heading, a leader, the page.
var tocEntry = regexp.MustCompile(`^.{1,80}?(\t|\.{3,}|…{2,}|·{3,}|\s{2,})\s*[0-9]+$`)

// layoutTables turns a table that only lays out the 版头 or the 版记 (a 发文字号 and
// 签发人 side by side, 抄送 and 印发 lines) into one line per cell, for elements.
func (a *assembler) layoutTables(bs []block) []block {
	var out []block
	for i, b := range bs {
		if b.table == nil || i > 6 && i < len(bs)-3 {
			out = append(out, b)
			continue
		}
		// a table of one column only places lines: a 版头 or a cover set in a table
		layout := b.rowLines != nil && len(b.table[0]) == 1
		for _, row := range b.table {
			// a cell, or the row's cells read as one line ("抄送：" | "XX局。")
			for _, c := range append(slices.Clone(row), strings.Join(nonEmpty(row), " ")) {
				c = strings.TrimSpace(c)
				layout = layout || numberLine.MatchString(c) || signerLine.MatchString(c) || ccLine.MatchString(c) || printLine.MatchString(c)
			}
		}
		if !layout {
			out = append(out, b)
			continue
		}
		why := "版头或版记"
		if len(b.table[0]) == 1 {
			why = "只有一列"
		}
		a.note("%s：表格只用来排版（%s），读作段落", b.where, why)
		for i, row := range b.table {
			// a row of one cell gives a line a paragraph (份号, 密级 and 紧急程度
			// stacked in a cell); cells side by side make one line (发文字号 and
			// 签发人, 印发机关 and 印发日期)
			lines := []cellLine{{text: strings.Join(nonEmpty(row), " ")}}
			if len(nonEmpty(row)) == 1 && i < len(b.rowLines) {
				lines = b.rowLines[i]
			}
			for _, line := range lines {
				if line.text != "" {
					out = append(out, block{text: line.text, center: line.center, where: b.where})
				}
			}
		}
	}
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// head takes the title and the 主送机关 from the start of bs and returns the rest.
// A title line is marked by the source's style, centred or indented, follows a
// 版头, or looks like a title; up to three lines make one title. A 发文字号 is
// never part of it.
func (a *assembler) head(bs []block) []block {
	d := a.doc
	var lines []string
	marked, centred := false, false
	if a.order() {
		// a 命令 (§10.2): the 令号, then the text, no title
		a.note("命令（%s）没有标题：title 留空", d.Header.Issuers[0])
		return bs
	}
	for _, b := range bs {
		marked = marked || b.kind == kindTitle
	}
	for len(bs) > 1 && len(lines) < 3 {
		b := bs[0]
		t := strings.TrimSpace(b.text)
		if b.table != nil || numberLine.MatchString(t) || caseNumber.MatchString(t) {
			break
		}
		first := len(lines) == 0
		switch {
		case marked:
			if b.kind != kindTitle {
				goto done
			}
		case b.kind != kindUnknown && b.kind != kindHeading || b.auto != "":
			goto done
		case titleLike(t, b.center || first && a.hadHeader):
		default:
			goto done
		}
		if !first && !marked && (!b.center && recipientLike(t) || b.center != centred) {
			break // a title's lines share its alignment
		}
		if first {
			centred = b.center
		}
		for _, l := range strings.Split(b.text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, a.squeezeSpaces(l, titleSpaceRun))
			}
		}
		bs = bs[1:]
		if !marked && len(bs) > 0 && !kindLine(bs[0]) && (recipientLike(strings.TrimSpace(bs[0].text)) || docKind.MatchString(t) ||
			!bs[0].center && !b.center && utf8.RuneCountInString(t) > 15) {
			break // a line that names the kind of document, or a long uncentred line, ends the title
		}
	}
	if len(lines) == 3 && len(bs) > 1 && kindLine(bs[0]) && !marked {
		lines = append(lines, strings.TrimSpace(bs[0].text)) // 编制说明 under a three-line name
		bs = bs[1:]
	}
done:
	switch len(lines) {
	case 0:
		a.note("原文开头没有标题：title 留空，不印标题；需要时写上标题")
	case 1:
		d.Title = lines[0]
	default:
		d.Title, d.TitleLines = strings.Join(lines, ""), lines
	}
	// a heading style is only a hint: 某某单位： under the title is the 主送机关
	if len(bs) > 1 && bs[0].table == nil && (bs[0].kind == kindRecipient || (bs[0].kind == kindUnknown || bs[0].kind == kindHeading && bs[0].auto == "") && recipientLike(strings.TrimSpace(bs[0].text))) {
		d.Recipient = strings.TrimRight(strings.TrimSpace(bs[0].text), ":：") + "："
		bs = bs[1:]
	}
	return bs
}

// order reports whether the document is a 命令: its 标志 is an organ's name and 令.
func (a *assembler) order() bool {
	iss := a.doc.Header.Issuers
	return len(iss) == 1 && strings.HasSuffix(iss[0], "令")
}

// kindLine reports whether a line only names the kind of document, as the last
// line of a title: 编制说明, 通知.
func kindLine(b block) bool {
	t := strings.TrimSpace(b.text)
	return b.table == nil && utf8.RuneCountInString(t) <= 8 && docKind.MatchString(t) && titleLike(t, true)
}

// tail takes the 署名 and 成文日期 from the end of bs and returns the rest.
func (a *assembler) tail(all []block) []block {
	d := a.doc
	// the 附表 after the date stay after it
	end := len(all)
	for end > 0 && all[end-1].appendix {
		end--
	}
	bs, appendix := all[:end:end], all[end:]
	// （此页无正文）: the program lays out the pages, so the line is not needed
	for i := len(bs) - 1; i >= 0 && i >= len(bs)-6; i-- {
		if t := strings.Trim(strings.TrimSpace(bs[i].text), "（）()"); t == "此页无正文" {
			a.note("%s：「（此页无正文）」没有导入：署名和日期与正文同页排放由程序保证", bs[i].where)
			bs = append(bs[:i:i], bs[i+1:]...)
		}
	}
	sig := -1
	for i, b := range bs {
		if b.kind == kindSignature {
			sig = i
			break
		}
	}
	if sig >= 0 {
		// The source marks them: every marked paragraph is the 署名 or the date.
		end := sig
		for ; end < len(bs) && bs[end].kind == kindSignature; end++ {
			t := strings.TrimSpace(bs[end].text)
			if date, ok := parseDate(t); ok && d.Date.IsZero() {
				d.Date = date
			} else if d.Author == "" {
				d.Author = t
			} else {
				d.Authors = append(d.Authors, t)
			}
		}
		if end < len(bs) {
			a.note("%s起的 %d 段在署名和日期之后：排在了正文末尾，请核对", bs[end].where, len(bs)-end)
		}
		bs = append(bs[:sig:sig], bs[end:]...)
	} else if n := len(bs); n > 0 {
		date, ok := parseDate(bs[n-1].text)
		if date.Blank != "" {
			a.note("%s：成文日期「%s」是模板的空白，原样印出；请改为 date = 2024-01-10", bs[n-1].where, date.Blank)
		}
		if ok {
			d.Date = date
			bs = bs[:n-1]
			// the 署名: one line, or one line for each organ of a joint document;
			// when the line above the date is pushed right, the other organs are
			// too (a template's only paragraph, [此处输入正文内容], is not)
			var organs []string
			right := len(bs) > 0 && bs[len(bs)-1].right
			for n := len(bs); n > 0 && len(organs) < 8 && bs[n-1].table == nil && bs[n-1].kind == kindUnknown && authorLike(strings.TrimSpace(bs[n-1].text)) &&
				(!right || bs[n-1].right); n = len(bs) {
				organs = append([]string{strings.TrimSpace(bs[n-1].text)}, organs...)
				bs = bs[:n-1]
			}
			// joint organs side by side on a line, set apart by spaces
			var split []string
			for _, o := range organs {
				if a.order() {
					split = append(split, o) // a 命令's 签发人职务 and name: one line
					continue
				}
				split = append(split, nameGap.Split(o, -1)...)
			}
			if len(split) > 0 {
				d.Author, d.Authors = split[0], split[1:]
			}
		}
	}
	if d.Author == "" && len(d.Authors) == 0 && d.Layout != "minutes" {
		a.note("原文末尾没有署名：author 留空，不印署名；需要时写上发文机关名称")
	}
	if d.Date.IsZero() {
		a.note("原文末尾没有成文日期：date 留空，不印成文日期；需要时写上 date = 2024-01-10")
	}
	return append(bs, appendix...)
}

// nameGap is the gap between the names of joint organs on one 署名 line: two or
// more spaces, or ideographic spaces.
var nameGap = regexp.MustCompile(`\s{2,}|　+`)

// fill notes the headings without text (written text = "") and puts a
// placeholder in a document without any text, which content.Parse needs.
func (a *assembler) fill() {
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			if len(s.Body) == 0 && len(s.Sections) == 0 && len(s.Tables) == 0 {
				a.note("「%s%s」下面没有正文：text 留空，请补写正文或删去这一节", s.Number, s.Heading)
			}
			walk(s.Sections)
		}
	}
	walk(a.doc.Sections)
	if len(a.doc.Intro) == 0 && len(a.doc.Sections) == 0 && len(a.doc.Tables) == 0 && len(a.doc.Appendix) == 0 {
		a.doc.Intro = []*model.Paragraph{{Spans: []model.Span{{Text: PlaceholderText}}}}
		a.note("原文没有正文：text 是占位文字")
	}
}
