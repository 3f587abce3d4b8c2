package layout

// Pt is a length in PostScript points (1/72 inch), the unit of the typesetter.
type Pt float64

// MM is a length in millimetres, the unit the standard is written in.
type MM float64

// Pt converts millimetres to points.
func (m MM) Pt() Pt { return Pt(float64(m) * 72 / 25.4) }

// MM converts points to millimetres.
func (p Pt) MM() MM { return MM(float64(p) * 25.4 / 72) }

// Twips converts points to twentieths of a point, the unit of WordprocessingML.
func (p Pt) Twips() int { return int(float64(p)*20 + 0.5) }

// CMYK is an ink as percentages of cyan, magenta, yellow and black, the way a print
// shop states it: §6.2 asks for black BL100% ([0, 0, 0, 100]) and red Y80% M80%
// ([0, 80, 80, 0]).
type CMYK [4]float64

// Gray reports whether the ink is black alone (K), so it can be printed as a grey
// level of the black plate.
func (c CMYK) Gray() bool { return c[0] == 0 && c[1] == 0 && c[2] == 0 }

// RGB is the ink's colour on a screen, by the naive conversion (no colour profile):
// what an SVG preview shows.
func (c CMYK) RGB() (r, g, b uint8) {
	ch := func(v float64) uint8 {
		k := 1 - c[3]/100
		return uint8(255*(1-v/100)*k + 0.5)
	}
	return ch(c[0]), ch(c[1]), ch(c[2])
}
