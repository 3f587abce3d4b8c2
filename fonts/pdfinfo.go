package fonts

import "strings"

// Metrics are the font-wide figures a PDF font descriptor states, in font units
// (UnitsPerEm to the em) except ItalicAngle.
type Metrics struct {
	UnitsPerEm      int
	Ascent, Descent int    // hhea ascender and descender (Descent is negative)
	CapHeight       int    // OS/2 sCapHeight, or Ascent when the font does not say
	BBox            [4]int // head xMin, yMin, xMax, yMax
	ItalicAngle     float64
	Weight          int  // OS/2 usWeightClass, 400 when the font has no OS/2 table
	FixedPitch      bool // post.isFixedPitch
	PostScriptName  string
}

// Metrics returns the font-wide metrics and the PostScript name (name ID 6) of the font.
// PostScriptName is empty when the font has none that decodes to printable ASCII.
func (f *Face) Metrics() Metrics {
	head, hhea := f.tables["head"], f.tables["hhea"]
	m := Metrics{
		UnitsPerEm: f.unitsPerEm,
		Ascent:     int(i16(hhea, 4)),
		Descent:    int(i16(hhea, 6)),
		BBox:       [4]int{int(i16(head, 36)), int(i16(head, 38)), int(i16(head, 40)), int(i16(head, 42))},
		Weight:     400,
	}
	m.CapHeight = m.Ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		if w := int(u16(os2, 4)); w > 0 {
			m.Weight = w
		}
		if len(os2) >= 90 && u16(os2, 0) >= 2 && i16(os2, 88) > 0 {
			m.CapHeight = int(i16(os2, 88))
		}
	}
	if post := f.tables["post"]; len(post) >= 16 {
		m.ItalicAngle = float64(int32(u32(post, 4))) / 65536
		m.FixedPitch = u32(post, 12) != 0
	}
	m.PostScriptName = postScriptName(f.tables["name"])
	return m
}

// GlyphID returns the glyph that cmap maps r to, 0 (.notdef) if the font lacks r. Subset
// keeps glyph IDs, so the ID is also the glyph's index in a subset of the font.
func (f *Face) GlyphID(r rune) uint16 { return uint16(f.glyph(r)) }

// postScriptName returns name ID 6, Windows records before Mac ones, keeping only the
// characters a PostScript name may hold (printable ASCII except the delimiters).
func postScriptName(name []byte) string {
	recs := nameRecords(name, func(id uint16) bool { return id == 6 })
	for _, platform := range []uint16{3, 1, 0} {
		for _, r := range recs {
			if r.platform != platform {
				continue
			}
			s := strings.Map(func(c rune) rune {
				if c <= ' ' || c >= 0x7F || strings.ContainsRune("[](){}<>/%#", c) {
					return -1
				}
				return c
			}, r.value)
			if s != "" {
				return s[:min(len(s), 63)]
			}
		}
	}
	return ""
}
