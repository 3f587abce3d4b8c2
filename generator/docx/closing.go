package docx

import (
	"fmt"
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// hangingPPr is the indent of a paragraph whose wrapped lines align after a label:
// the label starts indent twips in, the text after it at indent + label, where a tab
// stop takes it when tab is set (so the first text character and the wrapped lines
// align exactly, whatever the label's real width; a label of full-width characters
// only is exact and needs none: LibreOffice skips a tab stop that the label ends on). chars gives the hanging indent in characters too,
// which Word prefers to twips.
func hangingPPr(keep bool, before, indent, label int, chars float64, tab bool) string {
	left := indent + label
	s := ""
	if keep {
		s = `<w:keepNext/>`
	}
	if tab {
		s += `<w:tabs><w:tab w:val="left" w:pos="` + itoa(left) + `"/></w:tabs>`
	}
	if before > 0 {
		s += `<w:spacing w:before="` + itoa(before) + `"/>`
	}
	return s + `<w:ind w:left="` + itoa(left) + `" w:hangingChars="` + itoa(int(chars*100+0.5)) + `" w:hanging="` + itoa(label) + `"/>`
}

// attachmentList writes the 附件说明 (§7.3.4): after a blank line, 左空二字 "附件：" and
// the names; several are numbered 1. 2. and aligned, wrapped names aligned with their
// first character, as the PDF sets them. keepLast keeps the list with the 署名.
func (w *writer) attachmentList(b *strings.Builder, keepLast bool) error {
	doc, st := w.doc, w.p.Body
	cell := w.p.CharPitch()
	indent := twips(layout.Pt(st.IndentChars) * cell)
	n := len(doc.Attachments)
	for i, a := range doc.Attachments {
		if err := checkText(a.Title, a.Pos); err != nil {
			return err
		}
		num := ""
		if n > 1 {
			num = fmt.Sprintf("%d.", i+1)
		}
		// "附件：" three cells, the number its digits at half a cell
		in, label := indent+twips(3*cell), num
		if i == 0 {
			in, label = indent, "附件："+num
		}
		chars := gridChars(label)
		before := 0
		if i == 0 {
			before, w.gap = w.p.Docx.LinePitchTw+w.gap, 0
		}
		// Numbered names follow a tab to the hanging indent, so they align whatever the
		// number's rendered width. A lone "附件：" is three full-width cells: the name
		// follows it directly, since LibreOffice skips a tab stop the text ends on and
		// left a gap of several characters there.
		sep := ""
		if num != "" {
			sep = "\t"
		}
		pPr := hangingPPr(i < n-1 || keepLast, before, in, twips(layout.Pt(chars)*cell), chars, num != "")
		w.paragraph(b, styleAttachList, pPr, run{role: st.Role, text: label + sep + a.Title})
	}
	return nil
}

// attendance writes a 纪要's 出席、请假、列席 (§10.3): after a blank line, 左空二字, the
// label in the attendance role (黑体) with a full-width colon, the names in the body
// font, wrapped lines aligned after the colon.
func (w *writer) attendance(b *strings.Builder, keepLast bool) error {
	doc, st := w.doc, w.p.Body
	cell := w.p.CharPitch()
	indent := twips(layout.Pt(st.IndentChars) * cell)
	type row struct {
		label string
		names []string
	}
	var rows []row
	for _, r := range []row{{"出席：", doc.Attendance.Present}, {"请假：", doc.Attendance.Absent}, {"列席：", doc.Attendance.Observers}} {
		if len(r.names) > 0 {
			rows = append(rows, r)
		}
	}
	for i, r := range rows {
		names := strings.Join(r.names, "、")
		if err := checkText(names, doc.Fields["attendance"]); err != nil {
			return err
		}
		chars := gridChars(r.label)
		before := 0
		if i == 0 {
			before, w.gap = w.p.Docx.LinePitchTw+w.gap, 0
		}
		// the label is three full-width characters: the names follow it without a tab
		pPr := hangingPPr(i < len(rows)-1 || keepLast, before, indent, twips(layout.Pt(chars)*cell), chars, false)
		w.paragraph(b, styleAttendance, pPr,
			run{role: w.p.Attendance.LabelRole, text: r.label},
			run{role: st.Role, text: names})
	}
	return nil
}

// attachments writes the 附件 that are printed (§7.3.7), each from a new page: "附件"
// (numbered when more than one is printed) 顶格 on the first line in the label role,
// the title centred on the preset's line, a blank line, then the text like the 正文.
func (w *writer) attachments(b *strings.Builder) (lastTable bool, err error) {
	for _, a := range w.doc.Attachments {
		if a.Label == "" {
			continue // listed in the 附件说明 only
		}
		st := w.p.Attachments
		w.paragraph(b, styleAttachLabel, `<w:pageBreakBefore/>`, run{role: st.LabelRole, text: a.Label})
		w.paragraph(b, styleAttachTitle, "", run{role: st.TitleRole, text: a.Title})
		if lastTable, err = w.text(b, a.Blocks(), false); err != nil {
			return false, err
		}
	}
	return lastTable, nil
}

// imprint writes the 版记 (§7.4) at the foot of the 版心 in frames (w:framePr, no text
// beside them): the 印发 line (印发机关 left, 印发日期 right by a right tab) in a frame
// aligned to the bottom of the text area, and 抄送 (wrapped names after the colon,
// ending in 。) in a frame right above it. Text is 4号 in the imprint role, 左右各空一字,
// on the body's line pitch. The rules are paragraph borders: thick above 抄送, thin
// above the 印发 line, thick under it, the frame's foot, on the 版心's bottom edge.
// Two frames, because LibreOffice turns a framed paragraph's borders into the
// frame's and drops the frame when its paragraphs' borders differ. A 信函's 版记 has
// no rules and no 印发 line. ccLines is how many lines 抄送 takes (the PDF's).
func (w *writer) imprint(b *strings.Builder, ccLines int) error {
	doc, st := w.doc, w.p.Imprint
	im := doc.Imprint
	size := st.Size
	in := twips(layout.Pt(st.Indent) * size)
	width := mmTwips(w.p.Page.BodyWidth)
	pitch := w.p.Docx.LinePitchTw
	frame := func(y int) string {
		pos := `w:yAlign="bottom"`
		if y >= 0 {
			pos = `w:y="` + itoa(y) + `"`
		}
		return `<w:framePr w:w="` + itoa(width) + `" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" w:x="0" ` + pos + `/>`
	}
	thick, thin := eighths(st.Thick.Pt()), eighths(st.Thin.Pt())
	border := func(side string, sz int) string {
		return `<w:` + side + ` w:val="single" w:sz="` + itoa(sz) + `" w:space="0" w:color="000000"/>`
	}
	printed := st.Rules && (im.Printer != "" || !im.PrintDate.IsZero())
	squeeze := 0 // twips the 印发 line's height gives up
	label := twips(layout.Pt(gridChars("抄送：")) * size)
	ind := func(hang bool) string {
		if !hang { // a continued 抄送: its lines align with the names
			return `<w:ind w:left="` + itoa(in+label) + `" w:right="` + itoa(in) + `" w:firstLine="0" w:firstLineChars="0"/>`
		}
		return `<w:ind w:left="` + itoa(in+label) + `" w:right="` + itoa(in) +
			`" w:hangingChars="` + itoa(int(gridChars("抄送：")*100)) + `" w:hanging="` + itoa(label) + `"/>`
	}
	// A 版记 longer than a page: the PDF's lines of each page before the last, as
	// a paragraph from the foot of the first page (under the thick rule) and whole
	// pages after it, each line ended by a line break so the pages break alike. The
	// PDF squeezes punctuation to fit a line, which the DOCX does not
	// (characterSpacingControl doNotCompress): its characters are set 1 pt closer, so
	// that every line of the PDF fits a line of the DOCX.
	const tight = 20
	for i, lines := range w.pages.ccPages {
		if err := checkText(strings.Join(lines, ""), doc.Fields["cc"]); err != nil {
			return err
		}
		pPr := ""
		if i > 0 {
			pPr = `<w:pageBreakBefore/>`
		}
		pPr += `<w:widowControl w:val="0"/>`
		before := (w.p.Grid.Lines - len(lines)) * pitch
		if i == 0 && st.Rules {
			pPr += `<w:pBdr>` + border("top", thick) + `</w:pBdr>`
			before -= thick * 20 / 8
		}
		pPr += `<w:spacing w:before="` + itoa(max(before, 0)) + `" w:after="0" w:line="` + itoa(pitch) + `" w:lineRule="exact"/>`
		pPr += ind(i == 0)
		w.paragraph(b, styleImprint, pPr, run{role: st.Role, text: strings.Join(lines, "\n"), tight: tight})
	}
	if len(w.pages.ccPages) > 0 { // the last page's frames anchor on a new page
		b.WriteString(`<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>` +
			`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
	}
	if len(im.CC) > 0 {
		names := "抄送：" + strings.Join(im.CC, "，")
		if !strings.HasSuffix(names, "。") {
			names += "。"
		}
		r := run{role: st.Role, text: names}
		if len(w.pages.ccPages) > 0 {
			r = run{role: st.Role, text: strings.Join(w.pages.ccLast, "\n"), tight: tight}
			names = strings.Join(w.pages.ccLast, "")
		}
		if err := checkText(names, doc.Fields["cc"]); err != nil {
			return err
		}
		y := -1
		pPr := ""
		continued := !strings.HasPrefix(names, "抄送：")
		if st.Rules && (!continued || !printed) {
			pPr = `<w:pBdr>`
			if !continued {
				pPr += border("top", thick)
			}
			if !printed {
				pPr += border("bottom", thick)
			}
			pPr += `</w:pBdr>`
		}
		if printed {
			// above the 印发 frame: its line and rules, then 抄送's lines and top rule
			h := pitch + (thin+thick)*20/8
			y = mmTwips(w.p.Page.BodyHeight) - h - max(ccLines, 1)*pitch - thick*20/8
			// a 版记 that fills the page: the rules take room that the PDF's lines do
			// not, and the 1 pt paragraphs that anchor the frames sit above them, so
			// the 印发 line gives that room up
			const anchors = 60
			squeeze = max(anchors-y, 0)
			y = max(y, anchors)
		}
		if len(w.pages.ccPages) > 0 {
			pPr += `<w:spacing w:before="0" w:after="0" w:line="` + itoa(pitch) + `" w:lineRule="exact"/>`
		}
		pPr = frame(y) + pPr + ind(!continued)
		w.paragraph(b, styleImprint, pPr, r)
	}
	if printed {
		if err := checkText(im.Printer, doc.Fields["printer"]); err != nil {
			return err
		}
		top := thick
		if len(im.CC) > 0 {
			top = thin
		}
		pPr := frame(-1) + `<w:pBdr>` + border("top", top) + border("bottom", thick) + `</w:pBdr>`
		pPr += `<w:tabs><w:tab w:val="right" w:pos="` + itoa(width-in) + `"/></w:tabs>`
		if squeeze > 0 {
			pPr += `<w:spacing w:before="0" w:after="0" w:line="` + itoa(pitch-squeeze) + `" w:lineRule="exact"/>`
		}
		pPr += `<w:ind w:left="` + itoa(in) + `" w:right="` + itoa(in) + `" w:firstLine="0" w:firstLineChars="0"/>`
		text := im.Printer
		if !im.PrintDate.IsZero() {
			text += "\t" + im.PrintDate.String() + "印发"
		}
		w.paragraph(b, styleImprint, pPr, run{role: st.Role, text: text})
	}
	return nil
}

// text writes blocks of text (the document's or an attachment's): headings,
// paragraphs with run-in headings and tables, on the body grid. keepLast keeps the
// last block with what follows (the 署名). It reports whether the text ends with a
// table.
func (w *writer) text(b *strings.Builder, blocks []model.Block, keepLast bool) (bool, error) {
	p := w.p
	gap := 0 // after a table: space to the next grid line, as the PDF resumes the grid
	lastTable := false
	for i, blk := range blocks {
		keep := keepLast && i == len(blocks)-1
		direct := ""
		if keep {
			direct = `<w:keepNext/>`
		}
		lastTable = false
		switch blk := blk.(type) {
		case *model.Heading:
			s := blk.Section
			if err := checkText(s.Heading, s.Pos); err != nil {
				return false, err
			}
			level := clampLevel(s.Level)
			direct = w.spacingBefore(gap, p.Heading(level))
			w.paragraph(b, styleHeading(level), direct, run{role: w.headingRole(s), text: s.Number + s.Heading})
			gap = 0
		case *model.Paragraph:
			var text strings.Builder
			for _, sp := range blk.Spans {
				if err := checkText(sp.Text, sp.Pos); err != nil {
					return false, err
				}
				text.WriteString(sp.Text)
			}
			direct += w.spacingBefore(gap, p.Body)
			gap = 0
			body := run{role: p.Body.Role, text: text.String()}
			pStyle, runs := styleBody, []run{body}
			if s := blk.Lead; s != nil {
				if err := checkText(s.Heading, s.Pos); err != nil {
					return false, err
				}
				// A run-in heading: two runs in one paragraph — the heading in its level's
				// font (character style), then the body text in the body font.
				level := clampLevel(s.Level)
				lead := run{style: styleHeadingChar(level), role: w.headingRole(s), text: s.Number + s.Heading}
				pStyle, runs = styleRunIn(level), []run{lead, body}
			}
			w.paragraph(b, pStyle, direct, runs...)
		case *model.Table:
			var err error
			if gap, err = w.table(b, blk, keep, gap); err != nil {
				return false, err
			}
			lastTable = true
		}
	}
	w.gap = gap
	return lastTable, nil
}
