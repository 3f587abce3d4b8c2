package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// Error is a mistake in a content file, told the way a person can act on it: where
// (file, line, column), which field, what is wrong and how to fix it, in Chinese.
//
// Error() prints it in the style of BurntSushi/toml's ErrorWithPosition:
//
//	example.toml:4:15: 未定义的计数「专题研讨」（正文 text）
//	   4 | text = "开展专题研讨{专题研讨}。"
//	     |                     ^
//	提示：在 [counts] 中加入 "专题研讨" = { value = 9, unit = "次" }
//
// The caret sits under the character on a terminal, where CJK characters take two
// columns; a long line is cut to a window around the caret.
type Error struct {
	Severity Severity
	Pos      model.Pos // 1-based line and column (in characters); Line 0 when unknown
	Field    string    // the field, e.g. section[1].section[0].text (printed as Place says); may be empty
	Msg      string    // what is wrong
	Hint     string    // how to fix it; may be empty
	Source   string    // the source line Pos.Line, shown with a caret; may be empty
}

// Severity says whether a message stops the build.
type Severity uint8

// Severities.
const (
	Mistake Severity = iota // the document cannot be built until it is fixed
	Warning                 // the document is built; its author should look
)

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(Printable(e.Pos.String()))
	b.WriteString(": ")
	if e.Severity == Warning {
		b.WriteString("提示：")
	}
	b.WriteString(Printable(e.Msg))
	if e.Field != "" {
		b.WriteString("（")
		b.WriteString(Printable(Place(e.Field)))
		b.WriteString("）")
	}
	if e.Pos.Line > 0 && e.Source != "" {
		line, pad := excerpt(e.Source, e.Pos.Col)
		num := fmt.Sprintf("%4d", e.Pos.Line)
		fmt.Fprintf(&b, "\n%s | %s\n%s | %s^", num, line, strings.Repeat(" ", len(num)), pad)
	}
	if e.Hint != "" {
		b.WriteString("\n提示：")
		b.WriteString(strings.ReplaceAll(Printable(e.Hint), "\n", "\n      "))
	}
	return b.String()
}

// Errors is a list of mistakes, in the order they occur in the file.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n\n")
}

// Unwrap lets errors.As find the individual *Error values.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// maxLine is the widest source excerpt, in terminal columns, shown under a message.
const maxLine = 100

// excerpt prepares a source line for display with a caret under column col (in
// characters): tabs become spaces, a long line is cut to a window around the caret,
// and pad is the blank run that puts the caret under the character on a terminal
// where CJK characters take two columns.
func excerpt(line string, col int) (shown, pad string) {
	rs := []rune(line)
	if col < 1 {
		col = 1
	}
	ci := min(col-1, len(rs)) // caret rune index; may be just past the end
	// Expand tabs to the next multiple of 4 columns, remembering each rune's width.
	var cells []string
	var widths []int
	w := 0
	for _, r := range rs {
		if r == '\t' {
			n := 4 - w%4
			cells = append(cells, strings.Repeat(" ", n))
			widths = append(widths, n)
			w += n
			continue
		}
		if hidden(r) {
			r = ' '
		}
		cells = append(cells, string(r))
		n := runeWidth(r)
		widths = append(widths, n)
		w += n
	}
	start, end := 0, len(rs)
	if w > maxLine {
		// Keep about 40 columns before the caret and fill the rest after it.
		start = ci
		for left := 0; start > 0 && left+widths[start-1] <= 40; start-- {
			left += widths[start-1]
		}
		end = start
		for used := 0; end < len(rs) && used+widths[end] <= maxLine-6; end++ {
			used += widths[end]
		}
		end = max(end, min(ci+1, len(rs)))
	}
	var sb, pb strings.Builder
	if start > 0 {
		sb.WriteString("...")
		pb.WriteString("   ")
	}
	for i := start; i < end; i++ {
		sb.WriteString(cells[i])
		if i < ci {
			pb.WriteString(strings.Repeat(" ", widths[i]))
		}
	}
	if end < len(rs) {
		sb.WriteString("...")
	}
	return sb.String(), pb.String()
}

// runeWidth is the number of terminal columns r takes: 2 for East Asian wide and
// full-width characters (汉字, 全角标点), 0 for combining marks, otherwise 1.
func runeWidth(r rune) int {
	switch {
	case r == utf8.RuneError:
		return 1
	case unicode.Is(unicode.Mn, r):
		return 0
	case r >= 0x1100 && r <= 0x115F,
		r >= 0x2E80 && r <= 0x303E,
		r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF,
		r >= 0x4E00 && r <= 0x9FFF,
		r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE10 && r <= 0xFE19,
		r >= 0xFE30 && r <= 0xFE6F,
		r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F,
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// Printable shows the control characters of s — ESC, NUL, DEL, the C1 controls and
// the bidirectional overrides, which a terminal would obey or hide — as U+XXXX, so
// text from an input file never reaches the terminal raw. Line breaks and tabs stay.
func Printable(s string) string {
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hidden(r) {
			fmt.Fprintf(&b, "U+%04X", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hidden(r rune) bool {
	return r != '\n' && r != '\t' && unicode.IsControl(r) ||
		r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F
}
