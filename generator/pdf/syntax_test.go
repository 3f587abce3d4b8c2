package pdf

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gongwen/fonts"
)

// fakeFace is a font whose every character is one em wide.
type fakeFace struct{}

func (fakeFace) SubsetHalves([]rune, []fonts.Half) ([]byte, error) { return nil, nil }
func (fakeFace) NumGlyphs() int                                    { return 1000 }
func (fakeFace) GlyphID(rune) uint16                               { return 0 }
func (fakeFace) Advance(rune) float64                              { return 1 }
func (fakeFace) Metrics() fonts.Metrics                            { return fonts.Metrics{UnitsPerEm: 1000} }

func TestAppendNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		prec int
		want string
	}{
		{0, 3, "0"},
		{-0.0001, 3, "0"}, // never "-0"
		{-0.0004, 3, "0"},
		{-0.0006, 3, "-0.001"},
		{12, 3, "12"},
		{595.2755905511812, 2, "595.28"},
		{841.8897637795276, 2, "841.89"},
		{79.37007874015748, 3, "79.37"},
		{0.25, 4, "0.25"},
		{-0.0263, 4, "-0.0263"},
		{15.789473684, 3, "15.789"},
		{1.9999, 3, "2"},
		{1000, 0, "1000"},
		{-288, 0, "-288"},
		{499.5, 0, "500"},
		{1 / 3.0, 6, "0.333333"},
	} {
		if got := string(appendNum(nil, c.v, c.prec)); got != c.want {
			t.Errorf("appendNum(%v, %d) = %q, want %q", c.v, c.prec, got, c.want)
		}
	}
}

func TestAppendTextString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "<FEFF>"},
		{"A", "<FEFF0041>"},
		{"标题", "<FEFF68079898>"},
		{"XX旗统计局", "<FEFF0058005865D77EDF8BA15C40>"},
		{"𠀀", "<FEFFD840DC00>"},          // above U+FFFF: a surrogate pair
		{"a\xffb", "<FEFF0061FFFD0062>"}, // invalid UTF-8
		{"(\\)", "<FEFF0028005C0029>"},   // nothing to escape in a hex string
	} {
		if got := string(appendTextString(nil, c.in)); got != c.want {
			t.Errorf("appendTextString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestAppendDate(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), "(D:20240110000000Z)"},
		{time.Date(2023, 12, 31, 23, 59, 58, 0, time.FixedZone("CST", 8*3600)), "(D:20231231235958+08'00')"},
		{time.Date(2023, 6, 1, 8, 0, 0, 0, time.FixedZone("", -(3*3600+30*60))), "(D:20230601080000-03'30')"},
	} {
		if got := string(appendDate(nil, c.t)); got != c.want {
			t.Errorf("appendDate(%v) = %s, want %s", c.t, got, c.want)
		}
	}
}

func TestAppendName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ABCDEF+FandolFang-Regular", "/ABCDEF+FandolFang-Regular"},
		{"A B", "/A#20B"},
		{"a/b(c)#", "/a#2Fb#28c#29#23"},
		{"仿", "/#E4#BB#BF"},
	} {
		if got := string(appendName(nil, c.in)); got != c.want {
			t.Errorf("appendName(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestWidths(t *testing.T) {
	g := func(id uint16, w float64) glyph { return glyph{id: id, r: rune(id), width: w} }
	for _, c := range []struct {
		name string
		in   []glyph
		dw   float64
		w    string
	}{
		{"none", nil, 1000, ""},
		{"all default", []glyph{g(3, 1000), g(4, 1000), g(90, 1000)}, 1000, ""},
		{"commonest is the default", []glyph{g(1, 500), g(2, 500), g(3, 500), g(9, 1000)}, 500, "9 [1000]"},
		{"tie takes the smaller", []glyph{g(1, 500), g(9, 1000)}, 500, "9 [1000]"},
		{"run of one width", []glyph{g(10, 500), g(11, 500), g(12, 500), g(20, 1000), g(21, 1000), g(22, 1000), g(23, 1000)}, 1000, "10 12 500"},
		{"mixed run", []glyph{g(10, 500), g(11, 278), g(12, 556), g(20, 1000), g(21, 1000), g(30, 1000)}, 1000, "10 [500 278 556]"},
		{"gaps split runs", []glyph{g(10, 500), g(12, 500), g(13, 600), g(20, 1000), g(21, 1000), g(22, 1000), g(30, 1000)}, 1000, "10 [500] 12 [500 600]"},
		{"default inside a run splits it", []glyph{g(1, 500), g(2, 500), g(3, 1000), g(4, 500), g(5, 1000), g(6, 1000), g(7, 1000)}, 1000, "1 2 500 4 [500]"},
		{"fractional widths", []glyph{g(7, 499.0234375), g(8, 1000), g(9, 1000)}, 1000, "7 [499.023]"},
	} {
		dw, w := widths(c.in)
		if dw != c.dw || string(w) != c.w {
			t.Errorf("%s: widths = %v, %q; want %v, %q", c.name, dw, w, c.dw, c.w)
		}
	}
}

func TestToUnicode(t *testing.T) {
	g := func(id uint16, r rune) glyph { return glyph{id: id, r: r} }
	body := func(gs ...glyph) string {
		s := string(toUnicode(gs))
		if !strings.HasPrefix(s, "/CIDInit /ProcSet findresource begin\n") ||
			!strings.Contains(s, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") ||
			!strings.HasSuffix(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n") {
			t.Errorf("not a ToUnicode CMap:\n%s", s)
		}
		s = s[strings.Index(s, "endcodespacerange\n")+len("endcodespacerange\n"):]
		return s[:strings.Index(s, "endcmap")]
	}
	for _, c := range []struct {
		name string
		in   []glyph
		want string
	}{
		{"empty", nil, ""},
		{"single", []glyph{g(0x1234, '统')}, "1 beginbfchar\n<1234> <7EDF>\nendbfchar\n"},
		{"range", []glyph{g(0x10, 'A'), g(0x11, 'B'), g(0x12, 'C')}, "1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n"},
		{"glyphs consecutive, characters not", []glyph{g(0x10, 'A'), g(0x11, 'C')}, "2 beginbfchar\n<0010> <0041>\n<0011> <0043>\nendbfchar\n"},
		{"characters consecutive, glyphs not", []glyph{g(0x10, 'A'), g(0x12, 'B')}, "2 beginbfchar\n<0010> <0041>\n<0012> <0042>\nendbfchar\n"},
		{"range stops at a glyph high byte", []glyph{g(0x1FE, 'a'), g(0x1FF, 'b'), g(0x200, 'c'), g(0x201, 'd')},
			"2 beginbfrange\n<01FE> <01FF> <0061>\n<0200> <0201> <0063>\nendbfrange\n"},
		{"range stops at a character high byte", []glyph{g(0x10, 0x4EFF), g(0x11, 0x4F00)}, "2 beginbfchar\n<0010> <4EFF>\n<0011> <4F00>\nendbfchar\n"},
		{"chars and ranges", []glyph{g(3, '一'), g(7, '、'), g(8, '。')}, "1 beginbfchar\n<0003> <4E00>\nendbfchar\n1 beginbfrange\n<0007> <0008> <3001>\nendbfrange\n"},
		{"beyond the BMP: a surrogate pair", []glyph{g(0x2A0B, 0x2C317)}, "1 beginbfchar\n<2A0B> <D870DF17>\nendbfchar\n"},
		{"beyond the BMP: never a range", []glyph{g(0x10, 0x2C317), g(0x11, 0x2C318), g(0x12, 0x2C319)},
			"3 beginbfchar\n<0010> <D870DF17>\n<0011> <D870DF18>\n<0012> <D870DF19>\nendbfchar\n"},
		{"a range stops before the plane's end", []glyph{g(0x10, 0xFFFE), g(0x11, 0xFFFF), g(0x12, 0x10000)},
			"1 beginbfchar\n<0012> <D800DC00>\nendbfchar\n1 beginbfrange\n<0010> <0011> <FFFE>\nendbfrange\n"},
	} {
		if got := body(c.in...); got != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
	// at most 100 entries to a block
	var many []glyph
	for i := range 250 {
		many = append(many, g(uint16(2*i), rune(0x4E00+2*i)))
	}
	got := body(many...)
	if strings.Count(got, "beginbfchar") != 3 || !strings.HasPrefix(got, "100 beginbfchar\n") || !strings.Contains(got, "\n50 beginbfchar\n") {
		t.Errorf("250 characters not in blocks of 100, 100, 50:\n%.200s", got)
	}
}

func TestSharedGlyphsGoToVariants(t *testing.T) {
	f := &font{face: fakeFace{}, gid: make([]uint16, 0x10000)}
	// — and ― share glyph 9; ·, ‧ and ・ share glyph 3
	f.runes = []rune{'―', 'A', '・', '—', 'B', '‧', '·'}
	f.gid['A'], f.gid['B'], f.gid['—'], f.gid['―'] = 5, 6, 9, 9
	f.gid['·'], f.gid['‧'], f.gid['・'] = 3, 3, 3
	f.sortGlyphs()
	g := func(id uint16, r rune) glyph { return glyph{id: id, r: r, width: 1000} }
	want := [][]glyph{{g(3, '·'), g(5, 'A'), g(6, 'B'), g(9, '—')}, {g(3, '‧'), g(9, '―')}, {g(3, '・')}}
	if len(f.glyphs) != len(want) {
		t.Fatalf("glyphs = %v, want %v", f.glyphs, want)
	}
	for v := range want {
		if !slices.Equal(f.glyphs[v], want[v]) {
			t.Errorf("variant %d: %v, want %v", v, f.glyphs[v], want[v])
		}
	}
	if len(f.variant) != 3 || f.variant['―'] != 1 || f.variant['‧'] != 1 || f.variant['・'] != 2 {
		t.Errorf("variant = %v", f.variant)
	}
	if f.objects() != 11 {
		t.Errorf("%d objects, want 5 + 3 + 3", f.objects())
	}
	f.obj = 20
	if f.type0(0) != 20 || f.type0(1) != 25 || f.type0(2) != 28 {
		t.Errorf("Type0 objects %d %d %d", f.type0(0), f.type0(1), f.type0(2))
	}
}

func TestSubsetTag(t *testing.T) {
	a := subsetTag("fangsong", []rune("一二三"), nil)
	if len(a) != 6 || strings.Trim(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		t.Errorf("tag %q is not six capital letters", a)
	}
	if subsetTag("fangsong", []rune("一二三"), nil) != a {
		t.Error("the same subset got two tags")
	}
	if subsetTag("kaiti", []rune("一二三"), nil) == a || subsetTag("fangsong", []rune("一二四"), nil) == a {
		t.Error("different subsets got the same tag")
	}
}

func TestAdler32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 200000)
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	for _, cut := range []int{0, 1, 65520, 65521, 65522, 100000, len(data)} {
		a, b := data[:cut], data[cut:]
		if got, want := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b)), adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// TestStream compresses streams in parts, some with Huffman codes only, and reads
// them back with compress/zlib, which checks the joined Adler-32 too.
func TestStream(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	text := []byte(strings.Repeat("BT /F1 16 Tf 79.37 700.5 Td <0A1B0C2D> Tj ET\n", 5000))
	noise := make([]byte, 3*partSize+123)
	for i := range noise {
		noise[i] = byte(rng.IntN(40))
	}
	for _, c := range []struct {
		name       string
		data       []byte
		huff, hEnd int
		parts      int
	}{
		{"empty", nil, 0, 0, 1},
		{"small", []byte("0 J\n"), 0, 0, 1},
		{"exactly one part", text[:partSize], 0, 0, 1},
		{"parts", text, 0, 0, (len(text) + partSize - 1) / partSize},
		{"huffman middle", noise, 1000, 1000 + partSize + 7, 5},
		{"huffman all", noise, 0, len(noise), 4},
	} {
		s := &stream{data: c.data}
		s.split(c.huff, c.hEnd)
		if len(s.parts) != c.parts {
			t.Errorf("%s: %d parts, want %d", c.name, len(s.parts), c.parts)
		}
		var cs compressors
		for i := range s.parts {
			s.compressPart(&cs, i)
		}
		cs.release()
		z := s.appendZlib(nil)
		if len(z) != s.zlibLen() {
			t.Errorf("%s: zlibLen %d, wrote %d", c.name, s.zlibLen(), len(z))
		}
		r, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !bytes.Equal(got, c.data) {
			t.Errorf("%s: read back %d bytes that differ from the %d written", c.name, len(got), len(c.data))
		}
	}
}

func TestGlyfRange(t *testing.T) {
	dir := func(tags ...string) []byte {
		b := make([]byte, 12+16*len(tags))
		b[5] = byte(len(tags))
		for i, tag := range tags {
			r := b[12+16*i:]
			copy(r, tag)
			off := 100 * (i + 1)
			r[10], r[11], r[15] = byte(off>>8), byte(off), 50
		}
		return append(b, make([]byte, 1000)...)
	}
	for _, c := range []struct {
		name       string
		ttf        []byte
		start, end int
	}{
		{"none", dir("cmap", "head"), 0, 0},
		{"glyf", dir("cmap", "glyf", "head"), 200, 250},
		{"short", []byte{0, 1}, 0, 0},
		{"directory cut off", dir("cmap", "glyf")[:20], 0, 0},
		{"table past the end", dir("cmap", "head", "glyf")[:320], 0, 0},
	} {
		if s, e := glyfRange(c.ttf); s != c.start || e != c.end {
			t.Errorf("%s: %d–%d, want %d–%d", c.name, s, e, c.start, c.end)
		}
	}
}
