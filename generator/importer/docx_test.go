package importer

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// makeDOCX packs a document body (and styles, when given) as a minimal DOCX.
func makeDOCX(t *testing.T, body, styles string) []byte {
	t.Helper()
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	parts := map[string]string{"word/document.xml": `<w:document ` + w + `><w:body>` + body + `</w:body></w:document>`}
	if styles != "" {
		parts["word/styles.xml"] = `<w:styles ` + w + `>` + styles + `</w:styles>`
	}
	return packDOCX(t, parts)
}

// p is a paragraph of runs in the body style.
func p(texts ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, t := range texts {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + t + `</w:t></w:r>`)
	}
	return b.String() + "</w:p>"
}

// styled is a paragraph in a paragraph style.
func styled(style, inner string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + inner + `</w:p>`
}

// Word's built-in styles as Word writes them: Title, and headings with outline levels.
const wordStyles = `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Lead"><w:name w:val="heading 2"/><w:basedOn w:val="1"/></w:style>` +
	`<w:style w:type="character" w:styleId="LeadChar"><w:name w:val="Lead Char"/></w:style>`

func TestDOCX(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		styles string
		want   []string
		notes  []string // parts of the notes, beyond the 署名 and date placeholders
	}{
		{"Word headings without typed numbers",
			styled("Title", `<w:r><w:t>XX局</w:t><w:br/><w:t>2024年工作要点</w:t></w:r>`) +
				p("各科室：") +
				styled("1", `<w:r><w:t>总体要求</w:t></w:r>`) + p("坚持稳中求进。") +
				styled("2", `<w:r><w:t>重点任务</w:t></w:r>`) + p("一是加强学习。") +
				p("1.这是正文里的列举，不是标题。"),
			wordStyles,
			[]string{"XX局", "2024年工作要点", "各科室：", "一、总体要求", "坚持稳中求进。", "（一）重点任务", "一是加强学习。", "1.这是正文里的列举，不是标题。"},
			nil},
		{"a run-in heading marked by a character style",
			styled("Title", `<w:r><w:t>标题</w:t></w:r>`) +
				styled("1", `<w:r><w:t>一、总体情况</w:t></w:r>`) +
				`<w:p><w:pPr><w:pStyle w:val="Lead"/><w:outlineLvl w:val="1"/></w:pPr>` +
				`<w:r><w:rPr><w:rStyle w:val="LeadChar"/></w:rPr><w:t>（一）关于“A。B”的工作。</w:t></w:r>` +
				`<w:r><w:t>正文。第二句。</w:t></w:r></w:p>`,
			wordStyles,
			[]string{"标题", "一、总体情况", "（一）关于“A。B”的工作。正文。第二句。"},
			nil},
		{"no styles: read like plain text, runs split at will",
			p("XX局关于", "统计工作的报告") + p("一、总体", "情况") + p("（一）工业。", "全年", "审核月报。") +
				p("XX局") + p("2024年3月5日"),
			"",
			[]string{"XX局关于统计工作的报告", "一、总体情况", "（一）工业。全年审核月报。", "XX局", "2024年3月5日"},
			nil},
		{"a one-row table stays a line; deleted text, field codes and page breaks are left out",
			p("标题") + p("正文", `</w:t></w:r><w:del><w:r><w:delText>删去的</w:delText></w:r></w:del><w:r><w:t>。`) +
				`<w:tbl><w:tr><w:tc>` + p("表格里的字") + `</w:tc></w:tr></w:tbl>` +
				`<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:br w:type="page"/><w:t>第二页。</w:t></w:r></w:p>`,
			"",
			[]string{"标题", "正文。", "表格里的字", "第二页。"},
			nil},
		{"a 标志 in a text box with no 发文字号 is the 版头, not the title",
			textBox(p("XX市人民政府")) + p("关于XX的通知") + p("各单位：") + p("请按时报送。"),
			"",
			[]string{"关于XX的通知", "各单位：", "请按时报送。"},
			[]string{"版头：文本框中的「XX市人民政府」读作发文机关标志"}},
		{"a text box that is the whole document is not a 版头",
			textBox(p("XX市人民政府")),
			"",
			[]string{"XX市人民政府"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DOCX(makeDOCX(t, tt.body, tt.styles), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := printed(reparse(t, r))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			notes := strings.Join(r.Notes, "\n")
			for _, n := range tt.notes {
				if !strings.Contains(notes, n) {
					t.Errorf("notes %q lack %q", r.Notes, n)
				}
			}
		})
	}
}

func TestDOCXErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("plain text"), "不是 DOCX 文件"},
		{"no document part", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			zw.Create("word/other.xml")
			zw.Close()
			return buf.Bytes()
		}(), "没有 word/document.xml"},
		{"broken XML", makeDOCX(t, "<w:p><w:r>", ""), "无法读取 DOCX 的正文"},
	}
	for _, tt := range tests {
		if _, err := DOCX(tt.data, Options{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
