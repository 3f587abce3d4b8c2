package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/gongwen/gongwen/generator/internal/testdoc"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/pdf"
	"github.com/gongwen/gongwen/generator/typeset"
)

// runTexts lists the text of every run of every page, in drawing order (lines, then
// the page number), as the PDF should give it back.
func runTexts(res *typeset.Result) [][]string {
	var out [][]string
	for _, pg := range res.Pages {
		var page []string
		lines := slices.Clone(pg.Lines)
		if pg.Folio != nil {
			lines = append(lines, pg.Folio)
		}
		for _, l := range lines {
			for _, r := range l.Runs {
				if r.Text != "" {
					page = append(page, r.Text)
				}
			}
		}
		out = append(out, page)
	}
	return out
}

// TestStructure parses a generated document: cross-reference offsets, stream lengths,
// references (see parse), then the objects the file must have.
func TestStructure(t *testing.T) {
	res, data := render(t, 5)
	f := parse(t, data)
	if !slices.Equal(slices.Concat(f.texts(t)...), slices.Concat(runTexts(res)...)) {
		t.Error("the text decoded through ToUnicode is not the typeset text")
	}
	root := f.ref(t, f.trailer, "/Root").dict
	for _, want := range []string{"/Type /Catalog", "/Lang (zh-CN)", "/DisplayDocTitle true"} {
		if !strings.Contains(root, want) {
			t.Errorf("catalog %q lacks %s", root, want)
		}
	}
	info := f.ref(t, f.trailer, "/Info").dict
	for _, want := range []string{"/Producer (gongwen)", "/Title <FEFF68079898>", "/Author <FEFF0058005865D77EDF8BA15C40>",
		"/CreationDate (D:20240110000000Z)", "/ModDate (D:20240110000000Z)"} {
		if !strings.Contains(info, want) {
			t.Errorf("info %q lacks %s", info, want)
		}
	}
	if !regexp.MustCompile(`/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]`).MatchString(f.trailer) {
		t.Errorf("trailer %q has no file identifier", f.trailer)
	}
	pages := f.pages(t)
	if len(pages) != len(res.Pages) {
		t.Fatalf("%d pages, typeset %d", len(pages), len(res.Pages))
	}
	for _, pg := range pages {
		if !strings.Contains(pg.dict, "/Type /Page ") || !strings.Contains(pg.dict, "/MediaBox [0 0 595.28 841.89]") {
			t.Errorf("page %q", pg.dict)
		}
	}

	roles := len(res.Runes())
	type0, cid := f.fontDicts("Type0"), f.fontDicts("CIDFontType2")
	if len(type0) != roles || len(cid) != roles {
		t.Fatalf("%d Type0 and %d CIDFontType2 fonts for %d roles", len(type0), len(cid), roles)
	}
	for _, d := range type0 {
		if !strings.Contains(d, "/Encoding /Identity-H") || !strings.Contains(d, "/ToUnicode ") {
			t.Errorf("Type0 font %q", d)
		}
	}
	for _, d := range cid {
		for _, want := range []string{"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>",
			"/CIDToGIDMap /Identity", "/DW "} {
			if !strings.Contains(d, want) {
				t.Errorf("CIDFontType2 %q lacks %s", d, want)
			}
		}
		if !regexp.MustCompile(`/BaseFont /[A-Z]{6}\+[A-Za-z-]+ `).MatchString(d) {
			t.Errorf("CIDFontType2 %q: BaseFont is not TAG+PostScriptName", d)
		}
		desc := f.ref(t, d, "/FontDescriptor")
		for _, key := range []string{"/Flags 4 ", "/FontBBox [", "/ItalicAngle 0 ", "/Ascent ", "/Descent -", "/CapHeight ", "/StemV "} {
			if !strings.Contains(desc.dict, key) {
				t.Errorf("font descriptor %q lacks %s", desc.dict, key)
			}
		}
		if ff := f.ref(t, desc.dict, "/FontFile2"); !bytes.HasPrefix(ff.stream, []byte{0, 1, 0, 0}) {
			t.Errorf("FontFile2 is not a TrueType file: % x", ff.stream[:4])
		}
	}
}

// TestDeterministicOnAnyCoreCount writes the same document on one and on many cores:
// the bytes must not depend on how the work was shared.
func TestDeterministicOnAnyCoreCount(t *testing.T) {
	p, fonts, subs := setup(t)
	res, err := typeset.Typeset(testdoc.Generated(12), p, fonts)
	if err != nil {
		t.Fatal(err)
	}
	var outs [][]byte
	for _, procs := range []int{1, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		var buf bytes.Buffer
		err := pdf.Write(&buf, res, p, subs, testMeta)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, buf.Bytes())
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[0], outs[2]) {
		t.Error("the bytes depend on GOMAXPROCS")
	}
}

// TestErrors: characters the writer cannot draw are errors that name them, and w gets
// nothing.
func TestErrors(t *testing.T) {
	p, _, subs := setup(t)
	page := func(role layout.Role, text string) *typeset.Result {
		return &typeset.Result{Pages: []*typeset.Page{{Number: 1, Lines: []*typeset.Line{
			{Baseline: 100, Runs: []typeset.Run{{Font: "fangsong", Size: 16, X: 80, Text: "正文"}}},
			{Baseline: 130, Runs: []typeset.Run{{Font: role, Size: 16, X: 80, Text: text}}},
		}}}}
	}
	for _, c := range []struct {
		name string
		res  *typeset.Result
		want []string
	}{
		{"no font", page("nosuchrole", "字"), []string{`"nosuchrole"`}},
		{"missing from the font", page("fangsong", "张珺"), []string{"「珺」", "U+73FA", "fangsong", "第 1 页"}},
		{"beyond the BMP, missing from the font", page("songti", "𠀀"), []string{"「𠀀」", "U+20000"}},
		{"emoji", page("fangsong", "好😀"), []string{"U+1F600"}},
	} {
		var buf bytes.Buffer
		err := pdf.Write(&buf, c.res, p, subs, testMeta)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %s", c.name, err, w)
			}
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written despite the error", c.name, buf.Len())
		}
	}
	var failing failWriter
	if err := pdf.Write(&failing, page("fangsong", "字"), p, subs, testMeta); !errors.Is(err, errDiskFull) {
		t.Errorf("a failing writer gave %v", err)
	}
}

// TestBeyondBMP: a character beyond the Basic Multilingual Plane is drawn with its own
// glyph, and its ToUnicode entry is its UTF-16 surrogate pair, so the text reads back exactly.
func TestBeyondBMP(t *testing.T) {
	p, _, subs := setup(t)
	res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Lines: []*typeset.Line{
		{Baseline: 100, Runs: []typeset.Run{{Font: "xiaobiaosong", Size: 22, X: 80, Text: "表彰王𬌗同志"}}},
		{Baseline: 130, Runs: []typeset.Run{{Font: "songti", Size: 16, X: 80, Text: "𬌗𬍛"}, {Font: "fangsong", Size: 16, X: 112, Text: "王"}}},
	}}}}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	f := parse(t, buf.Bytes())
	if got, want := f.texts(t), runTexts(res); !slices.Equal(got[0], want[0]) {
		t.Errorf("text read back %q, want %q", got[0], want[0])
	}
	for _, role := range []layout.Role{"xiaobiaosong", "songti"} {
		gid := subs[role].GlyphID(0x2C317)
		if gid == 0 {
			t.Fatalf("%s lacks 𬌗", role)
		}
		entry := fmt.Sprintf("<%04X> <D870DF17>", gid)
		found := false
		for _, d := range f.fontDicts("Type0") {
			found = found || strings.Contains(string(f.ref(t, d, "/ToUnicode").stream), entry)
		}
		if !found {
			t.Errorf("no ToUnicode map has %s (𬌗 in %s)", entry, role)
		}
	}
}

var errDiskFull = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// charsOf lists the graphic characters a font draws, in the BMP and in the ideographic
// planes 2 and 3 (𬌗 U+2C317).
func charsOf(s pdf.Subsetter) []rune {
	var out []rune
	for r := rune(0x21); r <= 0x3FFFF; r++ {
		if r == 0x10000 {
			r = 0x20000
		}
		if (r < 0xD800 || r > 0xDFFF) && unicode.IsGraphic(r) && s.GlyphID(r) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// TestRandomRunes draws pages of runs of random characters from every font, at random
// sizes, spacings and colours, with random rules, and reads the text back exactly
// through the ToUnicode maps (and ActualText where two characters share a glyph).
func TestRandomRunes(t *testing.T) {
	p, _, subs := setup(t)
	var roles []layout.Role
	chars := map[layout.Role][]rune{}
	for r, s := range subs {
		roles = append(roles, r)
		chars[r] = charsOf(s)
	}
	slices.Sort(roles)
	for seed := range uint64(3) {
		rng := rand.New(rand.NewPCG(seed, 7))
		res := &typeset.Result{}
		for n := 1; n <= 3; n++ {
			pg := &typeset.Page{Number: n}
			for i := range 22 {
				l := &typeset.Line{Baseline: typeset.Pt(110 + 29*i)}
				x := typeset.Pt(80)
				for range 1 + rng.IntN(3) {
					role := roles[rng.IntN(len(roles))]
					var b strings.Builder
					for range 1 + rng.IntN(20) {
						b.WriteRune(chars[role][rng.IntN(len(chars[role]))])
					}
					run := typeset.Run{Font: role, Size: typeset.Pt(10 + rng.IntN(13)), X: x, Text: b.String(),
						Tc: typeset.Pt(rng.Float64() - 0.5)}
					if rng.IntN(4) == 0 {
						run.Color = typeset.Ink(rng.IntN(2))
					}
					l.Runs = append(l.Runs, run)
					x += 100
				}
				pg.Lines = append(pg.Lines, l)
			}
			for range rng.IntN(5) {
				pg.Rules = append(pg.Rules, typeset.Rule{X1: 80, Y1: typeset.Pt(rng.IntN(800)), X2: 500, Y2: typeset.Pt(rng.IntN(800)),
					Width: typeset.Pt(rng.Float64() * 2), Color: typeset.Ink(rng.IntN(2))})
			}
			res.Pages = append(res.Pages, pg)
		}
		var buf bytes.Buffer
		if err := pdf.Write(&buf, res, p, subs, pdf.Meta{}); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		f := parse(t, buf.Bytes())
		got, want := f.texts(t), runTexts(res)
		for i := range want {
			for j := range want[i] {
				if j >= len(got[i]) || got[i][j] != want[i][j] {
					t.Errorf("seed %d, page %d, run %d: read back %q, want %q", seed, i+1, j, at(got[i], j), want[i][j])
				}
			}
		}
		checkTools(t, fmt.Sprint("random-", seed), buf.Bytes())
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(nothing)"
}

// FuzzWrite draws any string in the body font: either the text comes back exactly, or
// the writer refuses with an error that names a character.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"正文", "张珺", "—―—", "𠀀", "a\xffb", "", "（一）扎实开展“学习”…… 2023年9次"} {
		f.Add(s)
	}
	p, _, subs := setup(f)
	f.Fuzz(func(t *testing.T, s string) {
		res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Lines: []*typeset.Line{
			{Baseline: 100, Runs: []typeset.Run{{Font: "fangsong", Size: 16, X: 80, Text: s}}},
		}}}}
		var buf bytes.Buffer
		if err := pdf.Write(&buf, res, p, subs, pdf.Meta{Title: s, Author: s}); err != nil {
			if !strings.Contains(err.Error(), "U+") {
				t.Fatalf("error without the character: %v", err)
			}
			return
		}
		want := string([]rune(s)) // invalid UTF-8 is drawn as U+FFFD
		if got := slices.Concat(parse(t, buf.Bytes()).texts(t)...); s != "" && (len(got) != 1 || got[0] != want) {
			t.Fatalf("read back %q, want %q", got, want)
		}
	})
}
