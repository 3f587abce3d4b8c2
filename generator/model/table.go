package model

// Table is a table of activity counts or of literal cells. Count tables are built from
// the document's counts, so a table and the text can never disagree.
type Table struct {
	Title    string
	Unit     string   // the unit line, e.g. "单位：次"; empty when the rows' units differ
	Header   []string // column headings
	Numeric  []bool   // per column: numbers, aligned right
	Rows     []*Row
	Appendix bool   // a 附表 on a new page after the text; otherwise in place
	After    int    // in a section: after its paragraph number After (1-based), 0 after all; in the opening text (Document.Tables): 0 before the first
	Label    string // "附表" or "附表1" for an appendix table, set by the parser
	Pos      Pos
}

// Row is one row of a table.
type Row struct {
	Cells []*Cell
	Total bool // the 合计 row, computed by the program
}

// Cell is one table cell. A category cell spans the rows of its category: the
// first row's cell has Span > 1 and the cells below it are Merged.
type Cell struct {
	Text   string
	Count  *Count // the count this cell prints, if any
	Span   int    // rows this cell covers (1 for a plain cell)
	Merged bool   // covered by a cell above
}

func (*Table) block() {}
