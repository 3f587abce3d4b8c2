package content

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/internal/safefile"
)

// The limits of a content file, far above any real 公文 (docs/content-format.md,
// 限制): each is checked before the work it bounds, so that a small hostile file
// cannot take gigabytes of memory or minutes of time.
const (
	// MaxFileSize is the largest content file read: a 100-page 公文 is about 300 KB.
	MaxFileSize = 8 << 20
	// maxNesting is how deep [ ] and { } may nest in a value. The decoder recurses
	// once per level and copies its key path each time: 10 000 levels took 4 GB.
	maxNesting = 32
	// maxKeyParts is how many dotted parts a key or table header may have; the deepest
	// the format knows is [[section.section.section.section.table]].
	maxKeyParts = 32
	// maxText is the most characters in one string: about 250 pages of text.
	maxText = 200_000
	// maxItems is the most entries of one array or table: sections of one level,
	// counts, rows and columns of a table, names in a list.
	maxItems = 10_000
)

// tooLarge reports a content file over MaxFileSize, or nil.
func tooLarge(file string, size int) *Error {
	if size <= MaxFileSize {
		return nil
	}
	return &Error{Pos: model.Pos{File: file}, Msg: fmt.Sprintf("内容文件太大（%s），最多 %s", safefile.Size(int64(size)), safefile.Size(MaxFileSize)),
		Hint: "一份公文的内容文件通常不到 300 KB；请检查是否选错了文件，或把内容拆成几份公文"}
}

// scanNesting checks, before the TOML decoder sees it, that no value nests deeper
// than maxNesting and no key or table header has more than maxKeyParts parts. It knows
// only as much TOML as that needs: comments, the four kinds of string, table headers,
// keys at the start of a line or in an inline table, and brackets; on malformed input
// it counts what it can and leaves the mistake to the decoder.
func scanNesting(l *locator) *Error {
	s := l.src
	var stack []byte // open [ and { of the value being read
	lineStart, expectKey := true, false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			lineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		}
		if lineStart && len(stack) == 0 && c == '[' { // a table header
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
			}
			parts, end := keyParts(s, j)
			if parts > maxKeyParts {
				return l.limitError(i, fmt.Sprintf("表头的层次太多：有 %d 层，最多 %d 层", parts, maxKeyParts),
					"章节最多四级：[[section]]、[[section.section]]、[[section.section.section]]、[[section.section.section.section]]")
			}
			i, lineStart = max(end, j), false
			continue
		}
		if lineStart && len(stack) == 0 || expectKey {
			lineStart, expectKey = false, false
			if parts, end := keyParts(s, i); end > i {
				if parts > maxKeyParts {
					return l.limitError(i, fmt.Sprintf("名称的层次太多：有 %d 段（以 . 分隔），最多 %d 段", parts, maxKeyParts),
						`名称写成 text = "……" 或 "学习" = { value = 9, unit = "次" }`)
				}
				i = end
				continue
			}
		}
		lineStart = false
		switch c {
		case '"', '\'':
			i = skipString(s, i)
			continue
		case '[', '{':
			if len(stack) == maxNesting {
				return l.limitError(i, fmt.Sprintf("方括号 [ ] 或花括号 { } 套得太深：最多 %d 层", maxNesting),
					"内容文件用不到这么多层；检查是否多写了括号")
			}
			stack = append(stack, c)
			expectKey = c == '{'
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] == '{'
		}
		i++
	}
	return nil
}

// keyParts reads a dotted key starting at i (bare or quoted parts, blanks around the
// dots) and returns how many parts it has and where it ends.
func keyParts(s string, i int) (parts, end int) {
	end = i
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		start := i
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			i = skipString(s, i)
		} else {
			for i < len(s) && isKeyByte(s[i]) {
				i++
			}
		}
		if i == start {
			return parts, end
		}
		parts, end = parts+1, i
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) || s[i] != '.' {
			return parts, end
		}
		i++
	}
}

func isKeyByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= utf8.RuneSelf
}

// skipString returns the offset just past the string that opens at i. A one-line
// string ends at the line break even when its quote is missing.
func skipString(s string, i int) int {
	q := s[i]
	if i+2 < len(s) && s[i+1] == q && s[i+2] == q { // """ or '''
		i += 3
		for i < len(s) {
			switch {
			case q == '"' && s[i] == '\\':
				i += 2
			case s[i] == q && i+2 < len(s) && s[i+1] == q && s[i+2] == q:
				i += 3
				for i < len(s) && s[i] == q { // up to two quotes may end the contents
					i++
				}
				return i
			default:
				i++
			}
		}
		return len(s)
	}
	for i++; i < len(s) && s[i] != '\n'; i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q:
			return i + 1
		}
	}
	return min(i, len(s))
}

func (l *locator) limitError(off int, msg, hint string) *Error {
	p := l.pos(off)
	return &Error{Pos: p, Msg: msg, Hint: hint, Source: l.line(p.Line)}
}

// limits checks the decoded file against maxText and maxItems, before the document
// is built from it.
func (b *builder) limits(path string, v any) {
	switch v := v.(type) {
	case string:
		if n := utf8.RuneCountInString(v); n > maxText {
			b.errAt(b.l.valOff(path), path, fmt.Sprintf("文字太长：有 %d 个字，一项最多 %d 个字", n, maxText),
				"把长文字分到几个章节 [[section]] 里，或拆成几份公文")
		}
	case []any:
		if b.tooMany(path, len(v)) {
			return
		}
		for i, e := range v {
			b.limits(indexPath(path, i), e)
		}
	case []map[string]any:
		if b.tooMany(path, len(v)) {
			return
		}
		for i, e := range v {
			b.limits(indexPath(path, i), e)
		}
	case map[string]any:
		if b.tooMany(path, len(v)) {
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.limits(joinPath(path, k), v[k])
		}
	}
}

func (b *builder) tooMany(path string, n int) bool {
	if n <= maxItems {
		return false
	}
	b.errAt(b.l.valOff(path), path, fmt.Sprintf("项数太多：有 %d 项，最多 %d 项", n, maxItems),
		"一份公文用不到这么多项；请检查文件，或拆成几份公文")
	return true
}
