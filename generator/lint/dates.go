package lint

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Dates are written with Arabic digits, the year in full and no padding zeros:
// 2024年1月5日 (GB/T 9704-2012 §7.3.5.4, GB/T 15835-2011).
var (
	// 2024年01月05日, 24年1月5日, 1月05日, 2024年2月30日.
	arabicDate = regexp.MustCompile(`(?:([0-9]+)年)?([0-9]+)月(?:([0-9]+)日)?`)
	// 2024-1-5, 2024/01/05, 2024.1.5.
	numericDate = regexp.MustCompile(`((?:19|20)[0-9]{2})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})`)
	// 二〇二四年一月五日.
	chineseDate = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?)?`)
)

// dates reports dates that are not written as 2024年1月5日.
func dates(s string, at report) {
	for _, m := range arabicDate.FindAllStringSubmatchIndex(s, -1) {
		if precededByDigit(s, m[0]) {
			continue
		}
		year, month, day := group(s, m, 1), group(s, m, 2), group(s, m, 3)
		if year == "" && day == "" {
			continue // 3月: a month, not a date
		}
		var problems []string
		if year != "" && len(year) != 4 {
			problems = append(problems, "年份要写全（四位数字）")
		}
		if len(month) > 1 && month[0] == '0' || len(day) > 1 && day[0] == '0' {
			problems = append(problems, "月、日前不加「0」")
		}
		m1, _ := strconv.Atoi(month)
		d1, _ := strconv.Atoi(day)
		if !realDate(year, m1, d1) {
			problems = append(problems, "没有这个日期")
		}
		if len(problems) == 0 {
			continue
		}
		hint := "写成 " + formatDate(year, m1, d1)
		if !realDate(year, m1, d1) || year != "" && len(year) != 4 {
			hint = "写成 2024年1月5日 这样的形式"
		}
		at(m[0], Error, RuleDate, "日期「"+s[m[0]:m[1]]+"」："+strings.Join(problems, "，"), hint)
	}
	for _, m := range numericDate.FindAllStringSubmatchIndex(s, -1) {
		if precededByDigit(s, m[0]) || followedByDigit(s, m[1]) || group(s, m, 2) != group(s, m, 4) {
			continue
		}
		m1, _ := strconv.Atoi(group(s, m, 3))
		d1, _ := strconv.Atoi(group(s, m, 5))
		hint := "写成 2024年1月5日 这样的形式"
		if realDate(group(s, m, 1), m1, d1) {
			hint = "写成 " + formatDate(group(s, m, 1), m1, d1)
		}
		at(m[0], Error, RuleDate, "日期「"+s[m[0]:m[1]]+"」要用年月日写出", hint)
	}
	for _, m := range chineseDate.FindAllStringSubmatchIndex(s, -1) {
		year := chineseYear(group(s, m, 1))
		m1, d1 := chineseNumber(group(s, m, 2)), chineseNumber(group(s, m, 3))
		hint := "写成 " + formatDate(year, m1, d1)
		if m1 < 0 || d1 < 0 || !realDate(year, m1, d1) {
			hint = "写成 2024年1月5日 这样的形式"
		}
		at(m[0], Error, RuleDate, "日期「"+s[m[0]:m[1]]+"」要用阿拉伯数字", hint)
	}
}

// group returns submatch n of m in s, or "".
func group(s string, m []int, n int) string {
	if m[2*n] < 0 {
		return ""
	}
	return s[m[2*n]:m[2*n+1]]
}

func precededByDigit(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r >= '0' && r <= '9' || r == '.'
}

func followedByDigit(s string, i int) bool {
	return i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9')
}

// realDate reports whether month and day (day 0: none) exist, in year when it is
// given as four digits, else in a leap year.
func realDate(year string, month, day int) bool {
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 {
		y = 2024
	}
	if month < 1 || month > 12 || day < 0 {
		return false
	}
	if day == 0 {
		return true
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Day() == day
}

// formatDate writes a date as 2024年1月5日; an empty year and a zero day are left out.
func formatDate(year string, month, day int) string {
	var b strings.Builder
	if year != "" {
		b.WriteString(year + "年")
	}
	fmt.Fprintf(&b, "%d月", month)
	if day > 0 {
		fmt.Fprintf(&b, "%d日", day)
	}
	return b.String()
}

// chineseDigits are the digits of dates written in Chinese numerals.
var chineseDigits = map[rune]int{
	'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// chineseYear turns 二〇二四 into 2024.
func chineseYear(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte('0' + byte(chineseDigits[r]))
	}
	return b.String()
}

// chineseNumber turns 一 … 三十一 into 1 … 31; 0 for "", -1 for a malformed numeral.
func chineseNumber(s string) int {
	if s == "" {
		return 0
	}
	n, tens, unit := 0, false, 0
	for _, r := range s {
		if r == '十' {
			if tens {
				return -1
			}
			tens = true
			n = max(unit, 1) * 10
			unit = 0
			continue
		}
		d, ok := chineseDigits[r]
		if !ok || d == 0 || unit != 0 {
			return -1
		}
		unit = d
	}
	return n + unit
}
