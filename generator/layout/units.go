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
