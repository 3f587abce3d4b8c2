package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// syntaxError turns a TOML syntax error from BurntSushi/toml into an *Error in
// Chinese, pointing where the person has to edit: the opening quote of a string
// that never ends, the key that is defined twice, the character that is wrong.
func syntaxError(l *locator, pe toml.ParseError) *Error {
	off := pe.Position.Start
	if pe.Position.Line > 0 {
		// Trust the line; Start is a byte offset that may sit on the line break.
		lo := l.offsetOf(pe.Position.Line, 1)
		hi := l.offsetOf(pe.Position.Line+1, 1)
		if off < lo || off > hi {
			off = l.offsetOf(pe.Position.Line, pe.Position.Col)
		}
	}
	off = max(0, min(off, len(l.src)))
	msg := pe.Message
	e := &Error{}
	at := func(o int) { off = max(0, min(o, len(l.src))) }
	bad := charAt(l.src, off)
	lineText := l.line(l.pos(off).Line)

	// Causes that sit before the place where the TOML reader gave up.
	if e := openedTooLong(l, off); e != nil {
		return e
	}
	if e := unclosedHeader(l, off, msg); e != nil {
		return e
	}
	if e := fullWidthBrackets(l, off); e != nil {
		return e
	}

	switch {
	case msg == "strings cannot contain newlines",
		strings.HasPrefix(msg, `unexpected EOF; expected '"'`),
		strings.HasPrefix(msg, `unexpected EOF; expected "'"`):
		if l.unclosed >= 0 {
			at(l.unclosed)
		}
		e.Msg = "字符串没有结束：这一行缺少结尾的引号"
		e.Hint = `在文字末尾补上 "；如果文字要分成多行，请在开头和结尾各写三个引号 """`
	case strings.HasPrefix(msg, `unexpected EOF; expected '"""'`),
		strings.HasPrefix(msg, `unexpected EOF; expected "'''"`):
		if l.unclosed >= 0 {
			at(l.unclosed)
		}
		q := `"""`
		if strings.Contains(msg, "'''") {
			q = `'''`
		}
		e.Msg = "多行文字没有结束：缺少结尾的 " + q
		e.Hint = "在这段文字结束的地方另起一行，写上 " + q
	case strings.HasPrefix(msg, "expected '.' or '='"):
		e.Msg, e.Hint = missingEquals(l, off, bad, lineText)
	case strings.HasPrefix(msg, "unexpected EOF; expected key separator"):
		e.Msg = "缺少等号「=」"
		e.Hint = `每一项都写成 名称 = 值，例如 title = "……"`
	case strings.HasPrefix(msg, "expected value but found") || strings.HasPrefix(msg, "unexpected EOF; expected value"):
		e.Msg, e.Hint = badValue(bad)
	case dupKey.MatchString(msg):
		key := dupKey.FindStringSubmatch(msg)[1]
		e.Msg = "「" + key + "」重复定义"
		e.Hint = "删除重复的这一项，或改用别的名称"
		trimmed := strings.TrimSpace(lineText)
		if strings.HasPrefix(trimmed, "[") {
			at(l.offsetOf(l.pos(off).Line, 1+strings.Index(lineText, "[")))
		}
		switch {
		case key == "section" || strings.HasSuffix(key, ".section"):
			if strings.HasPrefix(trimmed, "[") && !strings.HasPrefix(trimmed, "[[") {
				e.Msg = "章节要写成 [[section]]（两层方括号）"
				e.Hint = "每个章节以一行 [[section]] 开始；下级章节写 [[section.section]]"
			}
		case key == "counts":
			e.Hint = "[counts] 只能写一次：把所有计数都写在同一个 [counts] 下面"
		case strings.HasPrefix(trimmed, "["):
			e.Hint = "同一个表头只能写一次；删除重复的表头，把其中的内容合在一起"
		}
	case arrayKey.MatchString(msg):
		key := arrayKey.FindStringSubmatch(msg)[1]
		e.Msg = "「" + key + "」前面已写成普通的表 [" + key + "]，不能再写成 [[" + key + "]]"
		e.Hint = "同一个名称只能用一种写法；章节一律写成 [[section]]（两层方括号）"
	case strings.HasPrefix(msg, "invalid datetime:"):
		v := strings.Trim(strings.TrimPrefix(msg, "invalid datetime: "), `"`)
		if why := noSuchDate(v); why != "" {
			e.Msg = "日期「" + v + "」不存在：" + why
			e.Hint = "请核对日期，写成 年-月-日，月和日都用两位数字，例如 date = 2024-01-10"
			break
		}
		e.Msg = "日期「" + v + "」的写法不对"
		e.Hint = dateHint(v)
	case strings.HasPrefix(msg, "expected a top-level item to end with"):
		e.Msg = "这一项的值后面还有多余的内容"
		e.Hint = "一行只写一项：名称 = 值；文字要整个用引号括起来；注释以 # 开头"
		if k := lineKey(lineText); k == "date" {
			e.Msg = "日期的写法不对"
			e.Hint = "日期写成 年-月-日，不加引号，例如 date = 2024-01-10"
		}
	case strings.HasPrefix(msg, "expected a comma or an inline table terminator"):
		e.Msg = "花括号 { } 里的各项之间要用英文逗号「,」隔开"
		e.Hint = `例如 "学习" = { value = 9, unit = "次" }`
		if bad == "，" {
			e.Hint = "把中文逗号「，」改成英文逗号「,」"
		}
	case strings.HasPrefix(msg, "expected a comma (',') or array terminator"):
		e.Msg = "方括号 [ ] 里的各项之间要用英文逗号「,」隔开"
		e.Hint = `例如 ["甲", "乙"]`
	case strings.HasPrefix(msg, "newlines not allowed within inline tables"):
		e.Msg = "花括号 { } 必须写在同一行里"
		e.Hint = `例如 "学习" = { value = 9, unit = "次" }`
	case strings.Contains(msg, "table name") || strings.Contains(msg, "table array name"):
		e.Msg = "表头的写法不对"
		e.Hint = `表头写成 [counts] 或 [[section]]；名称里有中文时要加英文双引号，例如 [counts."学习"]`
	case strings.Contains(msg, "invalid escape") || strings.HasPrefix(msg, "expected two hexadecimal") ||
		strings.HasPrefix(msg, "expected four hexadecimal") || strings.HasPrefix(msg, "expected eight hexadecimal"):
		e.Msg = "文字里的反斜杠「\\」写法不对"
		e.Hint = `要印出反斜杠本身请写两个 \\，或把整段文字改用单引号 '……' 括起来`
	case strings.Contains(msg, "UTF-8") || strings.Contains(msg, "NULL bytes"):
		e.Msg = "文件不是 UTF-8 编码"
		e.Hint = "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）"
	case strings.Contains(msg, "control characters"):
		e.Msg = "文件里有不可见的控制字符"
		e.Hint = "删除这个字符（常见于从网页或其他软件复制的文字）"
	case strings.HasPrefix(msg, "Invalid integer") || strings.HasPrefix(msg, "Invalid float") ||
		strings.HasPrefix(msg, "invalid float") || strings.Contains(msg, "out of range"):
		e.Msg = "数字的写法不对"
		e.Hint = "数字直接写阿拉伯数字，例如 9 或 3.5，不要写前导 0 或千分位逗号"
	default:
		// The decoder's English message is not shown: the place and the common forms
		// tell more to someone who does not read it.
		e.Msg = "这里的写法不符合 TOML 格式"
		e.Hint = `常见写法：名称 = "文字"、名称 = 9、date = 2024-01-10、[counts]、[[section]]`
	}
	e.Pos = l.pos(off)
	e.Source = l.line(e.Pos.Line)
	e.Field = fieldAt(l, off)
	return e
}

var (
	dupKey   = regexp.MustCompile(`^Key '(.*)' (?:has already been defined|was already created as a hash)`)
	arrayKey = regexp.MustCompile(`^Key '(.*)' was already created and cannot be used as an array`)
	lineKeyR = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)
	datePart = regexp.MustCompile(`\d+`)
)

// charAt returns the character at a byte offset, or "" at the end.
func charAt(src string, off int) string {
	if off >= len(src) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(src[off:])
	return string(r)
}

// lineKey returns the bare key a line assigns, or "".
func lineKey(line string) string {
	if m := lineKeyR.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return ""
}

func missingEquals(l *locator, off int, bad, line string) (msg, hint string) {
	pos := l.pos(off)
	before := strings.TrimSpace(string([]rune(line)[:min(pos.Col-1, utf8.RuneCountInString(line))]))
	switch {
	case bad == "＝":
		return "等号要用英文半角的「=」", "把「＝」改成「=」"
	case bad == "" || bad == "\n" || bad == "\r":
		return "缺少等号「=」", `每一项都写成 名称 = 值，例如 title = "……"`
	case bad == "：" || bad == ":":
		return "名称和值之间要用等号「=」，不能用冒号", fmt.Sprintf("把「%s」改成「=」", bad)
	case bad[0] >= utf8.RuneSelf && (before == "" || isBareKey(before)):
		name := strings.TrimSpace(strings.Trim(strings.SplitN(strings.TrimSpace(line), "=", 2)[0], "[]"))
		return "名称里有中文或其他特殊字符时，要用英文双引号括起来",
			fmt.Sprintf(`写成 "%s" = ……`, name)
	}
	return "缺少等号「=」", fmt.Sprintf("在「%s」和它的值之间加上 =，例如 %s = ……", before, before)
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func badValue(bad string) (msg, hint string) {
	switch bad {
	case "“", "”", "‘", "’":
		return "文字要用英文半角双引号「\"」括起来，不能用中文引号「" + bad + "」",
			`把两端的中文引号改成 "，例如 title = "XX旗统计局2023年工作总结"`
	case "", "\n", "\r", "#":
		return "等号后面缺少值", `写上值：文字用英文双引号括起来（"……"），数字直接写（9），日期写成 2024-01-10`
	}
	return "值的写法不对", `文字要用英文双引号括起来（"……"），多行文字用 """ 括起来；数字直接写（9）；日期写成 2024-01-10；true/false 表示是/否`
}

// dateHint suggests the correct spelling of a date such as 2024-1-5.
func dateHint(v string) string {
	if p := datePart.FindAllString(v, -1); len(p) == 3 && len(p[0]) == 4 {
		m, _ := strconv.Atoi(p[1])
		d, _ := strconv.Atoi(p[2])
		return fmt.Sprintf("写成 年-月-日，月和日都用两位数字，例如 date = %s-%02d-%02d；并检查这一天是否存在",
			p[0], m, d)
	}
	return "写成 年-月-日，月和日都用两位数字，不加引号，例如 date = 2024-01-10"
}

// fieldAt names the field whose key sits on the same line as off, or whose string
// value contains it; "" when there is none.
func fieldAt(l *locator, off int) string {
	var best *keyRef
	for i := range l.keys {
		if k := &l.keys[i]; k.e.key <= off {
			best = k
		}
	}
	if best == nil {
		return ""
	}
	e := best.e
	if l.pos(e.key).Line == l.pos(off).Line || e.str != nil && off <= e.str.end+len(e.str.delim) {
		return best.path
	}
	return ""
}

// located builds an *Error at a byte offset.
func (l *locator) errorAt(off int, msg, hint string) *Error {
	p := l.pos(off)
	return &Error{Pos: p, Msg: msg, Hint: hint, Source: l.line(p.Line), Field: fieldAt(l, off)}
}

// keyBefore matches the text before a """ that opens a value: `text = `.
var keyBefore = regexp.MustCompile(`^\s*[A-Za-z0-9_."-]+\s*=\s*$`)

// openedTooLong finds a multi-line string that was meant to end earlier: it ends at a
// """ written as the opening of the next value (text = """), so the text after it is
// read as TOML and fails further down. The mistake is the missing """ where the
// string opened.
func openedTooLong(l *locator, off int) *Error {
	for _, t := range l.longs {
		closeAt := t.end
		if closeAt > off {
			break
		}
		p := l.pos(closeAt)
		line := l.line(p.Line)
		before := string([]rune(line)[:p.Col-1])
		if !keyBefore.MatchString(before) {
			continue
		}
		open := t.start - len(t.delim)
		e := l.errorAt(open, "多行文字没有结束：缺少结尾的 "+t.delim,
			fmt.Sprintf("在这段文字结束的地方另起一行，写上 %s（现在第 %d 行「%s」中的 %s 被当成了这段文字的结尾）",
				t.delim, p.Line, strings.TrimSpace(line), t.delim))
		return e
	}
	return nil
}

// unclosedHeader reports a table header that lacks its closing brackets, such as
// [[section], on its own line: the TOML reader notices only at the line after it.
func unclosedHeader(l *locator, off int, msg string) *Error {
	if !strings.Contains(msg, "table name") && !strings.Contains(msg, "table array name") {
		return nil
	}
	h := -1
	for _, o := range l.headers {
		if o <= off {
			h = o
		}
	}
	if h < 0 {
		return nil
	}
	line := l.line(l.pos(h).Line)
	text := strings.TrimSpace(line)
	if i := strings.IndexByte(text, '#'); i >= 0 {
		text = strings.TrimSpace(text[:i])
	}
	want := "]"
	if strings.HasPrefix(text, "[[") {
		want = "]]"
	}
	if strings.HasSuffix(text, want) {
		return nil
	}
	fixed := strings.TrimRight(text, "]") + want
	end := h + strings.Index(l.src[h:], text) + len(text)
	return l.errorAt(end, "表头「"+text+"」没有写完：缺少结尾的「"+want+"」", "写成 "+fixed)
}

// halfWidth maps the full-width brackets an input method types to the ones TOML reads.
var halfWidth = strings.NewReplacer("【", "[", "】", "]", "［", "[", "］", "]", "｛", "{", "｝", "}")

// fullWidthBrackets reports full-width brackets outside quotes on the line where
// reading stopped, with the line as it should be written.
func fullWidthBrackets(l *locator, off int) *Error {
	n := l.pos(off).Line
	line := l.line(n)
	var fixed strings.Builder
	first := -1
	quote := rune(0)
	for i, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			fixed.WriteString(line[i:])
			return bracketError(l, n, first, line, fixed.String())
		case strings.ContainsRune("【】［］｛｝", r):
			if first < 0 {
				first = i
			}
			fixed.WriteString(halfWidth.Replace(string(r)))
			continue
		}
		fixed.WriteRune(r)
	}
	return bracketError(l, n, first, line, fixed.String())
}

func bracketError(l *locator, line, first int, text, fixed string) *Error {
	if first < 0 {
		return nil
	}
	bad := charAt(text, first)
	e := l.errorAt(l.offsetOf(line, first+1),
		"括号要用英文半角的 [ ] { }，不能用全角的「"+bad+"」",
		"这一行改成：\n"+strings.TrimSpace(fixed))
	if first == len(text)-len(strings.TrimLeft(text, " \t")) {
		e.Field = "" // a header: the reader took it for a key named 【counts】
	}
	return e
}

// noSuchDate says why a date that has the right shape does not exist ("2024年没有13月"),
// or returns "" when it is not of the form YYYY-MM-DD or does exist.
func noSuchDate(v string) string {
	p := datePart.FindAllString(v, -1)
	if len(p) < 3 || len(p[0]) != 4 {
		return ""
	}
	y, _ := strconv.Atoi(p[0])
	m, _ := strconv.Atoi(p[1])
	d, _ := strconv.Atoi(p[2])
	switch {
	case m < 1 || m > 12:
		return fmt.Sprintf("%d年没有%d月", y, m)
	case d < 1:
		return fmt.Sprintf("%d年%d月没有%d日", y, m, d)
	}
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d > days {
		return fmt.Sprintf("%d年%d月只有%d天，没有%d日", y, m, days, d)
	}
	return ""
}
