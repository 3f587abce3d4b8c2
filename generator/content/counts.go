package content

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/generator/model"
)

const countExample = `写成 "学习" = { value = 9, unit = "次" }`

// countTable reads [counts]: each entry is a named count, either a table
// { value = 9, unit = "次", more = false, label = "开展学习", category = "主题教育" }
// or just a number. Counts keep the order of the file.
func (b *builder) countTable(v any) {
	m, ok := v.(map[string]any)
	if !ok {
		b.errAt(b.l.valOff("counts"), "counts", "counts 应为表，这里写的是"+typeName(v),
			"单独一行写 [counts]，下面每行一个计数，例如\n[counts]\n"+`"学习" = { value = 9, unit = "次" }`)
		return
	}
	for _, name := range b.countOrder(m) {
		b.count(name, m[name])
	}
}

// countOrder returns the names in m in the order they appear in the file.
// BurntSushi/toml decodes tables into maps; MetaData.Keys keeps the file order,
// and the locator's positions order any name it does not list.
func (b *builder) countOrder(m map[string]any) []string {
	var names []string
	seen := map[string]bool{}
	for _, k := range b.md.Keys() {
		if len(k) >= 2 && k[0] == "counts" && !seen[k[1]] {
			if _, ok := m[k[1]]; ok {
				seen[k[1]] = true
				names = append(names, k[1])
			}
		}
	}
	var rest []string
	for name := range m {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		oi, oj := b.l.keyOff(joinPath("counts", rest[i])), b.l.keyOff(joinPath("counts", rest[j]))
		return oi < oj || oi == oj && rest[i] < rest[j]
	})
	return append(names, rest...)
}

func (b *builder) count(name string, v any) {
	path := joinPath("counts", name)
	c := &model.Count{Name: name, Label: name, Pos: b.l.pos(b.l.keyOff(path))}
	switch {
	case strings.TrimSpace(name) == "":
		b.errAt(b.l.keyOff(path), path, "计数名称是空的", countExample)
		return
	case strings.ContainsAny(name, "{}"):
		b.errAt(b.l.keyOff(path), path, "计数名称「"+name+"」里不能有花括号", "去掉名称里的 { }；正文里用 {名称} 引用它")
		return
	}
	switch v := v.(type) {
	case map[string]any:
		meant := b.checkKeys(path, v, countFields, "计数")
		if val, ok := v["value"]; !ok && !meant["value"] {
			b.errAt(b.l.keyOff(path), path, "计数「"+name+"」缺少 value（数量）", `写成 "`+name+`" = { value = 9, unit = "次" }`)
		} else if ok {
			c.Value = b.number(joinPath(path, "value"), name, "value", val)
		}
		if u, ok := v["unit"]; ok {
			c.Unit, _ = b.str(joinPath(path, "unit"), u, `写成 unit = "次"`)
			c.Unit = strings.TrimSpace(c.Unit)
		}
		if mo, ok := v["more"]; ok {
			if c.More, ok = mo.(bool); !ok {
				b.errAt(b.l.valOff(joinPath(path, "more")), joinPath(path, "more"), "应为 true 或 false，这里写的是"+typeName(mo),
					"写成 more = true（印为“100余次”），或删除这一项")
			}
		}
		if l, ok := v["label"]; ok {
			if s, ok := b.str(joinPath(path, "label"), l, `写成 label = "开展学习"`); ok && strings.TrimSpace(s) != "" {
				c.Label = strings.TrimSpace(s)
			}
		}
		for _, k := range []struct {
			key string
			dst **float64
		}{{"last_year", &c.LastYear}, {"target", &c.Target}} {
			if x, ok := v[k.key]; ok {
				f := b.number(joinPath(path, k.key), name, k.key, x)
				*k.dst = &f
			}
		}
		if cat, ok := v["category"]; ok {
			s, _ := b.str(joinPath(path, "category"), cat, `写成 category = "主题教育"`)
			c.Category = strings.TrimSpace(s)
		}
	default:
		c.Value = b.number(path, name, strconv.Quote(name), v)
	}
	b.doc.Counts = append(b.doc.Counts, c)
	b.counts[name] = c
}

// number checks a count's value; lhs is what stands left of the = in the hint.
// On a mistake the count still gets defined (as 0), so that its references do
// not add errors of their own.
func (b *builder) number(path, name, lhs string, v any) float64 {
	off := b.l.valOff(path)
	switch v := v.(type) {
	case int64:
		return b.countRange(off, path, name, lhs, float64(v))
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return b.countRange(off, path, name, lhs, v)
		}
	case string:
		hint := "数量写阿拉伯数字，不加引号，例如 " + lhs + " = 9"
		if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			hint = "去掉引号：" + lhs + " = " + strings.TrimSpace(v)
		}
		b.errAt(off, path, "计数「"+name+"」的数量不是数字：这里写成了文字 "+quoteShort(v), hint)
		return 0
	}
	b.errAt(off, path, "计数「"+name+"」的数量不是数字：这里写的是"+typeName(v), "数量写阿拉伯数字，例如 "+lhs+" = 9")
	return 0
}

// countRange checks that a count is a number of things that prints exactly: not
// negative (a count of activities; a decrease is said in the text), at most
// model.MaxNumber, so that it and the 合计 print in plain digits.
func (b *builder) countRange(off int, path, name, lhs string, v float64) float64 {
	switch {
	case v < 0:
		b.errAt(off, path, "计数「"+name+"」的数量不能是负数（这里写的是 "+model.FormatNumber(v)+"）",
			"计数是次数、家数等，写 0 或正数，例如 "+lhs+" = 9；减少的数量请在正文里写明，如“比上年减少3次”")
		return 0
	case v > model.MaxNumber:
		b.errAt(off, path, "计数「"+name+"」的数量太大：最大为 1000000000000000（一千万亿）",
			"检查这个数字是否写错；很大的数量请换用更大的单位，例如 unit = \"亿元\"")
		return 0
	}
	return v
}
