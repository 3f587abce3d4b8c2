package fonts

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Subset returns a TrueType file with only the glyphs of runes, for embedding in a PDF.
//
// The result is a FontFile2 for a PDF with CID = glyph ID: its cmap maps exactly the given
// runes, with a (3,1) format 4 subtable for those of the Basic Multilingual Plane and, when
// some lie beyond it (𬌗 U+2C317), a (3,10) format 12 subtable for all of them; glyf holds
// their outlines, .notdef and the
// components of composite glyphs, and every other glyph is empty. Glyph IDs do not change,
// so hmtx, hhea and maxp are copied as they are; loca is rebuilt in the long format and post
// is cut down to version 3 (no glyph names). Besides these, head, OS/2, name and the hinting
// tables (cvt, fpgm, prep, gasp) are kept; everything else is dropped. The bytes depend only
// on the font and the set of runes, not on their order or repetition.
//
// Runes the font lacks are errors naming the rune: callers pick a fallback font for those
// first.
func (f *Face) Subset(runes []rune) ([]byte, error) { return f.SubsetHalves(runes, nil) }

// Half is a glyph that SubsetHalves adds after the font's own: the glyph of Rune with half
// its advance, for a full-width punctuation mark that gives up one blank half of its em
// (clreq's 标点挤压). A closing or pause mark (，。”）) keeps its outline, whose ink stands
// in the left half; with Left, an opening mark (“（《) has its outline moved left by the
// half it gives up, so that its ink, in the right half of its em, starts at its origin.
// Either way the glyph's advance box is exactly the half em its ink stands in.
type Half struct {
	Rune rune
	Left bool
}

// NumGlyphs returns the number of glyphs of the font: the ID of the first glyph that
// SubsetHalves adds.
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// SubsetHalves is Subset with a glyph for each of halves appended, with IDs NumGlyphs(),
// NumGlyphs()+1, … in the order given. Each is a composite glyph of one component, the
// rune's own glyph, offset by the half it gives up (Left) or not at all; hmtx gives it
// half the rune's advance (so every glyph then has a long metric), and maxp, hhea and
// head count and bound it. cmap does not map them: a PDF draws them by glyph ID.
func (f *Face) SubsetHalves(runes []rune, halves []Half) ([]byte, error) {
	if f.numGlyphs+len(halves) > 0xFFFF {
		return nil, fmt.Errorf("字体 %s 子集：字形太多（%d 个）", f.source, f.numGlyphs+len(halves))
	}
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)

	maps := make([]mapping, 0, len(runes))
	for _, r := range runes {
		if r < 0 || r > 0x10FFFF {
			return nil, fmt.Errorf("字体 %s 子集：无效的字符码 %d", f.source, r)
		}
		g := f.glyph(r)
		if g == 0 {
			return nil, fmt.Errorf("字体 %s 中没有「%c」（U+%04X）", f.source, r, r)
		}
		maps = append(maps, mapping{int(r), g})
	}

	keep := make([]bool, f.numGlyphs)
	keep[0] = true
	var stack []int
	for _, m := range maps {
		if !keep[m.gid] {
			keep[m.gid] = true
			stack = append(stack, m.gid)
		}
	}
	bases := make([]int, len(halves)) // the glyph of each half
	for i, h := range halves {
		g := f.glyph(h.Rune)
		if g == 0 || h.Rune > 0xFFFF {
			return nil, fmt.Errorf("字体 %s 中没有「%c」（U+%04X）", f.source, h.Rune, h.Rune)
		}
		bases[i] = g
		if !keep[g] {
			keep[g] = true
			stack = append(stack, g)
		}
	}
	// Composite glyphs refer to their components by glyph ID; keep those too (transitively).
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		data, err := f.glyphData(g)
		if err != nil {
			return nil, err
		}
		comps, err := components(data)
		if err != nil {
			return nil, fmt.Errorf("字体 %s 的复合字形 %d 无效：%w", f.source, g, err)
		}
		for _, c := range comps {
			if c >= f.numGlyphs {
				return nil, fmt.Errorf("字体 %s 的复合字形 %d 引用了不存在的字形 %d", f.source, g, c)
			}
			if !keep[c] {
				keep[c] = true
				stack = append(stack, c)
			}
		}
	}

	extra := make([]halfGlyph, len(halves))
	for i, h := range halves {
		data, err := f.glyphData(bases[i])
		if err != nil {
			return nil, err
		}
		extra[i] = f.halfGlyph(bases[i], data, h.Left)
	}

	// Glyph offsets, each glyph 4-byte aligned as the spec recommends.
	loca := make([]byte, 4*(f.numGlyphs+len(extra)+1))
	size := 0
	for g, k := range keep {
		if k {
			data, err := f.glyphData(g)
			if err != nil {
				return nil, err
			}
			size += (len(data) + 3) &^ 3
		}
		binary.BigEndian.PutUint32(loca[4*(g+1):], uint32(size))
	}
	for i, e := range extra {
		size += (len(e.data) + 3) &^ 3
		binary.BigEndian.PutUint32(loca[4*(f.numGlyphs+i+1):], uint32(size))
	}
	fillGlyf := func(dst []byte) {
		p := 0
		for g, k := range keep {
			if k {
				data, _ := f.glyphData(g)
				copy(dst[p:], data)
				p += (len(data) + 3) &^ 3 // padding: dst is zeroed
			}
		}
		for _, e := range extra {
			copy(dst[p:], e.data)
			p += (len(e.data) + 3) &^ 3
		}
	}

	cmap, err := buildCmap(maps)
	if err != nil {
		return nil, fmt.Errorf("字体 %s 子集：%w", f.source, err)
	}

	// Metrics of the glyphs left out are zeroed: the table keeps its size (glyph IDs do not
	// change) but compresses to almost nothing. The last long metric stays, as every glyph
	// after it takes its advance.
	hmtx := slices.Clone(f.hmtx)
	for g, k := range keep {
		switch {
		case k:
		case g < f.numHMetrics-1 && 4*g+4 <= len(hmtx):
			clear(hmtx[4*g : 4*g+4])
		case g >= f.numHMetrics:
			if off := 4*f.numHMetrics + 2*(g-f.numHMetrics); off+2 <= len(hmtx) {
				clear(hmtx[off : off+2])
			}
		}
	}

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	hhea, maxp := f.tables["hhea"], f.tables["maxp"]
	if len(extra) > 0 {
		hmtx, hhea, maxp = f.addHalves(hmtx, head, keep, extra)
	}

	post := make([]byte, 32)
	copy(post, f.tables["post"])
	binary.BigEndian.PutUint32(post[0:], 0x00030000)

	tables := []sfntTable{
		{tag: "head", data: head},
		{tag: "hhea", data: hhea},
		{tag: "maxp", data: maxp},
		{tag: "hmtx", data: hmtx},
		{tag: "cmap", data: cmap},
		{tag: "loca", data: loca},
		{tag: "glyf", size: size, fill: fillGlyf},
		{tag: "post", data: post},
	}
	// PDF readers (and fpdf, the tests' second opinion) expect a name table; give an empty one.
	name := f.tables["name"]
	if name == nil {
		name = []byte{0, 0, 0, 0, 0, 6}
	}
	tables = append(tables, sfntTable{tag: "name", data: name})
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if t, ok := f.tables[tag]; ok {
			tables = append(tables, sfntTable{tag: tag, data: t})
		}
	}
	return writeSFNT(tables), nil
}

// halfGlyph is a glyph that SubsetHalves adds: its glyf bytes and metrics in font units.
type halfGlyph struct {
	data             []byte
	advance, lsb     int
	xMin, xMax       int // its bounds, 0 when it has no outline
	composite, empty bool
}

// Composite glyph flags used for a half glyph (OpenType spec, glyf).
const (
	argsAreXYValues = 0x0002
)

// halfGlyph builds the half of glyph g (whose glyf bytes are data): a composite of g
// moved left by the half it gives up when left is set. A glyph without outline stays
// without one.
func (f *Face) halfGlyph(g int, data []byte, left bool) halfGlyph {
	adv := f.advance(g)
	h := halfGlyph{advance: (adv + 1) / 2, empty: len(data) < compositeHeader}
	if h.empty {
		return h
	}
	dx := 0
	if left {
		dx = -(adv - h.advance) // the blank half given up
	}
	h.composite = i16(data, 0) < 0
	h.xMin, h.xMax = int(i16(data, 2))+dx, int(i16(data, 6))+dx
	h.lsb = h.xMin
	b := make([]byte, compositeHeader+8)
	be := binary.BigEndian
	be.PutUint16(b[0:], 0xFFFF) // numberOfContours −1: composite
	be.PutUint16(b[2:], uint16(int16(h.xMin)))
	copy(b[4:6], data[4:6]) // yMin
	be.PutUint16(b[6:], uint16(int16(h.xMax)))
	copy(b[8:10], data[8:10]) // yMax
	be.PutUint16(b[10:], argsAreWords|argsAreXYValues)
	be.PutUint16(b[12:], uint16(g))
	be.PutUint16(b[14:], uint16(int16(dx)))
	h.data = b
	return h
}

// addHalves returns hmtx, hhea and maxp with the glyphs extra appended after the font's
// own, and widens head's bounds to hold them. Every glyph gets a long metric, as the added
// ones need advances of their own: the kept glyphs past numberOfHMetrics take the last
// advance, as they did, and the others none.
func (f *Face) addHalves(hmtx, head []byte, keep []bool, extra []halfGlyph) (outHmtx, hhea, maxp []byte) {
	be := binary.BigEndian
	n := f.numGlyphs + len(extra)
	outHmtx = make([]byte, 4*n)
	last := 0
	for g := range f.numGlyphs {
		switch {
		case g < f.numHMetrics && 4*g+4 <= len(hmtx):
			copy(outHmtx[4*g:], hmtx[4*g:4*g+4])
			last = 4 * g
		case keep[g]:
			copy(outHmtx[4*g:4*g+2], hmtx[last:last+2])
			if off := 4*f.numHMetrics + 2*(g-f.numHMetrics); g >= f.numHMetrics && off+2 <= len(hmtx) {
				copy(outHmtx[4*g+2:], hmtx[off:off+2])
			}
		}
	}
	hhea = slices.Clone(f.tables["hhea"])
	maxp = slices.Clone(f.tables["maxp"])
	minLSB, minRSB, maxExtent := int(i16(hhea, 12)), int(i16(hhea, 14)), int(i16(hhea, 16))
	xMin, xMax := int(i16(head, 36)), int(i16(head, 40))
	depth := 1 // maxComponentDepth: one more than a composite component's
	for i, e := range extra {
		at := 4 * (f.numGlyphs + i)
		be.PutUint16(outHmtx[at:], uint16(e.advance))
		be.PutUint16(outHmtx[at+2:], uint16(int16(e.lsb)))
		if e.empty {
			continue
		}
		minLSB = min(minLSB, e.lsb)
		minRSB = min(minRSB, e.advance-e.xMax)
		maxExtent = max(maxExtent, e.xMax)
		xMin, xMax = min(xMin, e.xMin), max(xMax, e.xMax)
		if e.composite && len(maxp) >= 32 {
			depth = int(u16(maxp, 30)) + 1
		}
	}
	be.PutUint16(hhea[12:], uint16(int16(minLSB)))
	be.PutUint16(hhea[14:], uint16(int16(minRSB)))
	be.PutUint16(hhea[16:], uint16(int16(maxExtent)))
	be.PutUint16(hhea[34:], uint16(n))
	be.PutUint16(head[36:], uint16(int16(xMin)))
	be.PutUint16(head[40:], uint16(int16(xMax)))
	be.PutUint16(maxp[4:], uint16(n))
	if len(maxp) >= 32 { // version 1.0: the limits a rasterizer allocates by
		raise := func(at, v int) { be.PutUint16(maxp[at:], uint16(max(int(u16(maxp, at)), v))) }
		raise(10, int(u16(maxp, 6))) // maxCompositePoints ≥ maxPoints
		raise(12, int(u16(maxp, 8))) // maxCompositeContours ≥ maxContours
		raise(28, 1)                 // maxComponentElements
		raise(30, depth)             // maxComponentDepth
	}
	return outHmtx, hhea, maxp
}

// glyphData returns the glyf bytes of glyph g, empty for glyphs without outline.
func (f *Face) glyphData(g int) ([]byte, error) {
	var start, end int
	if f.longLoca {
		start, end = int(u32(f.loca, 4*g)), int(u32(f.loca, 4*g+4))
	} else {
		start, end = 2*int(u16(f.loca, 2*g)), 2*int(u16(f.loca, 2*g+2))
	}
	if start > end || end > len(f.glyf) {
		return nil, fmt.Errorf("字体 %s 的 loca 表损坏：字形 %d 在 %d–%d，glyf 表只有 %d 字节", f.source, g, start, end, len(f.glyf))
	}
	return f.glyf[start:end], nil
}

// Flags of a composite glyph component (OpenType spec, glyf).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10 // numberOfContours, xMin, yMin, xMax, yMax
)

// components lists the glyph IDs a composite glyph is built from; nil for simple glyphs.
func components(data []byte) ([]int, error) {
	if len(data) < compositeHeader || i16(data, 0) >= 0 {
		return nil, nil
	}
	var out []int
	p := compositeHeader
	for {
		if p+4 > len(data) {
			return nil, fmt.Errorf("组件记录在第 %d 字节处截断", p)
		}
		flags := u16(data, p)
		out = append(out, int(u16(data, p+2)))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return out, nil
		}
	}
}

// mapping is a code point and its glyph.
type mapping struct{ code, gid int }

// buildCmap builds the cmap of a subset from mappings sorted by code point: a (3,1) format 4
// subtable for the Basic Multilingual Plane and, when some code point lies beyond it, a (3,10)
// format 12 subtable that maps all of them, as the OpenType spec asks of fonts with such
// characters.
func buildCmap(maps []mapping) ([]byte, error) {
	var segs []cmapSegment
	for _, m := range maps {
		if m.code > 0xFFFF {
			break
		}
		n := len(segs)
		if n > 0 && segs[n-1].end+1 == m.code {
			segs[n-1].end = m.code
			segs[n-1].gids = append(segs[n-1].gids, m.gid)
			continue
		}
		segs = append(segs, cmapSegment{start: m.code, end: m.code, gids: []int{m.gid}})
	}
	f4, err := cmapFormat4(segs)
	if err != nil {
		return nil, err
	}
	subs := []cmapSubtable{{encoding: 1, data: f4}}
	if len(maps) > 0 && maps[len(maps)-1].code > 0xFFFF {
		subs = append(subs, cmapSubtable{encoding: 10, data: cmapFormat12(maps)})
	}
	return cmapTables(subs), nil
}

// cmapSubtable is one Windows (platform 3) subtable of a cmap.
type cmapSubtable struct {
	encoding int // 1: Unicode BMP, 10: Unicode full repertoire
	data     []byte
}

// cmapTables writes a cmap table holding subs, which are in encoding order.
func cmapTables(subs []cmapSubtable) []byte {
	be := binary.BigEndian
	head := 4 + 8*len(subs)
	cmap := make([]byte, head)
	be.PutUint16(cmap[2:], uint16(len(subs)))
	for i, s := range subs {
		be.PutUint16(cmap[4+8*i:], 3) // platform Windows
		be.PutUint16(cmap[6+8*i:], uint16(s.encoding))
		be.PutUint32(cmap[8+8*i:], uint32(len(cmap)))
		cmap = append(cmap, s.data...)
	}
	return cmap
}

// cmapFormat12 builds a format 12 subtable: groups of consecutive code points with
// consecutive glyph IDs. maps is sorted by code point.
func cmapFormat12(maps []mapping) []byte {
	be := binary.BigEndian
	sub := make([]byte, 16, 16+12*len(maps))
	n := 0
	for i, m := range maps {
		if i > 0 && m.code == maps[i-1].code+1 && m.gid == maps[i-1].gid+1 {
			be.PutUint32(sub[len(sub)-8:], uint32(m.code)) // extend the group's endCharCode
			continue
		}
		sub = be.AppendUint32(sub, uint32(m.code))
		sub = be.AppendUint32(sub, uint32(m.code))
		sub = be.AppendUint32(sub, uint32(m.gid))
		n++
	}
	be.PutUint16(sub[0:], 12)
	be.PutUint32(sub[4:], uint32(len(sub)))
	be.PutUint32(sub[12:], uint32(n))
	return sub
}

// cmapSegment is a run of consecutive code points and their glyph IDs.
type cmapSegment struct {
	start, end int
	gids       []int
}

// cmapFormat4 builds a format 4 subtable from runs of BMP code points. A run whose glyph IDs
// climb with the code points is one segment with idDelta; other runs cost either one segment
// per code point or one segment with glyphIdArray entries, whichever is smaller.
func cmapFormat4(runs []cmapSegment) ([]byte, error) {
	type seg struct {
		start, end, delta int
		gids              []int // nil: idDelta maps the segment
	}
	var segs []seg
	for _, r := range runs {
		// split the run where start+delta stops matching
		var parts []seg
		for i, g := range r.gids {
			c := r.start + i
			if n := len(parts); n > 0 && parts[n-1].end+1 == c && parts[n-1].delta == g-c {
				parts[n-1].end = c
				continue
			}
			parts = append(parts, seg{start: c, end: c, delta: g - c})
		}
		if len(parts) > 1 && 8+2*len(r.gids) < 8*len(parts) {
			segs = append(segs, seg{start: r.start, end: r.end, gids: r.gids})
			continue
		}
		segs = append(segs, parts...)
	}
	segs = append(segs, seg{start: 0xFFFF, end: 0xFFFF, delta: 1}) // required final segment

	n := len(segs)
	arrayLen := 0
	for _, s := range segs {
		arrayLen += len(s.gids)
	}
	length := 16 + 8*n + 2*arrayLen
	if length > 0xFFFF {
		return nil, fmt.Errorf("字符太多，format 4 字符映射放不下（%d 字节）", length)
	}
	sub := make([]byte, length)
	pow, log := 1, 0
	for pow*2 <= n {
		pow *= 2
		log++
	}
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(2*pow))
	be.PutUint16(sub[10:], uint16(log))
	be.PutUint16(sub[12:], uint16(2*n-2*pow))
	endAt, startAt, deltaAt, rangeAt, arrayAt := 14, 16+2*n, 16+4*n, 16+6*n, 16+8*n
	for i, s := range segs {
		be.PutUint16(sub[endAt+2*i:], uint16(s.end))
		be.PutUint16(sub[startAt+2*i:], uint16(s.start))
		if s.gids == nil {
			be.PutUint16(sub[deltaAt+2*i:], uint16(s.delta))
			continue
		}
		// idRangeOffset: bytes from this entry to the segment's first glyphIdArray entry.
		be.PutUint16(sub[rangeAt+2*i:], uint16(arrayAt-(rangeAt+2*i)))
		for _, g := range s.gids {
			be.PutUint16(sub[arrayAt:], uint16(g))
			arrayAt += 2
		}
	}
	return sub, nil
}
