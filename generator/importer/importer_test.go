package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// seedFile is the repository's copy of ../shared/seed/work-summary-2023.txt.
const seedFile = "../../testdata/work-summary-2023.txt"

// reparse writes the result as TOML and parses it back, as gongwen build would.
func reparse(t *testing.T, r *Result) *model.Document {
	t.Helper()
	src := r.TOML()
	doc, err := content.Parse("imported.toml", src)
	if err != nil {
		t.Fatalf("the imported TOML does not parse: %v\n%s", err, src)
	}
	return doc
}

// printed lists what a document prints, in order: title lines, 主送机关, every heading
// and paragraph with its computed number, 署名 and 成文日期. Tables are left out.
func printed(d *model.Document) []string {
	out := append([]string{}, d.TitleLines...)
	if len(d.TitleLines) == 0 && d.Title != "" {
		out = append(out, d.Title)
	}
	if d.Recipient != "" {
		out = append(out, d.Recipient)
	}
	for _, b := range d.Blocks() {
		switch b := b.(type) {
		case *model.Heading:
			out = append(out, b.Number+b.Heading)
		case *model.Paragraph:
			lead := ""
			if b.Lead != nil {
				lead = b.Lead.Number + b.Lead.Heading
			}
			out = append(out, lead+b.Text())
		}
	}
	for _, a := range append([]string{d.Author}, d.Authors...) {
		if a != "" {
			out = append(out, a)
		}
	}
	if !d.Date.IsZero() {
		out = append(out, d.Date.String())
	}
	return out
}

// paragraphs returns the non-empty lines of a text file.
func paragraphs(t *testing.T, file string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestSeed imports the seed text: its 3 sections and 7 run-in headings, every
// paragraph as the seed wrote it, placeholders for the title, 署名 and date it lacks.
func TestSeed(t *testing.T) {
	src, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, counts := range []bool{false, true} {
		r, err := Text(src, Options{Counts: counts})
		if err != nil {
			t.Fatal(err)
		}
		doc := reparse(t, r)
		if len(doc.Sections) != 3 {
			t.Fatalf("%d sections, want 3", len(doc.Sections))
		}
		runIn := 0
		for _, s := range doc.Sections {
			for _, sub := range s.Sections {
				if sub.RunIn {
					runIn++
				}
			}
		}
		if runIn != 7 {
			t.Errorf("%d run-in headings, want 7", runIn)
		}
		wantHeadings := []string{"强化党建引领，夯实思想基础", "坚持“党建+业务”工作相融合，推动统计各项重点工作有序开展", "下一步工作计划"}
		for i, s := range doc.Sections {
			if s.Heading != wantHeadings[i] || s.RunIn {
				t.Errorf("section %d = %q (run-in %v), want %q", i+1, s.Heading, s.RunIn, wantHeadings[i])
			}
		}
		got := printed(doc)
		want := paragraphs(t, seedFile)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("counts=%v: printed text differs from the seed", counts)
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("first difference at %d:\n got %q\nwant %q", i, got[i], want[i])
					break
				}
			}
		}
		if len(r.Notes) != 3 {
			t.Errorf("notes = %q, want the title, 署名 and date placeholders", r.Notes)
		}
		if !counts {
			continue
		}
		// The seed's activity counts: 9次 … 10篇, 9家, 9个, 100余次 — each a named count
		// used once, with a unique name.
		if len(doc.Counts) != 19 {
			t.Errorf("%d counts, want 19", len(doc.Counts))
		}
		for _, c := range doc.Counts {
			if c.Used != 1 {
				t.Errorf("count %q used %d times", c.Name, c.Used)
			}
		}
		for name, want := range map[string]string{"学习": "9次", "专题研讨": "9次", "提限纳统企业": "9家",
			"固定资产投资项目": "9个", "数据核查及一对一业务指导": "100余次", "统计执法检查企业": "9家"} {
			if c := doc.CountByName(name); c == nil || c.Format() != want {
				t.Errorf("count %q = %v, want %s", name, c, want)
			}
		}
	}
}

// TestText imports small texts and checks the structure that comes out.
func TestText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  []string // printed(doc) without 署名 and date unless given
		notes int
	}{
		{"title and recipient",
			"XX局关于统计工作的报告\n旗人民政府：\n现报告如下。\nXX局\n2024年3月5日\n",
			[]string{"XX局关于统计工作的报告", "旗人民政府：", "现报告如下。", "XX局", "2024年3月5日"}, 0},
		{"two title lines, indented paragraphs, CRLF and a BOM",
			"\ufeffXX旗统计局\r\n2023年工作总结\r\n\r\n　　正文第一段。\r\n　　正文第二段。\r\n",
			[]string{"XX旗统计局", "2023年工作总结", "正文第一段。", "正文第二段。"}, 2},
		{"four levels and run-in headings",
			"标题\n一、总体情况\n（一）工业。全年审核月报。\n1.能源\n（1）产量。数据已报送。\n（2）消费\n消费数据。\n二、下一步\n加强培训。\n",
			[]string{"标题", "一、总体情况", "（一）工业。全年审核月报。", "1.能源", "（1）产量。数据已报送。", "（2）消费", "消费数据。", "二、下一步", "加强培训。"}, 2},
		{"numbers renumbered and skipped levels nested",
			"标题\n一、甲\n1.乙\n三、丙\n正文。\n",
			[]string{"标题", "一、甲", "（一）乙", "二、丙", "正文。"}, 5},
		{"a heading sentence on its own line runs in with the text after it, keeping its 。",
			"标题\n一、总体情况。\n正文。\n",
			[]string{"标题", "一、总体情况。正文。"}, 2},
		{"a standalone heading loses a stray end mark",
			"标题\n一、总体情况：\n正文。\n",
			[]string{"标题", "一、总体情况", "正文。"}, 3},
		{"a sentence end inside quotes does not split",
			"标题\n（一）关于“为什么？怎么办。”的思考。正文。\n",
			[]string{"标题", "一、关于“为什么？怎么办。”的思考。正文。"}, 2},
		{"a number alone stays text; 1.5倍 is no heading",
			"标题\n一、\n1.5倍的增长。\n",
			[]string{"标题", "一、", "1.5倍的增长。"}, 2},
		{"date in Chinese numerals",
			"标题\n正文。\nXX局\n二〇二四年一月十日\n",
			[]string{"标题", "正文。", "XX局", "2024年1月10日"}, 0},
		{"no such date: the line stays text",
			"标题\n正文。\n2023年2月29日\n",
			[]string{"标题", "正文。", "2023年2月29日"}, 2},
		{"braces, backslashes and quotes survive",
			"标题\n记号{A}和{{B}}，路径C:\\a\\b，\"引号\"和\"\"\"三个。\n",
			[]string{"标题", "记号{A}和{{B}}，路径C:\\a\\b，\"引号\"和\"\"\"三个。"}, 2},
		{"empty input", "", []string{PlaceholderText}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Text([]byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := printed(reparse(t, r))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if len(r.Notes) != tt.notes {
				t.Errorf("notes %q, want %d", r.Notes, tt.notes)
			}
		})
	}
}

// TestTextEncodings reads GBK, GB18030 and UTF-16 text, and refuses bytes that are
// none of them.
func TestTextEncodings(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		want string // the title
		err  string
	}{
		{"GBK", []byte("\xb9\xa4\xd7\xf7\xd7\xdc\xbd\xe1\n\xd5\xfd\xce\xc4\xa1\xa3\n"), "工作总结", ""},
		{"UTF-16LE with BOM", []byte("\xff\xfe\xe5\x5d\x5c\x4f\x3b\x60\xd3\x7e\n\x00\x63\x6b\x87\x65\x02\x30\n\x00"), "工作总结", ""},
		{"UTF-16BE with BOM", []byte("\xfe\xff\x5d\xe5\x4f\x5c\x60\x3b\x7e\xd3\x00\n\x6b\x63\x65\x87\x30\x02\x00\n"), "工作总结", ""},
		{"not text", []byte("\x81\x30\xff\xff\xfe"), "", "既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Text(tt.src, Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Doc.Title != tt.want || !strings.Contains(r.Notes[0], "编码，已转为 UTF-8") {
				t.Errorf("title %q, notes %q", r.Doc.Title, r.Notes)
			}
		})
	}
}

// TestDOCXRoundTrip builds every sample (and a file of all the features) as DOCX with gongwen, imports them and builds the
// imported TOML again: the printed paragraphs must be the same, word for word.
func TestDOCXRoundTrip(t *testing.T) {
	b := generator.NewBuilder(nil, false)
	samples, _ := filepath.Glob("../../samples/*.toml")
	for _, file := range append(samples, "testdata/features.toml") {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := b.Render(file, src, []generator.Format{generator.DOCX})
		if err != nil {
			t.Fatal(err)
		}
		r, err := DOCX(orig.Files[generator.DOCX], Options{})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		imported := r.TOML()
		again, err := b.Render("imported.toml", imported, []generator.Format{generator.DOCX})
		if err != nil {
			t.Fatalf("%s: the imported TOML does not build: %v\n%s", file, err, imported)
		}
		// gongwen's DOCX breaks a long title where the typesetter did; the
		// import keeps those breaks as title lines of the same text
		again.Doc.TitleLines, orig.Doc.TitleLines = nil, nil
		got, want := printed(again.Doc), printed(orig.Doc)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the text changed on the round trip\n got %q\nwant %q", file, got, want)
		}
		// The 附表 after the signature come back as tables of the same cells.
		if len(r.Doc.Appendix) != len(orig.Doc.Appendix) {
			t.Errorf("%s: %d appendix tables, want %d", file, len(r.Doc.Appendix), len(orig.Doc.Appendix))
		}
		for i := range min(len(r.Doc.Appendix), len(orig.Doc.Appendix)) {
			if got, want := cells(again.Doc.Appendix[i]), cells(orig.Doc.Appendix[i]); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: table %d\n got %q\nwant %q", file, i+1, got, want)
			}
		}
		for _, n := range r.Notes {
			if !strings.HasPrefix(n, "版头：读出了") {
				t.Errorf("%s: note %q", file, n)
			}
		}
	}
}

// cells lists a table's title, unit, header and cells as printed.
func cells(t *model.Table) []string {
	out := append([]string{t.Title, t.Unit}, t.Header...)
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Merged {
				out = append(out, "") // printed once, in the cell it is merged into
			} else {
				out = append(out, c.Text)
			}
		}
	}
	return out
}
