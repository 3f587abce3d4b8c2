package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// Marker starts the first line of every file import writes, so that --force
// replaces only such a file.
const Marker = "# 内容文件：由 gongwen import"

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
	fmt.Fprintf(&b, "%s %s导入。格式说明见 docs/content-format.md。\n", Marker, from)
	b.WriteString("# 改好后运行 gongwen check 检查写法，gongwen build 生成 PDF 和 DOCX。\n")
	if len(r.Notes) > 0 {
		b.WriteString("#\n# 请检查：\n")
		for _, n := range r.Notes {
			b.WriteString("#   · " + strings.ReplaceAll(n, "\n", " ") + "\n")
		}
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "layout = %s\n", quote(d.Layout))
	writeHeader(&b, d)
	title := d.Title
	if len(d.TitleLines) > 0 {
		title = strings.Join(d.TitleLines, "\n")
	}
	fmt.Fprintf(&b, "title = %s\n", quote(title))
	if d.Recipient != "" {
		fmt.Fprintf(&b, "recipient = %s\n", quote(strings.TrimSuffix(d.Recipient, "：")))
	}
	if len(d.Authors) > 0 {
		fmt.Fprintf(&b, "author = %s\n", list(append([]string{d.Author}, d.Authors...)))
	} else {
		fmt.Fprintf(&b, "author = %s\n", quote(d.Author))
	}
	fmt.Fprintf(&b, "date = %s\n", dateValue(d.Date))
	writeImprint(&b, d)
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
	if at := d.Attendance; !at.IsZero() {
		b.WriteString("\n[attendance]\n")
		for _, f := range []struct {
			key   string
			names []string
		}{{"present", at.Present}, {"absent", at.Absent}, {"observers", at.Observers}} {
			if len(f.names) > 0 {
				fmt.Fprintf(&b, "%s = %s\n", f.key, list(f.names))
			}
		}
	}
	writeSections(&b, d.Sections, "section", "")
	for _, t := range d.Tables {
		writeTable(&b, t, "table", "")
	}
	for _, t := range d.Appendix {
		writeTable(&b, t, "table", "")
	}
	writeAttachments(&b, d)
	return []byte(b.String())
}

// writeHeader writes the 版头 fields.
func writeHeader(b *strings.Builder, d *model.Document) {
	h := d.Header
	for _, f := range []struct{ key, v string }{{"copy_no", h.CopyNo}, {"secrecy", h.Secrecy}, {"urgency", h.Urgency}} {
		if f.v != "" {
			fmt.Fprintf(b, "%s = %s\n", f.key, quote(f.v))
		}
	}
	switch len(h.Issuers) {
	case 0:
	case 1:
		fmt.Fprintf(b, "issuer = %s\n", quote(h.Issuers[0]))
	default:
		fmt.Fprintf(b, "issuer = %s\n", list(h.Issuers))
	}
	if h.Number != "" {
		key := "number"
		if d.Layout == "minutes" {
			key = "issue"
		}
		fmt.Fprintf(b, "%s = %s\n", key, quote(h.Number))
	}
	if len(h.Signers) > 0 {
		fmt.Fprintf(b, "signers = %s\n", list(h.Signers))
	}
}

// writeImprint writes the 附注 and the 版记 fields.
func writeImprint(b *strings.Builder, d *model.Document) {
	if d.Note != "" {
		fmt.Fprintf(b, "note = %s\n", quote(strings.TrimSuffix(strings.TrimPrefix(d.Note, "（"), "）")))
	}
	im := d.Imprint
	if len(im.CC) > 0 {
		fmt.Fprintf(b, "cc = %s\n", list(im.CC))
	}
	if im.Printer != "" {
		fmt.Fprintf(b, "printer = %s\n", quote(im.Printer))
	}
	if !im.PrintDate.IsZero() {
		fmt.Fprintf(b, "print_date = %s\n", dateValue(im.PrintDate))
	}
}

// dateValue writes a date as TOML: a local date, or "" and a template's blank
// as strings.
func dateValue(d model.Date) string {
	if d.Year == 0 {
		return quote(d.Blank)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// writeAttachments writes [[attachment]] tables.
func writeAttachments(b *strings.Builder, d *model.Document) {
	for _, a := range d.Attachments {
		fmt.Fprintf(b, "\n[[attachment]]\ntitle = %s\n", quote(a.Title))
		if len(a.Intro) > 0 {
			writeText(b, "", a.Intro)
		}
	}
}

// list writes names as a TOML array of strings.
func list(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return "[" + strings.Join(q, ", ") + "]"
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
		if len(s.Body) > 0 && (len(s.Body) > 1 || len(s.Body[0].Spans) > 0) {
			writeText(b, indent, s.Body)
		} else if len(s.Body) == 0 && len(s.Sections) == 0 && len(s.Tables) == 0 {
			fmt.Fprintf(b, "%stext = \"\"\n", indent) // a heading without text, as in the source
		}
		for _, t := range s.Tables {
			writeTable(b, t, header+".table", indent)
		}
		writeSections(b, s.Sections, header+".section", indent+"  ")
	}
}

// writeTable writes a table of literal cells.
func writeTable(b *strings.Builder, t *model.Table, header, indent string) {
	fmt.Fprintf(b, "\n%s[[%s]]\n%stitle = %s\n", indent, header, indent, quote(t.Title))
	if t.After > 0 || header == "table" && !t.Appendix {
		fmt.Fprintf(b, "%safter = %d\n", indent, t.After) // a top-level table in the opening text
	}
	if u := strings.TrimPrefix(t.Unit, "单位："); u != "" {
		fmt.Fprintf(b, "%sunit = %s\n", indent, quote(u))
	}
	fmt.Fprintf(b, "%sheader = %s\n", indent, list(t.Header))
	fmt.Fprintf(b, "%srows = [\n", indent)
	for _, r := range t.Rows {
		cells := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			cells[i] = c.Text
		}
		fmt.Fprintf(b, "%s  %s,\n", indent, list(cells))
	}
	fmt.Fprintf(b, "%s]\n", indent)
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
