package content

import (
	"math"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/generator/model"
)

const tableExample = `写成
[[table]]
title = "2023年主要工作量统计表"
counts = "all"        # 全部计数；或 counts = ["学习", "专题研讨"]；或 category = "主题教育"；或 unit = "次"
total = true          # 加“合计”行`

// tables reads the array of tables `table` under parent: top-level tables are 附表
// (appendix) on new pages at the end; a section's tables stand after its paragraphs.
func (b *builder) tables(parent string, v any, appendix bool) []*model.Table {
	path := joinPath(parent, "table")
	list := b.tableArray(path, v, "表格", "table", tableExample)
	var out []*model.Table
	for i, m := range list {
		if t := b.table(indexPath(path, i), m, appendix); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// table reads one [[table]]: a table of counts (counts/category) or of literal
// cells (header/rows).
func (b *builder) table(path string, m map[string]any, appendix bool) *model.Table {
	errs := len(b.errs)
	t := &model.Table{Appendix: appendix, Pos: b.l.pos(b.l.keyOff(path))}
	fields := tableFields
	if appendix {
		fields = appendixFields
	}
	meant := b.checkKeys(path, m, fields, "表格")
	if v, ok := m["title"]; !ok {
		b.errAt(b.l.keyOff(path), path, "表格缺少标题 title", `加上 title = "2023年主要工作量统计表"`)
	} else if s, ok := b.str(joinPath(path, "title"), v, `写成 title = "2023年主要工作量统计表"`); ok {
		t.Title = strings.TrimSpace(s)
	}
	if v, ok := m["after"]; ok {
		n, ok := v.(int64)
		switch {
		case appendix && (!ok || n < 0):
			b.errAt(b.l.valOff(joinPath(path, "after")), joinPath(path, "after"), "after 应为 0 或正整数：表格放在开头第几段之后",
				"写成 after = 1（开头第一段之后）或 after = 0（开头之前）；不写则作为附表排在文末")
		case !appendix && (!ok || n < 1):
			b.errAt(b.l.valOff(joinPath(path, "after")), joinPath(path, "after"), "after 应为正整数：表格放在本节第几段之后",
				"写成 after = 1（第一段之后）；不写则放在本节全部段落之后")
		}
		t.After = int(n)
		t.Appendix = false // a top-level table with a place in the text is no 附表
	}
	total := false
	if v, ok := m["total"]; ok {
		if total, ok = v.(bool); !ok {
			b.errAt(b.l.valOff(joinPath(path, "total")), joinPath(path, "total"), "total 应为 true 或 false，这里写的是"+typeName(v),
				"写成 total = true（加“合计”行），或删除这一项")
		}
	}
	_, hasCounts := m["counts"]
	_, hasCategory := m["category"]
	_, hasUnit := m["unit"]
	hasCategory = hasCategory || hasUnit && !hasRowsKey(m)
	_, hasRows := m["rows"]
	switch {
	case (hasCounts || hasCategory) && hasRows:
		b.errAt(b.l.keyOff(joinPath(path, "rows")), joinPath(path, "rows"), "表格不能同时写 counts/category 和 rows",
			"计数表格写 counts 或 category；自由表格写 header 和 rows")
	case hasRows:
		b.freeTable(path, m, t, total)
	case hasCounts || hasCategory:
		b.countTable2(path, m, t, total)
	case meant["counts"] || meant["category"] || meant["rows"] || meant["unit"]:
		// the misspelt key is reported already
	default:
		b.errAt(b.l.keyOff(path), path, "表格没有内容", "计数表格写 counts = \"all\" 或 category = \"…\"；自由表格写 header 和 rows")
	}
	if len(b.errs) > errs {
		return nil
	}
	if v, ok := m["columns"]; ok {
		cols := b.strings(joinPath(path, "columns"), v)
		if len(cols) != len(t.Header) {
			b.errAt(b.l.valOff(joinPath(path, "columns")), joinPath(path, "columns"),
				"columns 写了 "+strconv.Itoa(len(cols))+" 列，表格有 "+strconv.Itoa(len(t.Header))+" 列（"+strings.Join(t.Header, "、")+"）",
				"按顺序为每一列写一个列名")
			return nil
		}
		t.Header = cols
	}
	return t
}

// strings reads an array of strings.
func (b *builder) strings(path string, v any) []string {
	arr, ok := v.([]any)
	if !ok {
		b.errAt(b.l.valOff(path), path, "应为文字列表，这里写的是"+typeName(v), `写成 ["类别", "项目", "数量"]`)
		return nil
	}
	var out []string
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			p := indexPath(path, i)
			b.errAt(b.l.valOff(p), p, "应为文字，这里写的是"+typeName(e), "用英文双引号把每一项括起来")
			return nil
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// countTable2 builds a table from counts: all of them, a category's, or a listed set.
// Rows are grouped by category (the category cell spans its rows); numbers share the
// unit line when they share a unit, else a 单位 column is added.
func (b *builder) countTable2(path string, m map[string]any, t *model.Table, total bool) {
	var chosen []*model.Count
	if v, ok := m["counts"]; ok {
		p := joinPath(path, "counts")
		if s, ok := v.(string); ok {
			if s != "all" {
				b.errAt(b.l.valOff(p), p, "counts 只能写 \"all\"（全部计数）或计数名称的列表", `写成 counts = "all" 或 counts = ["学习", "专题研讨"]`)
				return
			}
			chosen = append(chosen, b.doc.Counts...)
		} else {
			names := b.strings(p, v)
			for i, n := range names {
				c := b.counts[n]
				if c == nil {
					off := b.l.valOff(indexPath(p, i))
					if off >= 0 && off < len(b.l.src) && b.l.src[off] == '"' {
						off++ // at the name, not its quote
					}
					b.errAt(off, indexPath(p, i), "表格引用了未定义的计数「"+n+"」", b.undefinedHint(n))
					continue
				}
				chosen = append(chosen, c)
			}
		}
	} else {
		chosen = append(chosen, b.doc.Counts...)
	}
	if v, ok := m["category"]; ok {
		p := joinPath(path, "category")
		var cats []string
		if s, ok := v.(string); ok {
			cats = []string{strings.TrimSpace(s)}
		} else {
			cats = b.strings(p, v)
		}
		var kept []*model.Count
		for _, c := range chosen {
			for _, cat := range cats {
				if c.Category == cat {
					kept = append(kept, c)
				}
			}
		}
		if len(kept) == 0 && len(cats) > 0 {
			var known []string
			for _, c := range b.doc.Counts {
				if c.Category != "" && !containsStr(known, c.Category) {
					known = append(known, c.Category)
				}
			}
			b.errAt(b.l.valOff(p), p, "没有属于类别「"+strings.Join(cats, "、")+"」的计数", "已有的类别："+strings.Join(known, "、"))
			return
		}
		chosen = kept
	}
	if v, ok := m["unit"]; ok {
		p := joinPath(path, "unit")
		if u, ok := b.str(p, v, `写成 unit = "次"`); ok {
			u = strings.TrimSpace(u)
			var kept []*model.Count
			for _, c := range chosen {
				if c.Unit == u {
					kept = append(kept, c)
				}
			}
			if len(kept) == 0 {
				b.errAt(b.l.valOff(p), p, "没有单位为「"+u+"」的计数", "检查 unit 的写法，或删除这一项")
				return
			}
			chosen = kept
		}
	}
	if len(chosen) == 0 {
		b.errAt(b.l.keyOff(path), path, "表格里没有计数", "先在 [counts] 中定义计数")
		return
	}

	units := map[string]bool{}
	grouped, lastYear, target := false, false, false
	for _, c := range chosen {
		units[c.Unit] = true
		grouped = grouped || c.Category != ""
		lastYear = lastYear || c.LastYear != nil
		target = target || c.Target != nil
	}
	if grouped {
		// keep each category's rows together, in the order categories first appear
		var order []string
		by := map[string][]*model.Count{}
		for _, c := range chosen {
			if _, ok := by[c.Category]; !ok {
				order = append(order, c.Category)
			}
			by[c.Category] = append(by[c.Category], c)
		}
		chosen = chosen[:0]
		for _, cat := range order {
			chosen = append(chosen, by[cat]...)
		}
	}
	mixed := len(units) > 1
	if !mixed {
		for u := range units {
			if u != "" {
				t.Unit = "单位：" + u
			}
		}
	}
	if total && mixed {
		var list []string
		for _, c := range chosen {
			if !containsStr(list, c.Unit) {
				list = append(list, c.Unit)
			}
		}
		b.errAt(b.l.valOff(joinPath(path, "total")), joinPath(path, "total"),
			"不能合计单位不同的计数（"+strings.Join(list, "、")+"）",
			"删除 total = true，或用 category/counts 只选单位相同的计数分别列表")
		return
	}

	if grouped {
		t.Header = append(t.Header, "类别")
		t.Numeric = append(t.Numeric, false)
	}
	t.Header = append(t.Header, "项目", "数量")
	t.Numeric = append(t.Numeric, false, true)
	if mixed {
		t.Header = append(t.Header, "单位")
		t.Numeric = append(t.Numeric, false)
	}
	if lastYear {
		t.Header = append(t.Header, "上年")
		t.Numeric = append(t.Numeric, true)
	}
	if target {
		t.Header = append(t.Header, "目标")
		t.Numeric = append(t.Numeric, true)
	}
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return model.FormatNumber(*v)
	}
	var sum, sumLast, sumTarget []string // the numbers as printed, added exactly
	more, allLast, allTarget := false, true, true
	for i, c := range chosen {
		row := &model.Row{}
		if grouped {
			cell := &model.Cell{Text: c.Category, Span: 1}
			if i > 0 && chosen[i-1].Category == c.Category {
				cell.Merged = true
				for j := i - 1; j >= 0; j-- {
					if first := t.Rows[j].Cells[0]; !first.Merged {
						first.Span++
						break
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		num := model.FormatNumber(c.Value)
		if c.More {
			num += "余"
		}
		row.Cells = append(row.Cells, &model.Cell{Text: c.Label, Span: 1}, &model.Cell{Text: num, Count: c, Span: 1})
		if mixed {
			row.Cells = append(row.Cells, &model.Cell{Text: c.Unit, Span: 1})
		}
		if lastYear {
			row.Cells = append(row.Cells, &model.Cell{Text: opt(c.LastYear), Span: 1})
		}
		if target {
			row.Cells = append(row.Cells, &model.Cell{Text: opt(c.Target), Span: 1})
		}
		t.Rows = append(t.Rows, row)
		sum = append(sum, model.FormatNumber(c.Value))
		more = more || c.More
		if c.LastYear != nil {
			sumLast = append(sumLast, opt(c.LastYear))
		} else {
			allLast = false
		}
		if c.Target != nil {
			sumTarget = append(sumTarget, opt(c.Target))
		} else {
			allTarget = false
		}
	}
	if total {
		row := &model.Row{Total: true}
		row.Cells = append(row.Cells, &model.Cell{Text: "合计", Span: 1})
		if grouped {
			row.Cells = append(row.Cells, &model.Cell{Span: 1})
		}
		add := func(nums []string) string {
			s, ok := model.SumDecimal(nums)
			if !ok {
				b.errAt(b.l.valOff(joinPath(path, "total")), joinPath(path, "total"), tooBigTotal, tooBigHint)
			}
			return s
		}
		num := add(sum)
		if more {
			num += "余"
		}
		row.Cells = append(row.Cells, &model.Cell{Text: num, Span: 1})
		if lastYear {
			s := ""
			if allLast {
				s = add(sumLast)
			}
			row.Cells = append(row.Cells, &model.Cell{Text: s, Span: 1})
		}
		if target {
			s := ""
			if allTarget {
				s = add(sumTarget)
			}
			row.Cells = append(row.Cells, &model.Cell{Text: s, Span: 1})
		}
		t.Rows = append(t.Rows, row)
	}
}

// freeTable builds a table of literal cells; total sums every column whose cells
// are all numbers.
func (b *builder) freeTable(path string, m map[string]any, t *model.Table, total bool) {
	if v, ok := m["header"]; ok {
		t.Header = b.strings(joinPath(path, "header"), v)
	} else {
		b.errAt(b.l.keyOff(path), path, "自由表格缺少表头 header", `加上 header = ["项目", "数量"]`)
		return
	}
	if v, ok := m["unit"]; ok {
		if s, ok := b.str(joinPath(path, "unit"), v, `写成 unit = "次"`); ok && strings.TrimSpace(s) != "" {
			t.Unit = "单位：" + strings.TrimSpace(s)
		}
	}
	rp := joinPath(path, "rows")
	arr, ok := m["rows"].([]any)
	if !ok {
		b.errAt(b.l.valOff(rp), rp, "rows 应为行的列表", `写成 rows = [["学习", "9"], ["研讨", "9"]]`)
		return
	}
	n := len(t.Header)
	t.Numeric = make([]bool, n)
	for j := range t.Numeric {
		t.Numeric[j] = true
	}
	for i, r := range arr {
		p := indexPath(rp, i)
		var cells []string
		switch r := r.(type) {
		case []any:
			for j, c := range r {
				switch c := c.(type) {
				case string:
					cells = append(cells, strings.TrimSpace(c))
				case int64, float64:
					if v := toFloat(c); math.Abs(v) > model.MaxNumber || math.IsNaN(v) {
						q := indexPath(p, j)
						b.errAt(b.l.valOff(q), q, "单元格的数字太大：最大为 1000000000000000（一千万亿）",
							"检查这个数字是否写错；很大的数字请换用更大的单位（在 unit 中写明），或写成文字 \"…\"")
						return
					}
					cells = append(cells, model.FormatNumber(toFloat(c)))
				default:
					q := indexPath(p, j)
					b.errAt(b.l.valOff(q), q, "单元格应为文字或数字，这里写的是"+typeName(c), `写成 "文字" 或 9`)
					return
				}
			}
		default:
			b.errAt(b.l.valOff(p), p, "每一行应写成 [\"…\", \"…\"]", `写成 rows = [["学习", "9"], ["研讨", "9"]]`)
			return
		}
		if len(cells) != n {
			b.errAt(b.l.valOff(p), p, "这一行有 "+strconv.Itoa(len(cells))+" 格，表头有 "+strconv.Itoa(n)+" 列",
				"每一行的格数要和 header 的列数相同；空格写 \"\"")
			return
		}
		row := &model.Row{}
		for j, c := range cells {
			row.Cells = append(row.Cells, &model.Cell{Text: c, Span: 1})
			if !model.IsDecimal(c) {
				t.Numeric[j] = false
			}
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		b.errAt(b.l.valOff(rp), rp, "表格没有行", `写成 rows = [["学习", "9"]]`)
		return
	}
	if total {
		row := &model.Row{Total: true}
		summed := false
		for j := 0; j < n; j++ {
			cell := &model.Cell{Span: 1}
			if j > 0 && t.Numeric[j] {
				var nums []string
				for _, r := range t.Rows {
					nums = append(nums, r.Cells[j].Text)
				}
				s, ok := model.SumDecimal(nums)
				if !ok {
					b.errAt(b.l.valOff(joinPath(path, "total")), joinPath(path, "total"), tooBigTotal, tooBigHint)
					return
				}
				cell.Text, summed = s, true
			}
			row.Cells = append(row.Cells, cell)
		}
		if t.Numeric[0] || !summed {
			b.errAt(b.l.valOff(joinPath(path, "total")), joinPath(path, "total"), "没有可以合计的数字列（第一列放“合计”二字，其余列须全是数字）",
				"删除 total = true，或把数字列的每一格都写成数字")
			return
		}
		row.Cells[0].Text = "合计"
		t.Rows = append(t.Rows, row)
	}
}

const (
	tooBigTotal = "合计太大：合计最大为 1000000000000000（一千万亿）"
	tooBigHint  = "检查各项数字是否写错；很大的数量请换用更大的单位（如“亿元”），或删除 total = true"
)

func hasRowsKey(m map[string]any) bool {
	_, ok := m["rows"]
	return ok
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// label numbers the 附表: "附表" alone, or 附表1, 附表2 … when there are several.
func labelAppendix(ts []*model.Table) {
	for i, t := range ts {
		t.Label = "附表"
		if len(ts) > 1 {
			t.Label += strconv.Itoa(i + 1)
		}
	}
}
