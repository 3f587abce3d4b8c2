package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// TOML writes the imported document as a content file that content.Parse accepts:
// the notes as comments at the top, then the fields in the order of
// docs/content-format.md. Paragraphs are multi-line strings with one sentence a
// line and a blank line between paragraphs; braces in the text are doubled, so that
// they print as written.
func (r *Result) TOML() []byte {
	var b strings.Builder
	d := r.Doc
	from := ""
	if r.source != "" {
		from = "从 " + r.source + " "
	}
	fmt.Fprintf(&b, "# 内容文件：由 gongwen import %s导入。格式说明见 docs/content-format.md。\n", from)
	b.WriteString("# 改好后运行 gongwen check 检查写法，gongwen build 生成 PDF 和 DOCX。\n")
	if len(r.Notes) > 0 {
		b.WriteString("#\n# 请检查：\n")
		for _, n := range r.Notes {
			b.WriteString("#   · " + strings.ReplaceAll(n, "\n", " ") + "\n")
		}
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "layout = %s\n", quote(d.Layout))
	title := d.Title
	if len(d.TitleLines) > 0 {
		title = strings.Join(d.TitleLines, "\n")
	}
	fmt.Fprintf(&b, "title = %s\n", quote(title))
	if d.Recipient != "" {
		fmt.Fprintf(&b, "recipient = %s\n", quote(strings.TrimSuffix(d.Recipient, "：")))
	}
	fmt.Fprintf(&b, "author = %s\n", quote(d.Author))
	fmt.Fprintf(&b, "date = %04d-%02d-%02d\n", d.Date.Year, d.Date.Month, d.Date.Day)
	if len(d.Intro) > 0 {
		b.WriteString("\n")
		writeText(&b, "", d.Intro)
	}
	if len(d.Counts) > 0 {
		b.WriteString("\n[counts]\n")
		for _, c := range d.Counts {
			fmt.Fprintf(&b, "%s = { value = %s", quote(c.Name), model.FormatNumber(c.Value))
			if c.Unit != "" {
				fmt.Fprintf(&b, ", unit = %s", quote(c.Unit))
			}
			if c.More {
				b.WriteString(", more = true")
			}
			if c.Label != "" && c.Label != c.Name {
				fmt.Fprintf(&b, ", label = %s", quote(c.Label))
			}
			b.WriteString(" }\n")
		}
	}
	writeSections(&b, d.Sections, "section", "")
	return []byte(b.String())
}

// writeSections writes sections as [[section]] tables, subsections indented below.
func writeSections(b *strings.Builder, ss []*model.Section, header, indent string) {
	for _, s := range ss {
		fmt.Fprintf(b, "\n%s[[%s]]\n", indent, header)
		key := "heading"
		if s.RunIn {
			key = "lead"
		}
		fmt.Fprintf(b, "%s%s = %s\n", indent, key, quote(braces(s.Heading)))
		if len(s.Body) > 0 {
			writeText(b, indent, s.Body)
		}
		writeSections(b, s.Sections, header+".section", indent+"  ")
	}
}

// writeText writes paragraphs as text = """…""".
func writeText(b *strings.Builder, indent string, ps []*model.Paragraph) {
	b.WriteString(indent + "text = \"\"\"\n")
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		var t strings.Builder
		for _, sp := range p.Spans {
			if sp.Count != nil {
				t.WriteString("{" + sp.Count.Name + "}")
			} else {
				t.WriteString(braces(sp.Text))
			}
		}
		for _, line := range sentences(t.String()) {
			b.WriteString(escape(line, true) + "\n")
		}
	}
	b.WriteString("\"\"\"\n")
}

// sentences splits a paragraph after each sentence end, for editing: content.Parse
// joins the lines again without a space. A sentence end followed by white space stays
// on its line, since Parse trims the lines.
func sentences(p string) []string {
	var out []string
	start := 0
	for i, r := range p {
		if !strings.ContainsRune("。！？；", r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		next, _ := utf8.DecodeRuneInString(p[end:])
		if end < len(p) && !unicode.IsSpace(next) {
			out = append(out, p[start:end])
			start = end
		}
	}
	return append(out, p[start:])
}

// braces doubles { and } so that they print as written, not as count references.
func braces(s string) string {
	return strings.NewReplacer("{", "{{", "}", "}}").Replace(s)
}

// quote writes s as a one-line TOML basic string.
func quote(s string) string { return `"` + escape(s, false) + `"` }

// escape escapes s for a TOML basic string (multi = false) or a multi-line basic
// string: backslash and quote, and in a one-line string the line break. The text
// holds no other control characters (see clean).
func escape(s string, multi bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n' && !multi:
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
