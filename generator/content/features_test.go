package content

import (
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

func mustParse(t *testing.T, src string) *model.Document {
	t.Helper()
	doc, err := Parse("ok.toml", []byte(src))
	if err != nil {
		t.Fatalf("Parse:\n%v", err)
	}
	return doc
}

func texts(ps []*model.Paragraph) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text())
	}
	return out
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"one line", `"甲乙。"`, []string{"甲乙。"}},
		{"lines join without a space", "\"\"\"\n第一行，\n第二行。\n\"\"\"", []string{"第一行，第二行。"}},
		{"blank line splits", "\"\"\"\n第一段。\n\n第二段。\n\"\"\"", []string{"第一段。", "第二段。"}},
		{"several blank lines and blanks", "\"\"\"\n\n\n第一段。\n  \t\n\n第二段。\n\n\"\"\"", []string{"第一段。", "第二段。"}},
		{"indentation and full-width spaces are trimmed", "\"\"\"\n　　第一段，\n    接着写。\n\"\"\"", []string{"第一段，接着写。"}},
		{"ascii words keep a space", "\"\"\"\n使用 Word\nExcel 和 WPS 2019\n2024年\n\"\"\"", []string{"使用 Word Excel 和 WPS 2019 2024年"}},
		{"digit and CJK join", "\"\"\"\n共9\n次\n\"\"\"", []string{"共9次"}},
		{"literal braces", `"集合{{甲}}与 }"`, []string{"集合{甲}与 }"}},
		{"literal string", `'C:\路径'`, []string{`C:\路径`}},
		{"line-ending backslash", "\"\"\"\n第一行\\\n   第二行\n\"\"\"", []string{"第一行第二行"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, head+"text = "+tt.text+"\n")
			if got := texts(doc.Intro); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCountsAndSpans(t *testing.T) {
	doc := mustParse(t, head+lines(
		`text = "共{学习}，核查{核查}，投资{投资}，{ 学习 }。"`,
		"[counts]",
		`"学习" = { value = 9, unit = "次" }`,
		`"核查" = { value = 100, unit = "次", more = true, label = "数据核查", category = "统计业务" }`,
		`"投资" = 3.5`,
	))
	p := doc.Intro[0]
	if got := p.Text(); got != "共9次，核查100余次，投资3.5，9次。" {
		t.Errorf("Text = %q", got)
	}
	var got []string
	for _, sp := range p.Spans {
		name := ""
		if sp.Count != nil {
			name = sp.Count.Name
		}
		got = append(got, sp.Text+"/"+name+"/"+sp.Pos.String())
	}
	want := []string{
		"共//ok.toml:4:9", "9次/学习/ok.toml:4:10",
		"，核查//ok.toml:4:14", "100余次/核查/ok.toml:4:17",
		"，投资//ok.toml:4:21", "3.5/投资/ok.toml:4:24",
		"，//ok.toml:4:28", "9次/学习/ok.toml:4:29",
		"。//ok.toml:4:35",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var names []string
	for _, c := range doc.Counts {
		names = append(names, c.Name+":"+c.Label+":"+c.Category)
	}
	if got, want := strings.Join(names, " "), "学习:学习: 核查:数据核查:统计业务 投资:投资:"; got != want {
		t.Errorf("counts %q, want %q", got, want)
	}
	if c := doc.CountByName("学习"); c.Used != 2 || c.Pos.String() != "ok.toml:6:1" {
		t.Errorf("学习 used %d at %v", c.Used, c.Pos)
	}
}

// TestCountOrder checks that counts keep the file's order, whichever way they
// are written.
func TestCountOrder(t *testing.T) {
	doc := mustParse(t, head+lines(
		`text = "{丙}{甲}{乙}{丁}"`,
		"[counts]",
		`"丙" = 3`,
		`"甲" = { value = 1 }`,
		`"乙" = 2`,
		`[counts."丁"]`,
		"value = 4",
	))
	var got []string
	for _, c := range doc.Counts {
		got = append(got, c.Name)
	}
	if strings.Join(got, "") != "丙甲乙丁" {
		t.Errorf("order %v", got)
	}
}

func TestTopLevelFields(t *testing.T) {
	tests := []struct {
		name, src  string
		title      string
		titleLines []string
		recipient  string
		layout     string
	}{
		{"defaults", head + `text = "正文。"`, "测试", nil, "", "report"},
		{"forced title break", lines(`title = "XX旗统计局\n2023年工作总结"`, `author = "XX局"`, "date = 2024-01-10", `text = "正文。"`),
			"XX旗统计局2023年工作总结", []string{"XX旗统计局", "2023年工作总结"}, "", "report"},
		{"recipient gets its colon", head + lines(`recipient = "旗委、旗政府"`, `text = "正文。"`), "测试", nil, "旗委、旗政府：", "report"},
		{"recipient keeps one colon", head + lines(`recipient = "各科室:"`, `layout = "notice-2"`, `text = "正文。"`), "测试", nil, "各科室：", "notice-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, tt.src)
			if doc.Title != tt.title || strings.Join(doc.TitleLines, "|") != strings.Join(tt.titleLines, "|") ||
				doc.Recipient != tt.recipient || doc.Layout != tt.layout {
				t.Errorf("got %q %q %q %q", doc.Title, doc.TitleLines, doc.Recipient, doc.Layout)
			}
			if doc.Author != "XX局" || doc.Date != (model.Date{Year: 2024, Month: 1, Day: 10}) {
				t.Errorf("author %q date %v", doc.Author, doc.Date)
			}
		})
	}
}

func TestSectionLevels(t *testing.T) {
	doc := mustParse(t, head+lines(
		"[counts]", `"会议" = { value = 2, unit = "次" }`,
		"[[section]]", `heading = "甲"`,
		"[[section.section]]", `heading = "乙"`,
		"[[section.section.section]]", `heading = "丙"`, `text = "第三级。"`,
		"[[section.section.section]]", `lead = "召开会议{会议}。"`, `text = "正文。"`,
		"[[section.section.section.section]]", `heading = "丁"`, `text = "第四级。"`,
		"[[section.section.section.section]]", `lead = "第四级段首："`, `text = "正文。"`,
		"[[section.section]]", `heading = "戊"`, `text = "正文。"`,
	))
	var got []string
	for _, b := range doc.Blocks() {
		switch b := b.(type) {
		case *model.Heading:
			got = append(got, b.Number+b.Heading)
		case *model.Paragraph:
			s := b.Text()
			if b.Lead != nil {
				s = b.Lead.Number + b.Lead.Heading + "|" + s
			}
			got = append(got, s)
		}
	}
	want := []string{"一、甲", "（一）乙", "1.丙", "第三级。", "2.召开会议2次。|正文。", "（1）丁", "第四级。", "（2）第四级段首：|正文。", "（二）戊", "正文。"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := doc.CountByName("会议"); c.Used != 1 {
		t.Errorf("count in a lead used %d times", c.Used)
	}
	s := doc.Sections[0].Sections[0].Sections[1]
	if s.Pos.String() != "ok.toml:14:9" || !s.RunIn || s.Level != 3 {
		t.Errorf("section 1.（一）2. = %+v", s)
	}
}

// TestInlineSections accepts sections written as an inline array of tables.
func TestInlineSections(t *testing.T) {
	doc := mustParse(t, head+`section = [ { heading = "甲", text = "正文{{一}}。" }, { lead = "乙。", text = "正文。" } ]`+"\n")
	if len(doc.Sections) != 2 || doc.Sections[1].Number != "二、" || !doc.Sections[1].RunIn {
		t.Fatalf("sections %+v", doc.Sections)
	}
	if p := doc.Sections[0].Body[0]; p.Text() != "正文{一}。" || p.Pos.String() != "ok.toml:4:38" {
		t.Errorf("paragraph %q at %v", p.Text(), p.Pos)
	}
}

// TestWindowsFiles reads a file saved by Notepad: byte-order mark and CRLF.
func TestWindowsFiles(t *testing.T) {
	src := "\ufeff" + strings.ReplaceAll(head+lines(`text = """`, "第一段，", "接着。", "", "第二段{无}。", `"""`), "\n", "\r\n")
	_, err := Parse("win.toml", []byte(src))
	e, ok := err.(*Error)
	if !ok || e.Pos.String() != "win.toml:8:4" || e.Source != "第二段{无}。" {
		t.Fatalf("error %v", err)
	}
	doc := mustParse(t, strings.ReplaceAll(head+lines(`text = """`, "第一段，", "接着。", "", "第二段。", `"""`), "\n", "\r\n"))
	if got := texts(doc.Intro); strings.Join(got, "|") != "第一段，接着。|第二段。" {
		t.Errorf("paragraphs %q", got)
	}
}

func TestNotUTF8(t *testing.T) {
	_, err := Parse("gbk.toml", []byte("title = \"\xb2\xe2\xca\xd4\"\n"))
	e, ok := err.(*Error)
	if !ok || e.Pos.String() != "gbk.toml:1:10" || e.Msg != "文件不是 UTF-8 编码" {
		t.Fatalf("error %v", err)
	}
}
