package importer

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/gongwen/gongwen/generator/model"
)

// Text imports a plain-text 公文: one paragraph a line (blank lines are ignored, and
// so is the indent of full-width spaces, though an indented line may be the title),
// the title on the first lines if they look like one, the 主送机关 on a line ending
// in ：, headings by their typed numbers, and the 署名 and 成文日期 on the last
// lines. UTF-8, UTF-16 (with its byte order mark) and GB18030 (which includes GBK
// and GB2312) are read.
func Text(src []byte, opt Options) (*Result, error) {
	s, enc, err := decodeText(src)
	if err != nil {
		return nil, err
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var bs []block
	for i, line := range strings.Split(s, "\n") {
		line = clean(line)
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		bs = append(bs, block{text: t, where: fmt.Sprintf("第 %d 行", i+1), center: indent(line) > 4, right: indent(line) > 4})
	}
	r := assemble(bs, opt)
	if enc != "" {
		r.Notes = append([]string{"原文是 " + enc + " 编码，已转为 UTF-8"}, r.Notes...)
	}
	return r, nil
}

// indent is the width of the blanks at the start of a line, in half-width columns:
// a body paragraph's indent is two full-width spaces (4), a title's is more.
func indent(line string) int {
	w := 0
	for _, r := range line {
		switch r {
		case ' ', '\u00a0':
			w++
		case '\t':
			w += 4
		case '　':
			w += 2
		default:
			return w
		}
	}
	return w
}

// decodeText returns the text of a file in UTF-8, UTF-16 or GB18030, and the name
// of the encoding when it was not UTF-8.
func decodeText(src []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(src, []byte{0xef, 0xbb, 0xbf}):
		src = src[3:]
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}), bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(src)
		if err != nil {
			return "", "", fmt.Errorf("无法按 UTF-16 编码读取文件：%w", err)
		}
		return string(out), "UTF-16", nil
	}
	if utf8.Valid(src) {
		return string(src), "", nil
	}
	// UTF-16 without a byte order mark: every other byte of ASCII text is zero
	if len(src) >= 4 && len(src)%2 == 0 && bytes.Count(src, []byte{0}) >= len(src)/4 {
		order := unicode.LittleEndian
		if src[0] == 0 {
			order = unicode.BigEndian
		}
		if out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(src); err == nil && utf8.Valid(out) {
			return string(out), "UTF-16", nil
		}
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", errors.New("文件既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16 编码：请用记事本打开，另存为时编码选 UTF-8，再导入")
	}
	return string(out), "GBK/GB18030", nil
}

// runInEnd are the marks a run-in heading ends with (content.Parse accepts these).
const runInEnd = "。？！："

// headingEnd are the marks a standalone heading does not end with.
const headingEnd = "。，；、：,.;:"

// sentenceEnd are the marks that end a heading sentence followed by its text.
const sentenceEnd = "。？！"

// titleLike reports whether a line can be (a line of) the title: not a sentence,
// no typed numbering, not a date, and short — up to 40 characters, or longer
// when the source sets it apart (centred, indented, right after a 版头) or it
// ends in the name of a kind of document (通知, 报告 …).
func titleLike(s string, setApart bool) bool {
	n := utf8.RuneCountInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	_, isDate := parseDate(s)
	long := n <= 40 || n <= 100 && (setApart || docKind.MatchString(s))
	return n >= 2 && long && !strings.ContainsAny(s, "。；") && !strings.ContainsRune(headingEnd+"？！?!", last) &&
		stripNumbers(s) == s && !isDate
}

// docKind matches the end of a title: the kind of document.
var docKind = regexp.MustCompile(`(通知|通报|报告|请示|意见|决定|批复|函|纪要|方案|办法|规定|细则|总结|计划|要点|公告|通告|议案|决议|命令|公报|规划|讲话|汇报|简报|专报|说明)$`)

// recipientLike reports whether a line can be the 主送机关: short, ending in a colon,
// no sentence in it.
func recipientLike(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return (last == '：' || last == ':') && utf8.RuneCountInString(s) <= 60 &&
		!strings.ContainsAny(s, "。；！？") && stripNumbers(s) == s && !introLine.MatchString(s)
}

// introLine is a line that introduces what follows rather than naming organs: a
// law's article (第七条 代表享有下列权利：), 现将有关事项通知如下：.
var introLine = regexp.MustCompile(`^第[0-9零一二三四五六七八九十百千]+[条章节]|如下[：:]$|下列\S*[：:]$`)

// authorLike reports whether a line can be the 署名: short, no punctuation.
func authorLike(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 40 && !strings.ContainsAny(s, "。，；：！？,.;:!?") && stripNumbers(s) == s
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// numeral is the number in a typed or computed section number, without its
// punctuation: （三） → 三, 1、 → 1.
func numeral(num string) string {
	return strings.Trim(num, "（）()、，,．. ")
}

// brackets pairs the opening and closing marks that a sentence end inside does not
// end the heading sentence.
var brackets = map[rune]rune{'“': '”', '‘': '’', '（': '）', '(': ')', '《': '》', '「': '」', '【': '】', '〔': '〕'}

// splitLead splits a heading line into the heading sentence and the text after it:
// "扎实开展主题教育。统计局……" → "扎实开展主题教育。", "统计局……". A sentence end inside
// quotes or brackets does not count. body is "" when the line is one sentence.
func splitLead(s string) (lead, body string) {
	var open []rune
	for i, r := range s {
		switch {
		case len(open) > 0 && r == open[len(open)-1]:
			open = open[:len(open)-1]
		case brackets[r] != 0:
			open = append(open, brackets[r])
		case len(open) == 0 && strings.ContainsRune(sentenceEnd, r):
			end := i + utf8.RuneLen(r)
			if body := strings.TrimSpace(s[end:]); body != "" {
				return s[:end], body
			}
			return s, ""
		}
	}
	return s, ""
}

// dateLine matches a 成文日期 in Arabic digits or Chinese numerals.
var dateLine = regexp.MustCompile(`^([0-9]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)

// blankDate is a template's blank date.
var blankDate = regexp.MustCompile(`^[\[［]?[0-9X×]{4}[\]］]?年[\[［]?[0-9X×]{1,2}[\]］]?月[\[［]?[0-9X×]{1,2}[\]］]?日$`)

// parseDate reads a line that is a date: 2024年1月10日, 二〇二四年一月十日.
func parseDate(s string) (model.Date, bool) {
	if t := strings.Join(strings.Fields(s), ""); blankDate.MatchString(t) && strings.ContainsAny(t, "X×") {
		return model.Date{Blank: t}, true // a template's blank: 20XX年XX月XX日, 20××年×月×日
	}
	m := dateLine.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return model.Date{}, false
	}
	y, mo, d := number(m[1]), number(m[2]), number(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1000 || mo < 1 || mo > 12 || d < 1 || t.Day() != d {
		return model.Date{}, false
	}
	return model.Date{Year: y, Month: mo, Day: d}, true
}

// number reads Arabic digits, a year in Chinese digits (二〇二四) or a Chinese
// numeral up to 三十一; -1 when it is none of them.
func number(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	const digits = "〇一二三四五六七八九"
	rs := []rune(strings.NewReplacer("○", "〇", "零", "〇").Replace(s))
	digit := func(r rune) int {
		for i, d := range []rune(digits) {
			if d == r {
				return i
			}
		}
		return -1
	}
	if len(rs) == 4 { // a year: digit by digit
		n := 0
		for _, r := range rs {
			d := digit(r)
			if d < 0 {
				return -1
			}
			n = n*10 + d
		}
		return n
	}
	tens, units := 0, 0
	for i, r := range rs {
		switch {
		case r == '十' && i == 0:
			tens = 1
		case r == '十' && i == 1 && tens == 0:
			tens, units = units, 0
		case digit(r) > 0 && units == 0:
			units = digit(r)
		default:
			return -1
		}
	}
	return tens*10 + units
}
