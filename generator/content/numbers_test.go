package content

import (
	"errors"
	"strings"
	"testing"
)

// TestNumbersNeverPrintWrong: a date before year 1, a negative count, a count or a
// 合计 too large to print in plain digits are located errors; nothing prints
// "1e+308", "+Inf" or no date at all.
func TestNumbersNeverPrintWrong(t *testing.T) {
	tests := []struct {
		name, src, pos, field, msg, hint string
	}{
		{"year 0", lines(`title = "测试"`, `author = "XX局"`, "date = 0000-01-01", `text = "正文。"`),
			"bad.toml:3:8", "date", "成文日期的年份 0000 不对：年份应在 1–9999 之间", "写成 date = 2024-01-01（印为“2024年1月1日”）"},
		{"print date year 0", head + lines(`text = "正文。"`, "print_date = 0000-12-31"),
			"bad.toml:5:14", "print_date", "印发日期的年份 0000 不对：年份应在 1–9999 之间", "写成 print_date = 2024-12-31"},
		{"negative count", head + lines(`text = "减少{甲}。"`, "[counts]", `"甲" = { value = -3, unit = "次" }`),
			"bad.toml:6:17", "counts.甲.value", "计数「甲」的数量不能是负数（这里写的是 -3）", "写 0 或正数"},
		{"negative shorthand", head + lines(`text = "{甲}"`, "[counts]", `"甲" = -0.5`),
			"bad.toml:6:7", "counts.甲", "计数「甲」的数量不能是负数（这里写的是 -0.5）", `"甲" = 9`},
		{"negative last year", head + lines(`text = "{甲}"`, "[counts]", `"甲" = { value = 3, last_year = -1 }`),
			"bad.toml:6:32", "counts.甲.last_year", "计数「甲」的数量不能是负数（这里写的是 -1）", "last_year = 9"},
		{"count 1e308", head + lines(`text = "{甲}"`, "[counts]", `"甲" = { value = 1e308, unit = "次" }`),
			"bad.toml:6:17", "counts.甲.value", "计数「甲」的数量太大：最大为 1000000000000000（一千万亿）", "亿元"},
		{"count beyond float precision", head + lines(`text = "{甲}"`, "[counts]", `"甲" = 9223372036854775807`),
			"bad.toml:6:7", "counts.甲", "计数「甲」的数量太大：最大为 1000000000000000（一千万亿）", "更大的单位"},
		{"total too large", head + lines(`text = "{甲}{乙}"`, "[counts]",
			`"甲" = { value = 900000000000000, unit = "次" }`, `"乙" = { value = 900000000000000, unit = "次" }`,
			"[[table]]", `title = "表"`, `counts = "all"`, "total = true"),
			"bad.toml:11:9", "table[0].total", "合计太大：合计最大为 1000000000000000（一千万亿）", "删除 total = true"},
		{"free table cell too large", head + lines(`text = "正文。"`, "[[table]]", `title = "表"`, `header = ["项", "数"]`,
			`rows = [["甲", 1e308]]`),
			"bad.toml:8:15", "table[0].rows[0][1]", "单元格的数字太大：最大为 1000000000000000（一千万亿）", "更大的单位"},
		{"free table total too large", head + lines(`text = "正文。"`, "[[table]]", `title = "表"`, `header = ["项", "数"]`,
			`rows = [["甲", "900000000000000"], ["乙", "900000000000000"]]`, "total = true"),
			"bad.toml:9:9", "table[0].total", "合计太大：合计最大为 1000000000000000（一千万亿）", "更大的单位"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.toml", []byte(tt.src))
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %T %v, want a content error", err, err)
				}
				es = Errors{e}
			}
			e := es[0]
			if e.Pos.String() != tt.pos || e.Field != tt.field || e.Msg != tt.msg || !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("got  %s field %q: %s\n     hint %q\nwant %s field %q: %s\n     hint contains %q",
					e.Pos, e.Field, e.Msg, e.Hint, tt.pos, tt.field, tt.msg, tt.hint)
			}
			if len(es) != 1 {
				t.Errorf("%d errors, want 1:\n%v", len(es), err)
			}
		})
	}
}

// TestSumsAreExact: 合计 adds the numbers as they print, in plain digits.
func TestSumsAreExact(t *testing.T) {
	src := head + lines(`text = "{甲}{乙}{丙}"`, "[counts]",
		`"甲" = { value = 0.1, unit = "元" }`, `"乙" = { value = 0.2, unit = "元" }`, `"丙" = { value = 0.0000001, unit = "元" }`,
		"[[table]]", `title = "计数"`, `counts = "all"`, "total = true",
		"[[table]]", `title = "自由"`, `header = ["项", "数", "文"]`,
		`rows = [["甲", "1.10", "1e308"], ["乙", -0.1, "Inf"], ["丙", 0.00001, "3"]]`, "total = true")
	doc, err := Parse("ok.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Intro[0].Text(); got != "0.1元0.2元0.0000001元" {
		t.Errorf("text %q", got)
	}
	cells := func(i int) []string {
		var out []string
		for _, r := range doc.Appendix[i].Rows {
			for _, c := range r.Cells {
				out = append(out, c.Text)
			}
		}
		return out
	}
	if got, want := strings.Join(cells(0), "|"), "甲|0.1|乙|0.2|丙|0.0000001|合计|0.3000001"; got != want {
		t.Errorf("count table %q, want %q", got, want)
	}
	// "1e308" and "Inf" are text: that column is not summed
	if got, want := strings.Join(cells(1), "|"), "甲|1.10|1e308|乙|-0.1|Inf|丙|0.00001|3|合计|1.00001|"; got != want {
		t.Errorf("free table %q, want %q", got, want)
	}
}
