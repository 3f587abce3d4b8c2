package docx

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

// pdfColumns typesets doc with the bundled fonts, as the PDF is made, and returns the
// column widths in points of each table, in order, read from the vertical rules the
// typesetter draws (a table continued on the next page draws the same edges again).
func pdfColumns(t *testing.T, doc *model.Document, p *layout.Preset) [][]layout.Pt {
	t.Helper()
	res := typesetPDF(t, doc, p)
	var out [][]layout.Pt
	var last string
	for _, pg := range res.Pages {
		seen := map[layout.Pt]bool{}
		var xs []layout.Pt
		for _, r := range pg.Rules {
			if r.X1 == r.X2 && !seen[r.X1] {
				seen[r.X1] = true
				xs = append(xs, r.X1)
			}
		}
		if len(xs) < 2 {
			last = ""
			continue
		}
		sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
		ws := make([]layout.Pt, len(xs)-1)
		for i := range ws {
			ws[i] = xs[i+1] - xs[i]
		}
		if key := strings.Trim(strings.Join(strings.Fields(fmtPts(ws)), ","), "[]"); key != last {
			out = append(out, ws)
			last = key
		}
	}
	return out
}

// typesetPDF lays doc out as the PDF is made with the bundled fonts.
func typesetPDF(t *testing.T, doc *model.Document, p *layout.Preset) *typeset.Result {
	t.Helper()
	res, err := testdoc.Typeset(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// textPages is the number of pages of the PDF before its first table.
func textPages(res *typeset.Result) int {
	for i, pg := range res.Pages {
		if len(pg.Rules) > 0 {
			return i
		}
	}
	return len(res.Pages)
}

func fmtPts(ws []layout.Pt) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(itoa(int(math.Round(float64(w)*100))) + " ")
	}
	return b.String()
}

// cellText is the text of a w:tc.
func cellText(tc *node) string { return tc.texts() }

// TestSeedTables: the seed's two 附表 in the DOCX, checked against the model and the PDF.
func TestSeedTables(t *testing.T) {
	p := report(t)
	doc := seedDocument(t)
	body := write(t, doc, p).xml(t, "word/document.xml").child("body")
	tbls := body.all("tbl")
	if len(tbls) != 2 || len(doc.Appendix) != 2 {
		t.Fatalf("%d tables in the DOCX, %d in the model; the seed has 2", len(tbls), len(doc.Appendix))
	}
	pdf := pdfColumns(t, doc, p)
	if len(pdf) != 2 {
		t.Fatalf("the PDF has %d tables, want 2", len(pdf))
	}
	fang, hei := p.Fonts[p.Table.Role].Docx, p.Fonts[p.Table.HeaderRole].Docx
	full := mmTwips(p.Page.BodyWidth)
	for k, tb := range doc.Appendix {
		t.Run(tb.Label, func(t *testing.T) {
			tbl := tbls[k]
			if got := intAttr(t, tbl.path("tblPr", "tblW"), "w"); got != full {
				t.Errorf("tblW %d, want %d (156 mm)", got, full)
			}
			if got := tbl.path("tblPr", "tblLayout"); got == nil || got.attrOr("type") != "fixed" {
				t.Error("table layout is not fixed")
			}
			if got := tbl.path("tblPr", "jc").val(); got != "center" {
				t.Errorf("table jc %q, want center", got)
			}
			borders := tbl.path("tblPr", "tblBorders")
			for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
				b := borders.child(side)
				if b == nil || b.val() != "single" || intAttr(t, b, "sz") != int(p.Table.Border*8) {
					t.Errorf("border %s: %v, want single sz %d", side, b, int(p.Table.Border*8))
				}
			}
			// column widths: sum to the 版心, equal to the PDF's
			cols := tbl.child("tblGrid").all("gridCol")
			if len(cols) != len(tb.Header) || len(pdf[k]) != len(tb.Header) {
				t.Fatalf("%d grid columns, PDF %d, model %d", len(cols), len(pdf[k]), len(tb.Header))
			}
			sum := 0
			for j, c := range cols {
				w := intAttr(t, c, "w")
				sum += w
				if want := twips(pdf[k][j]); w < want-1 || w > want+1 {
					t.Errorf("column %d: %d tw, the PDF's is %d tw (%.2f pt)", j+1, w, want, float64(pdf[k][j]))
				}
			}
			if sum != full {
				t.Errorf("columns sum to %d tw, want %d", sum, full)
			}

			rows := tbl.all("tr")
			if len(rows) != 1+len(tb.Rows) {
				t.Fatalf("%d rows, want header + %d", len(rows), len(tb.Rows))
			}
			for i, tr := range rows {
				if tr.path("trPr", "cantSplit") == nil {
					t.Errorf("row %d may split across pages", i+1)
				}
				if got := tr.path("trPr", "tblHeader") != nil; got != (i == 0) {
					t.Errorf("row %d: tblHeader %v", i+1, got)
				}
			}
			for j, tc := range rows[0].all("tc") {
				para := tc.child("p")
				if cellText(tc) != tb.Header[j] || para.path("pPr", "pStyle").val() != styleTableHeader {
					t.Errorf("header cell %d: %q in %s", j+1, cellText(tc), para.path("pPr", "pStyle").val())
				}
				if f, _ := para.path("r", "rPr", "rFonts").attr("eastAsia"); f != hei {
					t.Errorf("header cell %d in %s, want %s", j+1, f, hei)
				}
			}

			var total float64
			more := false
			for i, r := range tb.Rows {
				tcs := rows[i+1].all("tc")
				if len(tcs) != len(r.Cells) {
					t.Fatalf("row %d: %d cells, want %d", i+1, len(tcs), len(r.Cells))
				}
				for j, c := range r.Cells {
					tc := tcs[j]
					vm := tc.path("tcPr", "vMerge")
					switch {
					case c.Merged:
						if vm == nil || vm.val() != "" && vm.val() != "continue" || cellText(tc) != "" {
							t.Errorf("row %d col %d: covered cell, vMerge %v text %q", i+1, j+1, vm, cellText(tc))
						}
						continue
					case c.Span > 1:
						if vm == nil || vm.val() != "restart" {
							t.Errorf("row %d col %d: category cell over %d rows without vMerge restart", i+1, j+1, c.Span)
						}
						// the covered cells follow it, Span−1 of them
						for d := 1; d < c.Span; d++ {
							if !tb.Rows[i+d].Cells[j].Merged {
								t.Errorf("row %d: span %d but row %d is not covered", i+1, c.Span, i+d+1)
							}
						}
					default:
						if vm != nil {
							t.Errorf("row %d col %d: unexpected vMerge", i+1, j+1)
						}
					}
					if tc.path("tcPr", "vAlign").val() != "center" {
						t.Errorf("row %d col %d: not centred vertically", i+1, j+1)
					}
					para := tc.child("p")
					if para.path("pPr", "pStyle").val() != styleTable {
						t.Errorf("row %d col %d: style %q, want %s", i+1, j+1, para.path("pPr", "pStyle").val(), styleTable)
					}
					got := cellText(tc)
					if got != c.Text {
						t.Errorf("row %d col %d: %q, want %q", i+1, j+1, got, c.Text)
					}
					if got != "" {
						if f, _ := para.path("r", "rPr", "rFonts").attr("eastAsia"); f != fang {
							t.Errorf("row %d col %d in %s, want %s", i+1, j+1, f, fang)
						}
					}
					align := para.path("pPr", "jc").val()
					switch {
					case c.Span > 1 || r.Total && j == 0:
						if align != "center" {
							t.Errorf("row %d col %d (%q): jc %q, want center", i+1, j+1, got, align)
						}
					case tb.Numeric[j]:
						if align != "right" {
							t.Errorf("row %d col %d (%q): jc %q, want right", i+1, j+1, got, align)
						}
					}
					// every number is the count's value as the text prints it
					if c.Count != nil {
						if want := strings.TrimSuffix(c.Count.Format(), c.Count.Unit); got != want {
							t.Errorf("row %d: %q, the text prints %q", i+1, got, c.Count.Format())
						}
						if !r.Total {
							total += c.Count.Value
							more = more || c.Count.More
						}
					}
				}
				if r.Total {
					if got := cellText(tcs[0]); got != "合计" {
						t.Errorf("total row starts with %q", got)
					}
					want := model.FormatNumber(total)
					if more {
						want += "余"
					}
					for j := range r.Cells {
						if tb.Numeric[j] && cellText(tcs[j]) != want {
							t.Errorf("合计 %q, the column sums to %q", cellText(tcs[j]), want)
						}
					}
				}
			}
			// no body line spacing inside the table
			for _, sp := range tbl.all("spacing") {
				if v, _ := sp.attr("line"); v == itoa(p.Docx.LinePitchTw) {
					t.Errorf("w:spacing line=%s inside a table", v)
				}
			}
		})
	}
	hasTotal := false
	for _, r := range doc.Appendix[0].Rows {
		hasTotal = hasTotal || r.Total
	}
	if !hasTotal {
		t.Error("the seed's 附表1 has no 合计 row")
	}
}

// TestAppendixPlacement: after the 署名 and the date, each 附表 starts on a new page with
// its label, a blank line (spacing after the label), the title, the unit line, then the
// table; the document ends with a paragraph of 1 pt.
func TestAppendixPlacement(t *testing.T) {
	p := report(t)
	doc := seedDocument(t)
	body := write(t, doc, p).xml(t, "word/document.xml").child("body")
	var seq []string // the body's children after the date, as style or "tbl"
	var labels []*node
	after := false
	for _, c := range body.children {
		switch {
		case c.name == "p" && c.texts() == doc.Date.String():
			after = true
		case !after || c.name == "sectPr":
		case c.name == "tbl":
			seq = append(seq, "tbl")
		default:
			st := c.path("pPr", "pStyle").val()
			if st == styleTableLabel {
				labels = append(labels, c)
			}
			seq = append(seq, st+":"+c.texts())
		}
	}
	want := []string{
		styleTableLabel + ":附表1", styleTableTitle + ":" + doc.Appendix[0].Title, styleTableUnit + ":单位：次", "tbl",
		styleTableLabel + ":附表2", styleTableTitle + ":" + doc.Appendix[1].Title, "tbl",
		":", // the 1 pt paragraph Word needs after a table that ends the document
	}
	if strings.Join(seq, "|") != strings.Join(want, "|") {
		t.Fatalf("after the date:\n%s\nwant\n%s", strings.Join(seq, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range labels {
		if l.path("pPr", "pageBreakBefore") == nil {
			t.Errorf("%s does not start a new page", l.texts())
		}
	}
	styles := styleByID(t, write(t, doc, p))
	if got := intAttr(t, styles[styleTableLabel].path("pPr", "spacing"), "after"); got != p.Docx.LinePitchTw {
		t.Errorf("label spacing after %d, want one grid line %d", got, p.Docx.LinePitchTw)
	}
	for _, id := range []string{styleTableLabel, styleTableTitle, styleTableUnit} {
		if styles[id].path("pPr", "keepNext") == nil {
			t.Errorf("%s is not kept with the table", id)
		}
	}
}

// inPlaceDocument is the seed with its 附表2 moved into the text after the first
// paragraph of the first section's first subsection (（一）), and no 附表.
func inPlaceDocument(t testing.TB) *model.Document {
	doc := seedDocument(t)
	tb := *doc.Appendix[1]
	tb.Appendix, tb.Label, tb.After = false, "", 1
	s := doc.Sections[0].Sections[0]
	s.Tables = append(s.Tables, &tb)
	doc.Appendix = nil
	return doc
}

// TestInPlaceTable: a section's table sits after its paragraph, without a page break,
// and the paragraph after it is moved down onto the next grid line.
func TestInPlaceTable(t *testing.T) {
	p := report(t)
	doc := inPlaceDocument(t)
	var tb *model.Table
	var before, after *model.Paragraph
	blocks := doc.Blocks()
	for i, b := range blocks {
		if x, ok := b.(*model.Table); ok {
			tb, before, after = x, blocks[i-1].(*model.Paragraph), blocks[i+1].(*model.Paragraph)
		}
	}
	body := write(t, doc, p).xml(t, "word/document.xml").child("body")
	kids := body.children
	i := 0
	for i < len(kids) && !strings.HasSuffix(kids[i].texts(), before.Text()) {
		i++
	}
	if i+4 >= len(kids) {
		t.Fatal("the paragraph before the table is not in the DOCX")
	}
	title, next := kids[i+1], kids[i+3]
	if title.path("pPr", "pStyle").val() != styleTableTitle || title.texts() != tb.Title {
		t.Errorf("after the paragraph: %q, want the table title", title.texts())
	}
	if title.path("pPr", "pageBreakBefore") != nil || strings.Contains(title.texts(), "附表") {
		t.Error("an in-place table starts a new page or has a 附表 label")
	}
	if kids[i+2].name != "tbl" {
		t.Fatalf("no table after the title (got <%s>)", kids[i+2].name)
	}
	if !strings.HasSuffix(next.texts(), after.Text()) {
		t.Errorf("after the table: %q…", head(next.texts()))
	}
	gap := intAttr(t, next.path("pPr", "spacing"), "before")
	w := &writer{doc: doc, p: p}
	ws, size, err := w.columns(tb)
	if err != nil {
		t.Fatal(err)
	}
	if want := w.gapAfter(tb, ws, size); gap != want || gap <= 0 || gap >= p.Docx.LinePitchTw {
		t.Errorf("spacing before the next paragraph %d tw, want %d, within one grid line", gap, want)
	}
}

// TestGapAfter: the predicted table height plus the gap is a whole number of grid lines.
func TestGapAfter(t *testing.T) {
	p := report(t)
	w := &writer{doc: seedDocument(t), p: p}
	st := p.Table
	rowPad := 2*(mmTwips(st.PadV)-twips(st.Border/2)) + twips(st.Border)
	for _, tb := range w.doc.Appendix {
		ws, size, err := w.columns(tb)
		if err != nil {
			t.Fatal(err)
		}
		gap := w.gapAfter(tb, ws, size)
		// every row of the seed's tables is one line, but the 附表1 row of the long 项目
		// text, which wraps in the PDF too
		lines := 1 + len(tb.Rows)
		if tb.Label == "附表1" {
			lines++
		}
		height := twips(st.Border) + (1+len(tb.Rows))*rowPad + lines*twips(st.LinePitch)
		if (height+gap)%p.Docx.LinePitchTw != 0 || gap < 0 || gap >= p.Docx.LinePitchTw {
			t.Errorf("%s: height %d + gap %d is not on the %d tw grid", tb.Label, height, gap, p.Docx.LinePitchTw)
		}
	}
}

func TestCellLines(t *testing.T) {
	const size = 14
	tests := []struct {
		text  string
		chars float64 // inner width in ems
		want  int
	}{
		{"开展学习", 4, 1},
		{"开展学习", 3.5, 2},
		{"", 2, 1},
		{"100余", 2.5, 1},
		{"100余", 2, 2},
		{"召开党建暨意识形态、统战、党风廉政建设等工作会议", 23.3, 2},
		// 禁则: the comma goes with 态, so the line breaks before 态
		{"召开党建暨意识形态，统战", 9, 2},
		{"意识形态，", 4, 2},
		// digits stay together
		{"500万元以上项目月报", 2, 5},
		{"abc123", 2, 1},
		{"（一）项目", 2, 2}, // a piece wider than the cell overflows its line
	}
	for _, tt := range tests {
		if got := cellLines(tt.text, size, int(tt.chars*size*20)); got != tt.want {
			t.Errorf("cellLines(%q, %.1f em) = %d, want %d", tt.text, tt.chars, got, tt.want)
		}
	}
}

// TestTallRows: a row that may be taller than a page may break across pages in
// Word, and a form's long first row is not repeated as a header, as in the PDF.
func TestTallRows(t *testing.T) {
	p := report(t)
	long := strings.Repeat("简历内容，", 80)
	tests := []struct {
		name            string
		header, row     string
		headerRow, keep bool // the first row repeats as a header; the second may not split
	}{
		{"short cells", "项目", "内容", true, true},
		{"a long cell", "项目", long, true, false},
		{"a long header", long, "内容", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := seedDocument(t)
			doc.Appendix = []*model.Table{{Label: "附表", Header: []string{tt.header, "说明"}, Numeric: []bool{false, false},
				Rows: []*model.Row{{Cells: []*model.Cell{{Text: tt.row, Span: 1}, {Text: "见左", Span: 1}}}}}}
			rows := write(t, doc, p).xml(t, "word/document.xml").child("body").child("tbl").all("tr")
			if len(rows) != 2 {
				t.Fatalf("%d rows", len(rows))
			}
			if got := rows[0].path("trPr", "tblHeader") != nil; got != tt.headerRow {
				t.Errorf("header row repeats: %v, want %v", got, tt.headerRow)
			}
			if got := rows[1].path("trPr", "cantSplit") != nil; got != tt.keep {
				t.Errorf("row kept whole: %v, want %v", got, tt.keep)
			}
		})
	}
}
