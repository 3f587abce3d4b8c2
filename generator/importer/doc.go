package importer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/gongwen/gongwen/internal/cfb"
)

// DOC imports a Word 97–2003 binary document (.doc, and the .wps WPS writes in the
// same format) [MS-DOC]: the main text from the piece table, each paragraph with
// the properties its FKP gives it — in a table or not, the end of a table row,
// centred or pushed right, its outline level — so that tables are tables and a
// centred title is a title, as in a DOCX — and the text boxes, a story of their
// own. Footnotes are counted under 请检查, not read.
func DOC(data []byte, opt Options) (*Result, error) {
	f, err := cfb.Open(data)
	if err != nil {
		return nil, err
	}
	word, err := f.Stream("WordDocument")
	if err != nil {
		return nil, err
	}
	fib, err := readFIB(word)
	if err != nil {
		return nil, err
	}
	tableName := "0Table"
	if fib.whichTable {
		tableName = "1Table"
	}
	table, err := f.Stream(tableName)
	if err != nil {
		return nil, err
	}
	chars, err := pieceText(word, table, fib, 0, fib.ccpText)
	if err != nil {
		return nil, err
	}
	extra, _ := f.Stream("Data") // holds the properties too large for an FKP; may be absent
	runs, err := paragraphRuns(word, table, extra, fib)
	if err != nil {
		return nil, err
	}
	// The text boxes are a story after the main text; where each stands is in
	// the drawing's anchors, not read here: a 版记 box goes to the end, the other
	// boxes (a 标志, a 发文字号) before the text, as Word templates place them.
	box := fib.ccpText + fib.ccpFtn + fib.ccpHdd + fib.ccpAtn + fib.ccpEdn
	boxChars, err := pieceText(word, table, fib, box, box+fib.ccpTxbx)
	if err != nil {
		return nil, err
	}
	var head, tail []block
	for _, b := range docBlocks(boxChars, runs, nil) {
		b.box, b.where = true, "文本框"
		if imprintLike(b) {
			tail = append(tail, b)
		} else {
			head = append(head, b)
		}
	}
	num := docLists(table, fib)
	bs := append(append(head, docBlocks(chars, runs, num)...), tail...)
	res := assemble(bs, opt)
	if fib.ccpFtn > 0 {
		res.Notes = append([]string{fmt.Sprintf("原文脚注中的 %d 个字没有导入（另存为 .docx 后可以导入）", fib.ccpFtn)}, res.Notes...)
	}
	return res, nil
}

// imprintLike reports whether a block holds a 版记 line: 抄送：…, or …印发.
func imprintLike(b block) bool {
	lines := []string{b.text}
	for _, row := range b.table {
		lines = append(lines, strings.Join(nonEmpty(row), " "))
	}
	for _, l := range lines {
		if l = strings.TrimSpace(l); printLine.MatchString(l) || ccLine.MatchString(l) {
			return true
		}
	}
	return false
}

var errDOC = errors.New("不是完整的 Word 97–2003 文件（文件头损坏）")

// fib is what is needed of the File Information Block.
type fib struct {
	whichTable                    bool
	ccpText, ccpFtn, ccpTxbx      int
	ccpHdd, ccpAtn, ccpEdn        int
	ccpHdrTxbx                    int
	fcClx, lcbClx                 uint32
	fcPlcfBtePapx, lcbPlcfBtePapx uint32
	fcPlfLst, lcbPlfLst           uint32
	fcPlfLfo, lcbPlfLfo           uint32
}

func readFIB(w []byte) (fib, error) {
	le := binary.LittleEndian
	var f fib
	if len(w) < 0x22 || le.Uint16(w) != 0xA5EC {
		return f, errDOC
	}
	if nFib := le.Uint16(w[2:]); nFib < 0xC1 {
		return f, errors.New("这是 Word 95 或更早的文件：请先在 Word 或 WPS 中“另存为” .docx，再导入")
	}
	flags := le.Uint16(w[0x0A:])
	if flags&0x0100 != 0 {
		return f, errors.New("文件设了打开密码（已加密），不能读取：请在 Word 或 WPS 中取消密码并另存为 .docx")
	}
	f.whichTable = flags&0x0200 != 0
	pos := 0x20
	csw := int(le.Uint16(w[pos:]))
	pos += 2 + 2*csw
	if pos+2 > len(w) {
		return f, errDOC
	}
	cslw := int(le.Uint16(w[pos:]))
	lw := pos + 2
	pos = lw + 4*cslw
	if cslw < 14 || pos+2 > len(w) {
		return f, errDOC
	}
	long := func(i int) int { return int(int32(le.Uint32(w[lw+4*i:]))) }
	f.ccpText, f.ccpFtn = long(3), long(4)
	f.ccpHdd, f.ccpAtn, f.ccpEdn = long(5), long(7), long(8)
	f.ccpTxbx, f.ccpHdrTxbx = long(9), long(10)
	cb := int(le.Uint16(w[pos:]))
	rg := pos + 2
	if cb < 34 || rg+8*cb > len(w) {
		return f, errDOC
	}
	pair := func(i int) (uint32, uint32) { return le.Uint32(w[rg+8*i:]), le.Uint32(w[rg+8*i+4:]) }
	f.fcPlcfBtePapx, f.lcbPlcfBtePapx = pair(13)
	f.fcClx, f.lcbClx = pair(33)
	if cb > 74 {
		f.fcPlfLst, f.lcbPlfLst = pair(73)
		f.fcPlfLfo, f.lcbPlfLfo = pair(74)
	}
	if f.ccpText < 0 || f.ccpFtn < 0 || f.ccpHdd < 0 || f.ccpAtn < 0 || f.ccpEdn < 0 || f.ccpTxbx < 0 || f.ccpHdrTxbx < 0 {
		return f, errDOC
	}
	return f, nil
}

// char is a character of the main text and its place in the WordDocument
// stream, by which the paragraph properties are found.
type char struct {
	r  rune
	fc uint32
}

// pieceText reads the characters [lo, hi) of the document's text — the main
// text first, then the footnotes, headers, comments, endnotes and text boxes —
// through the piece table of the CLX.
func pieceText(word, table []byte, f fib, lo, hi int) ([]char, error) {
	le := binary.LittleEndian
	end := uint64(f.fcClx) + uint64(f.lcbClx)
	if end > uint64(len(table)) {
		return nil, errDOC
	}
	clx := table[f.fcClx:end]
	for len(clx) > 0 && clx[0] == 0x01 { // Prc: property modifiers, skipped
		if len(clx) < 3 {
			return nil, errDOC
		}
		n := int(int16(le.Uint16(clx[1:])))
		if n < 0 || 3+n > len(clx) {
			return nil, errDOC
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return nil, errDOC
	}
	lcb := int(le.Uint32(clx[1:]))
	plc := clx[5:]
	if lcb < 4 || lcb > len(plc) || (lcb-4)%12 != 0 {
		return nil, errDOC
	}
	n := (lcb - 4) / 12
	cp := func(i int) int { return int(le.Uint32(plc[4*i:])) }
	var out []char
	for i := 0; i < n; i++ {
		from, to := max(cp(i), lo), min(cp(i+1), hi)
		if from >= to {
			continue
		}
		if to-from > len(word) {
			return nil, errDOC
		}
		fc := le.Uint32(plc[4*(n+1)+8*i+2:])
		skip, count := from-cp(i), to-from
		if fc&0x40000000 != 0 { // 8-bit text, two characters a 16-bit unit
			at := int(fc&0x3FFFFFFF)/2 + skip
			if at+count > len(word) {
				return nil, errDOC
			}
			for k := 0; k < count; k++ {
				out = append(out, char{cp1252(word[at+k]), uint32(at + k)})
			}
			continue
		}
		at := int(fc) + 2*skip
		if at < 0 || at+2*count > len(word) {
			return nil, errDOC
		}
		for k := 0; k < count; k++ {
			u := le.Uint16(word[at+2*k:])
			r := rune(u)
			if utf16.IsSurrogate(r) && k+1 < count {
				if d := utf16.DecodeRune(r, rune(le.Uint16(word[at+2*k+2:]))); d != 0xFFFD {
					out = append(out, char{d, uint32(at + 2*k)})
					k++
					continue
				}
			}
			out = append(out, char{r, uint32(at + 2*k)})
		}
	}
	return out, nil
}

// cp1252 maps the bytes 0x80–0x9F of compressed text as the format says; the
// rest are Latin-1.
func cp1252(b byte) rune {
	const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"
	if b >= 0x80 && b <= 0x9F {
		return []rune(high)[b-0x80]
	}
	return rune(b)
}

// papRun is a range of the WordDocument stream whose paragraphs share properties.
type papRun struct {
	from, to uint32
	inTable  bool
	rowEnd   bool
	center   bool
	right    bool
	outline  int // 1–9, 0 for body text
	ilfo     int // the list (1-based in PlfLfo) of an automatically numbered paragraph; 0 for none
	ilvl     int // its level in the list
	// a row's end mark: the cells' boundaries (itcMac+1 of them, in twips) and
	// which cells continue the cell above (sprmTDefTable)
	bounds []int
	below  []bool
}

// paragraphRuns reads the paragraph properties of the FKPs that PlcfBtePapx
// points to.
func paragraphRuns(word, table, data []byte, f fib) ([]papRun, error) {
	le := binary.LittleEndian
	end := uint64(f.fcPlcfBtePapx) + uint64(f.lcbPlcfBtePapx)
	if f.lcbPlcfBtePapx == 0 {
		return nil, nil
	}
	if end > uint64(len(table)) || (f.lcbPlcfBtePapx-4)%8 != 0 {
		return nil, errDOC
	}
	plc := table[f.fcPlcfBtePapx:end]
	n := (len(plc) - 4) / 8
	var runs []papRun
	for i := 0; i < n; i++ {
		pn := le.Uint32(plc[4*(n+1)+4*i:]) & 0x3FFFFF
		off := int(pn) * 512
		if off+512 > len(word) {
			return nil, errDOC
		}
		fkp := word[off : off+512]
		crun := int(fkp[511])
		if 4*(crun+1)+13*crun > 511 {
			return nil, errDOC
		}
		for k := 0; k < crun; k++ {
			r := papRun{from: le.Uint32(fkp[4*k:]), to: le.Uint32(fkp[4*k+4:])}
			bx := int(fkp[4*(crun+1)+13*k]) * 2
			if bx > 0 && bx < 511 {
				g := papx(fkp, bx)
				if len(g) >= 6 && le.Uint16(g) == 0x6646 { // sprmPHugePapx: the grpprl is in the Data stream
					at := int(le.Uint32(g[2:]))
					if at >= 0 && at+2 <= len(data) {
						end := at + 2 + int(le.Uint16(data[at:]))
						g = data[at+2 : min(end, len(data))]
					}
				}
				r.props(g)
			}
			runs = append(runs, r)
		}
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].from < runs[j].from })
	return runs, nil
}

// papx returns the grpprl of the PapxInFkp at bx, after its istd.
func papx(fkp []byte, bx int) []byte {
	cb := int(fkp[bx])
	start, size := bx+1, 2*cb-1
	if cb == 0 {
		if bx+1 >= len(fkp) {
			return nil
		}
		start, size = bx+2, 2*int(fkp[bx+1])
	}
	if size < 2 || start+size > len(fkp) {
		return nil
	}
	return fkp[start+2 : start+size]
}

// props applies the sprms it knows of a grpprl.
func (r *papRun) props(grpprl []byte) {
	le := binary.LittleEndian
	for len(grpprl) >= 2 {
		sprm := le.Uint16(grpprl)
		n := 0
		switch sprm >> 13 {
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6:
			if len(grpprl) < 3 {
				return
			}
			n = 1 + int(grpprl[2])
			if sprm == 0xD608 { // sprmTDefTable: a 2-byte length
				if len(grpprl) < 4 {
					return
				}
				n = 2 + int(le.Uint16(grpprl[2:])) - 1
			}
		}
		if 2+n > len(grpprl) || n < 1 {
			return
		}
		op := grpprl[2]
		switch sprm {
		case 0x2416: // sprmPFInTable
			r.inTable = op != 0
		case 0x2417: // sprmPFTtp: the row's end mark
			r.rowEnd = op != 0
		case 0x2403, 0x2461: // sprmPJc80, sprmPJc
			r.center, r.right = op == 1, op == 2
		case 0x2640: // sprmPOutLvl
			if op < 9 {
				r.outline = int(op) + 1
			}
		case 0xD608: // sprmTDefTable
			if n >= 2 {
				r.defTable(grpprl[4 : 2+n])
			}
		case 0x460B: // sprmPIlfo
			r.ilfo = int(int16(le.Uint16(grpprl[2:])))
		case 0x260A: // sprmPIlvl
			r.ilvl = int(op)
		}
		grpprl = grpprl[2+n:]
	}
}

// defTable reads a TDefTableOperand after its cb: itcMac, the cells'
// boundaries, then a TC80 for each cell.
func (r *papRun) defTable(op []byte) {
	le := binary.LittleEndian
	if len(op) < 1 {
		return
	}
	itc := int(op[0])
	if itc == 0 || itc > 63 || 1+2*(itc+1) > len(op) {
		return
	}
	r.bounds = make([]int, itc+1)
	for i := range r.bounds {
		r.bounds[i] = int(int16(le.Uint16(op[1+2*i:])))
	}
	tc := op[1+2*(itc+1):]
	r.below = make([]bool, itc)
	for i := 0; i < itc && 20*(i+1) <= len(tc); i++ {
		r.below[i] = le.Uint16(tc[20*i:])>>5&3 == 1 // vertMerge: merged with the cell above
	}
}

// runAt returns the properties of the paragraph whose mark is at fc.
func runAt(runs []papRun, fc uint32) papRun {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].to > fc })
	if i < len(runs) && runs[i].from <= fc {
		return runs[i]
	}
	return papRun{}
}

// docBlocks makes the blocks of the main text: a paragraph at each paragraph
// mark, table rows from the cells marked in-table.
func docBlocks(chars []char, runs []papRun, num *numbering) []block {
	var bs []block
	var text strings.Builder
	var cell []cellLine // the paragraphs of the current cell
	var row []xcell     // the cells of the current row
	var rows []xrow
	var bounds [][]int // each row's cell boundaries, when its end mark gives them
	n := 0
	flushTable := func() {
		if len(rows) > 0 {
			n++
			gridSpans(rows, bounds)
			if b, ok := tableBlock(&xtable{rows: rows}, fmt.Sprintf("第 %d 段（表格）", n)); ok {
				bs = append(bs, b)
			}
			rows, bounds = nil, nil
		}
	}
	field := 0 // depth of field codes: the instructions are not text
	for _, c := range chars {
		switch c.r {
		case 0x13:
			field++
			continue
		case 0x14, 0x15:
			if field > 0 {
				field--
			}
			continue
		}
		if field > 0 {
			continue
		}
		switch c.r {
		case '\r', 0x07:
			p := runAt(runs, c.fc)
			t := strings.ReplaceAll(clean(text.String()), "\n", "")
			text.Reset()
			if !p.inTable {
				flushTable()
				if strings.TrimSpace(t) != "" {
					n++
					b := block{text: t, where: fmt.Sprintf("第 %d 段", n), center: p.center, right: p.right}
					if p.ilfo > 0 {
						if label := num.next(strconv.Itoa(p.ilfo), p.ilvl); label != "" {
							b.text, b.auto, b.autoLevel = label+strings.TrimLeft(t, " \t　"), label, p.ilvl
						}
					}
					if p.outline >= 1 && p.outline <= 4 {
						b.kind, b.level = kindHeading, p.outline // a hint, as in a DOCX
					}
					bs = append(bs, b)
				}
				continue
			}
			if strings.TrimSpace(t) != "" {
				cell = append(cell, cellLine{strings.TrimSpace(t), p.center})
			}
			switch {
			case p.rowEnd:
				for i := range row {
					row[i].merged = i < len(p.below) && p.below[i]
				}
				rows = append(rows, xrow{cells: row})
				bounds = append(bounds, p.bounds)
				row, cell = nil, nil
			case c.r == 0x07:
				row = append(row, xcell{text: joinLines(cell), lines: cell, span: 1})
				cell = nil
			}
		case 0x0B: // a line break, as a DOCX's w:br
			text.WriteRune('\n')
		case 0x0C: // a page break: the program lays out the pages
		case 0x01, 0x02, 0x05, 0x08:
			// a picture, a footnote or comment reference, a drawn object
		default:
			text.WriteRune(c.r)
		}
	}
	if t := clean(text.String()); strings.TrimSpace(t) != "" {
		n++
		bs = append(bs, block{text: t, where: fmt.Sprintf("第 %d 段", n)})
	}
	flushTable()
	return bs
}

// docLists reads the automatic numbering of a binary document — the lists of
// PlfLst with their levels, and the list of each PlfLfo entry — into the same
// numbering a DOCX's numbering.xml gives.
func docLists(table []byte, f fib) *numbering {
	le := binary.LittleEndian
	n := &numbering{abstract: map[string]map[int]numLevel{}, nums: map[string]string{}, counters: map[string][]int{}}
	lst, end := int(f.fcPlfLst), int(f.fcPlfLst)+int(f.lcbPlfLst)
	if f.lcbPlfLst < 2 || end > len(table) || end < lst {
		return n
	}
	count := int(le.Uint16(table[lst:]))
	if 2+28*count > end-lst {
		return n
	}
	at := end // the levels follow the PlfLst, list after list
	for i := 0; i < count; i++ {
		lstf := table[lst+2+28*i:]
		lsid := strconv.FormatUint(uint64(le.Uint32(lstf)), 10)
		levels := 9
		if lstf[26]&0x01 != 0 { // fSimpleList
			levels = 1
		}
		lv := map[int]numLevel{}
		for k := 0; k < levels; k++ {
			if at+28 > len(table) {
				return n
			}
			lvlf := table[at:]
			start := int(int32(le.Uint32(lvlf)))
			nfc := lvlf[4]
			at += 28 + int(lvlf[25]) + int(lvlf[24]) // grpprlPapx, grpprlChpx
			if at+2 > len(table) {
				return n
			}
			cch := int(le.Uint16(table[at:]))
			if at+2+2*cch > len(table) {
				return n
			}
			var text strings.Builder
			for c := 0; c < cch; c++ {
				u := le.Uint16(table[at+2+2*c:])
				if u < 9 {
					fmt.Fprintf(&text, "%%%d", u+1) // the counter of level u
					continue
				}
				text.WriteRune(rune(u))
			}
			at += 2 + 2*cch
			if start < 0 || start >= 10000 {
				start = 1
			}
			lv[k] = numLevel{format: nfcFormats[nfc], text: text.String(), start: start}
		}
		n.abstract[lsid] = lv
	}
	lfo, end := int(f.fcPlfLfo), int(f.fcPlfLfo)+int(f.lcbPlfLfo)
	if f.lcbPlfLfo < 4 || end > len(table) || end < lfo {
		return n
	}
	mac := int(le.Uint32(table[lfo:]))
	for i := 0; i < mac && lfo+4+16*(i+1) <= end; i++ {
		n.nums[strconv.Itoa(i+1)] = strconv.FormatUint(uint64(le.Uint32(table[lfo+4+16*i:])), 10)
	}
	return n
}

// nfcFormats names the number formats (MSONFC) as numbering.xml does.
var nfcFormats = map[byte]string{
	0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter", 0x04: "lowerLetter",
	0x0E: "decimalFullWidth", 0x12: "decimalEnclosedCircle", 0x13: "decimalFullWidth2", 0x16: "decimalZero",
	0x17: "bullet", 0x1B: "decimalEnclosedParen", 0x1C: "decimalEnclosedCircleChinese", 0x1E: "ideographTraditional",
	0x21: "taiwaneseCounting", 0x23: "taiwaneseCountingThousand", 0x25: "chineseCounting",
	0x26: "chineseLegalSimplified", 0x27: "chineseCountingThousand", 0xFF: "none",
}

// gridSpans sets each cell's span in the table's grid: the columns between all
// the rows' cell boundaries, as a DOCX's w:gridSpan gives them.
func gridSpans(rows []xrow, bounds [][]int) {
	var grid []int
	for _, b := range bounds {
		grid = append(grid, b...)
	}
	sort.Ints(grid)
	grid = slices.Compact(grid)
	col := func(x int) int { return sort.SearchInts(grid, x) }
	for i := range rows {
		b := bounds[i]
		if len(b) != len(rows[i].cells)+1 {
			continue // the cells and the boundaries disagree: one column a cell
		}
		for k := range rows[i].cells {
			rows[i].cells[k].span = max(col(b[k+1])-col(b[k]), 1)
		}
	}
}
