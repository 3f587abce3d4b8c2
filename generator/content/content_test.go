package content

import (
	"os"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

const samplePath = "../../samples/work-summary-2023.toml"

func parseSample(t testing.TB) *model.Document {
	t.Helper()
	src, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("work-summary-2023.toml", src)
	if err != nil {
		t.Fatalf("Parse(sample):\n%v", err)
	}
	return doc
}

// printed renders the document text the way it is printed: headings with their
// numbers, paragraphs with their run-in heading.
func printed(doc *model.Document) []string {
	var out []string
	for _, b := range doc.Blocks() {
		switch b := b.(type) {
		case *model.Heading:
			out = append(out, b.Number+b.Heading)
		case *model.Paragraph:
			s := b.Text()
			if b.Lead != nil {
				s = b.Lead.Number + b.Lead.Heading + s
			}
			out = append(out, s)
		}
	}
	return out
}

// TestSampleReproducesSeed checks the sample against the seed document line for
// line: every sentence, in order, with generated numbers and resolved counts.
func TestSampleReproducesSeed(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/work-summary-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(string(seed), "\n") {
		if strings.TrimSpace(l) != "" {
			want = append(want, l)
		}
	}
	got := printed(parseSample(t))
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
		}
	}
}

func TestSampleStructure(t *testing.T) {
	doc := parseSample(t)
	if doc.Title != "XX旗统计局2023年工作总结及2024年工作计划" {
		t.Errorf("Title = %q", doc.Title)
	}
	if want := []string{"XX旗统计局", "2023年工作总结及2024年工作计划"}; strings.Join(doc.TitleLines, "|") != strings.Join(want, "|") {
		t.Errorf("TitleLines = %q, want %q", doc.TitleLines, want)
	}
	if doc.Author != "XX旗统计局" || doc.Recipient != "" || doc.Layout != "report" {
		t.Errorf("Author, Recipient, Layout = %q, %q, %q", doc.Author, doc.Recipient, doc.Layout)
	}
	if got := doc.Date.String(); got != "2024年1月10日" {
		t.Errorf("Date = %q", got)
	}
	if len(doc.Intro) != 1 || !strings.HasPrefix(doc.Intro[0].Text(), "2023年统计局坚持") {
		t.Errorf("Intro = %d paragraphs", len(doc.Intro))
	}

	type sec struct {
		number, heading string
		runIn           bool
		paras           int
		subs            []sec
	}
	want := []sec{
		{"一、", "强化党建引领，夯实思想基础", false, 0, []sec{
			{"（一）", "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育。", true, 1, nil},
			{"（二）", "党组领导班子切实履行“一岗双责”，认真落实、推动全局工作。", true, 1, nil},
			{"（三）", "严守意识形态阵地，加强监管研判，全面落实意识形态工作责任制。", true, 1, nil},
			{"（四）", "强化党风廉政建设及反腐败工作，切实落实全面从严治党主体责任。", true, 2, nil},
		}},
		{"二、", "坚持“党建+业务”工作相融合，推动统计各项重点工作有序开展", false, 0, []sec{
			{"（一）", "创新工作方法，打造统计精品。", true, 1, nil},
			{"（二）", "常态化开展“我为企业办实事”实践活动。", true, 1, nil},
			{"（三）", "有效发挥统计监督职能作用，加大数据核查力度，切实提高源头统计数据质量。", true, 1, nil},
		}},
		{"三、", "下一步工作计划", false, 4, nil},
	}
	var check func(path string, got []*model.Section, want []sec, level int)
	check = func(path string, got []*model.Section, want []sec, level int) {
		if len(got) != len(want) {
			t.Fatalf("%s: %d sections, want %d", path, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.Level != level || g.Number != w.number || g.Heading != w.heading || g.RunIn != w.runIn || len(g.Body) != w.paras {
				t.Errorf("%s[%d] = level %d %q %q runIn=%v paras=%d, want level %d %q %q runIn=%v paras=%d",
					path, i, g.Level, g.Number, g.Heading, g.RunIn, len(g.Body), level, w.number, w.heading, w.runIn, w.paras)
			}
			for j, p := range g.Body {
				if wantLead := g.RunIn && j == 0; (p.Lead == g) != wantLead {
					t.Errorf("%s[%d].Body[%d].Lead = %v, want lead %v", path, i, j, p.Lead, wantLead)
				}
			}
			check(path+"["+w.number+"]", g.Sections, w.subs, level+1)
		}
	}
	check("Sections", doc.Sections, want, 1)

	// 一（四）: its second paragraph is the 今年以来 paragraph.
	p := doc.Sections[0].Sections[3].Body[1]
	if !strings.HasPrefix(p.Text(), "今年以来，我局召开节前重点工作部署会议9次") || p.Lead != nil {
		t.Errorf("一（四） second paragraph = %q", p.Text())
	}
	// 三、: body paragraphs start with 一是…四是… and are not headings.
	for i, prefix := range []string{"一是", "二是", "三是", "四是"} {
		if got := doc.Sections[2].Body[i].Text(); !strings.HasPrefix(got, prefix) {
			t.Errorf("三、 paragraph %d = %q…, want %s…", i+1, got[:min(len(got), 12)], prefix)
		}
	}
}

func TestSampleCounts(t *testing.T) {
	doc := parseSample(t)
	want := []struct {
		name, format, category string
	}{
		{"学习", "9次", "主题教育"},
		{"专题研讨", "9次", "主题教育"},
		{"专题党课", "9次", "主题教育"},
		{"立足岗位作贡献", "9次", "党建活动"},
		{"党建工作会议", "9次", "党建活动"},
		{"意识形态会议", "9次", "意识形态"},
		{"理论中心组学习", "9次", "意识形态"},
		{"支部集中学习", "9次", "意识形态"},
		{"主题党日", "9次", "意识形态"},
		{"发布信息", "9条", "意识形态"},
		{"分析报告", "10篇", "意识形态"},
		{"节前部署会议", "9次", "党风廉政"},
		{"法规专题学习", "9次", "党风廉政"},
		{"廉洁党课", "9次", "党风廉政"},
		{"提限纳统企业", "9家", "统计业务"},
		{"新增投资项目", "9个", "统计业务"},
		{"执法检查企业", "9家", "统计业务"},
		{"集中统计培训", "9次", "统计业务"},
		{"数据核查", "100余次", "统计业务"},
	}
	if len(doc.Counts) != len(want) {
		t.Fatalf("%d counts, want %d", len(doc.Counts), len(want))
	}
	for i, w := range want {
		c := doc.Counts[i]
		if c.Name != w.name || c.Format() != w.format || c.Category != w.category {
			t.Errorf("Counts[%d] = %q %q %q, want %q %q %q", i, c.Name, c.Format(), c.Category, w.name, w.format, w.category)
		}
		if c.Used != 1 {
			t.Errorf("count %q used %d times, want 1", c.Name, c.Used)
		}
		if c.Label == "" || c.Unit == "" {
			t.Errorf("count %q: label %q unit %q", c.Name, c.Label, c.Unit)
		}
		if c.Pos.Line == 0 {
			t.Errorf("count %q has no position", c.Name)
		}
	}
	if c := doc.CountByName("数据核查"); c == nil || c.Format() != "100余次" || c.Label != "数据核查及一对一业务指导" {
		t.Errorf("数据核查 = %+v", c)
	}
	// Every count span points at its count and prints its format.
	spans := 0
	for _, b := range doc.Blocks() {
		if p, ok := b.(*model.Paragraph); ok {
			for _, sp := range p.Spans {
				if sp.Count != nil {
					spans++
					if sp.Text != sp.Count.Format() {
						t.Errorf("span %q for count %q", sp.Text, sp.Count.Name)
					}
				}
			}
		}
	}
	if spans != len(want) {
		t.Errorf("%d count spans, want %d", spans, len(want))
	}
}

// TestSamplePositions checks that positions point at the right characters of
// the sample: each paragraph at its first character, each count span at its {,
// each section at its heading text.
func TestSamplePositions(t *testing.T) {
	src, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	at := func(p model.Pos, n int) string {
		if p.Line < 1 || p.Line > len(lines) {
			return ""
		}
		r := []rune(lines[p.Line-1])
		if p.Col < 1 || p.Col > len(r) {
			return ""
		}
		return string(r[p.Col-1 : min(len(r), p.Col-1+n)])
	}
	doc := parseSample(t)
	for _, b := range doc.Blocks() {
		switch b := b.(type) {
		case *model.Heading:
			if got, want := at(b.Pos, 4), string([]rune(b.Heading)[:4]); got != want {
				t.Errorf("heading %q at %v: source has %q", b.Heading, b.Pos, got)
			}
		case *model.Paragraph:
			if b.Pos.File != "work-summary-2023.toml" {
				t.Errorf("paragraph file %q", b.Pos.File)
			}
			if got, want := at(b.Pos, 6), string([]rune(b.Text())[:6]); got != want {
				t.Errorf("paragraph %q at %v: source has %q", want, b.Pos, got)
			}
			for _, sp := range b.Spans {
				if sp.Count != nil {
					if got, want := at(sp.Pos, len([]rune(sp.Count.Name))+2), "{"+sp.Count.Name+"}"; got != want {
						t.Errorf("span %s at %v: source has %q", want, sp.Pos, got)
					}
				} else if got, want := at(sp.Pos, 1), string([]rune(sp.Text)[:1]); got != want {
					t.Errorf("span %q at %v: source has %q", sp.Text, sp.Pos, got)
				}
			}
			if b.Lead != nil {
				if got, want := at(b.Lead.Pos, 4), string([]rune(b.Lead.Heading)[:4]); got != want {
					t.Errorf("lead %q at %v: source has %q", b.Lead.Heading, b.Lead.Pos, got)
				}
			}
		}
	}
	for _, c := range doc.Counts {
		if got, want := at(c.Pos, len([]rune(c.Name))+2), `"`+c.Name+`"`; got != want {
			t.Errorf("count %q at %v: source has %q", c.Name, c.Pos, got)
		}
	}
	// One exact position: the {学习} reference.
	sp := doc.Sections[0].Sections[0].Body[0].Spans[1]
	if sp.Count == nil || sp.Count.Name != "学习" || sp.Pos.String() != "work-summary-2023.toml:63:38" {
		t.Errorf("{学习} span = %+v", sp)
	}
}

// TestOmitted: title = "", author = "" and date = "" leave them out; a template's
// blank date stays as written; a section with text = "" is a bare heading.
func TestOmitted(t *testing.T) {
	tests := []struct {
		name, src string
		title     string
		author    string
		date      model.Date
	}{
		{"all left out", "title = \"\"\nauthor = \"\"\ndate = \"\"\ntext = \"正文。\"\n", "", "", model.Date{}},
		{"a blank date", "title = \"关于X的通知\"\nauthor = \"某局\"\ndate = \"20XX年XX月XX日\"\ntext = \"正文。\"\n",
			"关于X的通知", "某局", model.Date{Blank: "20XX年XX月XX日"}},
		{"a bare heading", "title = \"T\"\nauthor = \"某局\"\ndate = 2024-01-02\n[[section]]\nheading = \"工作要求\"\ntext = \"\"\n",
			"T", "某局", model.Date{Year: 2024, Month: 1, Day: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("o.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title || d.Author != tt.author || d.Date != tt.date {
				t.Errorf("title %q, author %q, date %+v; want %q, %q, %+v", d.Title, d.Author, d.Date, tt.title, tt.author, tt.date)
			}
		})
	}
	// still mistakes: a date that is neither a date nor a blank, an empty section
	for _, src := range []string{
		"title = \"T\"\nauthor = \"某局\"\ndate = \"2024年1月5日\"\ntext = \"正文。\"\n",
		"title = \"T\"\nauthor = \"某局\"\ndate = 2024-01-02\n[[section]]\nheading = \"工作要求\"\n",
	} {
		if _, err := Parse("o.toml", []byte(src)); err == nil {
			t.Errorf("accepted:\n%s", src)
		}
	}
}

// TestOpeningTable: a top-level [[table]] with after = N stands in the opening
// text after paragraph N (0: before the first); without after it is a 附表; a
// form is a table alone, no 附表.
func TestOpeningTable(t *testing.T) {
	const table = "[[table]]\ntitle = \"\"\nheader = [\"姓名\", \"职务\"]\nrows = [[\"张三\", \"科长\"]]\n"
	tests := []struct {
		name              string
		src               string
		opening, appendix int
		err               string
	}{
		{"after = 0", "title = \"T\"\nauthor = \"\"\ndate = \"\"\ntext = \"注：请正反面打印。\"\n" + table + "after = 0\n", 1, 0, ""},
		{"a 附表", "title = \"T\"\nauthor = \"\"\ndate = \"\"\ntext = \"正文。\"\n" + table, 0, 1, ""},
		{"a form alone", "title = \"\"\nauthor = \"\"\ndate = \"\"\n" + table, 1, 0, ""},
		{"after = -1", "title = \"T\"\nauthor = \"\"\ndate = \"\"\ntext = \"正文。\"\n" + table + "after = -1\n", 0, 0, "after 应为 0 或正整数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("t.toml", []byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Tables) != tt.opening || len(d.Appendix) != tt.appendix {
				t.Errorf("%d opening tables, %d 附表; want %d, %d", len(d.Tables), len(d.Appendix), tt.opening, tt.appendix)
			}
			for _, tb := range d.Tables {
				if tb.Appendix || tb.Label != "" {
					t.Errorf("an opening table is labelled %q", tb.Label)
				}
			}
		})
	}
}
