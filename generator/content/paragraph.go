package content

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// para is one paragraph of a text value after its lines are trimmed and joined,
// with the map back to the decoded string for positions.
type para struct {
	s    string
	segs []seg // in order of j
}

// seg says that the joined text from offset j on came from the decoded string at d.
type seg struct{ j, d int }

// dec maps an offset in the joined text back to the decoded string.
func (p para) dec(j int) int {
	k := sort.Search(len(p.segs), func(i int) bool { return p.segs[i].j > j }) - 1
	if k < 0 {
		return 0
	}
	return p.segs[k].d + j - p.segs[k].j
}

// splitParas splits text into paragraphs at blank lines (or, when blankBreaks is
// false, keeps everything as one paragraph). Each line is trimmed; lines are joined
// without a space, except for one space between two ASCII letters or digits.
// Empty paragraphs vanish.
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

// trimRange narrows text[a:z] to exclude white space at both ends, including the
// full-width space U+3000 people type to indent paragraphs.
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

// paragraphs turns the text value at path into paragraphs with resolved counts.
func (b *builder) paragraphs(path string, ts textSrc) []*model.Paragraph {
	var out []*model.Paragraph
	for _, p := range splitParas(ts.text, true) {
		out = append(out, &model.Paragraph{
			Spans: b.spans(path, p, ts),
			Pos:   b.l.pos(ts.off(p.dec(0))),
		})
	}
	return out
}

// spans splits a paragraph at its count references {名称}; {{ and }} stand for
// literal braces.
func (b *builder) spans(path string, p para, ts textSrc) []model.Span {
	var out []model.Span
	var lit strings.Builder
	litStart := -1
	pos := func(j int) model.Pos { return b.l.pos(ts.off(p.dec(j))) }
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, model.Span{Text: lit.String(), Pos: pos(litStart)})
		}
		lit.Reset()
		litStart = -1
	}
	addLit := func(j int, s string) {
		if litStart < 0 {
			litStart = j
		}
		lit.WriteString(s)
	}
	s := p.s
	for j := 0; j < len(s); {
		switch c := s[j]; {
		case c == '{' && strings.HasPrefix(s[j:], "{{"):
			addLit(j, "{")
			j += 2
		case c == '}' && strings.HasPrefix(s[j:], "}}"):
			addLit(j, "}")
			j += 2
		case c == '{':
			end := strings.IndexByte(s[j+1:], '}')
			next := strings.IndexByte(s[j+1:], '{')
			if end < 0 || next >= 0 && next < end {
				b.errAt(ts.off(p.dec(j)), path, "「{」没有配对的「}」",
					"计数引用写成 {名称}，例如 {学习}；要印出花括号本身，请写成 {{ 或 }}")
				addLit(j, "{")
				j++
				continue
			}
			name := strings.TrimSpace(s[j+1 : j+1+end])
			flush()
			c := b.counts[name]
			switch {
			case name == "":
				b.errAt(ts.off(p.dec(j)), path, "空的计数引用「{}」",
					"在花括号里写上计数名称，例如 {学习}；要印出花括号本身，请写成 {{}}")
			case c == nil:
				b.errAt(ts.off(p.dec(j)), path, "未定义的计数「"+name+"」", b.undefinedHint(name))
			default:
				c.Used++
				out = append(out, model.Span{Text: c.Format(), Count: c, Pos: pos(j)})
			}
			j += end + 2
		default:
			_, n := utf8.DecodeRuneInString(s[j:])
			addLit(j, s[j:j+n])
			j += n
		}
	}
	flush()
	return out
}

// undefinedHint tells how to define a missing count, or which defined one was meant.
func (b *builder) undefinedHint(name string) string {
	add := `在 [counts] 中加入 "` + name + `" = { value = 9, unit = "次" }`
	best, bestD := "", -1
	limit := max(1, utf8.RuneCountInString(name)/3)
	for _, c := range b.doc.Counts {
		d := editDistance(name, c.Name)
		if (d <= limit || strings.Contains(c.Name, name) || strings.Contains(name, c.Name)) && (bestD < 0 || d < bestD) {
			best, bestD = c.Name, d
		}
	}
	if best != "" {
		return "您是不是想写 {" + best + "}？否则请" + add
	}
	return add + "\n要印出花括号本身，请写成 {{ 和 }}"
}

// inline resolves the count references of a one-line value such as a heading
// and returns its text and the position of its first character.
func (b *builder) inline(path string, ts textSrc) (text string, p para, ok bool) {
	ps := splitParas(ts.text, false)
	if len(ps) == 0 {
		return "", para{}, false
	}
	var sb strings.Builder
	for _, sp := range b.spans(path, ps[0], ts) {
		sb.WriteString(sp.Text)
	}
	return sb.String(), ps[0], true
}
