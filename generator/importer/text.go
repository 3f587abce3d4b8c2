package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// Text imports a plain-text 公文: one paragraph a line (blank lines are ignored, and
// so is the indent of full-width spaces), the title on the first line if it looks
// like one, the 主送机关 on a line ending in ：, headings by their typed numbers, and
// the 署名 and 成文日期 on the last two lines.
func Text(src []byte, opt Options) (*Result, error) {
	s := strings.TrimPrefix(string(src), "\ufeff")
	if !utf8.ValidString(s) {
		return nil, errors.New("文件不是 UTF-8 编码：请用记事本打开，另存为时编码选 UTF-8，再导入")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var bs []block
	for i, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(clean(line)); line != "" {
			bs = append(bs, block{text: line, where: fmt.Sprintf("第 %d 行", i+1)})
		}
	}
	return assemble(bs, opt), nil
}

// runInEnd are the marks a run-in heading ends with (content.Parse accepts these).
const runInEnd = "。？！："

// headingEnd are the marks a standalone heading does not end with.
const headingEnd = "。，；、：,.;:"

// sentenceEnd are the marks that end a heading sentence followed by its text.
const sentenceEnd = "。？！"

// titleLike reports whether a line can be (a line of) the title: short, not a
// sentence, no typed numbering, not a date.
func titleLike(s string) bool {
	n := utf8.RuneCountInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	_, isDate := parseDate(s)
	return n >= 2 && n <= 40 && !strings.ContainsAny(s, "。；") && !strings.ContainsRune(headingEnd+"？！?!", last) &&
		stripNumbers(s) == s && !isDate
}

// recipientLike reports whether a line can be the 主送机关: short, ending in a colon,
// no sentence in it.
func recipientLike(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return (last == '：' || last == ':') && utf8.RuneCountInString(s) <= 60 &&
		!strings.ContainsAny(s, "。；！？") && stripNumbers(s) == s
}

// authorLike reports whether a line can be the 署名: short, no punctuation.
func authorLike(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 40 && !strings.ContainsAny(s, "。，；：！？,.;:!?") && stripNumbers(s) == s
}

// stripNumbers removes typed heading numbers from the start of s: 一、（一）1.（1）, and
// repeated ones such as （一）1.
func stripNumbers(s string) string {
	s = strings.TrimSpace(s)
	for {
		n := content.TypedNumber(s)
		if n == "" {
			return s
		}
		s = strings.TrimSpace(s[len(n):])
	}
}

// numberLevel is the level of a typed number: 一、 1, （一） 2, 1. 3, （1） 4.
func numberLevel(num string) int {
	r, size := utf8.DecodeRuneInString(num)
	switch {
	case r == '（' || r == '(':
		if d, _ := utf8.DecodeRuneInString(num[size:]); isDigit(d) {
			return 4
		}
		return 2
	case isDigit(r):
		return 3
	case r >= '①' && r <= '⑳':
		return 4
	}
	return 1
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

// parseDate reads a line that is a date: 2024年1月10日, 二〇二四年一月十日.
func parseDate(s string) (model.Date, bool) {
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
