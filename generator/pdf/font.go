package pdf

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
)

// font is one role's font in a document: the glyphs its runs draw.
//
// Text is written as glyph IDs, so a glyph that several characters share (— and ― are
// one glyph in FandolFang) could have only one of them in a ToUnicode map. Each further
// character of a shared glyph is drawn with a variant font instead: the same embedded
// file and descriptor under another Type0 font, whose ToUnicode map names it. So text
// extraction is exact in every reader, with no ActualText to rely on.
//
// A compressed punctuation mark (typeset.Run.Half) is drawn with a half-width glyph that
// the subset adds after the font's own (fonts.Half): its /W is half the mark's width and
// the ToUnicode map gives it the mark's character.
type font struct {
	role   layout.Role
	face   Subsetter
	gid    []uint16              // by rune of the Basic Multilingual Plane: its glyph, 0 while unused
	beyond map[rune]uint16       // the same for runes beyond the BMP (𬌗 U+2C317); nil if none
	runes  []rune                // the runes drawn full width, in order of first use, then sorted
	half   map[fonts.Half]uint16 // the half-width glyphs drawn, by rune and side
	halves []fonts.Half          // the keys of half, sorted: their glyphs in that order

	// glyphs[0] are the glyphs drawn, by ID, each with its smallest character;
	// glyphs[v] (v ≥ 1) are the glyphs whose v+1-th character some run draws.
	glyphs  [][]glyph
	variant map[rune]int // the variant font of each rune that needs one; nil if none does
	res     [][]byte     // resource name of each variant: /F1, /F1v1 …
	obj     int          // object number of the Type0 font; the rest follow (see objects)

	metrics    fonts.Metrics
	file, cmap stream   // the subset TrueType file and the ToUnicode CMap
	cmaps      []stream // the variants' ToUnicode CMaps
}

// glyph is a glyph a document draws: its ID (= CID), the character it stands for and
// its advance in 1/1000 em.
type glyph struct {
	id    uint16
	r     rune
	width float64
}

// glyphID returns the glyph that draws c, 0 while c is unused.
func (f *font) glyphID(c rune) uint16 {
	if int(c) < len(f.gid) {
		return f.gid[c]
	}
	return f.beyond[c]
}

// use records that c is drawn with glyph g.
func (f *font) use(c rune, g uint16) {
	if int(c) < len(f.gid) {
		f.gid[c] = g
	} else {
		if f.beyond == nil {
			f.beyond = map[rune]uint16{}
		}
		f.beyond[c] = g
	}
	f.runes = append(f.runes, c)
}

// sortGlyphs sorts the runes and fills in f.glyphs and f.variant.
func (f *font) sortGlyphs() {
	slices.Sort(f.runes)
	all := make([]glyph, 0, len(f.runes))
	for _, r := range f.runes {
		all = append(all, glyph{id: f.glyphID(r), r: r, width: f.face.Advance(r) * 1000})
	}
	slices.SortStableFunc(all, func(a, b glyph) int { return cmp.Compare(a.id, b.id) })
	f.glyphs = [][]glyph{make([]glyph, 0, len(all))}
	v := 0
	for i, g := range all {
		if i > 0 && g.id == all[i-1].id {
			v++
			if f.variant == nil {
				f.variant = map[rune]int{}
			}
			f.variant[g.r] = v
			if v == len(f.glyphs) {
				f.glyphs = append(f.glyphs, nil)
			}
		} else {
			v = 0
		}
		f.glyphs[v] = append(f.glyphs[v], g)
	}
	// The half-width glyphs come after the font's own, each with its own ID, so they
	// need no variant: the map of the first font names them.
	f.halves = slices.SortedFunc(maps.Keys(f.half), func(a, b fonts.Half) int {
		if c := cmp.Compare(a.Rune, b.Rune); c != 0 {
			return c
		}
		return cmp.Compare(btoi(a.Left), btoi(b.Left))
	})
	for i, h := range f.halves {
		id := uint16(f.face.NumGlyphs() + i)
		f.half[h] = id
		f.glyphs[0] = append(f.glyphs[0], glyph{id: id, r: h.Rune, width: f.face.Advance(h.Rune) * 500})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// objects is the number of objects the font takes: Type0 font, CIDFontType2, font
// descriptor, ToUnicode CMap and font file, then Type0, CIDFontType2 and ToUnicode CMap
// of each variant.
func (f *font) objects() int { return 5 + 3*(len(f.glyphs)-1) }

// type0 is the object number of variant v's Type0 font.
func (f *font) type0(v int) int {
	if v == 0 {
		return f.obj
	}
	return f.obj + 5 + 3*(v-1)
}

// subsetTag returns the six capital letters that name a subset (PDF 1.7 §9.6.4), from
// a hash of the role, the runes and the half-width glyphs, so the same document always
// gets the same tag.
func subsetTag(role layout.Role, runes []rune, halves []fonts.Half) string {
	h := fnv.New64a()
	h.Write([]byte(role))
	var b [4]byte
	for _, r := range runes {
		b[0], b[1], b[2], b[3] = byte(r>>24), byte(r>>16), byte(r>>8), byte(r)
		h.Write(b[:])
	}
	for _, hf := range halves {
		side := "R"
		if hf.Left {
			side = "L"
		}
		h.Write([]byte(side + string(hf.Rune)))
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// widths returns the default width (the commonest) and the body of a /W array that gives
// every other glyph's width: consecutive glyph IDs of one width as "first last w",
// other consecutive IDs as "first [w1 w2 …]". gs is sorted by ID without repeats.
func widths(gs []glyph) (float64, []byte) {
	count := map[float64]int{}
	for _, g := range gs {
		count[g.width]++
	}
	dw, best := 1000.0, 0
	for w, n := range count {
		if n > best || n == best && w < dw {
			dw, best = w, n
		}
	}
	var b []byte
	for i := 0; i < len(gs); {
		if gs[i].width == dw {
			i++
			continue
		}
		j := i + 1 // gs[i:j] is a run of consecutive IDs, none of the default width
		same := true
		for j < len(gs) && gs[j].id == gs[j-1].id+1 && gs[j].width != dw {
			same = same && gs[j].width == gs[i].width
			j++
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, float64(gs[i].id), 0)
		if same && j-i > 1 {
			b = append(b, ' ')
			b = appendNum(b, float64(gs[j-1].id), 0)
			b = append(b, ' ')
			b = appendNum(b, gs[i].width, 3)
		} else {
			b = append(b, " ["...)
			for k := i; k < j; k++ {
				if k > i {
					b = append(b, ' ')
				}
				b = appendNum(b, gs[k].width, 3)
			}
			b = append(b, ']')
		}
		i = j
	}
	return dw, b
}

// toUnicode returns a ToUnicode CMap that maps each glyph ID to its character in UTF-16BE:
// runs of consecutive IDs and BMP characters as bfrange (within one high byte, as the CMap
// format requires), the rest as bfchar, a character beyond the BMP as its surrogate pair
// (<0123> <D870DF17> for 𬌗), at most 100 entries to a block. gs is sorted by ID.
func toUnicode(gs []glyph) []byte {
	type entry struct {
		lo, hi uint16
		r      rune
	}
	var chars, ranges []entry
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].id == gs[j-1].id+1 && gs[j].r == gs[j-1].r+1 && gs[j].r <= 0xFFFF &&
			gs[j].id>>8 == gs[i].id>>8 && gs[j].r>>8 == gs[i].r>>8 {
			j++
		}
		e := entry{gs[i].id, gs[j-1].id, gs[i].r}
		if j-i > 1 {
			ranges = append(ranges, e)
		} else {
			chars = append(chars, e)
		}
		i = j
	}
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(chars) > 0 {
		n := min(len(chars), 100)
		b = appendNum(b, float64(n), 0)
		b = append(b, " beginbfchar\n"...)
		for _, e := range chars[:n] {
			b = append(b, '<')
			b = appendHex16(b, e.lo)
			b = append(b, "> <"...)
			b = appendUTF16(b, e.r)
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
		chars = chars[n:]
	}
	for len(ranges) > 0 {
		n := min(len(ranges), 100)
		b = appendNum(b, float64(n), 0)
		b = append(b, " beginbfrange\n"...)
		for _, e := range ranges[:n] {
			b = append(b, '<')
			b = appendHex16(b, e.lo)
			b = append(b, "> <"...)
			b = appendHex16(b, e.hi)
			b = append(b, "> <"...)
			b = appendHex16(b, uint16(e.r))
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfrange\n"...)
		ranges = ranges[n:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// Font descriptor flags (PDF 1.7 §9.8.2).
const (
	flagFixedPitch = 1 << 0
	flagSymbolic   = 1 << 2 // a CID font's glyphs are outside the standard Latin set
	flagItalic     = 1 << 6
)

// prepare subsets the font file and builds the ToUnicode CMaps: the slow part, which
// runs alongside the other fonts and pages.
func (f *font) prepare() error {
	data, err := f.face.SubsetHalves(f.runes, f.halves)
	if err != nil {
		return fmt.Errorf("pdf: 字体 %s：%w", f.role, err)
	}
	f.file.data = data
	f.cmap.data = toUnicode(f.glyphs[0])
	f.cmaps = make([]stream, len(f.glyphs)-1)
	for v := range f.cmaps {
		f.cmaps[v].data = toUnicode(f.glyphs[v+1])
	}
	f.metrics = f.face.Metrics()
	return nil
}

// write writes the font's objects (see objects).
func (f *font) write(w *writer) {
	m := f.metrics
	ps := m.PostScriptName
	if ps == "" {
		ps = string(f.role)
	}
	base := appendName(nil, subsetTag(f.role, f.runes, f.halves)+"+"+ps)
	desc := f.obj + 2
	fontPair := func(num int, gs []glyph, toUnicode int) {
		w.obj(num)
		w.str("<< /Type /Font /Subtype /Type0 /BaseFont ")
		w.b = append(w.b, base...)
		w.str(" /Encoding /Identity-H /DescendantFonts [")
		w.ref(num + 1)
		w.str("] /ToUnicode ")
		w.ref(toUnicode)
		w.str(" >>")
		w.endobj()

		dw, widths := widths(gs)
		w.obj(num + 1)
		w.str("<< /Type /Font /Subtype /CIDFontType2 /BaseFont ")
		w.b = append(w.b, base...)
		w.str(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ")
		w.ref(desc)
		w.str(" /CIDToGIDMap /Identity /DW ")
		w.b = appendNum(w.b, dw, 3)
		if len(widths) > 0 {
			w.str(" /W [")
			w.b = append(w.b, widths...)
			w.str("]")
		}
		w.str(" >>")
		w.endobj()
	}
	fontPair(f.obj, f.glyphs[0], f.obj+3)

	em := func(v int) { w.b = appendNum(w.b, float64(v)*1000/float64(m.UnitsPerEm), 0) }
	flags := flagSymbolic
	if m.FixedPitch {
		flags |= flagFixedPitch
	}
	if m.ItalicAngle != 0 {
		flags |= flagItalic
	}
	w.obj(desc)
	w.str("<< /Type /FontDescriptor /FontName ")
	w.b = append(w.b, base...)
	w.str(" /Flags ")
	w.b = strconv.AppendInt(w.b, int64(flags), 10)
	w.str(" /FontBBox [")
	for i, v := range m.BBox {
		if i > 0 {
			w.str(" ")
		}
		em(v)
	}
	w.str("] /ItalicAngle ")
	w.b = appendNum(w.b, m.ItalicAngle, 2)
	w.str(" /Ascent ")
	em(m.Ascent)
	w.str(" /Descent ")
	em(m.Descent)
	w.str(" /CapHeight ")
	em(m.CapHeight)
	w.str(" /StemV ")
	// TrueType fonts do not state their stem width; this is the usual estimate from the
	// weight class (400 gives 87).
	w.b = strconv.AppendInt(w.b, int64(50+math.Pow(float64(m.Weight)/65, 2)), 10)
	w.str(" /FontFile2 ")
	w.ref(f.obj + 4)
	w.str(" >>")
	w.endobj()

	w.stream(f.obj+3, &f.cmap, "")
	w.stream(f.obj+4, &f.file, " /Length1 "+strconv.Itoa(len(f.file.data)))
	for v := 1; v < len(f.glyphs); v++ {
		num := f.type0(v)
		fontPair(num, f.glyphs[v], num+2)
		w.stream(num+2, &f.cmaps[v-1], "")
	}
}
