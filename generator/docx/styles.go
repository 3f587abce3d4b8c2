package docx

import (
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// Style ids. Body and title are Word's built-in Normal and Title, which Chinese Word and
// WPS show as 正文 and 标题; the others are our own, with Chinese names. The ids avoid
// the built-in ids (Heading1, Signature, PageNumber …) so no application mistakes them
// for its own styles with other defaults.
const (
	styleBody      = "Normal"
	styleTitle     = "Title"
	styleRecipient = "Recipient"
	styleSignature = "SignatureDate"
	stylePageNum   = "PageNumberLine"
	styleTable     = "TableText"
	// tables (spec §9)
	styleTableHeader = "TableHeaderText"
	styleTableTitle  = "TableTitle"
	styleTableUnit   = "TableUnit"
	styleTableLabel  = "AppendixLabel"
	// 版头, 附件, 出席, 版记 (spec §5–§7, §12)
	styleHeaderLine  = "HeaderLine"
	styleMark        = "IssuerMark"
	styleAttachList  = "AttachmentList"
	styleAttendance  = "AttendanceList"
	styleAttachLabel = "AttachmentLabel"
	styleAttachTitle = "AttachmentTitle"
	styleImprint     = "ImprintText"
)

var levelNames = [...]string{"一级标题", "二级标题", "三级标题", "四级标题"}

// styleHeading is the paragraph style of a standalone heading of a level (1–4).
func styleHeading(level int) string { return "Level" + itoa(level) }

// styleHeadingChar is the character style linked to it: the font of the heading's
// number and text, used for the run-in heading at the start of a paragraph.
func styleHeadingChar(level int) string { return "Level" + itoa(level) + "Char" }

// styleRunIn is the paragraph style of a body paragraph that opens with a run-in
// heading: the body's look, plus the heading's outline level so that the navigation
// pane and a table of contents list the paragraph. Its text stays in the body font.
func styleRunIn(level int) string { return "Level" + itoa(level) + "RunIn" }

// clampLevel keeps a heading level within the four levels of §7.3.3.
func clampLevel(level int) int {
	switch {
	case level < 1:
		return 1
	case level > 4:
		return 4
	}
	return level
}

// cjkSwitches set hanging punctuation as the preset says (w:overflowPunct; see
// docs/docx.md for why the default writes 1) and turn off the automatic space between
// Chinese and Latin text or digits (it would break the 28-character line). 禁则
// (w:kinsoku) is on by default and stays on.
func cjkSwitches(overflow bool) string {
	v := "0"
	if overflow {
		v = "1"
	}
	return `<w:overflowPunct w:val="` + v + `"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`
}

// paraFmt is the paragraph part of a style.
type paraFmt struct {
	keepNext      bool
	widowControl  bool
	cjk           bool // w:overflowPunct as overflow says, no automatic CJK/Latin spacing
	overflow      bool
	snapOff       bool // w:snapToGrid off: not laid on the document grid
	before, after int  // twips
	line          int  // twips; 0: leave the spacing unset
	exact         bool // line is exact (else auto, in 240ths of a line)
	indent        bool // write w:ind
	firstLine     int  // twips
	firstChars    int  // hundredths of a character
	align         string
	outline       int // 0: none; else outline level + 1
}

func (f paraFmt) xml() string {
	var b strings.Builder
	b.WriteString(`<w:pPr>`)
	if f.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if f.widowControl {
		b.WriteString(`<w:widowControl/>`)
	}
	if f.cjk {
		b.WriteString(cjkSwitches(f.overflow))
	}
	if f.snapOff {
		b.WriteString(`<w:snapToGrid w:val="0"/>`)
	}
	if f.before != 0 || f.after != 0 || f.line != 0 {
		b.WriteString(`<w:spacing w:before="` + itoa(f.before) + `" w:after="` + itoa(f.after) + `"`)
		if f.line != 0 {
			rule := "auto"
			if f.exact {
				rule = "exact"
			}
			b.WriteString(` w:line="` + itoa(f.line) + `" w:lineRule="` + rule + `"`)
		}
		b.WriteString(`/>`)
	}
	if f.indent {
		// Word reads firstLineChars (indent in characters, it follows the font size);
		// applications that do not know it fall back to firstLine.
		b.WriteString(`<w:ind w:firstLine="` + itoa(f.firstLine) + `" w:firstLineChars="` + itoa(f.firstChars) + `"/>`)
	}
	if f.align != "" {
		b.WriteString(`<w:jc w:val="` + f.align + `"/>`)
	}
	if f.outline > 0 {
		b.WriteString(`<w:outlineLvl w:val="` + itoa(f.outline-1) + `"/>`)
	}
	b.WriteString(`</w:pPr>`)
	return b.String()
}

// runFmt is the run part of a style.
type runFmt struct {
	font    layout.FontRole
	bold    bool
	spacing int  // character spacing, twips
	setSp   bool // write spacing even when 0 (to undo an inherited value)
	size    layout.Pt
	color   string // RRGGBB, or ""
	lang    bool   // w:lang (document defaults only)
}

func (f runFmt) xml() string {
	var b strings.Builder
	b.WriteString(`<w:rPr>`)
	b.WriteString(rFonts(f.font, false))
	if f.bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if f.color != "" {
		b.WriteString(`<w:color w:val="` + f.color + `"/>`)
	}
	if f.spacing != 0 || f.setSp {
		b.WriteString(`<w:spacing w:val="` + itoa(f.spacing) + `"/>`)
	}
	if f.size > 0 {
		hp := itoa(halfPoints(f.size))
		b.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/>`)
	}
	if f.lang {
		b.WriteString(`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`)
	}
	b.WriteString(`</w:rPr>`)
	return b.String()
}

// style is one w:style.
type style struct {
	kind, id, name      string
	isDefault           bool
	basedOn, next, link string
	priority            int
	qFormat, semiHidden bool
	pPr, rPr            string
}

func (s style) xml() string {
	var b strings.Builder
	b.WriteString(`<w:style w:type="` + s.kind + `"`)
	if s.isDefault {
		b.WriteString(` w:default="1"`)
	}
	b.WriteString(` w:styleId="` + s.id + `"><w:name w:val="` + esc(s.name) + `"/>`)
	if s.basedOn != "" {
		b.WriteString(`<w:basedOn w:val="` + s.basedOn + `"/>`)
	}
	if s.next != "" {
		b.WriteString(`<w:next w:val="` + s.next + `"/>`)
	}
	if s.link != "" {
		b.WriteString(`<w:link w:val="` + s.link + `"/>`)
	}
	if s.priority > 0 {
		b.WriteString(`<w:uiPriority w:val="` + itoa(s.priority) + `"/>`)
	}
	if s.semiHidden {
		b.WriteString(`<w:semiHidden/><w:unhideWhenUsed/>`)
	}
	if s.qFormat {
		b.WriteString(`<w:qFormat/>`)
	}
	b.WriteString(s.pPr)
	b.WriteString(s.rPr)
	b.WriteString(`</w:style>`)
	return b.String()
}

// jc maps a preset alignment to w:jc.
func jc(a layout.Align) string {
	switch a {
	case layout.Center:
		return "center"
	case layout.Right:
		return "right"
	case layout.Both:
		return "both"
	default:
		return "left"
	}
}

// elementPara is the paragraph format of a preset element style: exact line spacing
// (the element's pitch, else the grid's), blank grid lines before and after, the
// first-line indent in characters and the alignment.
func (w *writer) elementPara(s layout.Style) paraFmt {
	pitch := w.p.Docx.LinePitchTw
	if s.LinePitch > 0 {
		pitch = twips(s.LinePitch)
	}
	return paraFmt{
		before:     s.LinesBefore * w.p.Docx.LinePitchTw,
		after:      s.LinesAfter * w.p.Docx.LinePitchTw,
		line:       pitch,
		exact:      true,
		indent:     true,
		firstLine:  twips(layout.Pt(s.IndentChars) * s.Size),
		firstChars: int(s.IndentChars*100 + 0.5),
		align:      jc(s.Align),
	}
}

// elementRun is the run format of a preset element style. grid: the text sits on the
// body's 28-character grid and takes the preset's character spacing; other text (title,
// page number, tables) has its natural width, written as 0 so the body's tightening is
// not inherited.
func (w *writer) elementRun(role layout.Role, size layout.Pt, bold, grid bool) runFmt {
	f := runFmt{font: w.p.Fonts[role], bold: bold, size: size, setSp: true}
	if grid {
		f.spacing = w.p.Docx.CharSpacingTw
	}
	return f
}

// stylesXML writes word/styles.xml: document defaults and every style, all sizes and
// fonts from the preset.
func (w *writer) stylesXML() []byte {
	p := w.p
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `">`)

	// Defaults: the body font and the CJK switches. LibreOffice ignores paragraph
	// defaults here, so the switches are repeated in Normal and in 页码.
	b.WriteString(`<w:docDefaults><w:rPrDefault>`)
	b.WriteString(runFmt{font: p.Fonts[p.Body.Role], size: p.Body.Size, lang: true}.xml())
	b.WriteString(`</w:rPrDefault><w:pPrDefault>`)
	b.WriteString(paraFmt{widowControl: true, cjk: true, overflow: p.Docx.OverflowPunct}.xml())
	b.WriteString(`</w:pPrDefault></w:docDefaults>`)

	body := w.elementPara(p.Body)
	body.widowControl = true
	body.cjk, body.overflow = true, p.Docx.OverflowPunct
	body.snapOff = !w.charGrid()
	styles := []style{
		{kind: "paragraph", id: styleBody, name: "Normal", isDefault: true, next: styleBody, qFormat: true,
			pPr: body.xml(), rPr: w.elementRun(p.Body.Role, p.Body.Size, p.Body.Bold, true).xml()},
		{kind: "character", id: "DefaultParagraphFont", name: "Default Paragraph Font", isDefault: true,
			priority: 1, semiHidden: true},
		{kind: "table", id: "TableNormal", name: "Normal Table", isDefault: true, priority: 99, semiHidden: true},
		{kind: "paragraph", id: styleTitle, name: "Title", basedOn: styleBody, next: styleBody, priority: 10, qFormat: true,
			pPr: w.elementPara(p.Title).xml(), rPr: w.elementRun(p.Title.Role, p.Title.Size, p.Title.Bold, false).xml()},
		{kind: "paragraph", id: styleRecipient, name: "主送机关", basedOn: styleBody, next: styleBody, priority: 11, qFormat: true,
			pPr: w.elementPara(p.Recipient).xml(), rPr: w.elementRun(p.Recipient.Role, p.Recipient.Size, p.Recipient.Bold, true).xml()},
	}
	for level := 1; level <= 4; level++ {
		h := p.Heading(level)
		hp := w.elementPara(h)
		hp.keepNext = true
		hp.outline = level
		run := w.elementRun(h.Role, h.Size, h.Bold, true)
		styles = append(styles,
			style{kind: "paragraph", id: styleHeading(level), name: levelNames[level-1], basedOn: styleBody,
				next: styleBody, link: styleHeadingChar(level), priority: 11 + level, qFormat: true,
				pPr: hp.xml(), rPr: run.xml()},
			style{kind: "character", id: styleHeadingChar(level), name: levelNames[level-1] + " 字符",
				basedOn: "DefaultParagraphFont", link: styleHeading(level), priority: 11 + level,
				rPr: run.xml()},
			style{kind: "paragraph", id: styleRunIn(level), name: "正文（段首" + levelNames[level-1] + "）",
				basedOn: styleBody, next: styleBody, priority: 16,
				pPr: paraFmt{outline: level}.xml()},
		)
	}
	sig := w.elementPara(layout.Style{Size: p.Signature.Size, Align: layout.Right})
	styles = append(styles,
		style{kind: "paragraph", id: styleSignature, name: "署名日期", basedOn: styleBody, next: styleSignature,
			priority: 20, qFormat: true,
			pPr: sig.xml(), rPr: w.elementRun(p.Signature.Role, p.Signature.Size, false, true).xml()},
		// Page numbers sit in the footer, off the document grid, one line of their own size.
		style{kind: "paragraph", id: stylePageNum, name: "页码", priority: 21,
			pPr: paraFmt{widowControl: true, cjk: true, snapOff: true, line: twips(p.PageNumber.Size), exact: true, indent: true}.xml(),
			rPr: w.elementRun(p.PageNumber.Role, p.PageNumber.Size, false, false).xml()},
	)
	styles = append(styles, w.tableStyles()...)
	styles = append(styles, w.elementStyles()...)
	for _, s := range styles {
		b.WriteString(s.xml())
	}
	b.WriteString(`</w:styles>`)
	return []byte(b.String())
}

// charGrid reports whether the preset asks for Word's character grid, which only
// paragraphs that snap to the grid follow. With a line grid only ("lines"), the body
// styles do not snap: their exact line spacing already equals the grid pitch in Word,
// and LibreOffice, which centres snapped lines in the grid cell by the fonts' ascent and
// descent, would otherwise move a line with a 楷体 lead or Latin digits by 1–2 pt.
func (w *writer) charGrid() bool {
	return w.p.Docx.GridType == "linesAndChars" || w.p.Docx.GridType == "snapToChars"
}

// headingRole is the font role of a section's heading level.
func (w *writer) headingRole(s *model.Section) layout.Role {
	return w.p.Heading(clampLevel(s.Level)).Role
}

// tableStyles are the styles of tables (spec §9). Cells: the table role and size with
// the table's own exact line pitch, no first-line indent, off the grid, so the body's
// 28.95 pt pitch never balloons the rows; the header in the header role, centred.
// Around the table, on the body grid (the 正文 pitch): the 附表 label flush left with
// a blank line after it, the title centred and the unit line right-aligned, each
// kept with what follows. Text at the body size takes the grid's character spacing,
// as in the PDF, where it sits on the 28-character grid.
func (w *writer) tableStyles() []style {
	p, st := w.p, w.p.Table
	grid := func(size layout.Pt) bool { return size == p.Body.Size }
	cell := paraFmt{snapOff: true, line: twips(st.LinePitch), exact: true, indent: true, align: "left"}
	header := paraFmt{align: "center"}
	label := paraFmt{keepNext: true, after: p.Docx.LinePitchTw, indent: true, align: "left"}
	title := paraFmt{keepNext: true, indent: true, align: "center"}
	unit := paraFmt{keepNext: true, indent: true, align: "right"}
	return []style{
		{kind: "paragraph", id: styleTable, name: "表格文字", basedOn: styleBody, next: styleTable, priority: 22, qFormat: true,
			pPr: cell.xml(), rPr: w.elementRun(st.Role, st.Size, false, false).xml()},
		{kind: "paragraph", id: styleTableHeader, name: "表头文字", basedOn: styleTable, next: styleTable, priority: 23, qFormat: true,
			pPr: header.xml(), rPr: w.elementRun(st.HeaderRole, st.Size, false, false).xml()},
		{kind: "paragraph", id: styleTableLabel, name: "附表标识", basedOn: styleBody, next: styleTableTitle, priority: 24, qFormat: true,
			pPr: label.xml(), rPr: w.elementRun(st.LabelRole, p.Body.Size, false, grid(p.Body.Size)).xml()},
		{kind: "paragraph", id: styleTableTitle, name: "表题", basedOn: styleBody, next: styleBody, priority: 25, qFormat: true,
			pPr: title.xml(), rPr: w.elementRun(st.TitleRole, st.TitleSize, false, grid(st.TitleSize)).xml()},
		{kind: "paragraph", id: styleTableUnit, name: "表格单位", basedOn: styleBody, next: styleBody, priority: 26, qFormat: true,
			pPr: unit.xml(), rPr: w.elementRun(st.Role, st.UnitSize, false, grid(st.UnitSize)).xml()},
	}
}

// elementStyles are the styles of the 公文's other elements (spec §5–§7, §12):
//
//   - 版头: the 份号, 密级, 紧急程度, 发文字号 and 签发人 lines, 顶格 on the body grid;
//   - 发文机关标志: red, centred, the mark role at the 标志's size, on an exact line of
//     markLead × its size, so its top edge is the paragraph's top;
//   - 附件说明 and 出席人员: body text, their hanging indents set on each paragraph;
//   - 附件标识 ("附件1", 顶格, the label role) with the blank lines to the title's line
//     after it, and 附件标题 (centred, the title role and size) with one after it;
//   - 版记: 4号 in the imprint role, on the body's line pitch, off the 28-character grid.
func (w *writer) elementStyles() []style {
	p := w.p
	flush := paraFmt{indent: true, align: "left"}
	markSize := p.Header.MarkSize
	if w.hdr.markSize > 0 {
		markSize = w.hdr.markSize
	}
	mark := paraFmt{keepNext: true, line: twips(markSize * markLead), exact: true, indent: true, align: "center"}
	markRun := w.elementRun(p.Header.MarkRole, markSize, false, false)
	markRun.color = color(p.Ink.RedRGB)
	at := p.Attachments
	label := paraFmt{keepNext: true, after: max(at.TitleSlot-2, 0) * p.Docx.LinePitchTw, indent: true, align: "left"}
	title := paraFmt{keepNext: true, after: p.Docx.LinePitchTw, line: p.Docx.LinePitchTw, exact: true, indent: true, align: "center"}
	imprint := paraFmt{indent: true, align: "both"}
	return []style{
		{kind: "paragraph", id: styleHeaderLine, name: "版头", basedOn: styleBody, next: styleBody, priority: 27, qFormat: true,
			pPr: flush.xml()},
		{kind: "paragraph", id: styleMark, name: "发文机关标志", basedOn: styleBody, next: styleBody, priority: 28, qFormat: true,
			pPr: mark.xml(), rPr: markRun.xml()},
		{kind: "paragraph", id: styleAttachList, name: "附件说明", basedOn: styleBody, next: styleBody, priority: 29, qFormat: true},
		{kind: "paragraph", id: styleAttendance, name: "出席人员", basedOn: styleBody, next: styleBody, priority: 30, qFormat: true},
		{kind: "paragraph", id: styleAttachLabel, name: "附件标识", basedOn: styleBody, next: styleAttachTitle, priority: 31, qFormat: true,
			pPr: label.xml(), rPr: w.elementRun(at.LabelRole, p.Body.Size, false, true).xml()},
		{kind: "paragraph", id: styleAttachTitle, name: "附件标题", basedOn: styleBody, next: styleBody, priority: 32, qFormat: true,
			pPr: title.xml(), rPr: w.elementRun(at.TitleRole, at.TitleSize, false, false).xml()},
		{kind: "paragraph", id: styleImprint, name: "版记", basedOn: styleBody, next: styleImprint, priority: 33, qFormat: true,
			pPr: imprint.xml(), rPr: w.elementRun(p.Imprint.Role, p.Imprint.Size, false, false).xml()},
	}
}
