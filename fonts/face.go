package fonts

import (
	"errors"
	"fmt"
)

// Face is a parsed TrueType (glyf) font: metrics for layout, subsetting for embedding.
//
// Parse reads only the table directory and the small tables; cmap and hmtx stay raw and are
// searched on each lookup, and glyf is only read by Subset. A Face never modifies the bytes
// it was parsed from, and is safe for concurrent use.
type Face struct {
	data   []byte
	source string
	tables map[string][]byte

	unitsPerEm  int
	numGlyphs   int
	numHMetrics int
	longLoca    bool // head.indexToLocFormat == 1
	fsType      uint16
	hmtx        []byte
	loca, glyf  []byte
	cmap        cmapTable
	family      string
	families    []string
}

// Parse parses a TrueType font file. source says where the bytes came from and appears in
// errors and in Source. The Face keeps data (without copying it), so data must not be
// modified afterwards.
//
// Parse rejects collections (.ttc), CFF-flavoured OpenType (.otf "OTTO") and fonts without
// the tables that layout and subsetting need (head, hhea, maxp, cmap, hmtx, loca, glyf).
func Parse(data []byte, source string) (*Face, error) {
	f, err := parse(data, source)
	if err != nil {
		return nil, fmt.Errorf("字体 %s %w", source, err)
	}
	return f, nil
}

// parse does the work of Parse. Its errors finish the sentence "字体 SOURCE …", which Parse
// prepends.
func parse(data []byte, source string) (*Face, error) {
	if len(data) < 12 {
		return nil, errors.New("太短，不是字体文件")
	}
	switch version := u32(data, 0); version {
	case tagTrueType, tagTrue:
	case tagOTTO:
		return nil, errCFF
	case tagTTCF:
		return nil, errTTC
	default:
		return nil, fmt.Errorf("不是 TrueType 字体（文件头 0x%08X）", version)
	}
	_, records, err := readDirectory(data, int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("无效：%w", err)
	}
	f := &Face{data: data, source: source, tables: make(map[string][]byte, len(records))}
	for _, t := range records {
		f.tables[t.tag] = data[t.offset : t.offset+t.length : t.offset+t.length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "cmap", "hmtx", "loca", "glyf"} {
		if _, ok := f.tables[tag]; !ok {
			if tag == "glyf" || tag == "loca" {
				return nil, fmt.Errorf("没有 %s 表（不是 TrueType 轮廓）", tag)
			}
			return nil, fmt.Errorf("缺少 %s 表", tag)
		}
	}

	head := f.tables["head"]
	if len(head) < 54 {
		return nil, fmt.Errorf("的 head 表太短（%d 字节）", len(head))
	}
	f.unitsPerEm = int(u16(head, 18))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return nil, fmt.Errorf("的 head.unitsPerEm 无效：%d", f.unitsPerEm)
	}
	switch u16(head, 50) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return nil, fmt.Errorf("的 head.indexToLocFormat 无效：%d", u16(head, 50))
	}

	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return nil, fmt.Errorf("的 maxp 表太短（%d 字节）", len(maxp))
	}
	f.numGlyphs = int(u16(maxp, 4))
	if f.numGlyphs == 0 {
		return nil, fmt.Errorf("没有字形（maxp.numGlyphs = 0）")
	}
	locaEntry := 2
	if f.longLoca {
		locaEntry = 4
	}
	f.loca, f.glyf = f.tables["loca"], f.tables["glyf"]
	if len(f.loca) < (f.numGlyphs+1)*locaEntry {
		return nil, fmt.Errorf("的 loca 表太短：%d 个字形需要 %d 字节，只有 %d", f.numGlyphs, (f.numGlyphs+1)*locaEntry, len(f.loca))
	}

	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return nil, fmt.Errorf("的 hhea 表太短（%d 字节）", len(hhea))
	}
	f.numHMetrics = int(u16(hhea, 34))
	if f.numHMetrics == 0 {
		return nil, fmt.Errorf("的 hhea.numberOfHMetrics 为 0")
	}
	f.hmtx = f.tables["hmtx"]
	if len(f.hmtx) < 4*f.numHMetrics {
		return nil, fmt.Errorf("的 hmtx 表太短：需要 %d 字节，只有 %d", 4*f.numHMetrics, len(f.hmtx))
	}

	if f.cmap, err = pickCmap(f.tables["cmap"]); err != nil {
		return nil, err
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 10 {
		f.fsType = u16(os2, 8)
	}
	f.family, f.families = familyNames(f.tables["name"])
	return f, nil
}

// Family returns the English family name: the typographic family (name ID 16) if the font
// has one, else the family (name ID 1). Fonts with only localized names return the first.
func (f *Face) Family() string { return f.family }

// FamilyNames returns every family name in the font (name IDs 1 and 16, all platforms and
// languages that can be decoded), Family first, without duplicates.
func (f *Face) FamilyNames() []string { return append([]string(nil), f.families...) }

// Source says where the font came from: a file path, or "内置 fonts/NAME" for a bundled font.
func (f *Face) Source() string { return f.source }

// glyph returns the glyph ID that cmap maps r to, or 0. IDs past maxp.numGlyphs count as
// missing: they have no outline or metrics.
func (f *Face) glyph(r rune) int {
	if r < 0 || r > 0x10FFFF {
		return 0
	}
	g := f.cmap.lookup(uint32(r))
	if g >= f.numGlyphs {
		return 0
	}
	return g
}

// Has reports whether cmap maps r to a glyph other than .notdef.
func (f *Face) Has(r rune) bool { return f.glyph(r) != 0 }

// Advance returns the advance width of r in em (hmtx advance / unitsPerEm), or 0 if the
// font lacks r.
func (f *Face) Advance(r rune) float64 {
	g := f.glyph(r)
	if g == 0 {
		return 0
	}
	return float64(f.advance(g)) / float64(f.unitsPerEm)
}

// advance returns the hmtx advance of glyph g in font units. Glyphs past numberOfHMetrics
// share the last advance (OpenType spec, hmtx).
func (f *Face) advance(g int) int {
	if g >= f.numHMetrics {
		g = f.numHMetrics - 1
	}
	return int(u16(f.hmtx, 4*g))
}

// Embeddable reports whether OS/2.fsType lets gongwen embed the font in a PDF.
//
// It is false for restricted-licence embedding (usage permissions 2), for bitmap-only
// embedding (bit 9), and also for "no subsetting" (bit 8): gongwen only ever embeds subsets,
// and fpdf too treats bit 8 as a restriction. A font without an OS/2 table is embeddable.
func (f *Face) Embeddable() bool { return embeddable(f.fsType) }

func embeddable(fsType uint16) bool {
	return fsType&0x000F != 0x0002 && fsType&0x0300 == 0
}

// Classification is how a font's OS/2 table describes it to a word processor that
// must substitute it: the PANOSE numbers and which Unicode ranges and code pages it
// covers. A DOCX's fontTable.xml carries them (w:panose1, w:sig).
type Classification struct {
	Panose        [10]byte
	UnicodeRange  [4]uint32 // ulUnicodeRange1–4
	CodePageRange [2]uint32 // ulCodePageRange1–2 (OS/2 version 1 and later)
}

// Classification returns the font's OS/2 classification; ok is false when the font has
// no OS/2 table of version 1 or later.
func (f *Face) Classification() (c Classification, ok bool) {
	os2 := f.tables["OS/2"]
	if len(os2) < 86 || u16(os2, 0) < 1 {
		return Classification{}, false
	}
	copy(c.Panose[:], os2[32:42])
	for i := range c.UnicodeRange {
		c.UnicodeRange[i] = u32(os2, 42+4*i)
	}
	c.CodePageRange[0], c.CodePageRange[1] = u32(os2, 78), u32(os2, 82)
	return c, true
}
