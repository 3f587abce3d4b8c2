package importer

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/layout"
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
	// the 版头 and 署名, when head is set: layout, 标志 names|joined, 发文字号,
	// 署名 names|joined
	head *headWant
	// source paragraphs printed out of the source's order, each named under 请检查
	// or moved by what is (a 纪要's organ-and-date line, the 文件 drawn beside
	// joint names); a paragraph left out or changed must be named there too (the red
	// line's ★, a 发文字号 written the standard way)
	moved []string
}

type headWant struct{ layout, issuers, number, authors string }

func plain(file, title, recipient string, outline []string) corpusCase {
	return corpusCase{file: file, title: title, recipient: recipient, outline: outline}
}

// template is a GongwenAssistant template: its 版头, its 署名, and what it leaves
// out or moves.
func template(file, title, recipient string, head headWant, moved []string) corpusCase {
	return corpusCase{file: file, title: title, recipient: recipient, outline: []string{}, head: &head, moved: moved}
}

var corpusCases = []corpusCase{
	plain("zy-notice.docx", "关于开展“我的刀盾”传播素材整理工作的通知", "[主送单位]：",
		[]string{"段首:一、总体要求。", "段首:二、重点任务。", "段首:三、有关要求。"}),
	plain("zy-report.docx", "关于“我的刀盾”网络传播情况的报告", "[主送单位]：",
		[]string{"标题:一、基本情况", "标题:二、工作开展情况", "标题:三、存在问题", "标题:四、下一步建议"}),
	plain("zy-request.docx", "关于申请开展“我的刀盾”传播案例梳理工作的请示", "[主送单位]：",
		[]string{"标题:一、事项背景", "标题:二、请示事项", "标题:三、请示意见"}),
	plain("zy-briefing.docx", "“我的刀盾”网络动态简报", "",
		[]string{"标题:一、导语", "标题:二、主要信息", "  标题:（一）短视频平台内集中复现特征较为明显", "  标题:（二）梗源解释型内容带动话题进一步扩散", "  标题:（三）跨平台传播特征逐渐显现", "标题:三、工作提示"}),
	plain("zy-minutes.docx", "关于研究“我的刀盾”网络传播情况的专题会议纪要", "", nil),
	// real files, made in Word by people (see testdata/corpus/README.md)
	plain("gwa-tz-notice-template.docx", "通知标题", "[各单位]：", []string{}),
	plain("gwa-zm-certificate-template.docx", "证  明", "[单位名称]：", []string{}),
	// heading 2–5 styles, the headings of levels 3 and 4 without text
	plain("mrered-template.dotx", "测试文段", "",
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
		}),
	template("gwa-gg-announcement-template.docx", "[此处输入文件标题]", "",
		headWant{"notice", "XXXX人民政府公告", "〔20XX〕第XX号", "XXXX人民政府"}, nil),
	template("gwa-tg-circular-template.docx", "[此处输入文件标题]", "",
		headWant{"notice", "XXXX人民政府通告", "[此处输入文号]号", "XXXX人民政府"}, nil),
	template("gwa-han-letter-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"letter", "XXXX人民政府", "〔2020〕XX号", "XXXX人民政府"}, nil),
	template("gwa-hyjy-minutes-template.docx", "", "",
		headWant{"minutes", "会议纪要", "〔20XX〕XX号", "XXXX人民政府"}, []string{"XXXX人民政府2020年2月19日"}),
	template("gwa-ml-order-template.docx", "", "",
		headWant{"notice", "XXXX人民政府令", "第  号", "[市长]  XXX"}, nil),
	template("gwa-sx1-upward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"request", "XXXX人民政府", "〔2020〕号", "XXXX人民政府"}, nil),
	template("gwa-sx2-upward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"request", "XXXX人民政府|发文机关二", "〔2020〕号", "XXXX人民政府|发文机关二"}, []string{"文件"}),
	template("gwa-sx3-upward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"request", "XXXX人民政府|发文机关二|发文机关三", "〔2020〕号", "XXXX人民政府|发文机关二|发文机关三"}, []string{"文件"}),
	template("gwa-sx4-upward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"request", "XXXX人民政府|发文机关二|发文机关三|发文机关四", "〔2020〕号", "XXXX人民政府|发文机关二|发文机关三|发文机关四"}, []string{"文件"}),
	template("gwa-xx1-downward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"notice", "XXXX人民政府", "XX发〔20XX〕XX号", "XXXX人民政府"}, nil),
	template("gwa-xx2-downward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"notice", "XXXX人民政府|发文机关二", "XXX〔20XX〕XX号", "XXXX人民政府|发文机关二"}, []string{"文件"}),
	template("gwa-xx3-downward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"notice", "XXXX人民政府|发文机关二|发文机关三", "〔2020〕号", "XXXX人民政府|发文机关二|发文机关三"}, []string{"文件"}),
	template("gwa-xx4-downward-template.docx", "[此处输入文件标题]", "[此处输入主送机关]：",
		headWant{"notice", "XXXX人民政府|发文机关二|发文机关三|发文机关四", "〔2020〕号", "XXXX人民政府|发文机关二|发文机关三|发文机关四"}, []string{"文件"}),
	// WPS-made (docProps/custom.xml KSOProductBuildVer) and Word-made files of
	// others (see testdata/corpus/README.md): a GB/T 9704 specimen with every
	// element, a 红头 template, 文书 templates with ${} fields, a company's 公文,
	// a 决定 and three laws of the NPC, four 编制说明 reports
	{file: "wps-risesoft-specimen.docx", title: "×××关于××××××××××的通告", recipient: "主送机关：",
		outline: []string{
			"段首:一、第一层级标题。", "  标题:（一）第二层级标题", "    标题:1.第三层级标题", "      标题:（1）第四层级标题",
			"      标题:（2）第四层级标题", "    标题:2.第三层级标题", "  标题:（二）第二层级标题", "段首:二、第一层级标题。",
			"段首:三、第一层级标题。", "段首:四、第一层级标题。", "  标题:（一）第二层级标题", "    标题:1.第三层级标题",
			"      标题:（1）第四层级标题", "      标题:（2）第四层级标题", "    标题:2.第三层级标题", "  标题:（二）第二层级标题",
			"段首:五、第一层级标题。", "段首:六、第一层级标题。"},
		head: &headWant{"notice", "发文机关", "机关代字〔20××〕×号", "发文机关署名（比日期长）"}},
	{file: "wps-risesoft-hongtou-template.docx", outline: []string{},
		head: &headWant{"notice", "XX市XXXX有限公司", "XXXX发〔    〕  号", ""}},
	plain("wps-jflow-beian-tongzhishu.docx", "有期徒刑罪犯提请${jxhjs} 有期徒刑罪犯提请${jxhjs}", "", []string{}),
	plain("wps-jflow-gongshi-baogao.docx", "（监狱红头文）${jy}关于罪犯减刑公示情况的报告", "", []string{}),
	plain("wps-jflow-jiancha-yijianshu.docx", "罪犯减刑征求检察机关意见书", "", nil),
	plain("wps-jflow-jianxing-jianyishu.docx", "黑龙江省${jymc}报 请 减 刑 建 议 书", "", []string{}),
	plain("wps-jflow-shouli-tongzhishu.docx", "受理通知书(存根) 受理通知书", "", []string{}),
	plain("wps-jflow-tongbaoshu.docx", "涉黑罪犯${xm}提请减刑情况通报书", "", []string{}),
	plain("wps-jflow-zhengqiu-yijianshu.docx", "三类罪犯减刑征求检察机关意见书", "", nil),
	plain("word-ccflow-hongtou.docx", "济南驰骋信息技术有限公司公文", "", []string{}),
	plain("wps-npc-decision.docx", "全国人民代表大会常务委员会关于授权国务院在中国（新疆）自由贸易试验区暂时调整适用《中华人民共和国种子法》有关规定的决定", "", nil),
	// laws: 章, 节 and 条 are text (a 公文 has no such headings); the items of
	// an article are checked as text, not as an outline
	plain("wps-npc-law-deputies.docx", "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法", "", nil),
	plain("wps-npc-law-supervision.docx", "中华人民共和国监察法", "", nil),
	plain("wps-npc-law-criminal-code.docx", "中华人民共和国刑法", "", nil),
	plain("wps-chatchat-bianzhi-p1.docx", "NB/T XXXX－20YY核电厂定期安全评价 第1部分：通用要求编制说明", "", []string{
		"标题:一、任务来源及计划要求", "标题:二、编制过程", "  标题:（一）征求意见稿", "  标题:（二）送审稿", "  标题:（三）报批稿",
		"标题:三、调研和分析工作的情况", "标题:四、主要技术内容的说明", "  标题:（一）引入差异项定义",
		"  标题:（二）确定PSR评价范围时，可以选定评价重点，此外，还可设置个性化的评价专项", "  段首:（三）用“评价依据”取代“安全基准”。",
		"  标题:（四）修订版中给出了确定PSR所依据的现行安全标准和实践的方法和原则", "  标题:（五）增加一条内容“确定工作模式”",
		"  标题:（六）增加一条“组建PSR技术团队“", "  标题:（七）将原标准中的“5.2.1 组织准备”扩展为“建立PSR项目管理体系”",
		"  标题:（八）修订版中增加了关于PSR大纲内容的描述", "  标题:（九）增加一条内容“要素/专项评价方法”",
		"  标题:（十）增加一条内容“差异项分析及处置”", "  标题:（十一）对“要素/专项报告”相关的内容进行扩展",
		"  标题:（十二）增加一条内容“要素/专项之间的支持与配合”", "  标题:（十三）对总体评价部分的内容进行了调整",
		"  标题:（十四）增加一条内容“过程管理”", "  标题:（十五）增加一章内容“定期安全评价后工作”",
		"标题:五、与现行法律、标准的关系", "标题:六、实施标准的要求和措施的建议", "标题:七、参考资料", "标题:八、其他需要说明的问题"}),
	plain("wps-chatchat-bianzhi-p6.docx", "NB/T 20442.6－2017核电厂定期安全评价指南第6部分：构筑物、系统和设备的实际状态编制说明", "", []string{
		"标题:一、任务来源及计划要求", "标题:二、编制过程", "  标题:（一）征求意见稿", "  标题:（二）送审稿", "  标题:（三）报批稿", "标题:三、调研和分析工作的情况", "标题:四、主要技术内容的说明", "  段首:（一）删除“评价目的”章节中的“另外，本评价还应确认已有适当书面文件记录构筑物、系统和设备的状态”描述。", "  标题:（二）删除厂内外可用支持设施的评价内容", "  标题:（三）细化评价方法", "  标题:（四）“试验审查”改成“试验和监督评价”", "  标题:（五）增加评价内容和评价输出", "  标题:（六）修改现场检查的描述", "  标题:（七）引入差异项定义", "  标题:（八）增加一条内容“差异项分析及处置”", "  标题:（九）增加附录", "标题:五、与现行法律、标准的关系", "标题:六、实施标准的要求和措施的建议", "标题:七、参考资料", "标题:八、其他需要说明的问题"}),
	plain("wps-chatchat-bianzhi-p7.docx", "NB/T 20442.7－2017核电厂定期安全审查指南第7部分：经验反馈编制说明", "", []string{
		"标题:一、任务来源及计划要求", "标题:二、编制过程", "  标题:（一）征求意见稿", "  标题:（二）送审稿", "  标题:（三）报批稿", "标题:三、调研和分析工作的情况", "标题:四、主要技术内容的说明", "  标题:（一）将“审查”统一修订为“评价”", "  标题:（二）引入差异项定义", "  标题:（三）增加了术语定义", "  标题:（四）修改审查目的", "  段首:（五）将“审查输入”修改为“评价要求”，用“评价依据”取代“基准文件”。", "  段首:（六）补充了评价范围，增加事件及其纠正行动评价相关内容。", "  段首:（七）修改评价范围，修改经验反馈体系审查架构，将体系审查分为法规符合性评价、体系建设情况评价和体系运作情况评价三个方面。", "  段首:（八）细化评价方法。", "  段首:（九）增加 “差异项分析及处置” 内容。", "  段首:（十）修订评价流程。", "  段首:（十一）补充了“评价输出”。", "标题:五、与现行法律、标准的关系", "标题:六、实施标准的要求和措施的建议", "标题:七、参考资料", "标题:八、其他需要说明的问题"}),
	plain("wps-chatchat-bianzhi-p12.docx", "NB/T XXXX－20YY核电厂定期安全评价 第12部分：设计编制说明", "", []string{
		"标题:一、任务来源及计划要求", "标题:二、编制过程", "  标题:（一）征求意见稿", "标题:三、调研和分析工作的情况",
		"标题:四、主要技术内容的说明", "  段首:（一）见“审查”修订为“评价”。", "  标题:（二）引入差异项定义",
		"  标题:（三）新增部分“评价要点”", "  标题:（四）用“评价依据”取代“基准文件”", "  标题:（五）“其他安全要素的评价反馈”内容修订",
		"  标题:（六）“评价方法”结构和内容修订", "  标题:（七）修订原“6.5 安全分析和风险评价”为“6.3.3 差异项分析和处理”",
		"标题:五、与现行法律、标准的关系", "标题:六、实施标准的要求和措施的建议", "标题:七、参考资料", "标题:八、其他需要说明的问题"}),
	// Word 97–2003 and WPS binary files (.doc, .wps), read through the piece
	// table; their source text is LibreOffice's reading, saved in ref/. The
	// activity guide's nested list (1. under 1., each in a list of its own) is
	// read as siblings, indentation not being read: its outline is not checked;
	// the 报名推荐表 is a form, a table alone.
	plain("bin-ccbpm-tongzhi.doc", "XXXX银行关于××××××的通知", "各部（室）、支行：", []string{}),
	plain("bin-ccbpm-baogao.doc", "XXXX银行关于××××××的报告", "各部（室）、支行：", []string{}),
	plain("bin-ccbpm-qingshi.doc", "xxxx银行关于××××××的请示", "省农信联社xx办事处：", []string{}),
	plain("bin-ccbpm-jianxing.wps", "黑龙江省${jymc}报 请 减 刑 建 议 书", "", []string{}),
	plain("bin-pageoffice-gongwen.doc", "", "", []string{"段首:一、通知、通报等下行公文起草校对完毕后，填写《发文签批单》由部门负责人填写审核意见并签字后，提请相关部门领导会签后报送总经办，由总经办提交总经理会签，最后根据领导签发意见进行发布，并负责文件的登记、编号。", "段首:二、对于规章制度等重要文件的发布，由总经办先提交公司经营班子成员审核征求意见，并根据审核意见修正，提交总经理办公会上通过后，填写《发文签批单》进行各部门会签后，提请总经理审批后发布。"}),
	plain("bin-pageoffice-tongzhi.doc", "关于落实《管理人员安全生产责任制》的通 知", "各项目经理部：", []string{}),
	plain("bin-pageoffice-zhengmingxin.doc", "证明信", "某某单位：", []string{}),
	plain("bin-wps2md-sample.doc", "春季露营活动指南", "", nil),
	plain("bin-wps2md-sample.wps", "春季露营活动指南", "", nil),
	plain("bin-chunan-tongzhi.doc", "中共浙江省淳安县委组织部关于开展专业岗位领导干部遴选工作的通知", "各乡镇党委，县属各单位党组织：", []string{"标题:一、遴选职位", "标题:二、遴选范围", "标题:三、人选条件", "标题:四、遴选程序", "  段首:（一）公开报名。", "  段首:（二）组织筛选。", "  段首:（三）面谈比选。", "  段首:（四）综合考察。", "  段首:（五）选拔任用。"}),
	plain("bin-chunan-baomingbiao.doc", "", "", nil),
	plain("bin-chunan-zhiwei.doc", "淳安县规划和自然资源局总规划师职位说明书", "", []string{"标题:一、工作项目", "标题:二、工作概述", "标题:三、所需知识能力及相关资格条件"}),
	plain("syn-textbox-header.docx", "关于开展2024年统计执法检查的通知", "各旗县区统计局：",
		[]string{"标题:一、检查范围", "  段首:（一）工业企业重点核对产值、能耗指标。", "  段首:（二）服务业企业重点核对营业收入指标。", "标题:二、工作要求"}),
	plain("syn-numbering-table.docx", "安宁旗统计局2023年统计工作总结", "",
		[]string{"标题:一、主要指标", "  标题:（一）工业生产", "    表:主要产品产量表||类别|产品|产量|能源|原煤|120||发电量|35|合计（万吨标准煤）||155", "  标题:（二）服务业", "标题:二、存在问题"}),
	plain("syn-wps-outline-toc.docx", "和林县2024年统计数据质量提升工作方案", "",
		[]string{"标题:一、总体要求", "标题:二、主要任务", "  段首:（一）健全数据质量管控机制。", "  段首:（二）加强统计执法检查。"}),
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
	var total, kept, totalChars, keptChars, structOK int
	for _, c := range corpusCases {
		t.Run(c.file, func(t *testing.T) {
			data, ok := files[c.file]
			if !ok {
				var err error
				if data, err = os.ReadFile(filepath.Join("testdata", "corpus", c.file)); err != nil {
					t.Fatal(err)
				}
			}
			r, err := File(c.file, data, Options{Source: c.file})
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
			// in the order the PDF writes its lines: a cell's lines together, where
			// the reading order above interleaves the lines of a row's cells
			raw, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			rawText := squeeze(string(raw))
			for _, n := range footnoteRE.FindAllString(printedText, -1) {
				t.Logf("footnote kept where it stands: %s", n)
			}
			printedText = footnoteRE.ReplaceAllString(printedText, "")
			// a binary file's text as LibreOffice reads it, saved as a DOCX in ref/
			source := data
			if !bytes.HasPrefix(data, []byte("PK")) {
				if source, err = os.ReadFile(filepath.Join("testdata", "corpus", "ref", c.file+".docx")); err != nil {
					t.Fatal(err)
				}
			}
			paras, cells := sourceParagraphs(t, source)
			notes := squeeze(strings.Join(r.Notes, "\n"))
			// a 信函's 标志 is drawn as shapes, which pdftotext cannot read: it is
			// checked in the 版头 instead
			shapes := map[string]bool{}
			if p, err := layout.Load(doc.Layout); err != nil {
				t.Fatal(err)
			} else if p.Header.MarkOutlines {
				shapes[squeeze(strings.Join(doc.Header.Issuers, ""))] = true
			}
			at, found, chars := 0, 0, 0
			for _, p := range paras {
				n := utf8.RuneCountInString(p)
				totalChars += n
				switch i := strings.Index(printedText[at:], p); {
				case shapes[p]:
					found++
					chars += n
					delete(shapes, p)
				case slices.Contains(c.moved, p) && strings.Contains(printedText, p):
					found++ // printed elsewhere: a note names it, or what moved it
					chars += n
				case i >= 0:
					at += i + len(p)
					found++
					chars += n
				case strings.Contains(notes, p):
					t.Logf("left out or changed, as a note says: %q", p)
				case strings.Contains(printedText, p):
					t.Errorf("out of order: %q", p)
				default:
					t.Errorf("missing: %q", p)
				}
			}
			// a table's cells are printed in its grid, which pdftotext reads in an
			// order of its own: each cell must be there
			for _, c := range cells {
				n := utf8.RuneCountInString(c)
				totalChars += n
				if strings.Contains(printedText, c) || inPieces(rawText, c, 4) {
					found++
					chars += n
				} else {
					t.Errorf("missing cell: %q", c)
				}
			}
			total += len(paras) + len(cells)
			kept += found
			keptChars += chars
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
			// import's own placeholders are never printed; a template's blanks are
			// its text, printed as they are and reported by gongwen check
			for _, p := range lint.Placeholders(doc) {
				if strings.HasPrefix(p, "（请填写") {
					t.Errorf("import's placeholder printed: %q", p)
				}
			}
			if h := c.head; h != nil {
				got := headWant{doc.Layout, strings.Join(doc.Header.Issuers, "|"), doc.Header.Number,
					strings.Join(append([]string{doc.Author}, doc.Authors...), "|")}
				if got != *h {
					ok = false
					t.Errorf("版头 and 署名 %+v, want %+v", got, *h)
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
	t.Logf("corpus: %d files, %d of %d source paragraphs and cells (%d of %d characters) in the PDF in order, structure right in %d",
		len(corpusCases), kept, total, keptChars, totalChars, structOK)
	if float64(keptChars) < 0.99*float64(totalChars) || float64(kept) < 0.99*float64(total) {
		t.Errorf("less than 99%% of the corpus's text printed")
	}
}

// inPieces reports whether c is in s whole, or cut in up to n pieces that stand
// in order: a cell of a row cut at a page's end goes on over the next page.
func inPieces(s, c string, n int) bool {
	if strings.Contains(s, c) {
		return true
	}
	if n <= 1 {
		return false
	}
	rs := []rune(c)
	for k := len(rs) - 1; k >= 4; k-- {
		if i := strings.Index(s, string(rs[:k])); i >= 0 {
			return inPieces(s[i+len(string(rs[:k])):], string(rs[k:]), n-1)
		}
	}
	return false
}

// footnoteRE is a footnote the importer put where it is referenced.
var footnoteRE = regexp.MustCompile(`（注：[^）]*）`)

// folio is a page number line as pdftotext writes it: — 1 —.
var folio = regexp.MustCompile(`(?m)^\s*[—-]\s*[0-9]+\s*[—-]\s*$`)

// squeeze drops white space and reads half-width brackets as full-width ones
// (a 附注 is set in 全角圆括号, §7.3.6); typed heading numbers are not compared:
// the program renumbers.
func squeeze(s string) string {
	return strings.NewReplacer("(", "（", ")", "）").Replace(strings.Join(strings.Fields(s), ""))
}

var (
	fallbackRE = regexp.MustCompile(`(?s)<mc:Fallback>.*?</mc:Fallback>`)
	paraEnd    = regexp.MustCompile(`</w:p>`)
	cellRE     = regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`)
	textRE     = regexp.MustCompile(`(?s)<w:t(?: [^>]*)?>(.*?)</w:t>`)
	tocStyle   = regexp.MustCompile(`<w:pStyle w:val="(?i:toc)`)
	// a style's id and its name toc N
	tocStyleName = regexp.MustCompile(`(?s)<w:style [^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="(?i:toc) ?[0-9]"`)
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
	// a table of contents: paragraphs in a style named toc N (WPS numbers its
	// style ids, so the names are read from styles.xml)
	toc := tocStyle
	if styles, err := readPart(zr, "word/styles.xml"); err == nil {
		var ids []string
		for _, m := range tocStyleName.FindAllStringSubmatch(string(styles), -1) {
			ids = append(ids, regexp.QuoteMeta(m[1]))
		}
		if len(ids) > 0 {
			toc = regexp.MustCompile(`<w:pStyle w:val="(?:(?i:toc)|(?:` + strings.Join(ids, "|") + `)")`)
		}
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
		if s := text(chunk); s != "" && !toc.MatchString(chunk) && !isContentsHeading(s) {
			paras = append(paras, s)
		}
	}
	return paras, cells
}

func xmlUnescape(s string) string {
	s = charRef.ReplaceAllStringFunc(s, func(ref string) string {
		n, err := strconv.ParseInt(strings.Trim(ref, "&#x;"), map[bool]int{true: 16, false: 10}[strings.HasPrefix(ref, "&#x")], 32)
		if err != nil {
			return ref
		}
		return string(rune(n))
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&apos;", "'", "&amp;", "&").Replace(s)
}

var charRef = regexp.MustCompile(`&#x?[0-9a-fA-F]+;`)
