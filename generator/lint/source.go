package lint

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// content.Texts gives the title, 主送机关, 署名 and the text of the sections. The
// other texts a 公文 prints — 附件, tables, 版头, 版记, 附注 and 纪要 attendance —
// are found here by a scan of the source that, like content's locator, knows just
// enough TOML: comments, [table] and [[array]] headers, dotted and quoted keys, the
// four kinds of string, arrays and inline tables. Each string value is recorded
// with its path (attachment[0].title, cc[1], table[0].rows[2][0]) and where each
// of its bytes came from.

// text is one paragraph of a text value, as the rules see it.
type text struct {
	Field string // the path of the value: title, cc[1], attachment[0].section[0].lead
	Key   string // the last key of the path without indices: text, heading, lead, cc …
	Text  string
	pos   func(i int) model.Pos
}

// Pos returns the place in the file of byte i of the text.
func (t *text) Pos(i int) model.Pos { return t.pos(i) }

// fromContent wraps a paragraph that content.Texts found.
func fromContent(t *content.Text) *text {
	return &text{Field: t.Field, Key: t.Key, Text: t.Text, pos: t.Pos}
}

// contentField matches the paths content.Texts already gives.
var contentField = regexp.MustCompile(`^((?:section\[\d+\]\.)*)(title|recipient|author|text|heading|lead)$`)

// lastKey matches the last key of a path and any indices after it.
var lastKey = regexp.MustCompile(`([^.\[\]]+)(?:\[\d+\])*$`)

// valueRef is a value the scan found.
type valueRef struct {
	path string
	off  int     // byte offset of the value
	str  *strTok // the string token, when the value is a string
}

// source is a content file scanned for its values.
type source struct {
	file   string
	src    string
	lines  []int // byte offset where each line starts
	values []valueRef
	at     map[string]valueRef // the first value of each path
}

func scan(file, src string) *source {
	s := &source{file: file, src: src, lines: []int{0}, at: map[string]valueRef{}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	sc := &scanner{s: s, src: src, arrays: map[string]int{}}
	sc.top()
	return s
}

// pos converts a byte offset to a position; the column counts characters.
func (s *source) pos(off int) model.Pos {
	off = max(min(off, len(s.src)), 0)
	n := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	return model.Pos{File: s.file, Line: n + 1, Col: utf8.RuneCountInString(s.src[s.lines[n]:off]) + 1}
}

// valuePos is where the value of path starts, and whether it was found.
func (s *source) valuePos(path string) (model.Pos, bool) {
	v, ok := s.at[path]
	return s.pos(v.off), ok
}

// texts returns the paragraphs of the string values content.Texts does not give, in
// file order. Only a text value (key text) is split at blank lines.
func (s *source) texts() []*text {
	var out []*text
	seen := map[string]bool{}
	for _, v := range s.values {
		if v.str == nil || seen[v.path] || contentField.MatchString(v.path) || strings.HasPrefix(v.path, "counts") {
			continue
		}
		seen[v.path] = true
		key := lastKey.FindStringSubmatch(v.path)[1]
		dec, offs := decodeString(s.src, *v.str)
		for _, p := range splitParas(dec, key == "text") {
			p := p
			out = append(out, &text{Field: v.path, Key: key, Text: p.s, pos: func(i int) model.Pos {
				return s.pos(offs[min(p.dec(i), len(offs)-1)])
			}})
		}
	}
	return out
}

// strTok is a string value in the source: its delimiter and the byte range of its
// contents between the delimiters.
type strTok struct {
	delim      string // `"`, `'`, `"""` or `'''`
	start, end int
}

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

// scanner walks the source.
type scanner struct {
	s      *source
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
		s.skipSpace()
		if !s.eof() && s.src[s.i] != '\n' {
			s.skipLine()
		}
	}
}

// header reads [table] or [[array]].
func (s *scanner) header() {
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
	s.skipSpace()
	for !s.eof() && s.src[s.i] == ']' {
		s.i++
	}
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
			k, _ := decodeString(s.src, s.shortString(c))
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
	parts := s.key()
	if len(parts) == 0 {
		return
	}
	path := prefix
	for _, part := range parts {
		path = joinPath(path, part)
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	s.i++
	s.skipSpace()
	s.value(path)
}

// record notes a value at offset off.
func (s *scanner) record(path string, off int, tok *strTok) {
	v := valueRef{path: path, off: off, str: tok}
	s.s.values = append(s.s.values, v)
	if _, ok := s.s.at[path]; !ok {
		s.s.at[path] = v
	}
}

// value reads a value and records it and anything inside it.
func (s *scanner) value(path string) {
	if s.eof() {
		return
	}
	start := s.i
	rest := s.src[s.i:]
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		tok := s.longString(rest[:3])
		s.record(path, start, &tok)
	case rest[0] == '"' || rest[0] == '\'':
		tok := s.shortString(rest[0])
		s.record(path, start, &tok)
	case rest[0] == '[':
		s.record(path, start, nil)
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
			before := s.i
			s.value(indexPath(path, n))
			if s.i == before {
				s.i++
			}
			n++
		}
	case rest[0] == '{':
		s.record(path, start, nil)
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
		s.record(path, start, nil)
	}
}

// shortString reads a one-line string starting at its opening quote q. An
// unterminated string ends at the line break.
func (s *scanner) shortString(q byte) strTok {
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
			return tok
		case c == '\\' && q == '"':
			s.i += 2
		default:
			s.i++
		}
	}
	s.i = len(s.src)
	tok.end = s.i
	return tok
}

// longString reads a multi-line string starting at its opening delimiter.
func (s *scanner) longString(delim string) strTok {
	s.i += 3
	tok := strTok{delim: delim, start: s.i}
	for !s.eof() {
		c := s.src[s.i]
		if c == '\\' && delim[0] == '"' {
			s.i += 2
			continue
		}
		if c == delim[0] && strings.HasPrefix(s.src[s.i:], delim) {
			n := 3
			for s.i+n < len(s.src) && s.src[s.i+n] == c {
				n++
			}
			tok.end = s.i + n - 3
			s.i += n
			return tok
		}
		s.i++
	}
	s.i = len(s.src)
	tok.end = s.i
	return tok
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
	if long && i < end && src[i] == '\n' {
		i++
	} else if long && i+1 < end && src[i] == '\r' && src[i+1] == '\n' {
		i += 2
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
			n := 2 << strings.IndexByte("xuU", esc)
			r, err := strconv.ParseUint(src[i+2:min(i+2+n, end)], 16, 32)
			if i+2+n > end || err != nil {
				emit(src[i:i+2], i)
				i += 2
				continue
			}
			emit(string(rune(r)), i)
			i += 2 + n
		case ' ', '\t', '\r', '\n':
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

// para is one paragraph of a text value after its lines are trimmed and joined,
// with the map back to the decoded string.
type para struct {
	s    string
	segs []seg
}

// seg says that the joined text from offset j on came from the decoded string at d.
type seg struct{ j, d int }

func (p para) dec(j int) int {
	k := sort.Search(len(p.segs), func(i int) bool { return p.segs[i].j > j }) - 1
	if k < 0 {
		return 0
	}
	return p.segs[k].d + j - p.segs[k].j
}

// splitParas splits text into paragraphs the way content.Parse does: at blank lines
// when blankBreaks; each line trimmed; lines joined without a space, except one
// between two ASCII letters or digits.
func splitParas(text string, blankBreaks bool) []para {
	var out []para
	var cur para
	var sb strings.Builder
	flush := func() {
		if sb.Len() > 0 {
			cur.s = sb.String()
			out = append(out, cur)
		}
		cur = para{}
		sb.Reset()
	}
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		a, z := trimRange(text, start, end)
		switch {
		case a == z:
			if blankBreaks {
				flush()
			}
		default:
			if sb.Len() > 0 {
				last, _ := utf8.DecodeLastRuneInString(sb.String())
				first, _ := utf8.DecodeRuneInString(text[a:])
				if isASCIIAlnum(last) && isASCIIAlnum(first) {
					sb.WriteByte(' ')
				}
			}
			cur.segs = append(cur.segs, seg{j: sb.Len(), d: a})
			sb.WriteString(text[a:z])
		}
		start = end + 1
	}
	flush()
	return out
}

func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
}

func trimRange(text string, a, z int) (int, int) {
	for a < z {
		r, n := utf8.DecodeRuneInString(text[a:z])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for z > a {
		r, n := utf8.DecodeLastRuneInString(text[a:z])
		if !unicode.IsSpace(r) {
			break
		}
		z -= n
	}
	return a, z
}
