// Package model is the content model of a 公文: the Document with its numbered
// sections, paragraphs, run-in headings and named counts. It is built and validated
// by generator/content and read by the writers; it knows nothing of TOML, PDF or DOCX.
package model

import "fmt"

// Pos is a place in the content file, for messages that point back at the source.
type Pos struct {
	File string
	Line int // 1-based; 0 when unknown
	Col  int // 1-based, in characters
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Date is a calendar date, printed the way §7.3.5.4 asks: 2024年1月5日.
type Date struct {
	Year, Month, Day int
	Blank            string // a template's blank date, printed as it stands: 20XX年XX月XX日
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 && d.Blank == "" }

func (d Date) String() string {
	if d.Blank != "" {
		return d.Blank
	}
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Document is a whole 公文.
type Document struct {
	Header      Header   // 版头; zero for a report without one
	Title       string   // 标题
	TitleLines  []string // author-forced title lines; nil lets the typesetter break
	Recipient   string   // 主送机关, with its closing colon; may be empty
	Author      string   // 发文机关署名
	Authors     []string // further 署名 of a 联合行文, after Author
	Date        Date     // 成文日期
	Seal        string   // path of a seal image (PNG), placed over the 署名 and date
	Note        string   // 附注, printed in round brackets
	Layout      string   // layout preset name
	Counts      []*Count // named counts, in the order they are defined
	Intro       []*Paragraph
	Tables      []*Table // tables among the opening paragraphs, each after paragraph Table.After (0: before the first)
	Sections    []*Section
	Appendix    []*Table // 附表, each on a new page after the text and the signature
	Attachments []*Attachment
	Attendance  Attendance // 出席、请假、列席 of a 纪要
	Imprint     Imprint    // 版记

	// Fields gives where each top-level field was written, so that later stages
	// (a preset that has no 签发人, say) can point at it.
	Fields map[string]Pos
}

// Section is a numbered part of the text: a heading (standalone or run-in), its
// paragraphs and its subsections.
type Section struct {
	Level    int    // 1–4
	Number   string // computed: 一、 （一） 1. （1）
	Heading  string // the heading text without its number
	RunIn    bool   // the heading runs into the first paragraph (ends in 。)
	Body     []*Paragraph
	Tables   []*Table // tables after the paragraph of index Table.After
	Sections []*Section
	Pos      Pos
}

// Paragraph is one paragraph of body text. When Lead is set, the paragraph opens with
// a run-in heading in the heading's font.
type Paragraph struct {
	Lead  *Section // the section whose run-in heading opens this paragraph
	Spans []Span
	Pos   Pos
}

// Text returns the paragraph's body text (without a run-in heading).
func (p *Paragraph) Text() string {
	var s string
	for _, sp := range p.Spans {
		s += sp.Text
	}
	return s
}

// Span is a piece of paragraph text. A span that prints a count points at it, so
// tables and text can be checked against each other.
type Span struct {
	Text  string
	Count *Count // nil for literal text
	Pos   Pos
}

// Count is a named activity count such as 开展学习9次.
type Count struct {
	Name     string
	Value    float64
	Unit     string // 次, 家, 个, 篇 …
	More     bool   // 余: "100余次"
	Label    string // how a table names it; defaults to Name
	Category string
	LastYear *float64 // 上年 value, for comparison columns
	Target   *float64 // 目标 value
	Used     int      // how many times the text references it
	Pos      Pos
}

// Format prints the count as it appears in the text: 9次, 100余次, 3.5万元.
func (c *Count) Format() string {
	s := FormatNumber(c.Value)
	if c.More {
		s += "余"
	}
	return s + c.Unit
}

// Block is an element of the text in reading order: a *Heading, a *Paragraph or a
// *Table.
type Block interface{ block() }

// Heading is a standalone heading line.
type Heading struct{ *Section }

func (*Heading) block()   {}
func (*Paragraph) block() {}

// Blocks flattens the document text into reading order: the intro paragraphs, then
// each section's standalone heading, paragraphs and subsections.
func (d *Document) Blocks() []Block {
	var out []Block
	for _, t := range d.Tables {
		if t.After == 0 {
			out = append(out, t)
		}
	}
	for i, p := range d.Intro {
		out = append(out, p)
		for _, t := range d.Tables {
			if t.After == i+1 {
				out = append(out, t)
			}
		}
	}
	for _, t := range d.Tables {
		if t.After > len(d.Intro) {
			out = append(out, t)
		}
	}
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			if !s.RunIn {
				out = append(out, &Heading{s})
			}
			for i, p := range s.Body {
				out = append(out, p)
				for _, t := range s.Tables {
					if t.After == i+1 {
						out = append(out, t)
					}
				}
			}
			for _, t := range s.Tables {
				if t.After == 0 || t.After > len(s.Body) {
					out = append(out, t)
				}
			}
			walk(s.Sections)
		}
	}
	walk(d.Sections)
	return out
}

// EveryTable lists the document's tables: among the opening paragraphs, in the
// sections and the attachments' sections, and the 附表.
func (d *Document) EveryTable() []*Table {
	out := append([]*Table{}, d.Tables...)
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			out = append(out, s.Tables...)
			walk(s.Sections)
		}
	}
	walk(d.Sections)
	for _, a := range d.Attachments {
		walk(a.Sections)
	}
	return append(out, d.Appendix...)
}

// CountByName returns the count of that name, or nil.
func (d *Document) CountByName(name string) *Count {
	for _, c := range d.Counts {
		if c.Name == name {
			return c
		}
	}
	return nil
}
