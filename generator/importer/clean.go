package importer

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// invisible are characters that print nothing but change the text a search or a
// comparison sees: zero-width spaces and joiners, the byte order mark, the soft
// hyphen, direction marks and the word joiner family.
func invisible(r rune) bool {
	switch {
	case r == 0x00ad, r == 0x034f, r == 0x061c, r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5, r == 0x180e,
		r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x206f, r == 0x3164,
		r == 0xfeff, r == 0xffa0, r >= 0xfff0 && r <= 0xfff8:
		return true
	}
	return false
}

// oddSpace are spaces other than the ordinary one: no-break, fixed-width and
// ideographic spaces inside a line.
func oddSpace(r rune) bool {
	return r == 0x00a0 || r >= 0x2000 && r <= 0x200a || r == 0x202f || r == 0x205f || r == 0x3000
}

// compatIdeograph reports whether r is a CJK compatibility ideograph that stands
// for a unified one (U+F900–U+FAFF, less the twelve that are unified themselves).
func compatIdeograph(r rune) bool {
	return (r >= 0xf900 && r <= 0xfaff || r >= 0x2f800 && r <= 0x2fa1f) && norm.NFC.String(string(r)) != string(r)
}

// tidyText removes invisible characters, turns odd spaces inside the text into
// ordinary ones and compatibility ideographs into unified ones. It returns what it
// changed, in Chinese, for the notes.
func tidyText(s string) (string, []string) {
	var b strings.Builder
	var removed, spaces int
	mapped := map[string]bool{}
	var order []string
	for _, r := range s {
		switch {
		case invisible(r):
			removed++
		case oddSpace(r):
			spaces++
			b.WriteRune(' ')
		case compatIdeograph(r):
			u := norm.NFC.String(string(r))
			k := fmt.Sprintf("「%c」（U+%04X）改为「%s」（U+%04X）", r, r, u, []rune(u)[0])
			if !mapped[k] {
				mapped[k] = true
				order = append(order, k)
			}
			b.WriteString(u)
		default:
			b.WriteRune(r)
		}
	}
	var changes []string
	if removed > 0 {
		changes = append(changes, fmt.Sprintf("删去了 %d 个不可见字符（零宽空格、软连字符等）", removed))
	}
	if spaces > 0 {
		changes = append(changes, fmt.Sprintf("%d 个不换行空格或全角空格改为普通空格", spaces))
	}
	if len(order) > 0 {
		changes = append(changes, "兼容汉字"+strings.Join(order, "、"))
	}
	return strings.TrimSpace(b.String()), changes
}

// tidy cleans the text of every block and notes each change with its place, and
// each character that no font prints.
func (a *assembler) tidy(bs []block, printable func(rune) bool) []block {
	var out []block
	for i := range bs {
		b := &bs[i]
		var changes []string
		fix := func(s string) string {
			t, c := tidyText(s)
			changes = append(changes, c...)
			return t
		}
		b.right = b.right || indent(b.text) > 4 // spaces typed before a 署名 in Word
		lines := strings.Split(b.text, "\n")
		for k := range lines {
			lines[k] = fix(lines[k])
		}
		b.text = strings.Join(lines, "\n")
		if b.lead != "" {
			b.lead, _ = tidyText(b.lead)
		}
		for _, row := range b.table {
			for k := range row {
				row[k] = fix(row[k])
			}
		}
		if len(changes) > 0 {
			a.note("%s：%s", b.where, strings.Join(dedupe(changes), "；"))
		}
		if printable != nil {
			a.unprintable(b, printable)
		}
		if b.table != nil || strings.TrimSpace(b.text) != "" {
			out = append(out, *b) // a line of invisible characters is no paragraph
		}
	}
	return out
}

// unprintable notes the characters of a block that no font prints.
func (a *assembler) unprintable(b *block, printable func(rune) bool) {
	seen := map[rune]bool{}
	check := func(s string) {
		for _, r := range s {
			if r == '\n' || r == '\t' || unicode.IsSpace(r) || seen[r] || printable(r) {
				continue
			}
			seen[r] = true
			why := "没有字体能印出它"
			if unicode.Is(unicode.Co, r) {
				why = "是私用区的自造字，只有造字的那个字体才有它的字形"
			}
			a.note("%s：字符「%c」（U+%04X）%s，生成时会报错；请改用通用汉字或删去", b.where, r, r, why)
		}
	}
	check(b.text)
	for _, row := range b.table {
		for _, c := range row {
			check(c)
		}
	}
}

func dedupe(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func isLatin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}
