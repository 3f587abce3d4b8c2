package content

import (
	"strconv"
	"strings"
)

// Place says where a field path is, in the words of the person who wrote the file:
// section[0].section[1].text is 第一个一级标题下第二个二级标题的正文 text, and
// counts.学习.value is 计数「学习」的数量 value. The key itself ends the description, so
// it can be found in the file.
func Place(path string) string {
	var b strings.Builder
	kind, depth := "top", 0
	for _, s := range splitPath(path) {
		switch {
		case s.key == "section" && len(s.idx) == 1 && (kind == "top" || kind == "section" || kind == "attachment"):
			if kind == "section" {
				b.WriteString("下")
			} else if kind == "attachment" {
				b.WriteString("的")
			}
			depth++
			b.WriteString("第" + chineseNumber(s.idx[0]+1) + "个" + chineseNumber(depth) + "级标题")
			kind = "section"
		case s.key == "attachment" && len(s.idx) == 1 && kind == "top":
			b.WriteString("第" + chineseNumber(s.idx[0]+1) + "个附件")
			kind, depth = "attachment", 0
		case s.key == "table" && len(s.idx) == 1 && (kind == "top" || kind == "section"):
			if kind == "section" {
				b.WriteString("的第" + chineseNumber(s.idx[0]+1) + "个表格")
				kind = "table"
			} else {
				b.WriteString("第" + chineseNumber(s.idx[0]+1) + "个附表")
				kind = "appendix"
			}
		case s.key == "counts" && len(s.idx) == 0 && kind == "top":
			b.WriteString("计数")
			kind = "counts"
		case kind == "counts":
			b.WriteString("「" + s.key + "」")
			kind = "count"
		case s.key == "attendance" && len(s.idx) == 0 && kind == "top":
			b.WriteString("出席、请假、列席人员")
			kind = "attendance"
		default:
			if b.Len() > 0 {
				b.WriteString("的")
			}
			if m := meaning(kind, s.key); m != "" {
				b.WriteString(m + " " + s.key)
			} else {
				b.WriteString("「" + s.key + "」")
			}
			unit := "项"
			if s.key == "rows" {
				unit = "行"
			}
			for j, i := range s.idx {
				if j == 0 {
					b.WriteString("的")
				}
				b.WriteString("第" + chineseNumber(i+1) + unit)
				unit = "项"
			}
			kind = "value"
		}
	}
	return b.String()
}

// meaning is what a key means in a table of the given kind, or "" for an unknown key.
func meaning(kind, key string) string {
	fields := map[string][]field{
		"top": topFields, "section": sectionFields, "attachment": attachmentFields,
		"count": countFields, "appendix": appendixFields, "table": tableFields,
		"attendance": attendanceFields,
	}[kind]
	switch key {
	case "heading", "title":
		if kind == "section" {
			return "标题"
		}
	case "text":
		return "正文"
	}
	for _, f := range fields {
		if f.key == key {
			m, _, _ := strings.Cut(f.meaning, "（")
			return m
		}
	}
	return ""
}

// pathSeg is one key of a path with the array indices after it.
type pathSeg struct {
	key string
	idx []int
}

// splitPath splits a path made by joinPath and indexPath into its keys.
func splitPath(path string) []pathSeg {
	var segs []pathSeg
	for path != "" {
		var s pathSeg
		if path[0] == '"' {
			q, err := strconv.QuotedPrefix(path)
			if err != nil {
				return append(segs, pathSeg{key: path})
			}
			s.key, _ = strconv.Unquote(q)
			path = path[len(q):]
		} else {
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			s.key, path = path[:end], path[end:]
		}
		for strings.HasPrefix(path, "[") {
			end := strings.IndexByte(path, ']')
			n, err := strconv.Atoi(path[1:max(end, 1)])
			if end < 0 || err != nil {
				break
			}
			s.idx = append(s.idx, n)
			path = path[end+1:]
		}
		segs = append(segs, s)
		path = strings.TrimPrefix(path, ".")
	}
	return segs
}

// chineseNumber writes 1–99 in Chinese numerals (一, 十二, 二十), larger numbers in digits.
func chineseNumber(n int) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	switch {
	case n < 1 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	}
	return string(d[n/10]) + "十" + string(d[n%10])
}
