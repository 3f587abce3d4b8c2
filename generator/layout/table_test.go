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
