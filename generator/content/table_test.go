package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

const tableHead = "title = \"测试\"\nauthor = \"XX局\"\ndate = 2024-01-10\ntext = \"学习{学习}，研讨{研讨}，核查{核查}，企业{企业}。\"\n" +
	"[counts]\n" +
	"\"学习\" = { value = 9, unit = \"次\", label = \"开展学习\", category = \"主题教育\" }\n" +
	"\"研讨\" = { value = 8, unit = \"次\", category = \"主题教育\", last_year = 6 }\n" +
	"\"核查\" = { value = 100, unit = \"次\", more = true, category = \"统计业务\" }\n" +
	"\"企业\" = { value = 9, unit = \"家\", category = \"统计业务\" }\n"

func TestTables(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		header string
		unit   string
		rows   []string // cells joined by |, merged cells as ^
	}{
		{"one unit, grouped, total", lines("[[table]]", `title = "表"`, `unit = "次"`, "total = true"),
			"类别|项目|数量|上年", "单位：次",
			[]string{"主题教育|开展学习|9|", "^|研讨|8|6", "统计业务|核查|100余|", "合计||117余|"}},
		{"listed counts, mixed units", lines("[[table]]", `title = "表"`, `counts = ["企业", "学习"]`),
			"类别|项目|数量|单位", "",
			[]string{"统计业务|企业|9|家", "主题教育|开展学习|9|次"}},
		{"a category", lines("[[table]]", `title = "表"`, `category = "主题教育"`, `columns = ["类", "工作", "次数", "去年"]`),
			"类|工作|次数|去年", "单位：次",
			[]string{"主题教育|开展学习|9|", "^|研讨|8|6"}},
		{"free table", lines("[[table]]", `title = "表"`, `header = ["地区", "户数"]`, `rows = [["甲", 3], ["乙", "4"]]`, "total = true"),
			"地区|户数", "",
			[]string{"甲|3", "乙|4", "合计|7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("t.toml", []byte(tableHead+tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Appendix) != 1 {
				t.Fatalf("got %d appendix tables", len(doc.Appendix))
			}
			tb := doc.Appendix[0]
			if got := strings.Join(tb.Header, "|"); got != tt.header {
				t.Errorf("header %q, want %q", got, tt.header)
			}
			if tb.Unit != tt.unit || tb.Label != "附表" {
				t.Errorf("unit %q label %q", tb.Unit, tb.Label)
			}
			var rows []string
			for _, r := range tb.Rows {
				var cs []string
				for _, c := range r.Cells {
					if c.Merged {
						cs = append(cs, "^")
					} else {
						cs = append(cs, c.Text)
					}
				}
				rows = append(rows, strings.Join(cs, "|"))
			}
			if strings.Join(rows, "\n") != strings.Join(tt.rows, "\n") {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(tt.rows, "\n"))
			}
		})
	}
}

// TestTableNumbersMatchText: every number in a count table is the number the text
// prints for the same count.
func TestTableNumbersMatchText(t *testing.T) {
	doc, err := Parse("t.toml", []byte(tableHead+lines("[[table]]", `title = "表"`, `counts = "all"`)))
	if err != nil {
		t.Fatal(err)
	}
	printed := map[*model.Count]string{}
	for _, p := range doc.Intro {
		for _, s := range p.Spans {
			if s.Count != nil {
				printed[s.Count] = s.Text
			}
		}
	}
	n := 0
	for _, r := range doc.Appendix[0].Rows {
		for _, c := range r.Cells {
			if c.Count != nil {
				n++
				if want := printed[c.Count]; !strings.HasPrefix(want, c.Text) || want != c.Text+c.Count.Unit {
					t.Errorf("table prints %q for %s; the text prints %q", c.Text, c.Count.Name, want)
				}
			}
		}
	}
	if n != 4 {
		t.Errorf("%d count cells, want 4", n)
	}
}

func TestSectionTable(t *testing.T) {
	src := tableHead + lines("[[section]]", `heading = "甲"`, "text = \"\"\"\n第一段。\n\n第二段。\n\"\"\"",
		"  [[section.table]]", `  title = "表"`, `  counts = ["学习"]`, "  after = 1")
	doc, err := Parse("t.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range doc.Blocks() {
		switch b := b.(type) {
		case *model.Heading:
			kinds = append(kinds, "H")
		case *model.Paragraph:
			kinds = append(kinds, b.Text())
		case *model.Table:
			kinds = append(kinds, "T:"+b.Title)
		}
	}
	if got := strings.Join(kinds, " "); got != "学习9次，研讨8次，核查100余次，企业9家。 H 第一段。 T:表 第二段。" {
		t.Errorf("blocks: %s", got)
	}
}

func TestTableErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		pos  string
		msg  string
	}{
		{"unknown count", lines("[[table]]", `title = "表"`, `counts = ["学习", "座谈"]`),
			"t.toml:12:18", "表格引用了未定义的计数「座谈」"},
		{"total over mixed units", lines("[[table]]", `title = "表"`, `counts = "all"`, "total = true"),
			"t.toml:13:9", "不能合计单位不同的计数（次、家）"},
		{"non-numeric count", strings.Replace(tableHead, "value = 8", `value = "八"`, 1) + lines("[[table]]", `title = "表"`, `counts = "all"`),
			"t.toml:7:18", "计数「研讨」的数量不是数字：这里写成了文字 \"八\""},
		{"no title", lines("[[table]]", `counts = "all"`),
			"t.toml:10:1", "表格缺少标题 title"},
		{"unknown category", lines("[[table]]", `title = "表"`, `category = "后勤"`),
			"t.toml:12:12", "没有属于类别「后勤」的计数"},
		{"row length", lines("[[table]]", `title = "表"`, `header = ["a", "b"]`, `rows = [["1"]]`),
			"t.toml:13:9", "这一行有 1 格，表头有 2 列"},
		{"misspelt key", lines("[[table]]", `title = "表"`, `count = "all"`),
			"t.toml:12:1", "未知字段「count」"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			if !strings.HasPrefix(src, "title") {
				src = tableHead + src
			}
			_, err := Parse("t.toml", []byte(src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want *Error", err)
			}
			if e.Pos.String() != tt.pos || e.Msg != tt.msg {
				t.Errorf("got %s: %s\nwant %s: %s", e.Pos, e.Msg, tt.pos, tt.msg)
			}
		})
	}
}
