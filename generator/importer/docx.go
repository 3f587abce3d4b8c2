package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxPart is the largest DOCX part read, so that a hostile file cannot exhaust memory.
const maxPart = 64 << 20

// maxDepth bounds the nesting of tables and text boxes, so that a hostile file
// cannot exhaust the stack.
const maxDepth = 64

// DOCX imports a WordprocessingML document. It reads everything in the body of
// word/document.xml in reading order: paragraphs with their styles
// (word/styles.xml) and automatic numbers (word/numbering.xml), tables cell by
// cell, the text in text boxes and frames (of mc:AlternateContent only the first
// choice, so nothing is read twice), and footnotes where they are referenced.
// Styles are hints: a Title style is the title, a heading style or outline level
// may make a short paragraph a heading, a character style at the start of a
// paragraph marks a run-in heading, and gongwen's own 主送机关 and 署名日期 styles
// are the 主送机关, 署名 and 成文日期.
func DOCX(data []byte, opt Options) (*Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("不是 DOCX 文件（无法按 zip 格式读取）：%w", err)
	}
	docXML, err := readPart(zr, "word/document.xml")
	if err != nil {
		return nil, err
	}
	styles := map[string]styleInfo{}
	if s, err := readPart(zr, "word/styles.xml"); err == nil {
		if styles, err = parseStyles(s); err != nil {
			return nil, err
		}
	}
	num := &numbering{}
	if s, err := readPart(zr, "word/numbering.xml"); err == nil {
		if num, err = parseNumbering(s); err != nil {
			return nil, err
		}
	}
	notes := map[string]string{}
	if s, err := readPart(zr, "word/footnotes.xml"); err == nil {
		if notes, err = parseFootnotes(s); err != nil {
			return nil, err
		}
	}
	items, err := parseDocument(docXML, notes)
	if err != nil {
		return nil, err
	}
	return assemble(docxBlocks(items, styles, num), opt), nil
}

// readPart reads one part of the package.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	f, err := zr.Open(name)
	if err != nil {
		return nil, fmt.Errorf("DOCX 文件中没有 %s：%w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取 DOCX 中的 %s：%w", name, err)
	}
	if len(data) > maxPart {
		return nil, fmt.Errorf("DOCX 中的 %s 太大（超过 %d MB）", name, maxPart>>20)
	}
	return data, nil
}

// styleInfo is what a paragraph style says about its paragraphs.
type styleInfo struct {
	name    string
	basedOn string
	outline int // outline level + 1; 0 when the style sets none
	numID   string
	ilvl    int
}

// parseStyles reads word/styles.xml. Elements are matched by local name, so both
// transitional and strict WordprocessingML are read.
func parseStyles(data []byte) (map[string]styleInfo, error) {
	var doc struct {
		Styles []struct {
			ID      string `xml:"styleId,attr"`
			Name    val    `xml:"name"`
			BasedOn val    `xml:"basedOn"`
			Outline *val   `xml:"pPr>outlineLvl"`
			NumID   *val   `xml:"pPr>numPr>numId"`
			Ilvl    *val   `xml:"pPr>numPr>ilvl"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("无法读取 DOCX 的样式（word/styles.xml）：%w", err)
	}
	out := map[string]styleInfo{}
	for _, s := range doc.Styles {
		info := styleInfo{name: s.Name.Val, basedOn: s.BasedOn.Val}
		if s.Outline != nil {
			info.outline = outlineLevel(s.Outline.Val)
		}
		if s.NumID != nil {
			info.numID = s.NumID.Val
		}
		if s.Ilvl != nil {
			info.ilvl, _ = strconv.Atoi(s.Ilvl.Val)
		}
		out[s.ID] = info
	}
	return out, nil
}

// val is an element whose w:val attribute is what matters.
type val struct {
	Val string `xml:"val,attr"`
}

// outlineLevel converts a w:outlineLvl value (0-based; 9 is body text) to 1-based,
// 0 for none.
func outlineLevel(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 8 {
		return 0
	}
	return n + 1
}

// item is a paragraph or a table of the body, in reading order.
type item struct {
	para  *xpara
	table *xtable
}

// xpara is a paragraph of word/document.xml.
type xpara struct {
	style   string
	outline int // from the paragraph's own properties, 1-based; 0 if none
	numID   string
	ilvl    int
	hasNum  bool
	center  bool
	right   bool
	box     bool // in a text box or a frame
	runs    []xrun
}

// xrun is text in one character style.
type xrun struct {
	style string
	text  string
}

// text is the paragraph's text, runs joined.
func (p *xpara) text() string {
	var b strings.Builder
	for _, r := range p.runs {
		b.WriteString(r.text)
	}
	return b.String()
}

// xtable is a table: rows of cells, each cell's text.
type xtable struct {
	rows []xrow
}

type xrow struct {
	header bool // w:tblHeader: repeated on each page, so a header row
	cells  []xcell
}

type xcell struct {
	text   string
	lines  []cellLine // the cell's paragraphs, for a table that only lays lines out
	span   int        // w:gridSpan
	merged bool       // w:vMerge without restart: continues the cell above
}

// docReader reads the body of word/document.xml.
type docReader struct {
	dec   *xml.Decoder
	notes map[string]string
	depth int
}

// parseDocument reads the body in reading order. Deleted text, field instructions
// and the fallback of mc:AlternateContent are left out; tabs and line breaks are
// kept.
func parseDocument(data []byte, notes map[string]string) ([]item, error) {
	r := &docReader{dec: xml.NewDecoder(bytes.NewReader(data)), notes: notes}
	items, _, err := r.blocks("")
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("无法读取 DOCX 的正文（word/document.xml）：%w", err)
	}
	return items, nil
}

// cellProps are the properties of a table cell met while reading its blocks.
type cellProps struct {
	span   int
	merged bool
}

// blocks reads block-level content (paragraphs, tables) until the end element
// named end ("" for the end of the input).
func (r *docReader) blocks(end string) ([]item, cellProps, error) {
	var items []item
	props := cellProps{span: 1}
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxDepth {
		return nil, props, errors.New("表格或文本框嵌套太深")
	}
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return items, props, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == end {
				return items, props, nil
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				p, boxes, err := r.paragraph()
				if err != nil {
					return items, props, err
				}
				items = append(items, boxes...)
				items = append(items, item{para: p})
			case "tbl":
				tb, err := r.table()
				if err != nil {
					return items, props, err
				}
				items = append(items, item{table: tb})
			case "gridSpan":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n > 1 && n < 64 {
					props.span = n
				}
			case "vMerge":
				props.merged = attr(t, "val") != "restart"
			case "Fallback", "del", "moveFrom", "sectPr":
				if err := r.dec.Skip(); err != nil {
					return items, props, err
				}
			}
		}
	}
}

// paragraph reads a w:p after its start element; the text boxes anchored in it
// are returned as blocks of their own.
func (r *docReader) paragraph() (*xpara, []item, error) {
	p := &xpara{}
	var boxes []item
	var run *xrun
	inPPr, inRPr, inText := 0, 0, 0
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return p, boxes, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "pPr":
				inPPr++
			case "rPr":
				inRPr++
			case "pStyle":
				if inPPr > 0 && inRPr == 0 {
					p.style = attr(t, "val")
				}
			case "outlineLvl":
				if inPPr > 0 && inRPr == 0 {
					p.outline = outlineLevel(attr(t, "val"))
				}
			case "numId":
				if inPPr > 0 {
					p.numID, p.hasNum = attr(t, "val"), true
				}
			case "ilvl":
				if inPPr > 0 {
					p.ilvl, _ = strconv.Atoi(attr(t, "val"))
				}
			case "jc":
				if inPPr > 0 && inRPr == 0 {
					p.center = attr(t, "val") == "center"
					p.right = attr(t, "val") == "right" || attr(t, "val") == "end"
				}
			case "framePr":
				p.box = true
			case "r":
				p.runs = append(p.runs, xrun{})
				run = &p.runs[len(p.runs)-1]
			case "rStyle":
				if run != nil {
					run.style = attr(t, "val")
				}
			case "t":
				inText++
			case "tab", "ptab":
				if run != nil && inPPr == 0 {
					run.text += "\t"
				}
			case "br", "cr":
				if run != nil && attr(t, "type") != "page" && attr(t, "type") != "column" {
					run.text += "\n"
				}
			case "noBreakHyphen":
				if run != nil {
					run.text += "-"
				}
			case "footnoteReference", "endnoteReference":
				if n := r.notes[attr(t, "id")]; n != "" && run != nil {
					run.text += "（注：" + n + "）"
				}
			case "txbxContent":
				items, _, err := r.blocks("txbxContent")
				if err != nil {
					return p, boxes, err
				}
				for _, it := range items {
					if it.para != nil {
						it.para.box = true
					}
					boxes = append(boxes, it)
				}
				run = nil // the run that held the box is done with; Word starts a new one
			case "Fallback", "del", "moveFrom", "instrText", "delText", "delInstrText":
				if err := r.dec.Skip(); err != nil {
					return p, boxes, err
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				return p, boxes, nil
			case "pPr":
				inPPr--
			case "rPr":
				inRPr--
			case "t":
				inText = max(inText-1, 0)
			}
		case xml.CharData:
			if run != nil && inText > 0 {
				run.text += string(t)
			}
		}
	}
}

// table reads a w:tbl after its start element. A table nested in a cell becomes
// text of that cell.
func (r *docReader) table() (*xtable, error) {
	tb := &xtable{}
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxDepth {
		return tb, errors.New("表格嵌套太深")
	}
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return tb, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tr":
				tb.rows = append(tb.rows, xrow{})
			case "tblHeader":
				if n := len(tb.rows); n > 0 && attr(t, "val") != "0" && attr(t, "val") != "false" {
					tb.rows[n-1].header = true
				}
			case "tc":
				items, props, err := r.blocks("tc")
				if err != nil {
					return tb, err
				}
				if len(tb.rows) == 0 {
					tb.rows = append(tb.rows, xrow{})
				}
				row := &tb.rows[len(tb.rows)-1]
				lines := cellLines(items)
				row.cells = append(row.cells, xcell{text: joinLines(lines), lines: lines, span: props.span, merged: props.merged})
			case "Fallback", "del", "tblPr", "tblGrid":
				if err := r.dec.Skip(); err != nil {
					return tb, err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "tbl" {
				return tb, nil
			}
		}
	}
}

// cellLine is a paragraph of a table cell, and whether it is centred.
type cellLine struct {
	text   string
	center bool
}

// cellText joins the paragraphs of a cell (and the cells of a table in it).
func cellText(items []item) string { return joinLines(cellLines(items)) }

func joinLines(lines []cellLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.text
	}
	return joinText(parts)
}

// cellLines are the paragraphs of a cell (and the cells of a table in it).
func cellLines(items []item) []cellLine {
	var parts []cellLine
	for _, it := range items {
		switch {
		case it.para != nil:
			if s := strings.TrimSpace(clean(it.para.text())); s != "" {
				parts = append(parts, cellLine{s, it.para.center})
			}
		case it.table != nil:
			for _, row := range it.table.rows {
				for _, c := range row.cells {
					if c.text != "" && !c.merged {
						parts = append(parts, cellLine{c.text, false})
					}
				}
			}
		}
	}
	return parts
}

// joinText joins pieces of Chinese text without a space, but with one between
// two Latin letters or digits.
func joinText(parts []string) string {
	var b strings.Builder
	for i, s := range parts {
		s = strings.ReplaceAll(s, "\n", "")
		if i > 0 {
			prev := b.String()
			if isLatin(lastRune(prev)) && isLatin(firstRune(s)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// parseFootnotes reads word/footnotes.xml: the text of each footnote by its id.
func parseFootnotes(data []byte) (map[string]string, error) {
	out := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("无法读取 DOCX 的脚注（word/footnotes.xml）：%w", err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Local != "footnote" {
			continue
		}
		id, typ := attr(t, "id"), attr(t, "type")
		r := &docReader{dec: dec, notes: map[string]string{}}
		items, _, err := r.blocks("footnote")
		if err != nil {
			return nil, fmt.Errorf("无法读取 DOCX 的脚注（word/footnotes.xml）：%w", err)
		}
		if typ == "" || typ == "normal" {
			out[id] = strings.TrimSpace(cellText(items))
		}
	}
}

// attr returns the value of the attribute with the local name, or "".
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxBlocks turns the items into blocks: each paragraph with its automatic
// number written out and its kind and level from its style, each table as a
// table block.
func docxBlocks(items []item, styles map[string]styleInfo, num *numbering) []block {
	var bs []block
	n := 0
	for _, it := range items {
		n++
		where := fmt.Sprintf("第 %d 段", n)
		if it.table != nil {
			where = fmt.Sprintf("第 %d 段（表格）", n)
			if b, ok := tableBlock(it.table, where); ok {
				bs = append(bs, b)
			}
			continue
		}
		b := it.para.block(styles, num)
		if strings.TrimSpace(b.text) == "" {
			continue
		}
		b.where = where
		bs = append(bs, b)
	}
	return bs
}

// tableBlock makes a block of a table: its rows of literal cells. A cell that
// spans columns is followed by empty cells, a cell merged with the one above is
// empty, so every row has as many cells as the table has columns.
func tableBlock(t *xtable, where string) (block, bool) {
	var rows [][]string
	var lines [][]cellLine
	width := 0
	header := 0
	for i, r := range t.rows {
		var cells []string
		var rowLines []cellLine
		for _, c := range r.cells {
			text := c.text
			if c.merged {
				text = ""
			} else {
				rowLines = append(rowLines, c.lines...)
			}
			cells = append(cells, text)
			for k := 1; k < c.span; k++ {
				cells = append(cells, "")
			}
		}
		if len(cells) == 0 {
			continue
		}
		if r.header && header == i {
			header++
		}
		width = max(width, len(cells))
		rows = append(rows, cells)
		lines = append(lines, rowLines)
	}
	if len(rows) == 0 {
		return block{}, false
	}
	any := false
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
		for _, c := range rows[i] {
			any = any || c != ""
		}
	}
	if !any {
		return block{}, false
	}
	return block{where: where, table: rows, headerRows: max(header, 1), rowLines: lines}, true
}

// block turns a paragraph into a block: its text with its automatic number, and
// its kind and level from its style.
func (p *xpara) block(styles map[string]styleInfo, num *numbering) block {
	// Word splits runs at will: runs of one style are one piece here.
	var pieces []xrun
	for _, r := range p.runs {
		if n := len(pieces); n > 0 && pieces[n-1].style == r.style {
			pieces[n-1].text += r.text
			continue
		}
		pieces = append(pieces, r)
	}
	b := block{text: clean(p.text()), center: p.center, right: p.right, box: p.box}
	info := styles[p.style]
	name := strings.ToLower(info.name)
	// the automatic number, from the paragraph or its style
	numID, ilvl, hasNum := p.numID, p.ilvl, p.hasNum
	for id, seen := p.style, 0; !hasNum && id != "" && seen < 10; seen++ {
		if s := styles[id]; s.numID != "" {
			numID, ilvl, hasNum = s.numID, s.ilvl, true
		}
		id = styles[id].basedOn
	}
	if hasNum {
		if label := num.next(numID, ilvl); label != "" {
			b.text = label + strings.TrimLeft(b.text, " \t　")
			b.auto, b.autoLevel = label, ilvl
		}
	}
	switch {
	case p.style == "Title" || name == "title":
		b.kind = kindTitle
		return b // the title keeps its line breaks
	case p.style == "Recipient" || info.name == "主送机关":
		b.kind = kindRecipient
	case p.style == "SignatureDate" || info.name == "署名日期":
		b.kind = kindSignature
	case strings.HasPrefix(name, "toc ") || strings.HasPrefix(name, "toc") && len(name) == 4 || name == "table of contents":
		b.toc = true
	default:
		level := p.outline
		// Only the heading styles themselves count, not styles based on them: a
		// style based on Heading 1 is often a body style with a changed font.
		if level == 0 && p.style != "" {
			level = styles[p.style].outline
		}
		if level >= 1 && level <= 4 {
			b.kind, b.level = kindHeading, level
		}
	}
	b.text = strings.ReplaceAll(b.text, "\n", "")
	if len(pieces) > 1 && pieces[0].style != "" {
		b.lead = b.auto + strings.ReplaceAll(clean(pieces[0].text), "\n", "")
	}
	return b
}
