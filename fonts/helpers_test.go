package fonts

import (
	"encoding/binary"
	"slices"
	"testing"
)

// mustBundled parses a bundled font or stops the test.
func mustBundled(t testing.TB, name string) *Face {
	t.Helper()
	f, err := ParseBundled(name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// synthGlyph is one glyph of a synthetic test font.
type synthGlyph struct {
	r          rune  // code point mapped to it; 0 for none
	copyOf     rune  // simple glyph: copy the outline of this character of the body font
	components []int // composite glyph: these glyph IDs
	advance    uint16
}

// synthFont builds a small TrueType font from the body font's tables, with the given glyphs
// after .notdef. None of the bundled fonts has composite glyphs, so this is how the
// composite path of Subset is exercised; being tiny, it also seeds the fuzzer.
func synthFont(t testing.TB, glyphs []synthGlyph) []byte {
	t.Helper()
	body := mustBundled(t, "body-FandolFang-Regular.ttf")
	be := binary.BigEndian
	notdef, err := body.glyphData(0)
	if err != nil {
		t.Fatal(err)
	}
	n := len(glyphs) + 1
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	be.PutUint16(hmtx, uint16(body.advance(0)))
	add := func(g int, data []byte) {
		glyf = append(glyf, data...)
		glyf = append(glyf, make([]byte, (4-len(glyf)%4)%4)...)
		be.PutUint32(loca[4*(g+1):], uint32(len(glyf)))
	}
	add(0, notdef)
	var segs []cmapSegment
	for i, sg := range glyphs {
		g := i + 1
		be.PutUint16(hmtx[4*g:], sg.advance)
		if sg.components == nil {
			data, err := body.glyphData(body.glyph(sg.copyOf))
			if err != nil {
				t.Fatal(err)
			}
			add(g, data)
		} else {
			data := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0x03, 0xE8, 0x03, 0x84} // -1 contours, bbox
			for j, c := range sg.components {
				flags := uint16(0x0003) // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
				if j < len(sg.components)-1 {
					flags |= moreComponents
				}
				data = be.AppendUint16(data, flags)
				data = be.AppendUint16(data, uint16(c))
				data = be.AppendUint16(data, uint16(100*j)) // dx
				data = be.AppendUint16(data, 0)             // dy
			}
			add(g, data)
		}
		if sg.r != 0 {
			segs = append(segs, cmapSegment{start: int(sg.r), end: int(sg.r), gids: []int{g}})
		}
	}
	slices.SortFunc(segs, func(a, b cmapSegment) int { return a.start - b.start })
	f4, err := cmapFormat4(segs)
	if err != nil {
		t.Fatal(err)
	}
	cmap := cmapTables([]cmapSubtable{{encoding: 1, data: f4}})
	head := append([]byte(nil), body.tables["head"]...)
	be.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), body.tables["hhea"]...)
	be.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), body.tables["maxp"]...)
	be.PutUint16(maxp[4:], uint16(n))
	// A short name table keeps the seed small: family "Synth" (3,1,0x409).
	name := []byte{0, 0, 0, 1, 0, 18, 0, 3, 0, 1, 0x04, 0x09, 0, 1, 0, 10, 0, 0}
	for _, c := range "Synth" {
		name = be.AppendUint16(name, uint16(c))
	}
	return writeSFNT([]sfntTable{
		{tag: "head", data: head}, {tag: "hhea", data: hhea}, {tag: "maxp", data: maxp}, {tag: "hmtx", data: hmtx}, {tag: "cmap", data: cmap},
		{tag: "loca", data: loca}, {tag: "glyf", data: glyf}, {tag: "post", data: body.tables["post"]}, {tag: "name", data: name},
		{tag: "OS/2", data: body.tables["OS/2"]},
	})
}

// compositeFont is a synthetic font: A (glyph 1) and 一 (glyph 3) are simple, B (glyph 2)
// is built from glyphs 1 and 3, C (glyph 4) from glyph 2, D (glyph 5) is simple and E
// (glyph 6) is simple but unmapped.
func compositeFont(t testing.TB) []byte {
	return synthFont(t, []synthGlyph{
		{r: 'A', copyOf: 'A', advance: 600},
		{r: 'B', components: []int{1, 3}, advance: 700},
		{r: '一', copyOf: '一', advance: 1000},
		{r: 'C', components: []int{2}, advance: 800},
		{r: 'D', copyOf: 'D', advance: 650},
		{copyOf: 'E', advance: 500},
	})
}

// makeCollection builds a .ttc from standalone fonts, sharing nothing.
func makeCollection(t testing.TB, fonts ...[]byte) []byte {
	t.Helper()
	be := binary.BigEndian
	out := []byte("ttcf\x00\x01\x00\x00")
	out = be.AppendUint32(out, uint32(len(fonts)))
	headerEnd := len(out) + 4*len(fonts)
	// Layout: header, then each font's directory followed by its tables.
	pos := headerEnd
	var bodies [][]byte
	for _, f := range fonts {
		out = be.AppendUint32(out, uint32(pos))
		_, tables, err := readDirectory(f, int64(len(f)))
		if err != nil {
			t.Fatal(err)
		}
		dirLen := 12 + 16*len(tables)
		body := append([]byte(nil), f[:dirLen]...)
		data := pos + dirLen
		for i, tb := range tables {
			be.PutUint32(body[12+16*i+8:], uint32(data+len(body)-dirLen))
			body = append(body, f[tb.offset:tb.offset+tb.length]...)
			body = append(body, make([]byte, (4-len(body)%4)%4)...)
		}
		bodies = append(bodies, body)
		pos += len(body)
	}
	for _, b := range bodies {
		out = append(out, b...)
	}
	return out
}
