// Package content reads a content file — the TOML a person writes: title, author,
// date, named counts and nested sections of text — into a validated, numbered
// *model.Document. The format is described in docs/content-format.md.
//
// Every mistake is reported as an *Error (or Errors, several in file order) that
// names the file, line, column and field, shows the line with a caret and says in
// Chinese how to fix it.
package content

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/generator/model"
)

// DefaultLayout is the layout preset used when the file names none.
const DefaultLayout = "report"

// maxErrors caps the number of mistakes reported at once.
const maxErrors = 20

// Parse reads a content file. file is the name used in messages (as the user typed
// it). On failure the error is an *Error or, for several mistakes, Errors.
func Parse(file string, src []byte) (*model.Document, error) {
	if e := tooLarge(file, len(src)); e != nil {
		return nil, e
	}
	s := normalize(src)
	if !utf8.ValidString(s) {
		l := newLocator(file, s)
		off := 0
		for off < len(s) {
			r, n := utf8.DecodeRuneInString(s[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		p := l.pos(off)
		return nil, &Error{Pos: p, Msg: "文件不是 UTF-8 编码", Source: strings.ToValidUTF8(l.line(p.Line), "?"),
			Hint: "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8；WPS：另存为 → 文本文件 → UTF-8）"}
	}
	if e := scanNesting(newLines(file, s)); e != nil {
		return nil, e
	}
	var raw map[string]any
	md, err := toml.Decode(s, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, syntaxError(newLocator(file, s), pe)
		}
		return nil, &Error{Pos: model.Pos{File: file}, Msg: "无法读取内容文件：" + err.Error()}
	}
	b := newBuilder(file, s, md)
	if b.limits("", raw); len(b.errs) == 0 {
		b.document(raw)
	}
	switch len(b.errs) {
	case 0:
		return b.doc, nil
	case 1:
		return nil, b.errs[0]
	}
	sort.SliceStable(b.errs, func(i, j int) bool {
		pi, pj := b.errs[i].Pos, b.errs[j].Pos
		return pi.Line < pj.Line || pi.Line == pj.Line && pi.Col < pj.Col
	})
	if len(b.errs) > maxErrors {
		b.errs = b.errs[:maxErrors]
	}
	return nil, b.errs
}

// normalize drops the byte-order mark Windows editors write and turns CRLF line
// breaks into LF; neither changes a line or column number.
func normalize(src []byte) string {
	s := string(src)
	for strings.HasPrefix(s, "\ufeff") {
		s = s[len("\ufeff"):]
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// builder turns the decoded TOML into the document, collecting mistakes.
type builder struct {
	l      *locator
	md     toml.MetaData
	doc    *model.Document
	counts map[string]*model.Count
	errs   Errors
}

func newBuilder(file, src string, md toml.MetaData) *builder {
	return &builder{
		l:      newLocator(file, src),
		md:     md,
		doc:    &model.Document{Layout: DefaultLayout},
		counts: map[string]*model.Count{},
	}
}

// errAt records a mistake at a byte offset of the source.
func (b *builder) errAt(off int, field, msg, hint string) {
	if off < 0 { // a key the locator did not place: an array of tables' header, or the file
		off = max(b.l.keyOff(indexPath(field, 0)), 0)
	}
	p := b.l.pos(off)
	b.errs = append(b.errs, &Error{Pos: p, Field: field, Msg: msg, Hint: hint, Source: b.l.line(p.Line)})
}

// checkKeys reports the keys of table m (at path) that are not in fields, and
// returns the keys the person probably meant by them.
func (b *builder) checkKeys(path string, m map[string]any, fields []field, where string) (meant map[string]bool) {
	meant = map[string]bool{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a stable order for mistakes the locator cannot place
	for _, k := range keys {
		v := m[k]
		known := false
		for _, f := range fields {
			known = known || f.key == k
		}
		if !known {
			msg, hint := unknownKey(k, where, fields, v)
			p := joinPath(path, k)
			b.errAt(b.l.keyOff(p), p, msg, hint)
			meant[closest(k, fields)] = true
		}
	}
	return meant
}

// str checks that the value at path is a string.
func (b *builder) str(path string, v any, example string) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	b.errAt(b.l.valOff(path), path, "应为文字，这里写的是"+typeName(v), example)
	return "", false
}

// missing reports a required top-level field that is absent, pointing where it
// must be added: before the first table header, or at the top of the file.
func (b *builder) missing(meant map[string]bool, key, meaning, example string) {
	if meant[key] {
		return // reported as a misspelt key already
	}
	off, where := 0, "在文件开头加入一行："
	if len(b.l.headers) > 0 {
		off = b.l.headers[0]
		p := b.l.pos(off)
		where = fmt.Sprintf("在第 %d 行「%s」之前加入一行：", p.Line, strings.TrimSpace(b.l.line(p.Line)))
	}
	b.errAt(off, key, "缺少必填项："+meaning, where+example)
}

const textExample = `多行文字写成：
text = """
第一段……

第二段……
"""`

// blankDate is a template's blank date: 20XX年XX月XX日, 20××年×月×日, [××××]年[××]月[××]日.
var blankDate = regexp.MustCompile(`^[\[［]?[0-9X×]{4}[\]］]?年[\[［]?[0-9X×]{1,2}[\]］]?月[\[［]?[0-9X×]{1,2}[\]］]?日$`)

var layoutName = regexp.MustCompile(`^([\p{L}\p{N}_-]+|[^"\n]+\.toml)$`)

func (b *builder) document(raw map[string]any) {
	d := b.doc
	meant := b.checkKeys("", raw, topFields, "文件顶层")

	if v, ok := raw["layout"]; ok {
		if s, ok := b.str("layout", v, `写成 layout = "report"`); ok {
			s = strings.TrimSpace(s)
			if !layoutName.MatchString(s) {
				b.errAt(b.l.valOff("layout"), "layout", "版式名称「"+s+"」不对：写内置版式的名称（report、notice、request、letter、minutes），或以 .toml 结尾的版式文件",
					`写成 layout = "report"，或删除这一行使用默认版式`)
			} else {
				d.Layout = s
			}
		}
	}

	if v, ok := raw["title"]; !ok {
		b.missing(meant, "title", "标题", `title = "XX局2023年工作总结"（没有标题时写 title = ""）`)
	} else if s, ok := b.str("title", v, `写成 title = "XX局2023年工作总结"`); ok {
		// Each line of the title is a line the author wants; blank ones vanish.
		var lines []string
		for _, line := range strings.Split(s, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				lines = append(lines, line)
			}
		}
		// title = "" says there is none: a 纪要 whose 标志 names it, a 命令
		if len(lines) > 0 {
			d.Title = strings.Join(lines, "")
			if len(lines) > 1 {
				d.TitleLines = lines
			}
		}
	}

	if v, ok := raw["recipient"]; ok {
		if s, ok := b.str("recipient", v, `写成 recipient = "各科室"`); ok {
			s = strings.TrimSpace(s)
			s = strings.TrimRight(s, ":：")
			if s != "" {
				d.Recipient = s + "："
			}
		}
	}

	if v, ok := raw["author"]; !ok {
		b.missing(meant, "author", "发文机关署名", `author = "XX局"（不署名时写 author = ""）`)
	} else if list, ok := v.([]any); ok && len(list) > 0 {
		// 联合行文: several 署名, the 主办机关 first
		names := b.strings("author", list)
		if len(names) > 0 {
			d.Author, d.Authors = names[0], names[1:]
		}
	} else if s, ok := b.str("author", v, `写成 author = "XX局"`); ok {
		// author = "" says the document has no 署名 (a 纪要, a source without one)
		d.Author = strings.TrimSpace(s)
	}

	if v, ok := raw["date"]; !ok {
		b.missing(meant, "date", "成文日期", `date = 2024-01-10（不加引号；没有成文日期时写 date = ""）`)
	} else if s, ok := v.(string); !ok || strings.TrimSpace(s) != "" {
		d.Date = b.date("date", "成文日期", v) // date = "" says there is none
	}

	if v, ok := raw["counts"]; ok {
		b.countTable(v)
	}
	if v, ok := raw["text"]; ok {
		if s, ok := b.str("text", v, textExample); ok {
			d.Intro = b.paragraphs("text", b.l.text("text", s))
		}
	}
	if v, ok := raw["section"]; ok {
		d.Sections = b.sections("", v, 1)
	}
	if v, ok := raw["table"]; ok {
		for _, t := range b.tables("", v, true) {
			if t.Appendix {
				d.Appendix = append(d.Appendix, t)
			} else {
				d.Tables = append(d.Tables, t)
			}
		}
	}
	b.elements(raw)
	// a form is a table alone: the table is its text, not a 附表 after it
	if len(d.Intro) == 0 && len(d.Sections) == 0 {
		for _, t := range d.Appendix {
			t.Appendix = false
		}
		d.Tables, d.Appendix = append(d.Tables, d.Appendix...), nil
	}
	labelAppendix(d.Appendix)
	if len(b.errs) == 0 && len(d.Intro) == 0 && len(d.Sections) == 0 && len(d.Tables) == 0 {
		b.errAt(len(b.l.src), "", "正文是空的", "写上 text（开头的段落）或至少一个 [[section]] 章节")
	}
}

// date reads a date field (成文日期, 印发日期), which must be a TOML local date.
func (b *builder) date(key, meaning string, v any) model.Date {
	off := b.l.valOff(key)
	switch v := v.(type) {
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			if v.Year() < 1 { // year 0 would print no date at all
				b.errAt(off, key, fmt.Sprintf("%s的年份 %04d 不对：年份应在 1–9999 之间", meaning, v.Year()),
					fmt.Sprintf("写成 %s = 2024-%02d-%02d（印为“2024年%d月%d日”）", key, v.Month(), v.Day(), v.Month(), v.Day()))
				return model.Date{}
			}
			return model.Date{Year: v.Year(), Month: int(v.Month()), Day: v.Day()}
		case "time-local":
			b.errAt(off, key, meaning+"应为日期，这里写的是时间", "写成 "+key+" = 2024-01-10")
		default:
			b.errAt(off, key, meaning+"只写年月日，不写时间",
				fmt.Sprintf("写成 %s = %04d-%02d-%02d", key, v.Year(), v.Month(), v.Day()))
		}
	case string:
		if s := strings.TrimSpace(v); blankDate.MatchString(s) && strings.ContainsAny(s, "X×") {
			return model.Date{Blank: s} // a template's blank: gongwen check reports it
		}
		hint := "去掉引号，写成 " + key + " = 2024-01-10"
		if p := datePart.FindAllString(v, -1); len(p) == 3 && len(p[0]) == 4 {
			m, _ := strconv.Atoi(p[1])
			d, _ := strconv.Atoi(p[2])
			hint = fmt.Sprintf("去掉引号，写成 %s = %s-%02d-%02d", key, p[0], m, d)
		}
		b.errAt(off, key, "日期不要加引号：这里写成了文字 "+quoteShort(v), hint)
	default:
		b.errAt(off, key, meaning+"应为日期，这里写的是"+typeName(v), "写成 "+key+" = 2024-01-10（不加引号）")
	}
	return model.Date{}
}
