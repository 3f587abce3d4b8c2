package docx

import (
	"math"
	"strings"

	"github.com/gongwen/gongwen/generator/layout"
)

// The 版头 (§7.2, spec §16) is written as paragraphs with exact line heights, so that
// Word, WPS and LibreOffice all put each element where the PDF has it: the 份号, 密级,
// 紧急程度, 发文字号 and 签发人 on lines of the body grid (grid slots), the 发文机关标志
// at its fixed distance from the top as spacing before its paragraph, the red
// separator as the bottom border of the 发文字号's paragraph, and the title on the
// grid slot the PDF gives it. The slots are computed as generator/typeset/header.go
// computes them, with the preset's grid pitch, so both outputs put the same lines on
// the same slots; distances are then written in the DOCX's own pitch (line_pitch_tw).
//
// A 信函 (mark_from_page) has its 标志 30 mm from the page top, above the 版心, where
// no body text can go: it and the red double line under it are the first page's
// header, over a negative top margin (ECMA-376 §17.6.11: the header does not push the
// text down); the double line at the foot is a framed paragraph in the first page's
// footer, placed on the page.

// markLead is the exact line height of the 标志's paragraph in ems of its size. With
// it LibreOffice sets the ideographic em box at the top of the line (baseline at 80 %
// of an exact line, 0.8 × 1.1 = 0.88 em), so the paragraph's top is the 标志's top.
const markLead = 1.1

// headerLayout is the 版头's geometry, as layout.PlanHeader gives it to both writers.
type headerLayout struct {
	plan     layout.HeaderPlan
	markSize layout.Pt
	meta     []headerLine // 份号, 密级, 紧急程度
	signers  []string     // rows of 签发人 names
}

type headerLine struct {
	text string
	role layout.Role
}

// headerGeometry plans the 版头 as typeset.header does, from the same parts.
func (w *writer) headerGeometry() headerLayout {
	h, st := w.doc.Header, w.p.Header
	var g headerLayout
	for _, m := range []headerLine{{h.CopyNo, st.CopyNoRole}, {h.Secrecy, st.MetaRole}, {h.Urgency, st.MetaRole}} {
		if m.text != "" {
			g.meta = append(g.meta, m)
		}
	}
	per := max(st.SignersPerLine, 1)
	for i := 0; i < len(h.Signers); i += per {
		g.signers = append(g.signers, strings.Join(h.Signers[i:min(i+per, len(h.Signers))], "　"))
	}
	parts := layout.HeaderParts{Issuers: len(h.Issuers), Meta: len(g.meta), Number: h.Number != "", SignerRows: len(g.signers)}
	if len(h.Issuers) > 0 {
		g.markSize = w.markSize()
		parts.MarkSize = g.markSize
	}
	g.plan = w.p.PlanHeader(parts)
	return g
}

// slotTop is the top of page 1's grid slot, in twips from the 版心 top.
func (g headerLayout) slotTop(p *layout.Preset, slot int) int { return twips(g.plan.SlotTop(p, slot)) }

// markSize is the 标志's size: the preset's, shrunk in half points until the widest
// line (with "文件" beside stacked names) fits the 版心, as the PDF does. Widths are
// estimated: CJK one em, Latin letters and digits at Times New Roman's proportional
// advances (the mark font's own are ½ em in a GB font, a little wider in Noto Serif).
func (w *writer) markSize() layout.Pt {
	h, st := w.doc.Header, w.p.Header
	size := w.p.MarkStackSize(len(h.Issuers))
	var widest float64
	for _, n := range h.Issuers {
		widest = max(widest, latinEms(n))
	}
	ems := widest + latinEms(st.Suffix(h.Issuers))
	if len(h.Issuers) > 1 {
		ems += 0.5 + 0.25 // the gap before "文件", and the names' column's spare (see mark)
	}
	// LibreOffice puts about ⅕ em between CJK and Latin text whatever w:autoSpaceDE
	// says (docs/docx.md): room for it, so the 标志 never wraps there
	changes := 0
	for _, n := range h.Issuers {
		changes = max(changes, scriptChanges(n+st.Suffix(h.Issuers)))
	}
	ems += 0.25 * float64(changes)
	if width := w.p.Page.BodyWidth.Pt(); layout.Pt(ems)*size > width {
		size = layout.Pt(math.Floor(float64(width/layout.Pt(ems))*2) / 2)
	}
	return size
}

// scriptChanges counts the places where CJK text meets Latin letters or digits.
func scriptChanges(s string) int {
	n, prev := 0, 0
	for _, r := range s {
		kind := 1
		if r >= 0x2E80 {
			kind = 2
		}
		if prev != 0 && kind != prev {
			n++
		}
		prev = kind
	}
	return n
}

// latinEms is the width of text in ems: full-width characters one em, others at their
// Times New Roman advance (Liberation Serif has the same widths).
func latinEms(s string) float64 {
	n := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 || r >= 0x2014 && r <= 0x201D || r == 0x2026:
			n++
		case r >= ' ' && r < 0x7f:
			n += float64(timesWidths[r-' ']) / 1000
		default:
			n += 0.5
		}
	}
	return n
}

// timesWidths are the advances of Times New Roman (and the metric-compatible
// Liberation Serif) for ' ' … '~', in thousandths of an em.
var timesWidths = [...]int16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // ' ' … '/'
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // '0' … '?'
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // '@' … 'O'
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // 'P' … '_'
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // '`' … 'o'
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // 'p' … '~'
}

// header writes the 版头 into the body and returns the position (twips below the 版心
// top) where it ends, and the title's grid slot.
func (w *writer) header(b *strings.Builder) (pos int, err error) {
	doc, p := w.doc, w.p
	h, st := doc.Header, p.Header
	for _, s := range append(append([]string{h.CopyNo, h.Secrecy, h.Urgency, h.Number, st.Suffix(h.Issuers)}, h.Issuers...), h.Signers...) {
		if err := checkText(s, doc.Fields["issuer"]); err != nil {
			return 0, err
		}
	}
	g := w.headerGeometry()
	w.hdr = g
	pitch := p.Docx.LinePitchTw
	before := func(at int) string { // spacing before to bring the paragraph down to at
		sp := max(0, at-pos)
		pos = max(pos, at)
		if sp == 0 {
			return ""
		}
		return `<w:spacing w:before="` + itoa(sp) + `"/>`
	}
	right := mmTwips(p.Page.BodyWidth)

	if w.markDrawing != "" {
		// a line of one point holds the 标志's picture, anchored to the page
		const h = 20
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + styleHeaderLine + `"/><w:spacing w:before="0" w:after="0" w:line="` + itoa(h) + `" w:lineRule="exact"/></w:pPr><w:r>` + w.markDrawing + `</w:r></w:p>`)
		pos += h
	}

	// 份号、密级、紧急程度 (and, in a 信函, the 发文字号 顶格 at the right of the first)
	numberDone := false
	for i, m := range g.meta {
		slot := g.plan.MetaSlot + i
		runs := []run{{role: m.role, text: m.text}}
		direct := before(g.slotTop(p, slot))
		if st.Double && slot == g.plan.NumberSlot && h.Number != "" && !numberDone {
			direct = `<w:tabs><w:tab w:val="right" w:pos="` + itoa(right) + `"/></w:tabs>` + direct
			runs = append(runs, run{role: st.NumberRole, text: "\t" + h.Number})
			numberDone = true
		}
		w.paragraph(b, styleHeaderLine, direct, runs...)
		pos += pitch
	}

	// 发文机关标志 (not in a 信函, whose 标志 is in the first page's header)
	if len(h.Issuers) > 0 && !st.MarkFromPage {
		top := twips(g.plan.MarkTop)
		if len(h.Issuers) > 1 {
			// stacked names on exact lines of 1.2 em: LibreOffice sets the first name's
			// em box 0.08 em below the line's top (baseline at 80 % of the line)
			top -= twips(g.markSize * (0.8*1.2 - 0.88))
		}
		sp := max(0, top-pos)
		pos = max(pos, top)
		w.mark(b, g, sp)
		pos += w.markHeight(g)
	}

	// 签发人 rows, the last with the 发文字号; or the 发文字号 alone
	if g.plan.NumberSlot >= 0 && !numberDone {
		rows := len(g.signers)
		if rows == 0 {
			rows = 1
		}
		for i := 0; i < rows; i++ {
			slot := g.plan.NumberSlot - rows + 1 + i
			direct := before(g.slotTop(p, slot))
			last := i == rows-1
			var runs []run
			align := ""
			var tabs []string
			if last && h.Number != "" {
				runs = append(runs, run{role: st.NumberRole, text: h.Number})
				switch st.NumberAlign {
				case layout.Center:
					align = "center"
				case layout.Right:
					align = "right"
				default:
					// 居左空一字 by a tab stop, not an indent: the paragraph's bottom
					// border, the red separator, spans the whole 版心
					if st.NumberLeft > 0 {
						tabs = append(tabs, `<w:tab w:val="left" w:pos="`+itoa(twips(layout.Pt(st.NumberLeft)*p.CharPitch()))+`"/>`)
						runs[0].text = "\t" + runs[0].text
					}
				}
			}
			if len(g.signers) > 0 {
				label, names := w.signerStops(g.signers)
				text := g.signers[i]
				if i == 0 {
					tabs = append(tabs, `<w:tab w:val="left" w:pos="`+itoa(label)+`"/>`)
					runs = append(runs, run{role: st.SignerLabelRole, text: "\t签发人："}, run{role: st.SignerNameRole, text: text})
				} else {
					tabs = append(tabs, `<w:tab w:val="left" w:pos="`+itoa(names)+`"/>`)
					runs = append(runs, run{role: st.SignerNameRole, text: "\t" + text})
				}
				align = ""
			}
			var pPr strings.Builder
			if last && g.plan.Rule {
				// the red separator, 4 mm below the 发文字号: a bottom border, its distance
				// from the line box set so that it lies RuleBelow under the text's em box
				// (LibreOffice: baseline at 80 % of the exact line)
				em := 0.2*float64(pitch)/20 - 0.12*float64(p.Body.Size)
				space := int(math.Round(float64(st.RuleBelow.Pt()) - em))
				space = min(max(space, 0), 31)
				sz := eighths(st.RuleWidth.Pt())
				pPr.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="` + itoa(sz) + `" w:space="` + itoa(space) +
					`" w:color="` + color(w.p.Ink.RedRGB) + `"/></w:pBdr>`)
				pos += space*20 + sz*20/8
			}
			if len(tabs) > 0 {
				pPr.WriteString(`<w:tabs>` + strings.Join(tabs, "") + `</w:tabs>`)
			}
			pPr.WriteString(direct)
			if align != "" {
				pPr.WriteString(`<w:jc w:val="` + align + `"/>`)
			}
			w.paragraph(b, styleHeaderLine, pPr.String(), runs...)
			pos += pitch
		}
	}
	return pos, nil
}

// titleSpacing is the spacing of the title's paragraph of n lines under a 版头, pos
// twips below the 版心 top where the 版头 ends: before it, down to where the title's em
// box stands at the plan's TitleTop (word processors put the baseline of an exact line
// at 80 % of its height); after it, down to the grid slot on which the PDF resumes the
// text, and the title's own blank lines.
func (w *writer) titleSpacing(pos, n int) string {
	p, g := w.p, w.hdr.plan
	pitch := p.LinePitch()
	size := p.Title.Size
	step, lineTw := pitch, p.Docx.LinePitchTw
	if p.Title.LinePitch > 0 {
		step, lineTw = p.Title.LinePitch, twips(p.Title.LinePitch)
	}
	top := twips(g.TitleTop+size*0.88) - lineTw*8/10
	before := max(0, top-pos)
	bottom := g.TitleTop + size + layout.Pt(n-1)*step + (pitch-size)/2
	next := g.SlotTop(p, int(math.Ceil(float64((bottom-g.Shift)/pitch)-1e-6)))
	after := max(0, twips(next)-(pos+before+n*lineTw)) + p.Title.LinesAfter*p.Docx.LinePitchTw
	return `<w:spacing w:before="` + itoa(before) + `" w:after="` + itoa(after) + `"/>`
}

// signerStops are the tab positions of "签发人：" and of the names, from the left
// margin: the names 居右空一字, each row starting where the widest row starts, the label
// before the first (§7.2.6), as the PDF sets them.
func (w *writer) signerStops(rows []string) (label, names int) {
	st := w.p.Header
	cell := w.p.CharPitch()
	var widest float64
	for _, r := range rows {
		widest = max(widest, gridChars(r))
	}
	width := w.p.Page.BodyWidth.Pt()
	x := width - layout.Pt(st.SignerRight)*cell - layout.Pt(widest)*cell
	return twips(x - layout.Pt(gridChars("签发人："))*cell), twips(x)
}

// markHeight is the height of the 标志's paragraph or table, in twips.
func (w *writer) markHeight(g headerLayout) int {
	n := len(w.doc.Header.Issuers)
	if n <= 1 {
		return twips(g.markSize * markLead)
	}
	return n * twips(g.markSize*layout.MarkLead)
}

// mark writes the 发文机关标志: red, centred, in the mark role at the (shrunk) size. A
// 联合行文's names are stacked in a borderless table, spread to the widest name, with
// "文件" in a second column centred on them (§7.2.4); before is the space above it, in
// twips.
func (w *writer) mark(b *strings.Builder, g headerLayout, before int) {
	h, st := w.doc.Header, w.p.Header
	if len(h.Issuers) == 1 {
		direct := ""
		if before > 0 {
			direct = `<w:spacing w:before="` + itoa(before) + `"/>`
		}
		w.paragraph(b, styleMark, direct, run{role: st.MarkRole, text: h.Issuers[0] + st.Suffix(h.Issuers)})
		return
	}
	// a spacer paragraph brings the table down to the 标志's top (a table has no
	// spacing before of its own)
	spacer(b, before)
	size := g.markSize
	lead := twips(size * layout.MarkLead)
	var widest float64
	for _, n := range h.Issuers {
		// with LibreOffice's space where CJK meets Latin (see markSize)
		widest = max(widest, latinEms(n)+0.25*float64(scriptChanges(n)))
	}
	// a quarter em to spare, so no name wraps where the fonts are a little wider
	left := twips(layout.Pt(widest+0.25) * size)
	rightW := twips(layout.Pt(0.5+latinEms(st.Suffix(h.Issuers))) * size)
	if st.Suffix(h.Issuers) == "" {
		rightW = 0
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(left+rightW) + `" w:type="dxa"/><w:jc w:val="center"/>`)
	b.WriteString(`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`)
	b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="` + itoa(left) + `"/>`)
	if rightW > 0 {
		b.WriteString(`<w:gridCol w:w="` + itoa(rightW) + `"/>`)
	}
	b.WriteString(`</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	// off the document grid: at a size shrunk below the grid's cell (many names), the
	// grid would give each character a whole cell and wrap the names
	lineSp := `<w:snapToGrid w:val="0"/><w:spacing w:line="` + itoa(lead) + `" w:lineRule="exact"/>`
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(left) + `" w:type="dxa"/></w:tcPr>`)
	w.inCell++
	for i, n := range h.Issuers {
		pPr := `<w:keepNext/>` + lineSp + `<w:jc w:val="distribute"/>`
		if i == len(h.Issuers)-1 {
			pPr = lineSp + `<w:jc w:val="distribute"/>`
		}
		w.paragraph(b, styleMark, pPr, run{role: st.MarkRole, text: n})
	}
	b.WriteString(`</w:tc>`)
	if rightW > 0 {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(rightW) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
		w.paragraph(b, styleMark, lineSp+`<w:jc w:val="right"/>`, run{role: st.MarkRole, text: st.Suffix(h.Issuers)})
		b.WriteString(`</w:tc>`)
	}
	w.inCell--
	b.WriteString(`</w:tr></w:tbl>`)
}

// spacer writes an empty paragraph of exactly h twips.
func spacer(b *strings.Builder, h int) {
	if h <= 0 {
		return
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + styleHeaderLine + `"/><w:spacing w:before="0" w:after="0" w:line="` + itoa(h) +
		`" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
}

// eighths is a rule width in the eighths of a point of w:sz, within the schema's 2–96.
func eighths(v layout.Pt) int { return min(max(int(math.Round(float64(v)*8)), 2), 96) }

// color is a preset colour as w:color's RRGGBB.
func color(s string) string {
	s = strings.ToUpper(strings.TrimPrefix(s, "#"))
	if len(s) != 6 || strings.Trim(s, "0123456789ABCDEF") != "" {
		return "000000"
	}
	return s
}

// letterHeaderXML writes the first page's header of a 信函: the 标志 (its top edge the
// preset's distance from the page top, which is the header distance) and, RuleBelow
// under it, the red double line 上粗下细, DoubleLength long and centred on the page.
//
// When the 标志 is drawn as a picture (see markDrawing), the header keeps only the
// line it takes, so the double line stays where it is.
func (w *writer) letterHeaderXML(g headerLayout) []byte {
	st := w.p.Header
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	switch {
	case len(w.doc.Header.Issuers) > 0 && w.markDrawing != "":
		spacer(&b, w.markHeight(g))
	case len(w.doc.Header.Issuers) > 0:
		w.mark(&b, g, 0)
	}
	if st.Double {
		gapTop := twips(st.RuleBelow.Pt() - (g.markSize*markLead - g.markSize))
		spacer(&b, gapTop)
		b.WriteString(w.doubleLine(true, ""))
	}
	if len(w.doc.Header.Issuers) == 0 && !st.Double {
		b.WriteString(`<w:p/>`)
	}
	b.WriteString(`</w:hdr>`)
	return []byte(b.String())
}

// markAnchor draws the 标志 as the PDF does when the preset draws it as shapes (a
// 信函's stands above the 版心, where a page's text does not go): the PDF's outlines as
// a picture anchored to the page, in the document body (LibreOffice paints a page
// header's area over pictures anchored in it). It returns the run content, or "".
func (w *writer) markAnchor() (string, error) {
	if len(w.doc.Header.Issuers) == 0 || len(w.pages.mark) == 0 {
		return "", nil
	}
	data, box, err := markPicture(w.pages.mark, w.p.Ink.RedRGB)
	if err != nil || data == nil {
		return "", err
	}
	rid := w.addPart("word/media/mark.png", relBase+"image", "", data)
	return pictureAnchor(rid, "发文机关标志", "mark.png", box, "page", "page"), nil
}

// pictureAnchor places a picture, in front of the text, at box (x, y, width, height in
// points) measured from the page or the margin.
func pictureAnchor(rid, name, file string, box [4]layout.Pt, fromH, fromV string) string {
	emu := func(v layout.Pt) string { return itoa(int(math.Round(float64(v) * 12700))) }
	cx, cy := emu(box[2]), emu(box[3])
	return `<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/>` +
		`<wp:positionH relativeFrom="` + fromH + `"><wp:posOffset>` + emu(box[0]) + `</wp:posOffset></wp:positionH>` +
		`<wp:positionV relativeFrom="` + fromV + `"><wp:posOffset>` + emu(box[1]) + `</wp:posOffset></wp:positionV>` +
		`<wp:extent cx="` + cx + `" cy="` + cy + `"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
		`<wp:docPr id="2" name="` + name + `"/><wp:cNvGraphicFramePr/>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
		`<pic:nvPicPr><pic:cNvPr id="2" name="` + file + `"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + rid + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing>`
}

// letterFooterXML writes the first page's footer of a 信函: no page number (§10.1),
// and the red double line 上细下粗, its foot DoubleBottom above the page's, in a frame
// placed on the page.
func (w *writer) letterFooterXML() []byte {
	st := w.p.Header
	var b strings.Builder
	b.WriteString(xmlPI)
	b.WriteString(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	if st.Double {
		h := st.DoubleThin.Pt() + st.DoubleGap.Pt() + st.DoubleThick.Pt()
		y := w.p.Page.Height.Pt() - st.DoubleBottom.Pt() - h
		x := (w.p.Page.Width.Pt() - st.DoubleLength.Pt()) / 2
		frame := `<w:framePr w:w="` + itoa(twips(st.DoubleLength.Pt())) +
			`" w:wrap="notBeside" w:vAnchor="page" w:hAnchor="page" w:x="` + itoa(twips(x)) +
			`" w:y="` + itoa(twips(y)) + `"/>`
		b.WriteString(w.doubleLine(false, frame))
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + stylePageNum + `"/></w:pPr></w:p>`)
	b.WriteString(`</w:ftr>`)
	return []byte(b.String())
}

// doubleLine is an empty paragraph drawn as the 信函's red double line: a top and a
// bottom border DoubleGap apart (thick over thin under the 标志, thin over thick at
// the foot), DoubleLength long and centred on the page (negative indents reach past
// the 版心). frame, when set, is the paragraph's w:framePr.
func (w *writer) doubleLine(thickFirst bool, frame string) string {
	st := w.p.Header
	pg := w.p.Page
	red := color(w.p.Ink.RedRGB)
	a, c := st.DoubleThick.Pt(), st.DoubleThin.Pt()
	if !thickFirst {
		a, c = c, a
	}
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + styleHeaderLine + `"/>`)
	b.WriteString(frame)
	b.WriteString(`<w:pBdr><w:top w:val="single" w:sz="` + itoa(eighths(a)) + `" w:space="0" w:color="` + red +
		`"/><w:bottom w:val="single" w:sz="` + itoa(eighths(c)) + `" w:space="0" w:color="` + red + `"/></w:pBdr>`)
	gap := max(twips(st.DoubleGap.Pt()), 2)
	b.WriteString(`<w:spacing w:before="0" w:after="0" w:line="` + itoa(gap) + `" w:lineRule="exact"/>`)
	if frame == "" {
		outL := (pg.Width.Pt() - st.DoubleLength.Pt()) / 2
		left := twips(outL - pg.Left.Pt())
		rightM := pg.Width.Pt() - pg.Left.Pt() - pg.BodyWidth.Pt()
		right := twips(outL - rightM)
		b.WriteString(`<w:ind w:left="` + itoa(left) + `" w:right="` + itoa(right) + `" w:firstLine="0" w:firstLineChars="0"/>`)
	} else {
		b.WriteString(`<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>`)
	}
	b.WriteString(`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
	return b.String()
}
