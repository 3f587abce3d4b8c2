package content

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file changes a content file the way its author would in a text editor: a
// value is replaced where it stands, a key added next to its siblings, a section's
// block of lines moved, so the author's comments, order and spacing survive an edit
// made in the workbench. The TOML text stays the one source of truth.

// Value is a new value for a field.
type Value struct {
	Kind   string   // "string", "date" (2024-01-10), "number", "bool", "list" (of strings) or "table" (inline)
	Text   string   // the value as typed: the string, the date, the number, true/false
	List   []string // the items of a list
	Fields []Field  // the keys of an inline table, in order
}

// Field is a key of an inline table and its value.
type Field struct {
	Key   string
	Value Value
}

// toml writes the value in TOML; a string in the quotes of old (basic or literal,
// single or triple) when they can hold it, else in basic quotes, triple for several
// lines.
func (v Value) toml(old string) (string, error) {
	for _, t := range append([]string{v.Text}, v.List...) {
		if !utf8.ValidString(t) {
			return "", fmt.Errorf("值「%q」不是 UTF-8 文字", t)
		}
	}
	switch v.Kind {
	case "string", "":
		return quote(v.Text, old), nil
	case "date":
		if !dateRe.MatchString(v.Text) {
			return "", fmt.Errorf("日期「%s」应写成 2024-01-10 的形式", v.Text)
		}
		return v.Text, nil
	case "number":
		if _, err := strconv.ParseFloat(v.Text, 64); err != nil || strings.ContainsAny(v.Text, "eEInfinfNa") {
			return "", fmt.Errorf("「%s」不是数字", v.Text)
		}
		return v.Text, nil
	case "bool":
		if v.Text != "true" && v.Text != "false" {
			return "", fmt.Errorf("「%s」不是 true 或 false", v.Text)
		}
		return v.Text, nil
	case "list":
		items := make([]string, len(v.List))
		for i, s := range v.List {
			items[i] = quote(s, `"`)
		}
		return "[" + strings.Join(items, ", ") + "]", nil
	case "table":
		items := make([]string, len(v.Fields))
		for i, f := range v.Fields {
			if f.Value.Kind == "table" {
				return "", fmt.Errorf("表中不能再套表")
			}
			t, err := f.Value.toml("")
			if err != nil {
				return "", err
			}
			items[i] = tomlKey(f.Key) + " = " + t
		}
		return "{ " + strings.Join(items, ", ") + " }", nil
	}
	return "", fmt.Errorf("不认识的值类型「%s」", v.Kind)
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// quote writes s as a TOML string, in the delimiter old when it can hold s.
func quote(s, old string) string {
	multi := strings.Contains(s, "\n")
	switch {
	case old == `'''` && !strings.Contains(s, `'''`):
		return `'''` + lead(s) + s + `'''`
	case old == `'` && !multi && !strings.ContainsAny(s, "'\r"):
		return `'` + s + `'`
	case old == `"""` || multi:
		r := strings.NewReplacer(`\`, `\\`, `"""`, `""\"`, "\r", `\r`, "\t", `\t`)
		body := r.Replace(s)
		if strings.HasSuffix(body, `"`) {
			body = body[:len(body)-1] + `\"`
		}
		return `"""` + lead(s) + body + `"""`
	}
	return strconv.Quote(s)
}

// lead is the line break after opening triple quotes, which TOML drops, kept so that
// text starts on the line below the key, as authors write it; none for an empty text.
func lead(s string) string {
	if s == "" {
		return ""
	}
	return "\n"
}

// edit is a change to the normalized text: replace [start, end) by text.
type edit struct {
	start, end int
	text       string
}

// apply applies edits (which do not overlap) and restores the file's line endings.
func apply(src []byte, s string, edits ...edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		s = s[:e.start] + e.text + s[e.end:]
	}
	if strings.Contains(string(src), "\r\n") {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	if strings.HasPrefix(string(src), "\ufeff") {
		s = "\ufeff" + s
	}
	return []byte(s)
}

// Set returns src with the field at path (title, counts.学习.value, section[1].text)
// set to v: replaced where it stands, or added — a top-level key after the other
// top-level keys, a key of a table after the table's own keys.
func Set(file string, src []byte, path string, v Value) ([]byte, error) {
	s := normalize(src)
	l := newLocator(file, s)
	if e, ok := l.at[path]; ok && e.val >= 0 && e.end >= e.val {
		old := ""
		if e.str != nil {
			old = e.str.delim
		}
		text, err := v.toml(old)
		if err != nil {
			return nil, err
		}
		return apply(src, s, edit{e.val, e.end, text}), nil
	}
	table, key := splitLast(path)
	text, err := v.toml("")
	if err != nil {
		return nil, err
	}
	at, err := l.insertAt(table)
	if err != nil {
		return nil, err
	}
	return apply(src, s, edit{at, at, tomlKey(key) + " = " + text + "\n"}), nil
}

// Remove returns src without the key at path and its value (their whole lines, when
// they stand on lines of their own).
func Remove(file string, src []byte, path string) ([]byte, error) {
	s := normalize(src)
	l := newLocator(file, s)
	e, ok := l.at[path]
	if !ok || e.val < 0 {
		return nil, fmt.Errorf("没有字段 %s", path)
	}
	start, end := e.key, e.end
	if ls := lineStart(s, start); strings.TrimSpace(s[ls:start]) == "" {
		start = ls
		if le := strings.IndexByte(s[end:], '\n'); le >= 0 && strings.TrimSpace(stripComment(s[end:end+le])) == "" {
			end += le + 1
		}
	}
	return apply(src, s, edit{start, end, ""}), nil
}

// splitLast splits a path into its table and its last key.
func splitLast(path string) (table, key string) {
	if i := strings.LastIndexByte(path, '.'); i >= 0 && !strings.Contains(path[i:], `"`) {
		return path[:i], path[i+1:]
	}
	return "", path
}

// tomlKey writes a key, quoted when it must be.
func tomlKey(k string) string {
	if k != "" && strings.Trim(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == "" {
		return k
	}
	return strconv.Quote(k)
}

func lineStart(s string, off int) int { return strings.LastIndexByte(s[:off], '\n') + 1 }

// lineEnd is the offset after the line break of the line holding off.
func lineEnd(s string, off int) int {
	if i := strings.IndexByte(s[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(s)
}

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}

// insertAt is where a new key of table goes: after the last key of the table (the
// top level: before the first table header), on a line of its own.
func (l *locator) insertAt(table string) (int, error) {
	s := l.src
	end := -1 // after the last value of the table
	for _, k := range l.keys {
		if k.e.val < 0 || k.path == table {
			continue
		}
		t, _ := splitLast(k.path)
		if t == table && k.e.end > end {
			end = k.e.end
		}
	}
	if end >= 0 {
		return lineEnd(s, end), nil
	}
	if table == "" {
		if len(l.headers) > 0 {
			return lineStart(s, l.headers[0]), nil
		}
		return len(s), nil
	}
	h, ok := l.at[table]
	if !ok || h.val >= 0 {
		return 0, fmt.Errorf("没有表 %s", table)
	}
	return lineEnd(s, h.end), nil
}

// SectionOp is a change to the outline of the text.
type SectionOp string

// The changes to a section: its block of lines (its header, its keys and its
// subsections' blocks) moved, removed, or its headers renamed a level deeper or
// shallower.
const (
	MoveUp   SectionOp = "up"      // before the previous section of its level
	MoveDown SectionOp = "down"    // after the next
	Delete   SectionOp = "delete"  // with its subsections
	Indent   SectionOp = "indent"  // the last subsection of the previous section
	Outdent  SectionOp = "outdent" // the next section after its parent
	AddAfter SectionOp = "add"     // a new section after it, of its level
	AddChild SectionOp = "child"   // a new last subsection
)

// block is a section written as an [[…section]] header and what follows it.
type block struct {
	path       string // section[1].section[0]
	depth      int    // 1 for [[section]]
	start, end int    // from the header's line to the next header that is not inside it
	headers    []int  // offsets of the headers inside it, its own first
}

// sectionHeader matches the name of a section's array-of-tables header.
var sectionHeader = regexp.MustCompile(`^\[\[\s*section(\s*\.\s*section)*\s*\]\]`)

// blocks finds the sections written as [[section]] headers, in file order.
func (l *locator) blocks() []*block {
	s := l.src
	var out []*block
	var open []*block // the blocks that contain the current header
	for _, h := range l.headers {
		var path string
		for _, k := range l.keys {
			if k.e.key == h && k.e.val < 0 {
				path = k.path
				break
			}
		}
		m := sectionHeader.FindString(s[h:])
		depth := 0
		if m != "" {
			depth = strings.Count(m, "section")
		}
		for len(open) > 0 && (depth == 0 || open[len(open)-1].depth >= depth) {
			open[len(open)-1].end = lineStart(s, h)
			open = open[:len(open)-1]
		}
		if depth == 0 {
			continue
		}
		b := &block{path: path, depth: depth, start: lineStart(s, h)}
		for _, o := range open {
			o.headers = append(o.headers, h)
		}
		b.headers = append(b.headers, h)
		out = append(out, b)
		open = append(open, b)
	}
	for _, o := range open {
		o.end = len(s)
	}
	return out
}

// EditSection changes the section at path (section[1], section[0].section[2]) as op
// says. Only sections written as [[section]] blocks can be changed this way.
func EditSection(file string, src []byte, path string, op SectionOp) ([]byte, error) {
	s := normalize(src)
	l := newLocator(file, s)
	bs := l.blocks()
	b := blockAt(bs, path)
	if b == nil {
		return nil, fmt.Errorf("没有找到以 [[section]] 写出的标题 %s", path)
	}
	sibling := func(dir int) *block { // the neighbouring section of the same parent
		i := strings.LastIndexByte(path, '[')
		n, _ := strconv.Atoi(path[i+1 : len(path)-1])
		return blockAt(bs, path[:i]+"["+strconv.Itoa(n+dir)+"]")
	}
	text := s[b.start:b.end]
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	switch op {
	case MoveUp, MoveDown:
		o := sibling(map[SectionOp]int{MoveUp: -1, MoveDown: 1}[op])
		if o == nil {
			return nil, fmt.Errorf("%s 已经是这一级的第%s个", path, map[SectionOp]string{MoveUp: "一", MoveDown: "最后一"}[op])
		}
		first, second := o, b
		if op == MoveDown {
			first, second = b, o
		}
		a, c := s[first.start:first.end], s[second.start:second.end]
		if !strings.HasSuffix(c, "\n") {
			c += "\n"
			a = strings.TrimSuffix(a, "\n")
		}
		return apply(src, s, edit{first.start, second.end, c + a}), nil
	case Delete:
		return apply(src, s, edit{b.start, b.end, ""}), nil
	case Indent:
		if sibling(-1) == nil {
			return nil, fmt.Errorf("%s 是这一级的第一个，不能降级：它前面没有可以归属的标题", path)
		}
		if b.depth >= 4 {
			return nil, fmt.Errorf("%s 已经是第四级标题（（1））", path)
		}
		return apply(src, s, rename(s, b.headers, +1)...), nil
	case Outdent:
		if b.depth == 1 {
			return nil, fmt.Errorf("%s 已经是一级标题", path)
		}
		p := blockAt(bs, path[:strings.LastIndex(path, ".section[")])
		if p == nil {
			return nil, fmt.Errorf("没有找到 %s 的上一级标题", path)
		}
		if p.end == b.end { // the last subsection: only its headers change
			return apply(src, s, rename(s, b.headers, -1)...), nil
		}
		// after the parent's block, its headers a level shallower
		rel := make([]int, len(b.headers))
		for i, h := range b.headers {
			rel[i] = h - b.start
		}
		moved := string(apply([]byte(text), text, rename(text, rel, -1)...))
		return apply(src, s, edit{b.start, b.end, ""}, edit{p.end, p.end, moved}), nil
	case AddAfter, AddChild:
		depth := b.depth
		at := b.end
		if op == AddChild {
			if depth >= 4 {
				return nil, fmt.Errorf("%s 已经是第四级标题，下面不能再分级", path)
			}
			depth++
		}
		header := "[[" + strings.TrimSuffix(strings.Repeat("section.", depth), ".") + "]]"
		add := header + "\nheading = \"新标题\"\ntext = \"\"\"\n在这里写正文。\n\"\"\"\n"
		if at > 0 && s[at-1] != '\n' {
			add = "\n" + add
		}
		if at < len(s) {
			add += "\n"
		}
		if at == len(s) && !strings.HasSuffix(s, "\n\n") {
			add = "\n" + add
		}
		return apply(src, s, edit{at, at, add}), nil
	}
	return nil, fmt.Errorf("不认识的操作「%s」", op)
}

// blockAt is the block of the section at path, or nil.
func blockAt(bs []*block, path string) *block {
	for _, b := range bs {
		if b.path == path {
			return b
		}
	}
	return nil
}

// rename turns the section headers at offsets hs of s d levels deeper (d = 1) or
// shallower.
func rename(s string, hs []int, d int) []edit {
	var out []edit
	for _, h := range hs {
		m := sectionHeader.FindString(s[h:])
		n := strings.Count(m, "section") + d
		out = append(out, edit{h, h + len(m), "[[" + strings.TrimSuffix(strings.Repeat("section.", n), ".") + "]]"})
	}
	return out
}
