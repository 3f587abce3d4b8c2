package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// activity matches an activity count in the text: 9次, 100余次, 3家, 10篇.
var activity = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)(余)?(次|家|个|篇|条|项)`)

// notCount are words that make a number with 个 a span of time, not a count: 3个月.
var notCount = []string{"月", "小时", "工作日", "百分点"}

// Words around a count that are not part of its name: 今年以来，共开展学习9次.
var (
	fillersBefore = []string{"今年以来", "年初以来", "年内", "全年", "其中", "累计", "共计", "共"}
	fillersAfter  = []string{"共计", "合计", "累计", "共", "达", "约", "近", "超过", "逾"}
	// verbs: a count's name is what follows the last of them (开展专题研讨 → 专题研讨).
	verbs = []string{"开展", "召开", "举办", "组织", "撰写", "发布", "新增", "完成", "走访", "参加"}
)

// maxName is the longest count name, in characters.
const maxName = 12

// counts turns the activity counts of every paragraph into named counts referenced
// from the text.
func (a *assembler) counts() {
	a.countOf, a.names, a.suffix = map[string]*model.Count{}, map[string]bool{}, map[string]int{}
	var walk func([]*model.Section)
	each := func(ps []*model.Paragraph) {
		for _, p := range ps {
			p.Spans = a.countSpans(p.Text())
		}
	}
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			each(s.Body)
			walk(s.Sections)
		}
	}
	each(a.doc.Intro)
	walk(a.doc.Sections)
}

// countSpans splits a paragraph into literal text and counts.
func (a *assembler) countSpans(text string) []model.Span {
	var out []model.Span
	last := 0
	for _, m := range activity.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		num, more, unit := text[m[2]:m[3]], m[4] >= 0, text[m[6]:m[7]]
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		if start > 0 && (isDigit(before) || before == '.' || before == '第') {
			continue // 第9次 is an ordinal
		}
		if unit == "个" && hasPrefix(text[end:], notCount) {
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || len(num) > 9 || model.FormatNumber(v) != num {
			continue // a count prints its value again: 09 or 1.50 would change the text
		}
		c := a.count(label(text[last:start]), v, unit, more)
		if start > last {
			out = append(out, model.Span{Text: text[last:start]})
		}
		out = append(out, model.Span{Text: c.Format(), Count: c})
		c.Used++
		last = end
	}
	if last < len(text) {
		out = append(out, model.Span{Text: text[last:]})
	}
	return out
}

// count returns the count for a label and value: the one already made for the same
// label and value, or a new one with a unique name (学习, 学习2, 学习3 …).
func (a *assembler) count(label string, v float64, unit string, more bool) *model.Count {
	key := fmt.Sprintf("%s\x00%g\x00%s\x00%v", label, v, unit, more)
	if c := a.countOf[key]; c != nil {
		return c // the same count mentioned again
	}
	base := countName(label)
	name := base
	for a.names[name] {
		a.suffix[base]++
		name = base + strconv.Itoa(a.suffix[base]+1)
	}
	c := &model.Count{Name: name, Value: v, Unit: unit, More: more, Label: label}
	if c.Label == "" {
		c.Label = name
	}
	a.doc.Counts = append(a.doc.Counts, c)
	a.countOf[key], a.names[name] = c, true
	return c
}

// label is the words before a count back to the previous punctuation mark outside
// quotes (a 顿号 joins the items of one label), without fillers: "……精神，共开展学习" →
// "开展学习".
func label(before string) string {
	i, depth := len(before), 0
scan:
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		switch {
		case strings.ContainsRune("”’）》", r):
			depth++
		case strings.ContainsRune("“‘（《", r):
			if depth == 0 {
				break scan
			}
			depth--
		case depth == 0 && strings.ContainsRune("，。；：！？,;:!?", r):
			break scan
		}
		i -= n
	}
	s := strings.TrimSpace(before[i:])
	for changed := true; changed; {
		changed = false
		for _, f := range fillersBefore {
			if t := strings.TrimPrefix(s, f); t != s && t != "" {
				s, changed = t, true
			}
		}
		for _, f := range fillersAfter {
			if t := strings.TrimSuffix(s, f); t != s && t != "" {
				s, changed = t, true
			}
		}
	}
	return strings.TrimSpace(s)
}

// countName makes a count's name from its label: the words after the last verb,
// without quotes or brackets; a name longer than maxName characters keeps what
// follows the last closing quote, or its last maxName characters.
func countName(label string) string {
	name := label
	cut := -1
	for _, v := range verbs {
		if i := strings.LastIndex(label, v); i >= 0 && utf8.RuneCountInString(label[i+len(v):]) >= 2 && i+len(v) > cut {
			cut = i + len(v)
		}
	}
	if cut >= 0 {
		name = label[cut:]
	}
	if utf8.RuneCountInString(name) > maxName {
		if i := strings.LastIndexAny(name, "”’》）"); i >= 0 {
			_, n := utf8.DecodeRuneInString(name[i:])
			if rest := name[i+n:]; utf8.RuneCountInString(rest) >= 4 {
				name = rest
			}
		}
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("“”‘’《》（）()「」{}\"'", r) {
			return -1
		}
		return r
	}, name)
	if rs := []rune(name); len(rs) > maxName {
		name = strings.TrimLeft(string(rs[len(rs)-maxName:]), "，、；：,;:")
	}
	if name == "" {
		return "计数"
	}
	return name
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
