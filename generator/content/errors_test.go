package content

import (
	"errors"
	"strings"
	"testing"
)

// head is the three required fields, so that each case adds only its mistake.
const head = "title = \"测试\"\nauthor = \"XX局\"\ndate = 2024-01-10\n"

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		pos   string // file:line:col of the first error
		field string
		msg   string // the exact message
		hint  string // a part of the hint
	}{
		// Malformed TOML.
		{"unterminated string", lines(`title = "测试`, `author = "XX局"`, "date = 2024-01-10"),
			"bad.toml:1:9", "title", "字符串没有结束：这一行缺少结尾的引号", `在文字末尾补上 "`},
		{"unterminated multi-line string", head + lines(`text = """`, "第一段。"),
			"bad.toml:4:8", "text", `多行文字没有结束：缺少结尾的 """`, `另起一行，写上 """`},
		{"missing equals", lines(`title "测试"`),
			"bad.toml:1:7", "title", "缺少等号「=」", "在「title」和它的值之间加上 ="},
		{"colon instead of equals", lines(`title："测试"`),
			"bad.toml:1:6", "title", "名称和值之间要用等号「=」，不能用冒号", "把「：」改成「=」"},
		{"duplicate key", head + lines(`title = "又一个标题"`),
			"bad.toml:4:1", "title", "「title」重复定义", "删除重复的这一项"},
		{"bad date", lines(`title = "测试"`, `author = "XX局"`, "date = 2024-1-10"),
			"bad.toml:3:8", "date", "日期「2024-1-10」的写法不对", "date = 2024-01-10"},
		{"chinese quotes", lines(`title = “测试”`),
			"bad.toml:1:9", "title", "文字要用英文半角双引号「\"」括起来，不能用中文引号「“」", "把两端的中文引号改成 \""},
		{"unquoted chinese key", head + lines("[counts]", "学习 = 9"),
			"bad.toml:5:1", "counts.学习", "名称里有中文或其他特殊字符时，要用英文双引号括起来", `写成 "学习" = ……`},
		{"chinese comma in inline table", head + lines("[counts]", `"学习" = { value = 9， unit = "次" }`),
			"bad.toml:5:19", "counts.学习.value", "花括号 { } 里的各项之间要用英文逗号「,」隔开", "把中文逗号「，」改成英文逗号「,」"},
		{"single-bracket section", head + lines("[[section]]", `heading = "甲"`, `text = "正文。"`, "[section]"),
			"bad.toml:7:1", "section[0]", "章节要写成 [[section]]（两层方括号）", "[[section.section]]"},

		// Unknown keys.
		{"misspelt heading", head + lines("", "[[section]]", `headng = "强化党建引领"`, `text = "正文。"`),
			"bad.toml:6:1", "section[0].headng", "未知字段「headng」", "您是不是想写 heading？\n章节中可以写的字段：heading（独立标题）、lead（段首标题）"},
		{"misspelt top-level key", lines(`titel = "测试"`, `author = "XX局"`, "date = 2024-01-10", `text = "正文。"`),
			"bad.toml:1:1", "titel", "未知字段「titel」", "您是不是想写 title？"},
		{"chinese key", head + lines(`"正文" = "开头。"`),
			"bad.toml:4:1", "正文", "未知字段「正文」", "您是不是想写 text？"},
		{"count outside [counts]", head + lines("[[section]]", `heading = "甲"`, `text = "正文。"`, `"学习" = { value = 9 }`),
			"bad.toml:7:1", `section[0].学习`, "未知字段「学习」", "计数要写在 [counts] 下面"},
		{"top-level key inside a section", head + lines("[[section]]", `heading = "甲"`, `text = "正文。"`, `recipient = "各科室"`),
			"bad.toml:7:1", "section[0].recipient", "未知字段「recipient」", "recipient 属于文件顶层"},
		{"misspelt count field", head + lines(`text = "{学习}"`, "[counts]", `"学习" = { vaule = 9 }`),
			"bad.toml:6:10", "counts.学习.vaule", "未知字段「vaule」", "您是不是想写 value？"},

		// Required fields.
		{"missing title", lines(`author = "XX局"`, "date = 2024-01-10", "", "[[section]]", `heading = "甲"`, `text = "正文。"`),
			"bad.toml:4:1", "title", "缺少必填项：标题", `在第 4 行「[[section]]」之前加入一行：title = "`},
		{"missing author", lines(`title = "测试"`, "date = 2024-01-10", `text = "正文。"`),
			"bad.toml:1:1", "author", "缺少必填项：发文机关署名", `在文件开头加入一行：author = "XX局"（不署名时写 author = ""）`},
		{"missing date", lines(`title = "测试"`, `author = "XX局"`, `text = "正文。"`),
			"bad.toml:1:1", "date", "缺少必填项：成文日期", `date = 2024-01-10（不加引号；没有成文日期时写 date = ""）`},
		{"date as a string", lines(`title = "测试"`, `author = "XX局"`, `date = "2024-01-10"`, `text = "正文。"`),
			"bad.toml:3:8", "date", `日期不要加引号：这里写成了文字 "2024-01-10"`, "去掉引号，写成 date = 2024-01-10"},
		{"date in chinese", lines(`title = "测试"`, `author = "XX局"`, `date = "2024年1月5日"`, `text = "正文。"`),
			"bad.toml:3:8", "date", `日期不要加引号：这里写成了文字 "2024年1月5日"`, "去掉引号，写成 date = 2024-01-05"},
		{"date with a time", lines(`title = "测试"`, `author = "XX局"`, "date = 2024-01-10T09:30:00", `text = "正文。"`),
			"bad.toml:3:8", "date", "成文日期只写年月日，不写时间", "写成 date = 2024-01-10"},
		{"empty document", head,
			"bad.toml:4:1", "", "正文是空的", "[[section]]"},

		// Types.
		{"title is a number", lines("title = 5", `author = "XX局"`, "date = 2024-01-10", `text = "正文。"`),
			"bad.toml:1:9", "title", "应为文字，这里写的是整数 5", `写成 title = "`},
		{"text is an array", head + lines(`text = ["甲", "乙"]`),
			"bad.toml:4:8", "text", "应为文字，这里写的是数组 [ … ]", `text = """`},
		{"heading is a number", head + lines("[[section]]", "heading = 1", `text = "正文。"`),
			"bad.toml:5:11", "section[0].heading", "应为文字，这里写的是整数 1", `写成 heading = "`},
		{"section is a string", head + lines(`section = "一"`),
			"bad.toml:4:11", "section", `section 应写成表头 [[section]]（两层方括号），这里写的是文字 "一"`, "每个章节以单独一行 [[section]] 开始"},
		{"more is a string", head + lines(`text = "{学习}"`, "[counts]", `"学习" = { value = 9, more = "是" }`),
			"bad.toml:6:28", "counts.学习.more", `应为 true 或 false，这里写的是文字 "是"`, "more = true"},
		{"bad layout name", lines(`layout = "../report"`) + head + lines(`text = "正文。"`),
			"bad.toml:1:10", "layout", "版式名称「../report」不对：写内置版式的名称（report、notice、request、letter、minutes），或以 .toml 结尾的版式文件", `layout = "report"`},

		// Counts.
		{"undefined count", head + lines(`text = "开展专题研讨{专题研讨}次"`),
			"bad.toml:4:15", "text", "未定义的计数「专题研讨」", `在 [counts] 中加入 "专题研讨" = { value = 9, unit = "次" }`},
		{"undefined count in a nested section", head + lines(
			"[[section]]", `heading = "甲"`, `text = "正文。"`,
			"[[section]]", `heading = "乙"`,
			"  [[section.section]]", `  lead = "丙。"`, `  text = """`, "第一段。", "", "    开展专题研讨{专题研讨}次", `"""`),
			"bad.toml:14:11", "section[1].section[0].text", "未定义的计数「专题研讨」", `在 [counts] 中加入 "专题研讨" = { value = 9, unit = "次" }`},
		{"count name close to a defined one", head + lines(`text = "开展{学}"`, "[counts]", `"学习" = 9`),
			"bad.toml:4:11", "text", "未定义的计数「学」", "您是不是想写 {学习}？"},
		{"reference after escapes", head + lines(`text = "他说\"好\"\u4e00{无}"`),
			"bad.toml:4:22", "text", "未定义的计数「无」", `"无" = { value = 9`},
		{"undefined count in a lead", head + lines("[[section]]", `lead = "开展{研讨}。"`, `text = "正文。"`),
			"bad.toml:5:11", "section[0].lead", "未定义的计数「研讨」", `"研讨" = {`},
		{"count value is a string", head + lines(`text = "{学习}"`, "[counts]", `"学习" = { value = "9", unit = "次" }`),
			"bad.toml:6:18", "counts.学习.value", `计数「学习」的数量不是数字：这里写成了文字 "9"`, "去掉引号：value = 9"},
		{"count shorthand is a string", head + lines(`text = "{学习}"`, "[counts]", `"学习" = "九"`),
			"bad.toml:6:8", "counts.学习", `计数「学习」的数量不是数字：这里写成了文字 "九"`, `数量写阿拉伯数字，不加引号，例如 "学习" = 9`},
		{"count without value", head + lines(`text = "{学习}"`, "[counts]", `"学习" = { unit = "次" }`),
			"bad.toml:6:1", "counts.学习", "计数「学习」缺少 value（数量）", `"学习" = { value = 9, unit = "次" }`},
		{"unclosed brace", head + lines(`text = """`, "开展学习{学习次。", `"""`),
			"bad.toml:5:5", "text", "「{」没有配对的「}」", "要印出花括号本身，请写成 {{ 或 }}"},
		{"empty reference", head + lines(`text = "开展{}次"`),
			"bad.toml:4:11", "text", "空的计数引用「{}」", "{学习}"},

		// Sections.
		{"empty section", head + lines("[[section]]", `heading = "甲"`, "", "[[section]]", `heading = "乙"`, `text = "正文。"`),
			"bad.toml:4:1", "section[0]", "空章节：既没有正文 text，也没有下级章节", "[[section.section]]"},
		{"section without heading", head + lines("[[section]]", `text = "正文。"`),
			"bad.toml:4:1", "section[0]", "章节缺少标题", `heading = "……"`},
		{"heading and lead", head + lines("[[section]]", `heading = "甲"`, `lead = "乙。"`, `text = "正文。"`),
			"bad.toml:6:1", "section[0].lead", "heading 和 lead 只能写一个", "请删除其中一个"},
		{"lead without end punctuation", head + lines("[[section]]", `lead = "创新工作方法，打造统计精品"`, `text = "正文。"`),
			"bad.toml:5:21", "section[0].lead", "段首标题 lead 要以“。”结尾（也可以是“？”“！”“：”）", "在末尾加上「。」"},
		{"lead ending in ascii period", head + lines("[[section]]", `lead = "打造统计精品."`, `text = "正文。"`),
			"bad.toml:5:15", "section[0].lead", "段首标题 lead 要以“。”结尾（也可以是“？”“！”“：”）", "把末尾的「.」改成中文句号「。」"},
		{"lead without text", head + lines("[[section]]", `lead = "甲。"`, "  [[section.section]]", `  heading = "乙"`, `  text = "正文。"`),
			"bad.toml:5:1", "section[0].lead", "段首标题 lead 后面必须有正文 text", "把 lead 改为 heading"},
		{"heading ending in a period", head + lines("[[section]]", `heading = "甲乙。"`, `text = "正文。"`),
			"bad.toml:5:14", "section[0].heading", "单独成行的标题末尾不加句号", "请把 heading 改为 lead"},
		{"typed level-1 number", head + lines("[[section]]", `heading = "一、强化党建引领"`, `text = "正文。"`),
			"bad.toml:5:12", "section[0].heading", "标题开头不要手写编号「一、」", "删除「一、」：编号由程序自动生成，这一节将编为「一、」"},
		{"typed level-2 number", head + lines("[[section]]", `heading = "甲"`, "  [[section.section]]", `  heading = "乙"`, `  text = "正文。"`,
			"  [[section.section]]", `  lead = "（二）常态化开展实践活动。"`, `  text = "正文。"`),
			"bad.toml:10:11", "section[0].section[1].lead", "标题开头不要手写编号「（二）」", "这一节将编为「（二）」"},
		{"typed level-3 number", head + lines("[[section]]", `heading = "甲"`, "[[section.section]]", `heading = "乙"`,
			"[[section.section.section]]", `heading = "1.丙"`, `text = "正文。"`),
			"bad.toml:9:12", "section[0].section[0].section[0].heading", "标题开头不要手写编号「1.」", "这一节将编为「1.」"},
		{"five levels", head + lines(
			"[[section]]", `heading = "一"`,
			"[[section.section]]", `heading = "二"`,
			"[[section.section.section]]", `heading = "三"`,
			"[[section.section.section.section]]", `heading = "四"`,
			"[[section.section.section.section.section]]", `heading = "五"`, `text = "正文。"`),
			"bad.toml:12:1", "section[0].section[0].section[0].section[0].section[0]", "章节层次太深：公文最多四级（一、（一）1.（1））", "改写成正文段落"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("bad.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; document %+v", doc)
			}
			if doc != nil {
				t.Errorf("document returned with an error")
			}
			var e *Error
			switch x := err.(type) {
			case *Error:
				e = x
			case Errors:
				e = x[0]
			default:
				t.Fatalf("error type %T: %v", err, err)
			}
			if e.Pos.String() != tt.pos || e.Field != tt.field || e.Msg != tt.msg || !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("got  %s field %q: %s\n     hint %q\nwant %s field %q: %s\n     hint contains %q\nfull error:\n%v",
					e.Pos, e.Field, e.Msg, e.Hint, tt.pos, tt.field, tt.msg, tt.hint, err)
			}
			// The excerpt is the source line the position points at.
			if want := strings.Split(tt.src, "\n")[max(e.Pos.Line-1, 0)]; e.Pos.Line > 0 && e.Source != want {
				t.Errorf("Source = %q, want %q", e.Source, want)
			}
		})
	}
}

// TestErrorFormat checks the printed form: position, message, field, the source
// line and a caret under the character, counting CJK characters as two columns.
func TestErrorFormat(t *testing.T) {
	_, err := Parse("work-summary-2023.toml", []byte(head+lines(`text = "开展专题研讨{专题研讨}次"`)))
	want := `work-summary-2023.toml:4:15: 未定义的计数「专题研讨」（正文 text）
   4 | text = "开展专题研讨{专题研讨}次"
     |                     ^
提示：在 [counts] 中加入 "专题研讨" = { value = 9, unit = "次" }
      要印出花括号本身，请写成 {{ 和 }}`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}

	tests := []struct {
		line  string
		col   int
		shown string
		pad   string
	}{
		{"abc", 2, "abc", " "},
		{"开展{学习}", 3, "开展{学习}", "    "},
		{"\t“甲”{x}", 5, "    “甲”{x}", "        "},
		{"甲", 5, "甲", "  "}, // past the end: caret after the last character
		{strings.Repeat("文", 80) + "{x}" + strings.Repeat("字", 80), 81,
			"..." + strings.Repeat("文", 20) + "{x}" + strings.Repeat("字", 25) + "...", strings.Repeat(" ", 43)},
	}
	for _, tt := range tests {
		shown, pad := excerpt(tt.line, tt.col)
		if shown != tt.shown || pad != tt.pad {
			t.Errorf("excerpt(%q, %d) = %q, %q; want %q, %q", tt.line, tt.col, shown, pad, tt.shown, tt.pad)
		}
	}
}

// TestSeveralErrors checks that several mistakes come back together, in file order.
func TestSeveralErrors(t *testing.T) {
	src := head + lines(
		"[[section]]", `heading = "甲"`, `text = "开展{乙}，{丙}。"`,
		"[[section]]", `headng = "丁"`, `text = "正文。"`)
	_, err := Parse("bad.toml", []byte(src))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %T, want Errors: %v", err, err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Pos.String()+" "+e.Msg)
	}
	want := []string{
		"bad.toml:6:11 未定义的计数「乙」",
		"bad.toml:6:15 未定义的计数「丙」",
		"bad.toml:8:1 未知字段「headng」",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var one *Error
	if !errors.As(err, &one) || one != es[0] {
		t.Errorf("errors.As(*Error) = %v", one)
	}
	if s := err.Error(); strings.Count(s, "bad.toml:") != 3 || !strings.Contains(s, "\n\nbad.toml:6:15") {
		t.Errorf("Errors.Error() =\n%s", s)
	}
}

func TestPlace(t *testing.T) {
	tests := []struct{ path, want string }{
		{"title", "标题 title"},
		{"text", "正文 text"},
		{"date", "成文日期 date"},
		{"titel", "「titel」"},
		{"section[0]", "第一个一级标题"},
		{"section[0].heading", "第一个一级标题的标题 heading"},
		{"section[0].section[0].text", "第一个一级标题下第一个二级标题的正文 text"},
		{"section[11].section[1].section[20].lead", "第十二个一级标题下第二个二级标题下第二十一个三级标题的段首标题 lead"},
		{"section[1].headng", "第二个一级标题的「headng」"},
		{"counts.学习.value", "计数「学习」的数量 value"},
		{`counts."a.b".unit`, "计数「a.b」的单位 unit"},
		{"counts.学习", "计数「学习」"},
		{"attachment[1].section[0].text", "第二个附件的第一个一级标题的正文 text"},
		{"attachment[0].title", "第一个附件的附件标题 title"},
		{"table[0].rows[2][1]", "第一个附表的行 rows的第三行第二项"},
		{"section[0].table[1].after", "第一个一级标题的第二个表格的放在本节第几段之后 after"},
		{"issuer[1]", "发文机关标志 issuer的第二项"},
		{"attendance.present", "出席、请假、列席人员的出席 present"},
		{"section[0].section[0].section[0].section[0].section[0]", "第一个一级标题下第一个二级标题下第一个三级标题下第一个四级标题下第一个五级标题"},
	}
	for _, tt := range tests {
		if got := Place(tt.path); got != tt.want {
			t.Errorf("Place(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestMessagesPointAtTheCause checks, as whole printed messages, the mistakes whose
// cause sits before the place where the TOML reader stops (issue 16, point 6): each
// message points at the cause and shows the fix.
func TestMessagesPointAtTheCause(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"missing closing \"\"\" closed by the next text = \"\"\"", head + lines(
			"[[section]]", `heading = "强化党建引领"`, `text = """`, "第一段。", "",
			"[[section]]", `heading = "提升统计质量"`, `text = """`, "第二段。", `"""`),
			`bad.toml:6:8: 多行文字没有结束：缺少结尾的 """（第一个一级标题的正文 text）
   6 | text = """
     |        ^
提示：在这段文字结束的地方另起一行，写上 """（现在第 11 行「text = """」中的 """ 被当成了这段文字的结尾）`},
		{"missing closing \"\"\" at the end of the file", head + lines(`text = """`, "第一段。", "", "第二段。"),
			`bad.toml:4:8: 多行文字没有结束：缺少结尾的 """（正文 text）
   4 | text = """
     |        ^
提示：在这段文字结束的地方另起一行，写上 """`},
		{"unclosed [[section]", head + lines("[[section]", `heading = "甲"`, `text = "正文。"`),
			`bad.toml:4:11: 表头「[[section]」没有写完：缺少结尾的「]]」（第一个一级标题）
   4 | [[section]
     |           ^
提示：写成 [[section]]`},
		{"unclosed [[section.section] with a comment", head + lines("[[section]]", `heading = "甲"`, "[[section.section]   # 二级标题", `heading = "乙"`, `text = "正文。"`),
			`bad.toml:6:19: 表头「[[section.section]」没有写完：缺少结尾的「]]」（第一个一级标题下第一个二级标题）
   6 | [[section.section]   # 二级标题
     |                   ^
提示：写成 [[section.section]]`},
		{"unclosed [counts", head + lines(`text = "{学习}"`, "[counts", `"学习" = 9`),
			`bad.toml:5:8: 表头「[counts」没有写完：缺少结尾的「]」（计数）
   5 | [counts
     |        ^
提示：写成 [counts]`},
		{"full-width 【】", head + lines(`text = "{学习}"`, "【counts】", `"学习" = 9`),
			`bad.toml:5:1: 括号要用英文半角的 [ ] { }，不能用全角的「【」
   5 | 【counts】
     | ^
提示：这一行改成：
      [counts]`},
		{"full-width ［［］］", head + lines("［［section］］", `heading = "甲"`, `text = "正文。"`),
			`bad.toml:4:1: 括号要用英文半角的 [ ] { }，不能用全角的「［」
   4 | ［［section］］
     | ^
提示：这一行改成：
      [[section]]`},
		{"full-width ｛｝, quoted 【】 kept", head + lines(`text = "{学习}"`, "[counts]", `"学习" = ｛ value = 9, label = "【专项】学习" ｝`),
			`bad.toml:6:8: 括号要用英文半角的 [ ] { }，不能用全角的「｛」（计数「学习」）
   6 | "学习" = ｛ value = 9, label = "【专项】学习" ｝
     |          ^
提示：这一行改成：
      "学习" = { value = 9, label = "【专项】学习" }`},
		{"month 13", lines(`title = "测试"`, `author = "XX局"`, "date = 2024-13-01", `text = "正文。"`),
			`bad.toml:3:8: 日期「2024-13-01」不存在：2024年没有13月（成文日期 date）
   3 | date = 2024-13-01
     |        ^
提示：请核对日期，写成 年-月-日，月和日都用两位数字，例如 date = 2024-01-10`},
		{"29 February of a common year", lines(`title = "测试"`, `author = "XX局"`, "date = 2023-02-29", `text = "正文。"`),
			`bad.toml:3:8: 日期「2023-02-29」不存在：2023年2月只有28天，没有29日（成文日期 date）
   3 | date = 2023-02-29
     |        ^
提示：请核对日期，写成 年-月-日，月和日都用两位数字，例如 date = 2024-01-10`},
		{"day 0", lines(`title = "测试"`, `author = "XX局"`, "date = 2024-04-00", `text = "正文。"`),
			`bad.toml:3:8: 日期「2024-04-00」不存在：2024年4月没有0日（成文日期 date）
   3 | date = 2024-04-00
     |        ^
提示：请核对日期，写成 年-月-日，月和日都用两位数字，例如 date = 2024-01-10`},
		{"field path in words", head + lines(
			"[[section]]", `heading = "甲"`, `text = "正文。"`,
			"[[section]]", `heading = "乙"`,
			"  [[section.section]]", `  lead = "丙。"`, `  text = "开展{研讨}。"`),
			`bad.toml:11:13: 未定义的计数「研讨」（第二个一级标题下第一个二级标题的正文 text）
  11 |   text = "开展{研讨}。"
     |               ^
提示：在 [counts] 中加入 "研讨" = { value = 9, unit = "次" }
      要印出花括号本身，请写成 {{ 和 }}`},
		{"misspelt key", head + lines("[[section]]", `headng = "甲"`, `text = "正文。"`),
			`bad.toml:5:1: 未知字段「headng」（第一个一级标题的「headng」）
   5 | headng = "甲"
     | ^
提示：您是不是想写 heading？
      章节中可以写的字段：heading（独立标题）、lead（段首标题）、text（正文）、section（下级章节）、table（表格）`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.toml", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	commands := []string{"build", "watch", "check", "import", "init", "fonts", "version", "help"}
	presets := []string{"letter", "minutes", "notice", "report", "request"}
	tests := []struct {
		word    string
		options []string
		want    string
	}{
		{"biuld", commands, "build"},
		{"BUILD", commands, "build"},
		{"chek", commands, "check"},
		{"font", commands, "fonts"},
		{"打印", commands, ""},
		{"b", commands, ""},
		{"notise", presets, "notice"},
		{"reqest", presets, "request"},
		{"Report", presets, "report"},
		{"letters", presets, "letter"},
		{"official", presets, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.options); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
