package layout

import (
	"math"
	"testing"
)

func TestFitColumns(t *testing.T) {
	const total, pad, size = 442, 4, 14
	tests := []struct {
		name    string
		natural []Pt
		numeric []bool
		want    []Pt
	}{
		// text columns 64 + 108 = 172 share 442 − 40 = 402 in proportion
		{"fits", []Pt{56, 100, 32}, []bool{false, false, true}, []Pt{64 * 402 / 172.0, 108 * 402 / 172.0, 40}},
		// too wide: the number column keeps 40, the narrow text column keeps 64, the wide one takes the rest
		{"water-filling", []Pt{56, 500, 32}, []bool{false, false, true}, []Pt{64, 338, 40}},
		// two wide text columns split the room evenly
		{"two wide", []Pt{300, 400, 32}, []bool{false, false, true}, []Pt{201, 201, 40}},
		{"numbers only", []Pt{20, 30}, []bool{true, true}, []Pt{221, 221}},
		// a number wider than its share keeps its width: it never wraps or overprints
		{"one wide number", []Pt{20, 300}, []bool{true, true}, []Pt{81, 361}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FitColumns(tt.natural, tt.numeric, total, pad, size)
			var sum Pt
			for j := range got {
				sum += got[j]
				if math.Abs(float64(got[j]-tt.want[j])) > 1e-9 {
					t.Errorf("column %d: %.3f, want %.3f", j, float64(got[j]), float64(tt.want[j]))
				}
			}
			if math.Abs(float64(sum-total)) > 1e-9 {
				t.Errorf("columns sum to %.3f, want %d", float64(sum), total)
			}
		})
	}
}

// TestFitTable: a table too wide for its size is set in the first smaller size at
// which it fits; past the smallest it does not fit.
func TestFitTable(t *testing.T) {
	tb := Table{Size: 14, Smaller: []Pt{12, 10.5}, PadH: 1.5}
	pad := tb.PadH.Pt()
	tests := []struct {
		name    string
		natural []Pt // at 14 pt
		numeric []bool
		size    Pt
		ok      bool
	}{
		{"fits", []Pt{100, 100}, []bool{false, true}, 14, true},
		{"numbers too wide at 14", []Pt{230, 230}, []bool{true, true}, 12, true},
		{"numbers too wide at 12", []Pt{250, 250}, []bool{true, true}, 10.5, true},
		{"too wide", []Pt{400, 400}, []bool{true, true}, 10.5, false},
		{"many text columns", repeat(28, 30), make([]bool, 30), 10.5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size, ws, ok := tb.FitTable(tt.natural, tt.numeric, 442)
			if size != tt.size || ok != tt.ok {
				t.Errorf("size %.1f ok %v, want %.1f %v", size, ok, tt.size, tt.ok)
			}
			var sum Pt
			for j, w := range ws {
				sum += w
				if ok && tt.numeric[j] && w < tt.natural[j]*size/14+2*pad-1e-9 {
					t.Errorf("number column %d %.1f narrower than its number", j, w)
				}
			}
			if ok && math.Abs(float64(sum-442)) > 1e-6 {
				t.Errorf("columns sum to %.2f, want 442", sum)
			}
		})
	}
	if got := tb.MaxColumns(442); got != 14 {
		t.Errorf("MaxColumns = %d, want 14", got)
	}
}

func repeat(w Pt, n int) []Pt {
	out := make([]Pt, n)
	for i := range out {
		out[i] = w
	}
	return out
}
