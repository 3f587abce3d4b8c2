package importer

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/lint"
	"github.com/gongwen/gongwen/generator/model"
)

// The namespaces Word and WPS declare, for the synthetic files.
const corpusNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml"`

// packDOCX packs parts (word/document.xml body, styles, numbering, footnotes) as
// a DOCX.
func packDOCX(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range parts {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wdoc(body string) string {
	return `<w:document ` + corpusNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

// para is a paragraph with properties (may be "") and plain text.
func para(pPr, text string) string {
	return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// textBox is a paragraph anchoring a text box the way Word 2010+ writes it: the
// DrawingML shape in mc:Choice and the same text again as VML in mc:Fallback.
func textBox(paras ...string) string {
	inner := strings.Join(paras, "")
	return `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>` + inner +
		`</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>` + inner +
		`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
}

// cell is a table cell; props are w:tcPr children (gridSpan, vMerge).
func cell(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + para("", text) + `</w:tc>`
}

// synthetic are hand-made files for what the public files lack, written the way
// Word and WPS write it (see testdata/corpus/README.md).
func synthetic(t testing.TB) map[string][]byte {
	wpsStyles := `<w:styles ` + corpusNS + `>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style></w:styles>`
	numbering := `<w:numbering ` + corpusNS + `>` +
		`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	num := func(ilvl string) string {
		return `<w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="1"/></w:numPr>`
	}
	footnotes := `<w:footnotes ` + corpusNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="1">` + para("", "数据来源：市统计局年报。") + `</w:footnote></w:footnotes>`
	center := `<w:jc w:val="center"/>`
	return map[string][]byte{
		"syn-textbox-header.docx": packDOCX(t, map[string]string{"word/document.xml": wdoc(
			textBox(para(center, "兴安市统计局文件"), para(center, "X统发〔2024〕5号")) +
				para(center, "关于开展2024年统计执法检查的通知") +
				para("", "各旗县区统计局：") +
				para("", "根据《关于加强统计执法的意见》（X政发〔2023〕9号）要求，现就有关事项通知如下。") +
				para("", "一、检查范围") +
				para("", "（1）工业企业重点核对产值、能耗指标。") +
				para("", "（2）服务业企业重点核对营业收入指标。") +
				para("", "二、工作要求") +
				para("", "各单位按时报送检查结果。") +
				para("", "兴安市统计局") + para("", "2024年3月1日"))}),
		"syn-numbering-table.docx": packDOCX(t, map[string]string{
			"word/document.xml": wdoc(
				para(center, "安宁旗统计局2023年统计工作总结") +
					para("", "2023年，全旗统计工作稳步推进，现总结如下。") +
					para(num("0"), "主要指标") +
					para(num("1"), "工业生产") +
					para("", "规模以上工业增加值增长6.5%。") +
					para("", "主要产品产量表") +
					`<w:tbl><w:tblPr/><w:tr><w:trPr><w:tblHeader/></w:trPr>` + cell("", "类别") + cell("", "产品") + cell("", "产量") + `</w:tr>` +
					`<w:tr>` + cell(`<w:vMerge w:val="restart"/>`, "能源") + cell("", "原煤") + cell("", "120") + `</w:tr>` +
					`<w:tr>` + cell(`<w:vMerge/>`, "") + cell("", "发电量") + cell("", "35") + `</w:tr>` +
					`<w:tr>` + cell(`<w:gridSpan w:val="2"/>`, "合计（万吨标准煤）") + cell("", "155") + `</w:tr></w:tbl>` +
					para(num("1"), "服务业") +
					para("", "服务业增加值增长5.2%"+`</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。`) +
					para(num("0"), "存在问题") +
					para("", "基层统计力量仍然薄弱。") +
					para("", "安宁旗统计局") + para("", "2024年1月10日")),
			"word/numbering.xml": numbering, "word/footnotes.xml": footnotes}),
		"syn-wps-outline-toc.docx": packDOCX(t, map[string]string{
			"word/document.xml": wdoc(
				para(center, "和林县2024年统计数据质量提升工作方案") +
					para(center, "目　录") +
					para(`<w:pStyle w:val="TOC1"/>`, "一、总体要求\t1") +
					para(`<w:pStyle w:val="TOC1"/>`, "二、主要任务\t2") +
					para(`<w:pStyle w:val="1"/>`, "一、总体要求") +
					para(`<w:pStyle w:val="1"/>`, "以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央关于统计工作的决策部署，坚持依法统计、依法治统，切实提高统计数据质量。") +
					para(`<w:pStyle w:val="1"/>`, "二、主要任务") +
					para("", "1.健全数据质量管控\u200b机制。") +
					para("", "2.加强统计执法检查。") +
					para("", "和林县统计局") + para("", "2024年2月5日")),
			"word/styles.xml": wpsStyles}),
	}
}

// corpusCase is a file of the corpus and the structure it must come out with.
type corpusCase struct {
	file      string
	title     string
	recipient string
	outline   []string // headings as outline() writes them, "" entries skipped; nil: not checked
}

var corpusCases = []corpusCase{
	{"zy-notice.docx", "关于开展“我的刀盾”传播素材整理工作的通知", "[主送单位]：",
		[]string{"段首:一、总体要求。", "段首:二、重点任务。", "段首:三、有关要求。"}},
	{"zy-report.docx", "关于“我的刀盾”网络传播情况的报告", "[主送单位]：",
		[]string{"标题:一、基本情况", "标题:二、工作开展情况", "标题:三、存在问题", "标题:四、下一步建议"}},
	{"zy-request.docx", "关于申请开展“我的刀盾”传播案例梳理工作的请示", "[主送单位]：",
		[]string{"标题:一、事项背景", "标题:二、请示事项", "标题:三、请示意见"}},
	{"zy-briefing.docx", "“我的刀盾”网络动态简报", "",
		[]string{"标题:一、导语", "标题:二、主要信息", "  标题:（一）短视频平台内集中复现特征较为明显", "  标题:（二）梗源解释型内容带动话题进一步扩散", "  标题:（三）跨平台传播特征逐渐显现", "标题:三、工作提示"}},
	{"zy-minutes.docx", "关于研究“我的刀盾”网络传播情况的专题会议纪要", "", nil},
	// real files, made in Word by people (see testdata/corpus/README.md)
	{"gwa-tz-notice-template.docx", "通知标题", "[各单位]：", []string{}},
	{"gwa-zm-certificate-template.docx", "证  明", "[单位名称]：", []string{}},
	// heading 2–5 styles, the headings of levels 3 and 4 without text
	{"mrered-template.dotx", "测试文段", "",
		[]string{
			"标题:一、一级标题a", "标题:二、一级标题b", "标题:三、一级标题c", "标题:四、一级标题d",
			"标题:五、一级标题e", "标题:六、一级标题f", "标题:七、一级标题g", "标题:八、一级标题h",
			"标题:九、一级标题i", "标题:十、一级标题j", "标题:十一、一级标题k", "  标题:（一）二级标题a",
			"  标题:（二）二级标题b", "  标题:（三）二级标题c", "  标题:（四）二级标题d", "  标题:（五）二级标题e",
			"  标题:（六）二级标题f", "  标题:（七）二级标题g", "  标题:（八）二级标题h", "  标题:（九）二级标题i",
			"  标题:（十）二级标题j", "  标题:（十一）二级标题k", "    标题:1.三级标题a", "    标题:2.三级标题b",
			"    标题:3.三级标题c", "    标题:4.三级标题d", "    标题:5.三级标题e", "    标题:6.三级标题f",
			"    标题:7.三级标题g", "    标题:8.三级标题h", "    标题:9.三级标题i", "    标题:10.三级标题j",
			"      标题:（1）四级标题a", "      标题:（2）四级标题b", "      标题:（3）四级标题c", "      标题:（4）四级标题d",
			"      标题:（5）四级标题e", "      标题:（6）四级标题f", "      标题:（7）四级标题g", "      标题:（8）四级标题h",
			"      标题:（9）四级标题i", "      标题:（10）四级标题j", "  标题:（十二）二级标题1", "    标题:1.三级标题1",
			"  标题:（十三）二级标题2", "    标题:1.三级标题2", "    标题:2.三级标题3", "      标题:（1）四级标题1",
			"标题:十二、一级标题2", "  标题:（一）二级标题3", "  标题:（二）二级标题4", "  标题:（三）二级标题5",
			"    标题:1.三级标题4", "  标题:（四）二级标题6",
		}},
	{"syn-textbox-header.docx", "关于开展2024年统计执法检查的通知", "各旗县区统计局：",
		[]string{"标题:一、检查范围", "  段首:（一）工业企业重点核对产值、能耗指标。", "  段首:（二）服务业企业重点核对营业收入指标。", "标题:二、工作要求"}},
	{"syn-numbering-table.docx", "安宁旗统计局2023年统计工作总结", "",
		[]string{"标题:一、主要指标", "  标题:（一）工业生产", "    表:主要产品产量表||类别|产品|产量|能源|原煤|120||发电量|35|合计（万吨标准煤）||155", "  标题:（二）服务业", "标题:二、存在问题"}},
	{"syn-wps-outline-toc.docx", "和林县2024年统计数据质量提升工作方案", "",
		[]string{"标题:一、总体要求", "标题:二、主要任务", "  段首:（一）健全数据质量管控机制。", "  段首:（二）加强统计执法检查。"}},
}

// TestCorpus imports every file of the corpus, builds it to PDF and compares the
// PDF's text with the source's: every paragraph, table cell and text box present,
// paragraphs in order; and the title, 主送机关 and heading levels as the source has
// them.
func TestCorpus(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: cannot read the PDF's text back")
	}
	files := synthetic(t)
	b := generator.NewBuilder(nil, false)
	var total, kept, structOK, placeholders int
	for _, c := range corpusCases {
		t.Run(c.file, func(t *testing.T) {
			data, ok := files[c.file]
			if !ok {
				var err error
				if data, err = os.ReadFile(filepath.Join("testdata", "corpus", c.file)); err != nil {
					t.Fatal(err)
				}
			}
			r, err := DOCX(data, Options{Source: c.file})
			if err != nil {
				t.Fatal(err)
			}
			doc := reparse(t, r)
			out, err := b.Render(filepath.Join(t.TempDir(), "in.toml"), r.TOML(), []generator.Format{generator.PDF})
			if err != nil {
				t.Fatalf("the imported file does not build: %v\n%s", err, r.TOML())
			}
			pdf := filepath.Join(t.TempDir(), "out.pdf")
			if err := os.WriteFile(pdf, out.Files[generator.PDF], 0o644); err != nil {
				t.Fatal(err)
			}
			txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			printedText := squeeze(folio.ReplaceAllString(string(txt), ""))
			for _, n := range footnoteRE.FindAllString(printedText, -1) {
				t.Logf("footnote kept where it stands: %s", n)
			}
			printedText = footnoteRE.ReplaceAllString(printedText, "")
			paras, cells := sourceParagraphs(t, data)
			at, found := 0, 0
			for _, p := range paras {
				if i := strings.Index(printedText[at:], p); i >= 0 {
					at += i + len(p)
					found++
				} else if strings.Contains(printedText, p) {
					t.Logf("out of order: %q", p)
				} else {
					t.Logf("missing: %q", p)
				}
			}
			// a table's cells are printed in its grid, which pdftotext reads in an
			// order of its own: each cell must be there
			for _, c := range cells {
				if strings.Contains(printedText, c) {
					found++
				} else {
					t.Logf("missing cell: %q", c)
				}
			}
			n := len(paras) + len(cells)
			total += n
			kept += found
			if float64(found) < 0.99*float64(n) {
				t.Errorf("%d of %d source paragraphs and cells in the PDF", found, n)
			}
			got := outline(doc)
			ok = doc.Title == c.title && doc.Recipient == c.recipient
			if !ok {
				t.Errorf("title %q, 主送机关 %q; want %q, %q", doc.Title, doc.Recipient, c.title, c.recipient)
			}
			if c.outline != nil {
				want := append([]string{"标题:" + c.title}, c.outline...)
				if c.recipient != "" {
					want = append([]string{want[0], "主送:" + c.recipient}, c.outline...)
				}
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					ok = false
					t.Errorf("structure\n got %q\nwant %q", got, want)
				}
			}
			if ok {
				structOK++
			}
			if ps := lint.Placeholders(doc); len(ps) > 0 {
				placeholders++
				if strings.HasPrefix(c.file, "syn-") {
					t.Errorf("placeholders printed: %q", ps)
				} else {
					t.Logf("placeholders printed: %q (the source has no 署名 or 成文日期)", ps)
				}
			}
			switch c.file {
			case "syn-textbox-header.docx":
				if h := doc.Header; h.Number != "X统发〔2024〕5号" || strings.Join(h.Issuers, "") != "兴安市统计局" {
					t.Errorf("版头 from the text box: %+v", h)
				}
			case "gwa-tz-notice-template.docx", "gwa-zm-certificate-template.docx":
				// the 标志 in a text box, the 署名 pushed right under the only paragraph
				if h := doc.Header; h.Number != "" || strings.Join(h.Issuers, "|") != "XXXX人民政府" ||
					doc.Author != "XXXX人民政府" || len(doc.Authors) > 0 || doc.Date != (model.Date{Year: 2020, Month: 2, Day: 19}) {
					t.Errorf("版头 %+v, 署名 %q %q, date %v", h, doc.Author, doc.Authors, doc.Date)
				}
			}
		})
	}
	t.Logf("corpus: %d files, %d of %d source paragraphs (and cells) in the PDF in order, structure right in %d, placeholders printed in %d",
		len(corpusCases), kept, total, structOK, placeholders)
}

// footnoteRE is a footnote the importer put where it is referenced.
var footnoteRE = regexp.MustCompile(`（注：[^）]*）`)

// folio is a page number line as pdftotext writes it: — 1 —.
var folio = regexp.MustCompile(`(?m)^\s*[—-]\s*[0-9]+\s*[—-]\s*$`)

// squeeze drops white space, and typed heading numbers are not compared: the
// program renumbers.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

var (
	fallbackRE = regexp.MustCompile(`(?s)<mc:Fallback>.*?</mc:Fallback>`)
	paraEnd    = regexp.MustCompile(`</w:p>`)
	cellRE     = regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`)
	textRE     = regexp.MustCompile(`(?s)<w:t(?: [^>]*)?>(.*?)</w:t>`)
	tocStyle   = regexp.MustCompile(`<w:pStyle w:val="(?i:toc)`)
)

// sourceParagraphs reads the text of a DOCX independently of the importer: every
// paragraph (text boxes once) and every table cell, white space and invisible
// characters removed, the typed number at the start left out, the table of
// contents skipped.
func sourceParagraphs(t *testing.T, data []byte) (paras, cells []string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readPart(zr, "word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	body := fallbackRE.ReplaceAllString(string(doc), "")
	text := func(chunk string) string {
		var b strings.Builder
		for _, m := range textRE.FindAllStringSubmatch(chunk, -1) {
			b.WriteString(m[1])
		}
		s, _ := tidyText(xmlUnescape(b.String()))
		return squeeze(stripNumbers(s))
	}
	for _, c := range cellRE.FindAllString(body, -1) {
		if s := text(c); s != "" {
			cells = append(cells, s)
		}
	}
	for _, chunk := range paraEnd.Split(cellRE.ReplaceAllString(body, "</w:p>"), -1) {
		if s := text(chunk); s != "" && !tocStyle.MatchString(chunk) && !isContentsHeading(s) {
			paras = append(paras, s)
		}
	}
	return paras, cells
}

func xmlUnescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&apos;", "'", "&amp;", "&").Replace(s)
}
