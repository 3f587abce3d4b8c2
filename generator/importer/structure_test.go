package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

// outline lists a document as the reader sees it: the title, the 主送机关, each
// heading with its number and depth, each lead-only item, and the tables' cells.
func outline(d *model.Document) []string {
	out := []string{"标题:" + d.Title}
	if d.Recipient != "" {
		out = append(out, "主送:"+d.Recipient)
	}
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			kind := "标题"
			if s.RunIn {
				kind = "段首"
			}
			out = append(out, strings.Repeat("  ", s.Level-1)+kind+":"+s.Number+s.Heading)
			for _, t := range s.Tables {
				out = append(out, strings.Repeat("  ", s.Level)+"表:"+strings.Join(cells(t), "|"))
			}
			walk(s.Sections)
		}
	}
	walk(d.Sections)
	for _, t := range d.Appendix {
		out = append(out, "附表:"+strings.Join(cells(t), "|"))
	}
	return out
}

// TestStructure imports plain texts whose structure the old importer got wrong.
func TestStructure(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"first heading （一）: no staircase",
			"标题\n（一）甲\n正文。\n（二）乙\n正文。\n（三）丙\n正文。\n",
			[]string{"标题:标题", "标题:一、甲", "标题:二、乙", "标题:三、丙"}},
		{"1. siblings stay siblings",
			"标题\n1.甲\n正文。\n2.乙\n正文。\n",
			[]string{"标题:标题", "标题:一、甲", "标题:二、乙"}},
		{"one-sentence items are run-in items",
			"标题\n一、核对范围\n（1）工业企业重点核对产值、能耗指标。\n（2）服务业企业重点核对营业收入指标。\n二、要求\n按时完成。\n",
			[]string{"标题:标题", "标题:一、核对范围", "  段首:（一）工业企业重点核对产值、能耗指标。", "  段首:（二）服务业企业重点核对营业收入指标。", "标题:二、要求"}},
		{"variant numbers: 1、 ⑴ ①",
			"标题\n一、甲\n1、乙\n⑴丙\n正文。\n①丁\n正文。\n",
			[]string{"标题:标题", "标题:一、甲", "  标题:（一）乙", "    标题:1.丙", "      标题:（1）丁"}},
		{"1. items before 一、 do not nest 一、",
			"标题\n1.甲。\n2.乙。\n一、丙\n正文。\n",
			[]string{"标题:标题", "段首:一、甲。", "段首:二、乙。", "标题:三、丙"}},
		{"an indented long title after a 版头, and a 发文字号 cited in a sentence",
			"XX市统计局文件\nX统发〔2024〕3号\n关于印发《XX市统计局2024年统计执法检查工作方案》和《XX市统计局统计数据质量核查办法》的通知\n各旗县区统计局：\n根据《关于进一步加强统计工作的意见》（X政发〔2023〕9号）要求，现印发。\nXX市统计局\n2024年3月1日\n",
			[]string{"标题:关于印发《XX市统计局2024年统计执法检查工作方案》和《XX市统计局统计数据质量核查办法》的通知", "主送:各旗县区统计局："}},
		{"no 版头 from a sentence citing a 文号",
			"关于XX工作的报告\n根据X政发〔2023〕9号文件要求，现报告如下。\nXX局\n2024年3月1日\n",
			[]string{"标题:关于XX工作的报告"}},
		{"a title over two indented lines, then the 主送机关",
			"        XX旗统计局\n        关于2024年统计工作安排的通知\n各苏木镇：\n正文。\n",
			[]string{"标题:XX旗统计局关于2024年统计工作安排的通知", "主送:各苏木镇："}},
		{"an enumeration ending in ；stays text with its numbers",
			"标题\n第七条 代表享有下列权利：\n（一）出席会议；\n（二）提出议案；\n（三）其他权利。\n第八条 代表应当履行义务。\n",
			[]string{"标题:标题"}},
		{"a heading sentence, then its text: run in, keeping the 。",
			"标题\n一、总体情况\n（一）补充了评价范围，增加评价内容。\n理由：原导则不够完整。\n（二）细化评价方法。\n理由：原方法太粗。\n",
			[]string{"标题:标题", "标题:一、总体情况", "  段首:（一）补充了评价范围，增加评价内容。", "  段首:（二）细化评价方法。"}},
		{"a 文书's number under its title is not a heading",
			"涉黑罪犯提请减刑情况通报书\n（2024）黑狱减通字第12号\n罪犯张三，男。\n",
			[]string{"标题:涉黑罪犯提请减刑情况通报书"}},
		{"目录 and its entries are skipped",
			"XX工作手册\n目  录\n一、总则\t1\n二、职责\t3\n一、总则\n正文。\n二、职责\n正文。\n",
			[]string{"标题:XX工作手册", "标题:一、总则", "标题:二、职责"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Text([]byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := reparse(t, r)
			if got := outline(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q\n%s", got, tt.want, r.TOML())
			}
			if strings.Contains(string(r.TOML()), PlaceholderText) {
				t.Errorf("a placeholder body:\n%s", r.TOML())
			}
		})
	}
}

// TestTail reads joint 署名, the date and （此页无正文）.
func TestTail(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		authors []string
		printed []string
		note    string
	}{
		{"joint 署名 and （此页无正文）",
			"关于XX的通知\n正文。\n（此页无正文）\nXX市统计局\nXX市财政局\n2024年3月1日\n",
			[]string{"XX市统计局", "XX市财政局"},
			[]string{"关于XX的通知", "正文。", "XX市统计局", "XX市财政局", "2024年3月1日"},
			"（此页无正文）"},
		{"a 署名 pushed right with spaces: the line above without them is text",
			"关于XX的通知\n[此处输入正文内容]\n                XX市统计局\n2024年3月1日\n",
			[]string{"XX市统计局"},
			[]string{"关于XX的通知", "[此处输入正文内容]", "XX市统计局", "2024年3月1日"},
			""},
		{"a joint 署名 pushed right with spaces",
			"关于XX的通知\n正文。\n        XX市统计局\n        XX市财政局\n2024年3月1日\n",
			[]string{"XX市统计局", "XX市财政局"},
			[]string{"关于XX的通知", "正文。", "XX市统计局", "XX市财政局", "2024年3月1日"},
			""},
		{"joint organs side by side on two lines",
			"关于XX的通知\n正文。\n    XX市统计局    XX市财政局\n    XX市民政局　　XX市税务局\n2024年3月1日\n",
			[]string{"XX市统计局", "XX市财政局", "XX市民政局", "XX市税务局"},
			[]string{"关于XX的通知", "正文。", "XX市统计局", "XX市财政局", "XX市民政局", "XX市税务局", "2024年3月1日"},
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Text([]byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := reparse(t, r)
			if got := append([]string{d.Author}, d.Authors...); !reflect.DeepEqual(got, tt.authors) || d.Date != (model.Date{Year: 2024, Month: 3, Day: 1}) {
				t.Errorf("署名 %q, date %v; want %q", got, d.Date, tt.authors)
			}
			if got := printed(d); !reflect.DeepEqual(got, tt.printed) {
				t.Errorf("text %q\nwant %q", got, tt.printed)
			}
			if !strings.Contains(strings.Join(r.Notes, "\n"), tt.note) {
				t.Errorf("notes %q lack %q", r.Notes, tt.note)
			}
		})
	}
}

// TestTidy cleans invisible characters, odd spaces and compatibility ideographs,
// and says so with the place.
func TestTidy(t *testing.T) {
	src := "关于XX的通知\n正\u200b文\u00ad里\ufeff有\u00a0空格和\uf900字。\n"
	r, err := Text([]byte(src), Options{Printable: func(r rune) bool { return r != '字' }})
	if err != nil {
		t.Fatal(err)
	}
	if got := reparse(t, r).Intro[0].Text(); got != "正文里有 空格和\u8c48字。" {
		t.Errorf("text %q", got)
	}
	want := []string{
		"第 2 行：删去了 3 个不可见字符（零宽空格、软连字符等）；1 个不换行空格或全角空格改为普通空格；兼容汉字「\uf900」（U+F900）改为「\u8c48」（U+8C48）",
		"第 2 行：字符「字」（U+5B57）没有字体能印出它，生成时会报错；请改用通用汉字或删去",
	}
	if !reflect.DeepEqual(r.Notes[:2], want) {
		t.Errorf("notes\n got %q\nwant %q", r.Notes[:2], want)
	}
}
