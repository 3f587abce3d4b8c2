package content

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// BurntSushi/toml reports no positions for keys and values, so a locator scans the
// source once more and records where each key, table header and value starts. It
// knows just enough TOML for that: comments, [table] and [[array]] headers (counting
// the array elements), dotted and quoted keys, the four kinds of string, arrays and
// inline tables. It is lenient: on malformed input it still records what it can,
// which the syntax-error messages use to name the field.

// A path names a value the way messages show it: title, counts.学习.value,
// section[1].section[0].text (array indices count from 0).
func joinPath(prefix, key string) string {
	k := key
	if key == "" || strings.ContainsAny(key, ".[]\"' \t=#") {
		k = strconv.Quote(key)
	}
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

func indexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// loc is where one path was found.
type loc struct {
	key int     // byte offset of the key, or of the '[' of a table header
	val int     // byte offset of the value; -1 for a table header
	end int     // byte offset just past the value (of the header, for a table header)
	str *strTok // the string token, when the value is a string
}

// keyRef is a key (or table header) at an offset, and the entry made for it.
type keyRef struct {
	path string
	e    *loc
}

// strTok is a string value in the source: its delimiter and the byte range of its
// contents between the delimiters.
type strTok struct {
	delim      string // `"`, `'`, `"""` or `'''`
	start, end int
}

// locator maps paths to source positions.
type locator struct {
	file     string
	src      string
	lines    []int // byte offset where each line starts
	at       map[string]*loc
	headers  []int    // byte offsets of the table headers, in order
	keys     []keyRef // every key and header, in order, duplicates included
	unclosed int      // offset of the opening delimiter of a string that never ends; -1
	longs    []strTok // the closed multi-line strings, in order
}

func newLocator(file, src string) *locator {
	l := newLines(file, src)
	s := &scanner{l: l, src: src, arrays: map[string]int{}}
	s.top()
	return l
}

// newLines returns a locator that knows only where lines start: enough to place an
// offset, without scanning the keys.
func newLines(file, src string) *locator {
	l := &locator{file: file, src: src, lines: []int{0}, at: map[string]*loc{}, unclosed: -1}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	return l
}

// pos converts a byte offset to a position; the column counts characters.
func (l *locator) pos(off int) model.Pos {
	if off < 0 {
		return model.Pos{File: l.file}
	}
	off = min(off, len(l.src))
	n := sort.Search(len(l.lines), func(i int) bool { return l.lines[i] > off }) - 1
	start := l.lines[n]
	return model.Pos{File: l.file, Line: n + 1, Col: utf8.RuneCountInString(l.src[start:off]) + 1}
}

// line returns the text of a 1-based line, without its line break.
func (l *locator) line(n int) string {
	if n < 1 || n > len(l.lines) {
		return ""
	}
	start := l.lines[n-1]
	end := len(l.src)
	if n < len(l.lines) {
		end = l.lines[n] - 1
	}
	return strings.TrimSuffix(l.src[start:end], "\r")
}

// offsetOf converts a 1-based line and a byte column back to an offset.
func (l *locator) offsetOf(line, byteCol int) int {
	if line < 1 || line > len(l.lines) {
		return len(l.src)
	}
	return min(l.lines[line-1]+max(byteCol-1, 0), len(l.src))
}

// keyOff is the offset of the key of a path (or of its table header), or -1.
func (l *locator) keyOff(path string) int {
	if e := l.at[path]; e != nil {
		return e.key
	}
	return -1
}

// valOff is the offset of the value of a path, falling back to its key; -1 if unknown.
func (l *locator) valOff(path string) int {
	if e := l.at[path]; e != nil {
		if e.val >= 0 {
			return e.val
		}
		return e.key
	}
	return -1
}

// text returns a string value with, for each byte of it, the source offset it came
// from (plus one entry for the end). When the locator did not find that string, or
// found a different one, every byte maps to the value's start (or -1).
func (l *locator) text(path, value string) textSrc {
	e := l.at[path]
	if e != nil && e.str != nil {
		if s, offs := decodeString(l.src, *e.str); s == value {
			return textSrc{text: value, offs: offs}
		}
	}
	return textSrc{text: value, fallback: l.valOff(path)}
}

// textSrc is a decoded string and the source offset of each of its bytes.
type textSrc struct {
	text     string
	offs     []int // len(text)+1 entries, or nil
	fallback int
}

// off is the source offset of byte i of the decoded text.
func (t textSrc) off(i int) int {
	if t.offs == nil || i < 0 {
		return t.fallback
	}
	return t.offs[min(i, len(t.offs)-1)]
}

// scanner walks the source for the locator.
type scanner struct {
	l      *locator
	src    string
	i      int
	table  string         // path of the current [table]
	arrays map[string]int // path of an array of tables → elements seen so far
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) skipSpace() {
	for !s.eof() && (s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\r') {
		s.i++
	}
}

// skipBlank skips blanks, line breaks and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *scanner) skipLine() {
	if j := strings.IndexByte(s.src[s.i:], '\n'); j >= 0 {
		s.i += j + 1
	} else {
		s.i = len(s.src)
	}
}

func (s *scanner) top() {
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.src[s.i] == '[' {
			s.header()
		} else {
			start := s.i
			s.keyval(s.table)
			if s.i == start {
				s.i++
			}
		}
		// The rest of the line should be blank or a comment.
		s.skipSpace()
		if !s.eof() && s.src[s.i] != '\n' {
			s.skipLine()
		}
	}
}

// header reads [table] or [[array]].
func (s *scanner) header() {
	start := s.i
	s.l.headers = append(s.l.headers, start)
	array := strings.HasPrefix(s.src[s.i:], "[[")
	if array {
		s.i += 2
	} else {
		s.i++
	}
	parts := s.key()
	path := ""
	for n, part := range parts {
		path = joinPath(path, part)
		if array && n == len(parts)-1 {
			k := s.arrays[path]
			s.arrays[path] = k + 1
			path = indexPath(path, k)
		} else if k := s.arrays[path]; k > 0 {
			path = indexPath(path, k-1)
		}
	}
	s.table = path
	e := &loc{key: start, val: -1}
	s.l.keys = append(s.l.keys, keyRef{path, e})
	if _, ok := s.l.at[path]; !ok {
		s.l.at[path] = e
	}
	s.skipSpace()
	for !s.eof() && s.src[s.i] == ']' {
		s.i++
	}
	e.end = s.i
}

// key reads a possibly dotted, possibly quoted key and returns its parts.
func (s *scanner) key() []string {
	var parts []string
	for {
		s.skipSpace()
		if s.eof() {
			return parts
		}
		switch c := s.src[s.i]; c {
		case '"', '\'':
			tok := s.shortString(c)
			k, _ := decodeString(s.src, tok)
			parts = append(parts, k)
		default:
			start := s.i
			for !s.eof() && !strings.ContainsRune(" \t\r\n=.[]\"'#{},", rune(s.src[s.i])) &&
				!strings.HasPrefix(s.src[s.i:], "：") && !strings.HasPrefix(s.src[s.i:], "＝") {
				s.i++
			}
			if s.i == start {
				return parts
			}
			parts = append(parts, s.src[start:s.i])
		}
		s.skipSpace()
		if s.peek() != '.' {
			return parts
		}
		s.i++
	}
}

// keyval reads key = value in the table at prefix.
func (s *scanner) keyval(prefix string) {
	start := s.i
	parts := s.key()
	if len(parts) == 0 {
		return
	}
	path := prefix
	for n, part := range parts {
		path = joinPath(path, part)
		if _, ok := s.l.at[path]; !ok && n < len(parts)-1 {
			s.l.at[path] = &loc{key: start, val: -1}
		}
	}
	e := &loc{key: start, val: -1}
	s.l.keys = append(s.l.keys, keyRef{path, e})
	if old, ok := s.l.at[path]; !ok || old.val < 0 {
		s.l.at[path] = e
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	s.i++
	s.skipSpace()
	s.value(path, e)
}

// value reads a value and records where it, and anything inside it, starts.
func (s *scanner) value(path string, e *loc) {
	if s.eof() {
		return
	}
	e.val = s.i
	defer func() { e.end = s.i }()
	rest := s.src[s.i:]
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		tok := s.longString(rest[:3])
		e.str = &tok
	case rest[0] == '"' || rest[0] == '\'':
		tok := s.shortString(rest[0])
		e.str = &tok
	case rest[0] == '[':
		s.i++
		for n := 0; ; {
			s.skipBlank()
			if s.eof() {
				return
			}
			switch s.src[s.i] {
			case ']':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			p := indexPath(path, n)
			sub := &loc{key: s.i, val: -1}
			if _, ok := s.l.at[p]; !ok {
				s.l.at[p] = sub
			}
			before := s.i
			s.value(p, sub)
			if s.i == before {
				s.i++
			}
			n++
		}
	case rest[0] == '{':
		s.i++
		for {
			s.skipBlank()
			if s.eof() {
				return
			}
			switch s.src[s.i] {
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			before := s.i
			s.keyval(path)
			if s.i == before {
				s.i++
			}
		}
	default: // number, boolean, date
		for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// shortString reads a one-line string starting at its opening quote q. An
// unterminated string ends at the line break.
func (s *scanner) shortString(q byte) strTok {
	open := s.i
	s.i++
	tok := strTok{delim: string(q), start: s.i}
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == q:
			tok.end = s.i
			s.i++
			return tok
		case c == '\n':
			tok.end = s.i
			s.unclosed(open)
			return tok
		case c == '\\' && q == '"':
			s.i += 2
		default:
			s.i++
		}
	}
	s.i = len(s.src)
	tok.end = s.i
	s.unclosed(open)
	return tok
}

// longString reads a multi-line string starting at its opening delimiter.
func (s *scanner) longString(delim string) strTok {
	open := s.i
	s.i += 3
	tok := strTok{delim: delim, start: s.i}
	for !s.eof() {
		c := s.src[s.i]
		if c == '\\' && delim[0] == '"' {
			s.i += 2
			continue
		}
		if c == delim[0] && strings.HasPrefix(s.src[s.i:], delim) {
			// Up to two more quotes may precede the closing delimiter (BurntSushi
			// accepts more after an escaped backslash; the last three close).
			n := 3
			for s.i+n < len(s.src) && s.src[s.i+n] == c {
				n++
			}
			tok.end = s.i + n - 3
			s.i += n
			s.l.longs = append(s.l.longs, tok)
			return tok
		}
		s.i++
	}
	s.i = len(s.src)
	tok.end = s.i
	s.unclosed(open)
	return tok
}

func (s *scanner) unclosed(open int) {
	if s.l.unclosed < 0 {
		s.l.unclosed = open
	}
}

// decodeString decodes a string token the way TOML does and returns, for each
// byte of the result, the offset in src it came from, plus the end offset.
func decodeString(src string, t strTok) (string, []int) {
	i, end := t.start, min(t.end, len(src))
	if i > end {
		return "", []int{end}
	}
	long := len(t.delim) == 3
	basic := t.delim[0] == '"'
	if long && i < end && src[i] == '\n' { // a newline right after """ is dropped
		i++
	}
	b := make([]byte, 0, end-i)
	offs := make([]int, 0, end-i+1)
	emit := func(s string, off int) {
		b = append(b, s...)
		for range len(s) {
			offs = append(offs, off)
		}
	}
	for i < end {
		if c := src[i]; c != '\\' || !basic || i+1 >= end {
			b = append(b, c)
			offs = append(offs, i)
			i++
			continue
		}
		esc := src[i+1]
		switch esc {
		case 'b', 't', 'n', 'f', 'r', 'e', '"', '\\':
			emit(string("\b\t\n\f\r\x1b\"\\"[strings.IndexByte("btnfre\"\\", esc)]), i)
			i += 2
		case 'x', 'u', 'U':
			n := 2 << strings.IndexByte("xuU", esc) // 2, 4 or 8 hex digits
			if i+2+n > end {
				emit(src[i:i+2], i)
				i += 2
				continue
			}
			r, err := strconv.ParseUint(src[i+2:i+2+n], 16, 32)
			if err != nil {
				emit(src[i:i+2], i)
				i += 2
				continue
			}
			emit(string(rune(r)), i)
			i += 2 + n
		case ' ', '\t', '\r', '\n':
			// A line-ending backslash swallows the line break and the blanks after it.
			j := i + 1
			for j < end && strings.IndexByte(" \t\r\n", src[j]) >= 0 {
				j++
			}
			i = j
		default:
			emit(src[i:i+2], i)
			i += 2
		}
	}
	offs = append(offs, end)
	return string(b), offs
}
