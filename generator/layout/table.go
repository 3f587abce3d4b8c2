package layout

// FitColumns gives the widths of a table's columns, shared by the PDF typesetter and
// the DOCX writer so both draw the same table. natural is each column's widest content
// (text at the table size, without padding), numeric marks number columns, total is
// the width to fill (the 版心), pad the cell padding on each side and size the text
// size.
//
// Every column gets its natural width plus padding, and the columns fill total. When
// the content fits, the text columns share the spare width in proportion to their
// content. When it is too wide, number columns keep their width and the text columns
// share the rest by water-filling: a column narrower than its fair share keeps its
// width, the wider ones split what is left (and wrap), never below two characters.
// A table of numbers only is shared evenly.
func FitColumns(natural []Pt, numeric []bool, total, pad, size Pt) []Pt {
	ws := make([]Pt, len(natural))
	var sum, text Pt
	var open []int // text columns not yet settled
	for j, w := range natural {
		ws[j] = w + 2*pad
		sum += ws[j]
		if !numeric[j] {
			text += ws[j]
			open = append(open, j)
		}
	}
	if len(open) == 0 { // only numbers: share evenly
		for j := range ws {
			ws[j] = total / Pt(len(ws))
		}
		return ws
	}
	room := total - (sum - text) // what the text columns may take
	if text <= room {
		for _, j := range open {
			ws[j] *= room / text
		}
		return ws
	}
	for len(open) > 0 {
		share := room / Pt(len(open))
		var wide []int
		for _, j := range open {
			if ws[j] <= share {
				room -= ws[j]
			} else {
				wide = append(wide, j)
			}
		}
		if len(wide) == len(open) {
			for _, j := range wide {
				ws[j] = max(share, 2*size+2*pad)
			}
			break
		}
		open = wide
	}
	return ws
}
