package lint

import (
	"unicode"
	"unicode/utf8"
)

// closing maps each opening quote or bracket to its closing one. Half-width brackets
// pair with full-width ones here ("（项目)" is one mistake, the half-width mark, which
// RuleHalfWidth reports); the straight quote " cannot tell opening from closing and
// is left to RuleHalfWidth.
var closing = map[rune]rune{
	'“': '”', '‘': '’', '（': '）', '(': '）', '《': '》', '〈': '〉',
	'【': '】', '「': '」', '『': '』', '〔': '〕', '［': '］', '[': '］',
}

// opening is the reverse of closing, with the half-width closing brackets.
var opening = map[rune]rune{
	'”': '“', '’': '‘', '）': '（', ')': '（', '》': '《', '〉': '〈',
	'】': '【', '」': '「', '』': '『', '〕': '〔', '］': '［', ']': '［',
}

// pairs reports quotes and brackets without their partner in the paragraph: an
// opening mark never closed, a closing mark never opened, and marks closed in the
// wrong order (“《”》: the 《 is reported).
func pairs(s string, at report) {
	type open struct {
		r rune
		i int
	}
	var stack []open
	var prev rune
	for i, r := range s {
		if c, ok := closing[r]; ok {
			stack = append(stack, open{r: c, i: i})
		} else if o, ok := opening[r]; ok {
			if r == '’' && unicode.IsLetter(prev) && prev < 0x80 {
				prev = r
				continue // an apostrophe in a Latin word: it’s
			}
			j := len(stack) - 1
			for j >= 0 && stack[j].r != closing[o] {
				j--
			}
			if j < 0 {
				at(i, Error, RulePairs, "「"+string(r)+"」没有对应的「"+string(o)+"」",
					"补上前面的「"+string(o)+"」，或删去这个「"+string(r)+"」")
			} else {
				for _, u := range stack[j+1:] {
					unclosed(s, u.i, at)
				}
				stack = stack[:j]
			}
		}
		prev = r
	}
	for _, u := range stack {
		unclosed(s, u.i, at)
	}
}

// unclosed reports the opening mark at byte i that is never closed.
func unclosed(s string, i int, at report) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	c := closing[r]
	at(i, Error, RulePairs, "「"+string(r)+"」没有对应的「"+string(c)+"」",
		"在这句话的结尾补上「"+string(c)+"」，或删去这个「"+string(r)+"」")
}
