package fonts

import "testing"

// TestOutline: glyph outlines are closed contours inside the glyph's advance box.
func TestOutline(t *testing.T) {
	f, err := ParseBundled("title-NotoSerifSC-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "局文件X" {
		segs, err := f.Outline(r)
		if err != nil {
			t.Fatal(err)
		}
		if len(segs) < 4 || segs[0].Op != 'M' || segs[len(segs)-1].Op != 'Z' {
			t.Fatalf("%c: outline %v", r, segs[:min(4, len(segs))])
		}
		moves, closes := 0, 0
		for _, s := range segs {
			switch s.Op {
			case 'M':
				moves++
			case 'Z':
				closes++
			}
			if s.Op != 'Z' && (s.X < -0.1 || s.X > f.Advance(r)+0.1 || s.Y < -0.3 || s.Y > 1.1) {
				t.Errorf("%c: point (%.2f, %.2f) outside the glyph box", r, s.X, s.Y)
				break
			}
		}
		if moves != closes || moves == 0 {
			t.Errorf("%c: %d contours opened, %d closed", r, moves, closes)
		}
	}
	if _, err := f.Outline(0x10FFFF); err == nil {
		t.Error("outline of a missing character")
	}
}

func FuzzOutline(f *testing.F) {
	face, err := ParseBundled("heading1-NotoSansSC-Medium.ttf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(int32('一'))
	f.Fuzz(func(t *testing.T, r int32) {
		face.Outline(rune(r)) // never panics
	})
}
