package fonts

import (
	"bytes"
	"testing"
)

// FuzzParse: Parse, Has, Advance and Subset must not panic on any input.
func FuzzParse(f *testing.F) {
	body, _ := Bundled("body-FandolFang-Regular.ttf")
	f.Add(compositeFont(f))
	f.Add(body[:2048])
	f.Add([]byte{})
	f.Add([]byte("OTTO\x00\x01garbage"))
	f.Add(bytes.Repeat([]byte{0xFF}, 300))
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse(data, "fuzz")
		if err != nil {
			return
		}
		_ = face.Family()
		_ = face.FamilyNames()
		_ = face.Embeddable()
		var runes []rune
		for _, r := range []rune{0, 'A', 'B', 'C', 'D', '一', 0xFFFF, 0x10000, 0x10FFFF, -1} {
			_ = face.Advance(r)
			if face.Has(r) {
				runes = append(runes, r)
			}
		}
		sub, err := face.Subset(runes)
		if err != nil {
			return
		}
		s, err := Parse(sub, "fuzz subset")
		if err != nil {
			t.Fatalf("subset does not parse: %v", err)
		}
		for _, r := range runes {
			if !s.Has(r) {
				t.Errorf("subset lacks %U", r)
			}
		}
	})
}

// FuzzCollection: reading the names and faces of a font file must not panic either.
func FuzzCollection(f *testing.F) {
	body, _ := Bundled("body-FandolFang-Regular.ttf")
	f.Add(makeCollection(f, compositeFont(f), compositeFont(f)))
	f.Add(body[:4096])
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x02\x00\x00\x00\x14\x00\x00\x00\x20"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		_, dirs, err := readFaceDirs(r, int64(len(data)))
		if err != nil {
			return
		}
		for _, d := range dirs {
			_, _, _, _ = readNames(r, d)
			if font, err := extractFace(r, d); err == nil {
				_, _ = Parse(font, "fuzz face")
			}
		}
	})
}
