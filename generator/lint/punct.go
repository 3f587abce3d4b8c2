package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fullWidth maps the half-width marks that must not stand in Chinese text to their
// full-width forms (GB/T 15834-2011). The straight quote has two forms, chosen by
// position.
var fullWidth = map[rune]string{
	',': "，", ';': "；", ':': "：", '?': "？", '!': "！", '(': "（", ')': "）",
}

var halfWidthName = map[rune]string{
	',': "逗号", ';': "分号", ':': "冒号", '?': "问号", '!': "叹号", '(': "左括号", ')': "右括号", '"': "引号",
}

// chinese reports whether r is Chinese text: a Han character, CJK or full-width
// punctuation, curly quotes, or a masked count reference (it prints as 9次).
func chinese(r rune) bool {
	switch {
	case r == 0:
		return true
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r >= 0x2018 && r <= 0x201D, r == '…', r == '—':
		return true
	}
	return false
}

// neighbours returns the characters before and after byte i of s, skipping blanks;
// utf8.RuneError at either end of the text.
func neighbours(s string, i int) (before, after rune) {
	before, after = utf8.RuneError, utf8.RuneError
	for j := i; j > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if r != ' ' && r != '\t' {
			before = r
			break
		}
		j -= n
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	for j := i + n; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		if r != ' ' && r != '\t' {
			after = r
			break
		}
		j += n
	}
	return before, after
}

// halfWidth reports half-width punctuation next to Chinese text: 统计局,坚持 → ，.
// Between digits or Latin words (3:00, Word, Excel) it is right and stays.
func halfWidth(s string, at report) {
	quotes := 0
	for i, r := range s {
		name, ok := halfWidthName[r]
		if !ok {
			continue
		}
		want := fullWidth[r]
		if r == '"' {
			want = "“"
			if quotes%2 == 1 {
				want = "”"
			}
			quotes++
		}
		before, after := neighbours(s, i)
		if !chinese(before) && !chinese(after) {
			continue
		}
		at(i, Error, RuleHalfWidth, "中文里用了半角"+name+"「"+string(r)+"」",
			"改为全角「"+want+"」")
	}
}

// enumComma reports a 顿号 between items in quotes or 书名号: “统计造假”、“数字政绩”.
// GB/T 15834-2011 4.5.3.5: such items are usually not separated by 顿号; one is used
// only when something else (a note in brackets) stands after the closing mark.
func enumComma(s string, at report) {
	for i := 0; ; {
		j := strings.Index(s[i:], "、")
		if j < 0 {
			return
		}
		i += j
		before, after := neighbours(s, i)
		if strings.ContainsRune("”’》", before) && strings.ContainsRune("“‘《", after) {
			left, right := quoted(s, i)
			at(i, Warning, RuleEnumComma, "引号（书名号）标示的并列成分之间通常不用顿号："+left+"、"+right,
				"删去「、」，写成 "+left+right+"（GB/T 15834-2011 4.5.3.5）；引号后还有括注等其他成分时才用顿号")
		}
		i += len("、")
	}
}

// quoted returns the quoted items on either side of the 顿号 at byte i: “统计造假” and
// “数字政绩”.
func quoted(s string, i int) (left, right string) {
	closer, _ := utf8.DecodeLastRuneInString(s[:i])
	opener, n := utf8.DecodeRuneInString(s[i+len("、"):])
	left = s[max(strings.LastIndex(s[:i], string(opening[closer])), 0):i]
	right = s[i+len("、"):]
	if end := strings.Index(right[n:], string(closing[opener])); end >= 0 {
		right = right[:n+end+len(string(closing[opener]))]
	}
	return left, right
}

// wideDigits reports full-width digits (２０２３), once for each run.
func wideDigits(s string, at report) {
	start := -1
	var half strings.Builder
	flush := func(end int) {
		if start >= 0 {
			at(start, Error, RuleWideDigit, "全角数字「"+s[start:end]+"」", "改为半角数字「"+half.String()+"」")
		}
		start = -1
		half.Reset()
	}
	for i, r := range s {
		if r >= '０' && r <= '９' {
			if start < 0 {
				start = i
			}
			half.WriteRune('0' + r - '０')
			continue
		}
		flush(i)
	}
	flush(len(s))
}
