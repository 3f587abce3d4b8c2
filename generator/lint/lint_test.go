package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanted checks the file of planted mistakes: every one is found at its line
// and column, with its rule and severity, and nothing else is reported.
func TestPlanted(t *testing.T) {
	const file = "testdata/planted.toml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		pos  string
		rule string
		sev  Severity
		msg  string // part of the message
	}{
		{"7:22", RuleIssuer, Warning, "末尾是“文件”"},
		{"9:21", RuleSigner, Error, "「李 明」里有空格或标点"},
		{"10:12", RuleHalfWidth, Error, "半角冒号「:」"},
		{"11:13", RuleCC, Error, "「旗委办公室。」末尾不加「。」"},
		{"13:14", RulePrintDate, Warning, "早于成文日期"},
		{"16:5", RuleHalfWidth, Error, "半角逗号「,」"},
		{"17:7", RuleLiteral, Warning, "「9次」与计数「学习」的值相同"},
		{"17:23", RuleContent, Error, "未定义的计数「走访」"},
		{"18:6", RuleHalfWidth, Error, "半角引号"},
		{"18:11", RuleHalfWidth, Error, "半角引号"},
		{"18:21", RuleHalfWidth, Error, "半角左括号"},
		{"18:24", RuleHalfWidth, Error, "半角右括号"},
		{"23:1", RuleUnused, Warning, "计数「学习」定义了"},
		{"28:12", RuleNumbering, Error, "「一、」"},
		{"30:11", RuleEnumComma, Warning, "“学习强国”、“理论学习”"},
		{"31:5", RulePairs, Error, "「（」没有对应的「）」"},
		{"32:9", RulePairs, Error, "「》」没有对应的「《」"},
		{"36:18", RuleHeadingEnd, Error, "不加句号"},
		{"39:16", RuleHeadingEnd, Error, "段首标题末尾应是句号"},
		{"41:1", RuleWideDigit, Error, "「２０２４」"},
		{"42:2", RuleDate, Error, "「2024年01月05日」：月、日前不加「0」"},
		{"42:18", RuleDate, Error, "「2024-1-5」"},
		{"42:29", RuleDate, Error, "「二〇二四年一月五日」要用阿拉伯数字"},
		{"42:41", RuleDate, Error, "「2月30日」：没有这个日期"},
		{"46:10", RuleDate, Error, "「2024年01月」：月、日前不加「0」"},
		{"47:20", RuleHalfWidth, Error, "半角左括号"},
		{"47:22", RuleHalfWidth, Error, "半角右括号"},
		{"51:16", RuleHalfWidth, Error, "半角左括号"},
		{"51:19", RuleHalfWidth, Error, "半角右括号"},
		{"53:7", RuleDate, Error, "「2024-2-1」"},
	}
	got, err := Check(file, src)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("missing %s %s", want[i].pos, want[i].rule)
			continue
		case i >= len(want):
			t.Errorf("unexpected %s", got[i])
			continue
		}
		g, w := got[i], want[i]
		pos := fmt.Sprintf("%d:%d", g.Pos.Line, g.Pos.Col)
		if pos != w.pos || g.Rule != w.rule || g.Severity != w.sev || !strings.Contains(g.Msg, w.msg) || g.Pos.File != file {
			t.Errorf("finding %d = %s (%v), want %s:%s: %s … %q (%v)", i, g, g.Severity, file, w.pos, w.rule, w.msg, w.sev)
		}
	}
	if n := Errors(got); n != 25 {
		t.Errorf("Errors = %d, want 25", n)
	}
}

// TestRules runs each rule on short texts: what it finds (rule@column, columns
// counted in characters within the text line) and what it leaves alone.
func TestRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"full-width punctuation is fine", "今年以来，我局（局机关）开展“四下基层”活动：效果好！对吗？", nil},
		{"half-width comma", "我局,开展", []string{RuleHalfWidth + "@3"}},
		{"half-width colon and semicolon", "如下:一是;二是", []string{RuleHalfWidth + "@3", RuleHalfWidth + "@6"}},
		{"half-width ? and !", "对吗?好!", []string{RuleHalfWidth + "@3", RuleHalfWidth + "@5"}},
		{"digits and Latin keep half-width", "时间8:30，地点Word, Excel，比例1:2，网址http://a.b", nil},
		{"half-width after a reference", "开展学习{学习},效果好", []string{RuleHalfWidth + "@9"}},
		{"half-width quotes", `开展"学习"活动`, []string{RuleHalfWidth + "@3", RuleHalfWidth + "@6"}},
		{"brackets nest", "《关于（试行）的“通知”》", nil},
		{"unclosed quote", "开展“学习活动", []string{RulePairs + "@3"}},
		{"closing without opening", "学习活动”开展", []string{RulePairs + "@5"}},
		{"crossed marks", "“《条例”》", []string{RulePairs + "@2", RulePairs + "@6"}},
		{"apostrophe in Latin", "it’s 好", nil},
		{"half-width bracket pairs with full-width", "企业（项目)调研", []string{RuleHalfWidth + "@6"}},
		{"enumeration comma between quotes", "“统计造假”、“数字政绩”", []string{RuleEnumComma + "@7"}},
		{"enumeration comma between book titles", "《统计法》、《实施细则》", []string{RuleEnumComma + "@6"}},
		{"enumeration comma after a note", "“统计造假”（注）、“数字政绩”", nil},
		{"full-width digits once per run", "１２次和３家", []string{RuleWideDigit + "@1", RuleWideDigit + "@5"}},
		{"good dates", "2024年1月5日，12月31日，2023年，3月份，2024年2月29日", nil},
		{"padded month", "2024年01月5日", []string{RuleDate + "@1"}},
		{"padded day without year", "1月05日", []string{RuleDate + "@1"}},
		{"short year", "24年1月5日", []string{RuleDate + "@1"}},
		{"no such date", "2023年2月29日", []string{RuleDate + "@1"}},
		{"ISO date", "于2024-01-05召开", []string{RuleDate + "@2"}},
		{"slashes", "2024/1/5", []string{RuleDate + "@1"}},
		{"version number is no date", "版本2024.1.5.3", nil},
		{"Chinese numerals", "二〇二四年十二月三十一日", []string{RuleDate + "@1"}},
		{"Chinese year alone", "二〇二三年", []string{RuleDate + "@1"}},
		{"literal count", "开展学习9次", []string{RuleLiteral + "@5"}},
		{"literal count with 余", "核查100余次", []string{RuleLiteral + "@3"}},
		{"other numbers", "开展学习19次，第9次，9.5次，9家", nil},
		{"typed numbering in a paragraph", "（一）加强学习", []string{RuleNumbering + "@1"}},
		{"a number is no numbering", "1.5倍", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "title = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\n[counts]\n" +
				"\"学习\" = { value = 9, unit = \"次\" }\n\"核查\" = { value = 100, unit = \"次\", more = true }\n" +
				"[[section]]\nheading = \"章节\"\ntext = '''\n" + tt.text + "\n'''\n" +
				"[[section]]\nheading = \"用到计数\"\ntext = \"{学习}{核查}\"\n"
			got, err := Check("t.toml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, f := range got {
				if f.Pos.Line != 10 {
					t.Errorf("finding outside the text: %s", f)
					continue
				}
				found = append(found, fmt.Sprintf("%s@%d", f.Rule, f.Pos.Col))
			}
			if strings.Join(found, " ") != strings.Join(tt.want, " ") {
				t.Errorf("%q: got %v, want %v", tt.text, found, tt.want)
			}
		})
	}
}

// TestHeadings checks the rules for headings and run-in headings. The text starts in
// column 12 after heading = " and in column 9 after lead = ".
func TestHeadings(t *testing.T) {
	tests := []struct {
		key, text string
		want      []string
	}{
		{"heading", "强化党建引领，夯实思想基础", nil},
		{"heading", "（一）强化党建引领", []string{RuleNumbering + "@12"}},
		{"heading", "1.强化党建引领", []string{RuleNumbering + "@12"}},
		{"heading", "强化党建引领。", []string{RuleHeadingEnd + "@18"}},
		{"heading", "强化党建引领；", []string{RuleHeadingEnd + "@18"}},
		{"heading", "如何强化党建引领？", nil},
		{"lead", "扎实开展主题教育。", nil},
		{"lead", "扎实开展主题教育", []string{RuleHeadingEnd + "@16"}},
		{"lead", "扎实开展主题教育.", []string{RuleHeadingEnd + "@17"}},
		{"lead", "一、扎实开展主题教育。", []string{RuleNumbering + "@9"}},
	}
	for _, tt := range tests {
		src := "title = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\n[[section]]\n" +
			tt.key + " = \"" + tt.text + "\"\ntext = \"正文。\"\n"
		got, err := Check("h.toml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, f := range got {
			if f.Pos.Line == 5 && f.Rule != RuleContent {
				found = append(found, fmt.Sprintf("%s@%d", f.Rule, f.Pos.Col))
			}
		}
		if strings.Join(found, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s = %q: got %v, want %v", tt.key, tt.text, found, tt.want)
		}
	}
}

// TestSamples checks that the samples have no errors. The seed's
// “统计造假”、“数字政绩” stays as the seed wrote it: a warning.
func TestSamples(t *testing.T) {
	files, err := filepath.Glob("../../samples/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Check(file, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range got {
			if f.Severity == Error {
				t.Errorf("%s", f)
			}
		}
		if filepath.Base(file) == "work-summary-2023.toml" {
			if len(got) != 1 || got[0].Rule != RuleEnumComma || !strings.Contains(got[0].Msg, "“统计造假”、“数字政绩”") {
				t.Errorf("seed sample: got %v, want the one 并列顿号 warning", got)
			}
		}
	}
}

// TestNotTOML checks that a file that is not TOML gives the parser's located error.
func TestNotTOML(t *testing.T) {
	got, err := Check("bad.toml", []byte("title = \"未闭合\n"))
	if err == nil || got != nil || !strings.HasPrefix(err.Error(), "bad.toml:1:") {
		t.Errorf("got %v, %v; want the located syntax error", got, err)
	}
}

func TestFindingString(t *testing.T) {
	src := []byte("title = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\ntext = \"“甲”、“乙”,丙\"\n")
	got, err := Check("f.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"f.toml:4:12: 并列顿号（警告）: 引号（书名号）标示的并列成分之间通常不用顿号：“甲”、“乙”",
		"f.toml:4:16: 半角标点: 中文里用了半角逗号「,」",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, f := range got {
		if f.String() != want[i] {
			t.Errorf("String() = %q, want %q", f.String(), want[i])
		}
	}
}
