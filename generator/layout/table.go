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
	if len(open) == 0 { // only numbers: equal columns, or, when one is wider than its
		// share, each its own width and an equal part of what is spare
		even := true
		for _, w := range ws {
			even = even && w <= total/Pt(len(ws))
		}
		for j := range ws {
			switch {
			case even:
				ws[j] = total / Pt(len(ws))
			case sum <= total:
				ws[j] += (total - sum) / Pt(len(ws))
			}
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

// FitTable chooses a table's text size and column widths: the preset's size when
// the columns fit total, else the first of the smaller sizes at which they do.
// natural is each column's widest content at the preset's size. ok is false when
// even the smallest size is too wide.
func (t Table) FitTable(natural []Pt, numeric []bool, total Pt) (size Pt, ws []Pt, ok bool) {
	for _, size = range append([]Pt{t.Size}, t.Smaller...) {
		scaled := make([]Pt, len(natural))
		for j, w := range natural {
			scaled[j] = w * size / t.Size
		}
		ws = FitColumns(scaled, numeric, total, t.PadH.Pt(), size)
		var sum Pt
		fits := true
		for j, w := range ws {
			sum += w
			// a number never wraps: its column holds it whole
			fits = fits && (!numeric[j] || w >= scaled[j]+2*t.PadH.Pt()-0.01)
		}
		if fits && sum <= total+0.01 {
			return size, ws, true
		}
	}
	return size, ws, false
}

// MaxColumns is about how many columns of two characters fit total at the smallest
// size: what a message can promise.
func (t Table) MaxColumns(total Pt) int {
	size := t.Size
	for _, s := range t.Smaller {
		size = min(size, s)
	}
	return int(total / (2*size + 2*t.PadH.Pt()))
}
