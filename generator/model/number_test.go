package model

import (
	"strings"
	"testing"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		level, n int
		want     string
	}{
		{1, 1, "一、"}, {1, 3, "三、"}, {1, 10, "十、"}, {1, 11, "十一、"}, {1, 20, "二十、"}, {1, 23, "二十三、"},
		{2, 1, "（一）"}, {2, 7, "（七）"}, {2, 12, "（十二）"},
		{3, 1, "1."}, {3, 12, "12."},
		{4, 2, "（2）"},
	}
	for _, tt := range tests {
		if got := Number(tt.level, tt.n); got != tt.want {
			t.Errorf("Number(%d, %d) = %q, want %q", tt.level, tt.n, got, tt.want)
		}
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{Year: 2024, Month: 1, Day: 10}, "2024年1月10日"},
		{Date{Year: 2024, Month: 12, Day: 5}, "2024年12月5日"},
		{Date{Blank: "20XX年XX月XX日"}, "20XX年XX月XX日"},
		{Date{}, ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestCountFormat(t *testing.T) {
	tests := []struct {
		c    Count
		want string
	}{
		{Count{Value: 9, Unit: "次"}, "9次"},
		{Count{Value: 100, Unit: "次", More: true}, "100余次"},
		{Count{Value: 3.5, Unit: "万元"}, "3.5万元"},
	}
	for _, tt := range tests {
		if got := tt.c.Format(); got != tt.want {
			t.Errorf("Format() = %q, want %q", got, tt.want)
		}
	}
}

func TestFormatAndSum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{9, "9"}, {3.5, "3.5"}, {1e15, "1000000000000000"}, {0.0000001, "0.0000001"}, {-0.0, "0"}, {-2.25, "-2.25"}} {
		if got := FormatNumber(tt.v); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct {
		nums []string
		want string
		ok   bool
	}{
		{[]string{"0.1", "0.2"}, "0.3", true},
		{[]string{"1.10", "-0.1", "0.00001"}, "1.00001", true},
		{[]string{"9", "100"}, "109", true},
		{[]string{"0.5", "-0.5"}, "0.0", true},
		{[]string{"-0.5"}, "-0.5", true},
		{[]string{"1000000000000000"}, "1000000000000000", true},
		{[]string{"1000000000000000", "1"}, "", false},
		{[]string{"1e308"}, "", false},
		{[]string{"Inf"}, "", false},
	} {
		got, ok := SumDecimal(tt.nums)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SumDecimal(%q) = %q, %v; want %q, %v", tt.nums, got, ok, tt.want, tt.ok)
		}
	}
}

// TestOpeningTables: a table among the opening paragraphs stands after its
// paragraph; After 0 puts it first, and one past the last paragraph after them.
func TestOpeningTables(t *testing.T) {
	p := func(s string) *Paragraph { return &Paragraph{Spans: []Span{{Text: s}}} }
	tb := func(title string, after int) *Table { return &Table{Title: title, After: after} }
	tests := []struct {
		name   string
		intro  []*Paragraph
		tables []*Table
		want   string
	}{
		{"before, between and after", []*Paragraph{p("甲"), p("乙")}, []*Table{tb("表0", 0), tb("表1", 1), tb("表9", 9)}, "表0 甲 表1 乙 表9"},
		{"a form: no paragraphs", nil, []*Table{tb("表0", 0), tb("表2", 2)}, "表0 表2"},
	}
	for _, tt := range tests {
		d := &Document{Intro: tt.intro, Tables: tt.tables}
		var got []string
		for _, b := range d.Blocks() {
			switch b := b.(type) {
			case *Paragraph:
				got = append(got, b.Text())
			case *Table:
				got = append(got, b.Title)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: blocks %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestEveryTable lists the tables of every place a document holds them.
func TestEveryTable(t *testing.T) {
	tb := func(title string) *Table { return &Table{Title: title} }
	d := &Document{
		Tables:      []*Table{tb("开头")},
		Sections:    []*Section{{Tables: []*Table{tb("一")}, Sections: []*Section{{Tables: []*Table{tb("一（一）")}}}}},
		Attachments: []*Attachment{{Sections: []*Section{{Tables: []*Table{tb("附件")}}}}},
		Appendix:    []*Table{tb("附表")},
	}
	var got []string
	for _, t := range d.EveryTable() {
		got = append(got, t.Title)
	}
	if want := "开头 一 一（一） 附件 附表"; strings.Join(got, " ") != want {
		t.Errorf("tables %q, want %q", got, want)
	}
}
