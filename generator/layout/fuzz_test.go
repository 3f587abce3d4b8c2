package layout

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/layouts"
)

// FuzzPreset checks that Parse never panics, that every error is a *content.Error in
// the file (placed on one of its lines, or on none), and that a preset it accepts has
// every number in range.
func FuzzPreset(f *testing.F) {
	for _, n := range Names() {
		data, _ := layouts.FS.ReadFile(n + ".toml")
		f.Add(string(data))
	}
	f.Add("base = \"notice\"\n[page]\nwidth_mm = 1e9\n")
	f.Add("base = \"report\"\n[body]\nsize_pt = nan\n[grid]\nlines = 0\n")
	f.Add("base = \"letter\"\n[fonts.fangsong]\nfile = \"x.ttf\"\nnames = [\"仿宋\"]\n")
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse("f.toml", []byte(src))
		if err != nil {
			var e *content.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v", err, err)
			}
			if e.Pos.File != "f.toml" || e.Pos.Line < 0 || e.Pos.Line > strings.Count(src, "\n")+1 || e.Msg == "" {
				t.Fatalf("bad error %#v", e)
			}
			return
		}
		if key, msg := p.validate(); key != "" {
			t.Fatalf("accepted a preset with %s: %s", key, msg)
		}
		if p.LinePitch() <= 0 || p.CharPitch() <= 0 {
			t.Fatalf("pitch %v × %v", p.LinePitch(), p.CharPitch())
		}
	})
}
